"""Load the closed vocabularies and the 34 provinces / 3,321 communes."""

from django.db import migrations


def load(apps, schema_editor):
    from dangvien.core.reference import reference_sync

    reference_sync(apps.get_model("core", "ReferenceTerm"), apps.get_model("core", "AdminUnit"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
