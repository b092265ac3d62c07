"""The dashboard's cell-health counts: counted by the database, equal to the full report's."""

from __future__ import annotations

from datetime import date
from unittest.mock import patch

import pytest

from dangvien.conftest import World
from dangvien.orgs.domain.enums import OrgType
from dangvien.people.domain.enums import Gender, Status
from dangvien.reports.domain.cells import CellHealthCounts
from dangvien.reports.models import CellSnapshot, SnapshotDay
from dangvien.reports.selectors import snapshot_rows
from dangvien.reports.selectors.cell_counts import cell_counts
from dangvien.reports.selectors.stock import cells_report
from dangvien.reports.selectors.subject import subject_for
from dangvien.reports.snapshot import snapshot_rebuild
from dangvien.reports.tests.factories import add_person, admit
from dangvien.testing import make_org

pytestmark = pytest.mark.django_db

TO = date(2024, 12, 31)


@pytest.fixture
def varied(world: World) -> World:
    """Cells that each show a different warning sign, and one empty cell."""
    op = world.operator
    make_org(op, "CB-A3", "Chi bộ thôn Giữa", OrgType.CELL, "XA-A")  # nobody in it
    for _ in range(9):  # A1: a committee-sized cell, mostly elderly women, no recent admission
        add_person(op, "CB-A1", gender=Gender.FEMALE, birth_date=date(1950, 1, 1))
    for _ in range(3):  # B1: men only, mostly exempt, one admission this year
        add_person(op, "CB-B1", status=Status.EXEMPT)
    admit(op, "CB-B1", date(2024, 3, 1))
    return world


def counts(world: World, code: str) -> tuple[CellHealthCounts, int]:
    subject = subject_for(
        scope=world.operator.scope, code=code, date_from=date(2024, 1, 1), date_to=TO
    )
    found = cell_counts(subject, committee_min=9)
    return found.health, found.with_committee


def test_counts_from_the_snapshot_equal_the_full_reports(varied: World):
    subject = subject_for(
        scope=varied.operator.scope, code="P01", date_from=date(2024, 1, 1), date_to=TO
    )
    with patch.object(snapshot_rows, "snapshot_ready", return_value=False):  # count live
        expected = CellHealthCounts.of(cells_report(subject))
    assert not SnapshotDay.objects.exists()

    health, committee = counts(varied, "P01")  # a province: builds the day's snapshot
    assert SnapshotDay.objects.filter(day=TO, ready=True).exists()

    assert health == expected
    assert (health.cells, health.without_women, health.mostly_elderly) == (4, 1, 1)
    assert (health.mostly_exempt, health.without_recent_admission, committee) == (1, 3, 1)


def test_a_unit_counted_live_gives_the_same_counts(varied: World, monkeypatch):
    monkeypatch.setattr(snapshot_rows, "BUILD_MAX_DEPTH", 0)  # no snapshot: count live
    live = counts(varied, "XA-A")
    assert not SnapshotDay.objects.exists()
    snapshot_rebuild([TO])

    assert counts(varied, "XA-A") == live


def test_the_dashboard_counts_are_the_snapshot_row_of_the_unit(varied: World):
    snapshot_rebuild([TO])
    with patch.object(CellSnapshot.objects, "filter", wraps=CellSnapshot.objects.filter) as read:
        health, committee = counts(varied, "P01")

    read.assert_called_once()
    assert (health.cells, health.few_official_members, committee) == (4, 2, 1)


def test_another_committee_size_is_counted_from_the_cells_members(varied: World):
    snapshot_rebuild([TO])
    subject = subject_for(
        scope=varied.operator.scope, code="P01", date_from=date(2024, 1, 1), date_to=TO
    )

    found = cell_counts(subject, committee_min=3)

    assert found.with_committee == 2  # A1 (9 official) and B1 (3 exempt, official)
    assert found.health == counts(varied, "P01")[0]
