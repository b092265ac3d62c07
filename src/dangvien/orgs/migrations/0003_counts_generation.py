"""The counts generation row of orgs.counts_cache."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def first_row(apps: Any, schema_editor: Any) -> None:
    apps.get_model("orgs", "CountsGeneration").objects.create(pk=1, value=0)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0002_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CountsGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
