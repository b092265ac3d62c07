"""The transition log records when the stage each step leaves began (`entered_on`).

The pipeline report's stays then read only the steps of the period instead of every
step of every candidacy with one (a window over the whole log). Filled here for the
steps already recorded, by the same statement the services run (one UPDATE).
"""

from typing import Any

from django.conf import settings
from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    # The statement reads only columns that exist from this migration on.
    from dangvien.pipeline.transition_log import entered_refresh

    entered_refresh()


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0007_drop_covered_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="stagetransition",
            name="entered_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="stagetransition",
            index=models.Index(
                fields=["on"],
                include=("candidacy", "from_stage", "to_stage", "entered_on"),
                name="transition_on",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
