"""Drop the indexes another index already serves, so bulk writes keep fewer indexes current.

Each foreign key dropped here leads a composite index of its table (person_org_sort,
uniq_admission, period_org_dates, period_person), which serves every lookup the
single-column index did. The name key is searched by substring through the trigram
index, which a b-tree cannot serve. PostgreSQL also kept a pattern index for the
citizen ID digest (Django adds one to every indexed text column), but digests are only
ever compared whole. Measured in docs/performance.md ("Đo lại lần bốn").
"""

from importlib import import_module
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

# Migration modules start with a digit: imported by name.
_SEARCH = import_module("dangvien.people.migrations.0003_search_indexes")


def restore_sqlite_search(apps: Any, schema_editor: Any) -> None:
    """Put back the FTS5 triggers: SQLite rebuilds people_person to alter it, dropping them."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*_SEARCH.SQLITE_TRIGGERS, _SEARCH.SQLITE_FORWARD[-1]]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_counts_generation"),
        ("people", "0005_search_names"),
    ]

    operations = [
        # IF EXISTS: only PostgreSQL has this index; the name is Django's, stable.
        migrations.RunSQL(
            "DROP INDEX IF EXISTS people_person_citizen_id_digest_461a293d_like",
            reverse_sql=(
                "CREATE INDEX IF NOT EXISTS people_person_citizen_id_digest_461a293d_like"
                " ON people_person (citizen_id_digest varchar_pattern_ops)"
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="people.person",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="current_org",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="current_people",
                to="orgs.organization",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="name_key",
            field=models.CharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="statusperiod",
            name="org",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="periods",
                to="orgs.organization",
            ),
        ),
        migrations.AlterField(
            model_name="statusperiod",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="periods",
                to="people.person",
            ),
        ),
        migrations.RunPython(restore_sqlite_search, migrations.RunPython.noop, elidable=False),
    ]
