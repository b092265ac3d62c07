"""Emptying the data tables keeps the reference data that migrations loaded."""

from __future__ import annotations

import pytest

from dangvien.core.models import AdminUnit, ReferenceTerm
from dangvien.orgs.models import Organization
from dangvien.plans.models import QuotaCategory
from dangvien.synth.reset import data_truncate, database_is_empty
from dangvien.synth.writer import synth_load

pytestmark = pytest.mark.django_db


def test_truncating_removes_the_generated_units_and_people():
    synth_load("commune", 3)
    assert not database_is_empty()

    data_truncate()

    assert database_is_empty()
    assert not Organization.objects.exists()


def test_truncating_keeps_the_reference_data_loaded_by_migrations():
    categories = set(QuotaCategory.objects.values_list("code", flat=True))
    terms, units = ReferenceTerm.objects.count(), AdminUnit.objects.count()
    assert categories
    assert terms
    assert units

    data_truncate()

    assert set(QuotaCategory.objects.values_list("code", flat=True)) == categories
    assert ReferenceTerm.objects.count() == terms
    assert AdminUnit.objects.count() == units
