"""Index unit versions by start and end: the tree's changes within a period, found by range.

Restated reports (reports.selectors.restated) look up the units whose version changed
between two days, and the days on which the tree changed during a period.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_counts_generation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="orgversion",
            index=models.Index(fields=["valid_from"], name="orgversion_from"),
        ),
        migrations.AddIndex(
            model_name="orgversion",
            index=models.Index(fields=["valid_to"], name="orgversion_to"),
        ),
    ]
