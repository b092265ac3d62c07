"""The distinct names of the people, for name search over a large part of the tree.

PostgreSQL only (SQLite searches with FTS5, migration 0003). A search such as
`dun` matches hundreds of thousands of people nationally, and the list shows
them in Vietnamese name order, so reading the people themselves costs either a
walk of the name-order index past every earlier name or a sort of every match.
People share names (a few hundred thousand distinct names among six million
people), so people.search walks this table in name order instead and reads
people by exact sort key (see that module).

Triggers keep the table complete whoever writes people_person: one statement
trigger per INSERT (or COPY: the import and the generator) that adds the new
rows' distinct names, a row trigger for renames, and a TRUNCATE trigger for
the generator's reset. Names are never removed (a stale one finds nobody).
The triggers are created before the table is filled, and CREATE TRIGGER waits
for writers in progress, so no person written meanwhile can be missed.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

PG_FORWARD = [
    "CREATE TABLE IF NOT EXISTS people_searchname ("
    " sort_key varchar(255) NOT NULL,"
    " name_key varchar(200) NOT NULL,"
    " PRIMARY KEY (sort_key, name_key))",
    "CREATE OR REPLACE FUNCTION people_searchname_add() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO people_searchname (sort_key, name_key) "
    "SELECT DISTINCT sort_key, name_key FROM added ON CONFLICT DO NOTHING; "
    "RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION people_searchname_rename() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO people_searchname (sort_key, name_key) "
    "VALUES (NEW.sort_key, NEW.name_key) ON CONFLICT DO NOTHING; "
    "RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION people_searchname_clear() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN TRUNCATE people_searchname; RETURN NULL; END $$",
    # One trigger call per statement: a COPY of 100,000 people adds their names
    # with one INSERT ... SELECT DISTINCT instead of 100,000 calls.
    "CREATE OR REPLACE TRIGGER people_searchname_insert AFTER INSERT ON people_person "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
    "EXECUTE FUNCTION people_searchname_add()",
    # Per row, but the WHEN clause leaves every update that keeps the name untouched
    # (status changes, moves) without any call.
    "CREATE OR REPLACE TRIGGER people_searchname_update "
    "AFTER UPDATE OF name_key, sort_key ON people_person FOR EACH ROW "
    "WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key "
    "OR OLD.sort_key IS DISTINCT FROM NEW.sort_key) "
    "EXECUTE FUNCTION people_searchname_rename()",
    "CREATE OR REPLACE TRIGGER people_searchname_truncate AFTER TRUNCATE ON people_person "
    "FOR EACH STATEMENT EXECUTE FUNCTION people_searchname_clear()",
    "INSERT INTO people_searchname (sort_key, name_key) "
    "SELECT DISTINCT sort_key, name_key FROM people_person ON CONFLICT DO NOTHING",
    "CREATE INDEX IF NOT EXISTS searchname_trgm ON people_searchname "
    "USING gin (name_key gin_trgm_ops)",
    # VACUUM sets the visibility map, so that walking the names in order reads the
    # primary key alone (index-only scan); autovacuum keeps it set afterwards.
    "VACUUM (ANALYZE) people_searchname",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS people_searchname_truncate ON people_person",
    "DROP TRIGGER IF EXISTS people_searchname_update ON people_person",
    "DROP TRIGGER IF EXISTS people_searchname_insert ON people_person",
    "DROP FUNCTION IF EXISTS people_searchname_clear()",
    "DROP FUNCTION IF EXISTS people_searchname_rename()",
    "DROP FUNCTION IF EXISTS people_searchname_add()",
    "DROP TABLE IF EXISTS people_searchname",
]


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    # Each statement commits on its own: the triggers are live before the fill
    # starts, and the fill (seconds at national scale) does not hold their lock.
    atomic = False

    dependencies = [
        ("people", "0004_membership_cell_decided"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchName",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "sort_key",
                        "name_key",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("sort_key", models.CharField(max_length=255)),
                ("name_key", models.CharField(max_length=200)),
            ],
            options={"db_table": "people_searchname", "managed": False},
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
