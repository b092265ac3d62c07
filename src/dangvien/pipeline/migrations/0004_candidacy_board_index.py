from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0003_follow_person_action"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="candidacy",
            index=models.Index(
                condition=models.Q(("is_open", True)),
                fields=["stage", "stage_since", "id"],
                name="candidacy_board",
            ),
        ),
    ]
