"""Deadlines repeat their candidacy's stage; the stays that ended get a pre-aggregate.

The stage is filled here for the deadlines already derived (one UPDATE); the services
and `deadlines_rebuild` write it from now on. Stay editions start empty: the nightly
warm-up or the first report of the root or a province builds them.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL_STAGE = """
    UPDATE pipeline_deadline SET stage = (
        SELECT c.stage FROM pipeline_candidacy c WHERE c.id = pipeline_deadline.candidacy_id
    )
"""


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0004_version_period_indexes"),
        ("pipeline", "0008_transition_entered_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="stage",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.RunSQL(FILL_STAGE, migrations.RunSQL.noop, elidable=False),
        migrations.CreateModel(
            name="StaySnapshotEdition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_day", models.DateField()),
                ("last_day", models.DateField()),
                ("tree_from", models.DateField()),
                ("tree_to", models.DateField()),
                ("ready", models.BooleanField(default=False)),
                ("max_transition_id", models.BigIntegerField(default=0)),
                ("built_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("first_day", "last_day", "tree_from"), name="uniq_stay_edition"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="StaySnapshotDirty",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "org",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="orgs.organization",
                    ),
                ),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pipeline.staysnapshotedition",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="StaySnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("path", models.CharField(max_length=240)),
                ("parent_path", models.CharField(max_length=240)),
                ("from_stage", models.CharField(max_length=40)),
                ("days", models.IntegerField()),
                ("to_stage", models.CharField(max_length=40)),
                ("stays", models.IntegerField()),
                (
                    "org",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="orgs.organization",
                    ),
                ),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pipeline.staysnapshotedition",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["edition", "parent_path"], name="staysnap_children")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("edition", "path", "from_stage", "days", "to_stage"),
                        name="uniq_stay_snapshot",
                    )
                ],
            },
        ),
    ]
