"""Drop the cell and candidacy indexes that lead a composite index (see people 0006)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_counts_generation"),
        ("pipeline", "0006_history_snapshot"),
    ]

    operations = [
        migrations.AlterField(
            model_name="candidacy",
            name="cell",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="candidacies",
                to="orgs.organization",
            ),
        ),
        migrations.AlterField(
            model_name="deadline",
            name="cell",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="orgs.organization",
            ),
        ),
        migrations.AlterField(
            model_name="stagetransition",
            name="candidacy",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="transitions",
                to="pipeline.candidacy",
            ),
        ),
    ]
