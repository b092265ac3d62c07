"""Drop the organiser, class and person indexes another index serves (see people 0006)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_counts_generation"),
        ("people", "0006_drop_covered_indexes"),
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enrolment",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="enrolments",
                to="people.person",
            ),
        ),
        migrations.AlterField(
            model_name="enrolment",
            name="training_class",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="enrolments",
                to="training.trainingclass",
            ),
        ),
        migrations.AlterField(
            model_name="trainingclass",
            name="organiser",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="training_classes",
                to="orgs.organization",
            ),
        ),
    ]
