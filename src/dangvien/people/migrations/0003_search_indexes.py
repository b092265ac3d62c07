"""Substring search on `name_key` without scanning the whole table.

PostgreSQL: a pg_trgm GIN index serves `name_key LIKE '%…%'` as Django writes it
for `name_key__contains`, and a larger statistics sample lets the planner tell a
common name ("nguyen van a": walk the name-order index) from a rare one (use the
trigram index). Built CONCURRENTLY so that upgrading a national database does
not block writes while millions of rows are indexed.

SQLite: an FTS5 table with the trigram tokenizer over the same column, kept in
step with people_person by triggers. FTS5 does not fold "đ", but `name_key` is
already folded (core.domain.text.search_key), so folding twice is not needed.
If a later migration rebuilds people_person on SQLite (Django's table remake
drops triggers), it must run SQLITE_TRIGGERS again; tests/scale pins that the
triggers exist and `dangvien check` runs the FTS5 integrity check.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS person_name_trgm "
    "ON people_person USING gin (name_key gin_trgm_ops)",
    "ALTER TABLE people_person ALTER COLUMN name_key SET STATISTICS 1000",
]
PG_BACKWARD = [
    "ALTER TABLE people_person ALTER COLUMN name_key SET STATISTICS -1",
    "DROP INDEX CONCURRENTLY IF EXISTS person_name_trgm",
]

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS people_person_fts USING fts5("
    "name_key, content='people_person', content_rowid='id', tokenize='trigram')"
)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS people_person_fts_insert AFTER INSERT ON people_person BEGIN "
    "INSERT INTO people_person_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
    "CREATE TRIGGER IF NOT EXISTS people_person_fts_delete AFTER DELETE ON people_person BEGIN "
    "INSERT INTO people_person_fts(people_person_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); END",
    "CREATE TRIGGER IF NOT EXISTS people_person_fts_update AFTER UPDATE OF name_key "
    "ON people_person BEGIN "
    "INSERT INTO people_person_fts(people_person_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); "
    "INSERT INTO people_person_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
]
SQLITE_FORWARD = [
    SQLITE_TABLE,
    *SQLITE_TRIGGERS,
    "INSERT INTO people_person_fts(people_person_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS people_person_fts_update",
    "DROP TRIGGER IF EXISTS people_person_fts_delete",
    "DROP TRIGGER IF EXISTS people_person_fts_insert",
    "DROP TABLE IF EXISTS people_person_fts",
]


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("people", "0002_encrypt_citizen_id"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
