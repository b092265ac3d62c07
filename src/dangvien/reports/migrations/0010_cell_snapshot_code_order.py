"""The flagged cells of a snapshot day in code order: the root's list is read, not sorted."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0004_version_period_indexes"),
        ("reports", "0009_locality_stock_paths"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="cellsnapshot",
            index=models.Index(
                condition=models.Q(("own", True)),
                fields=["day", "code"],
                name="cellsnapshot_own_code",
            ),
        ),
    ]
