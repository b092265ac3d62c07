"""Seed the quota categories: `Tổng số` and the usual sub-targets."""

from django.db import migrations


def load(apps, schema_editor):
    from dangvien.plans.reference import categories_sync

    categories_sync(apps.get_model("plans", "QuotaCategory"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
