"""Fixtures of the import tests: run a workbook built in the test, snapshot the database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from dangvien.accounts.actor import Actor
from dangvien.imports.services import ImportResult, workbook_import
from dangvien.imports.tests.workbooks import Rows, write_xlsx
from dangvien.orgs.models import Locality, Organization, OrgVersion
from dangvien.people.models import CellTally, Membership, Person, PositionHeld, StatusPeriod
from dangvien.plans.models import Quota
from dangvien.testing import World
from dangvien.training.models import Enrolment, TrainingClass

Importer = Callable[..., ImportResult]

_TABLES: list[tuple[Any, tuple[str, ...]]] = [
    (Organization, ("code", "name", "org_type")),
    (
        OrgVersion,
        ("org_id", "name", "org_type", "parent_id", "may_admit", "valid_from", "valid_to"),
    ),
    (Locality, ("code", "name", "locality_type", "commune_id", "cell_id", "head_id")),
    (
        Person,
        (
            "citizen_id_digest",
            "full_name",
            "birth_date",
            "gender",
            "ethnicity",
            "current_org_id",
            "current_status",
            "locality_id",
            "version",
        ),
    ),
    (StatusPeriod, ("person_id", "org_id", "status", "valid_from", "valid_to")),
    (Membership, ("person_id", "decision_date", "ceremony_date", "official_date", "end_date")),
    (PositionHeld, ("person_id", "title", "label", "valid_to")),
    (CellTally, ("org_id", "status", "count")),
    (Quota, ("org_id", "start_year", "end_year", "category_id", "number")),
    (TrainingClass, ("code", "class_type", "organiser_id", "start_date", "end_date")),
    (Enrolment, ("training_class_id", "person_id", "result", "certificate_number")),
]


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Return the content of every table an import writes, for before/after comparisons."""
    return {
        model.__name__: sorted(model.objects.values_list(*fields), key=repr)
        for model, fields in _TABLES
    }


@pytest.fixture
def run_import(world: World, tmp_path: Path) -> Importer:
    """Return a function that writes sheets to an .xlsx and imports it (as the operator)."""
    counter = iter(range(1000))

    def run(
        sheets: Mapping[str, Rows], *, actor: Actor | None = None, dry_run: bool = False
    ) -> ImportResult:
        path = write_xlsx(tmp_path / f"tep-{next(counter)}.xlsx", sheets)
        return workbook_import(actor=actor or world.operator, path=path, dry_run=dry_run)

    return run


def messages(result: ImportResult) -> list[str]:
    """Return the error messages of an import, in sheet, row and column order."""
    return [issue.message for issue in result.errors]


def located(result: ImportResult) -> list[tuple[str, int | None, str | None, str]]:
    """Return (sheet, row, column, message) of every error."""
    return [(i.sheet, i.row, i.column, i.message) for i in result.errors]
