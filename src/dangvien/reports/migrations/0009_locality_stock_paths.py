"""A row per locality on each snapshot day, with its commune's and cell's paths that day.

The `coverage` report of a subtree then counts localities from this table alone instead
of joining every span of the subtree to the localities. The days already built are
counted again here, by the statement the snapshot runs (their old rows lack the paths).
"""

from typing import Any

from django.db import migrations, models


def recount(apps: Any, schema_editor: Any) -> None:
    # The statements read only columns that exist from this migration on.
    from dangvien.reports.locality_stock import locality_count

    stock = apps.get_model("reports", "LocalityStock")
    for day in apps.get_model("reports", "SnapshotDay").objects.values_list("day", flat=True):
        stock.objects.filter(day=day).delete()
        locality_count(day)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0004_version_period_indexes"),
        ("reports", "0008_cell_snapshot"),
    ]

    operations = [
        migrations.AddField(
            model_name="localitystock",
            name="locality_type",
            field=models.CharField(default="", max_length=20),
        ),
        migrations.AddField(
            model_name="localitystock",
            name="has_independent_cell",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="localitystock",
            name="has_head",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="localitystock",
            name="commune_path",
            field=models.CharField(default="", max_length=240),
        ),
        migrations.AddField(
            model_name="localitystock",
            name="cell_path",
            field=models.CharField(default="", max_length=240),
        ),
        migrations.AddIndex(
            model_name="localitystock",
            index=models.Index(
                fields=["day", "commune_path"],
                name="localitystock_commune",
                opclasses=["date_ops", "varchar_pattern_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="localitystock",
            index=models.Index(
                fields=["day", "cell_path"],
                name="localitystock_cell",
                opclasses=["date_ops", "varchar_pattern_ops"],
            ),
        ),
        # After the indexes: PostgreSQL refuses to alter a table with pending foreign-key
        # checks from rows inserted in the same transaction.
        migrations.RunPython(recount, migrations.RunPython.noop, elidable=False),
    ]
