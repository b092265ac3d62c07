"""Export a synthetic commune in the import format, import it into an empty database: same data.

"Same" is checked twice: the reports of the commune are identical, and exporting
again gives exactly the same workbook, cell for cell.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from dangvien.accounts.actor import operator_actor
from dangvien.accounts.scope import global_scope
from dangvien.cli.commands.demo import EXTRA_SEEDERS
from dangvien.imports.export_workbook import workbook_export
from dangvien.imports.services import workbook_import
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import Organization
from dangvien.people.models import Person
from dangvien.plans.models import QuotaCategory
from dangvien.plans.reference import categories_sync
from dangvien.reports.selectors import report_build
from dangvien.synth.reset import data_truncate
from dangvien.synth.writer import synth_load

pytestmark = pytest.mark.django_db

KINDS = ("admissions", "members", "cells", "coverage", "training")


def _sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _reports(code: str) -> dict[str, Any]:
    today = timezone.localdate()
    scope = global_scope()
    found = {}
    for kind in KINDS:
        for start in (date(2019, 1, 1), date(today.year, 1, 1)):
            report = report_build(scope=scope, kind=kind, code=code, date_from=start, date_to=today)
            found[f"{kind}:{start}"] = asdict(report)  # type: ignore[call-overload]
    return found


def _root_and_commune() -> tuple[str, str]:
    root = Organization.objects.get(org_type=OrgType.PROVINCE).code
    commune = Organization.objects.filter(org_type=OrgType.COMMUNE).order_by("code").first()
    assert commune is not None
    return root, commune.code


def _load_demo_commune() -> None:
    """Load a synthetic commune with quotas, classes and trainees (the demo's seeders)."""
    synth_load("commune", 7, accounts=False)
    for module, seeder in EXTRA_SEEDERS:
        if module in ("dangvien.plans.demo", "dangvien.training.demo") and find_spec(module):
            getattr(import_module(module), seeder)(seed=7)


def test_a_commune_exported_and_imported_into_an_empty_database_is_the_same(tmp_path: Path):
    _load_demo_commune()
    root, commune = _root_and_commune()
    reports_before = _reports(commune)
    first = tmp_path / "xuat-1.xlsx"
    workbook_export(actor=operator_actor(), org_code=root, target=first)
    people = Person.objects.count()

    data_truncate()
    categories_sync(QuotaCategory)
    result = workbook_import(actor=operator_actor(), path=first)

    assert result.written, result.errors[:5]
    assert Person.objects.count() == people
    assert all(result.counts[sheet]["created"] for sheet in ("ChiTieu", "LopHoc", "HocVien"))
    assert _reports(commune) == reports_before
    second = tmp_path / "xuat-2.xlsx"
    workbook_export(actor=operator_actor(), org_code=root, target=second)
    assert _sheets(second) == _sheets(first)
