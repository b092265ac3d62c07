"""The cell snapshot: the cells and coverage reports read it and agree with a live count."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from unittest.mock import patch

import pytest

from dangvien.conftest import World
from dangvien.core.consistency import cell_snapshot_check
from dangvien.orgs.domain.enums import OrgType
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.models import Membership, Person
from dangvien.people.services import person_status_change
from dangvien.reports.domain.cells import CellHealthRules
from dangvien.reports.models import CellSnapshot, SnapshotDay
from dangvien.reports.selectors import report_build, snapshot_rows
from dangvien.reports.selectors.stock import cells_report
from dangvien.reports.selectors.subject import subject_for
from dangvien.reports.snapshot import snapshot_mark, snapshot_ready, snapshot_rebuild
from dangvien.reports.tests.factories import add_person, admit
from dangvien.testing import make_org

pytestmark = pytest.mark.django_db

TO = date(2024, 12, 31)


@pytest.fixture
def varied(world: World) -> World:
    """Cells that each show different warning signs, and one empty cell."""
    op = world.operator
    make_org(op, "CB-A3", "Chi bộ thôn Giữa", OrgType.CELL, "XA-A")  # nobody in it
    for _ in range(9):  # A1: a committee-sized cell, mostly elderly women, no recent admission
        add_person(op, "CB-A1", gender=Gender.FEMALE, birth_date=date(1950, 1, 1))
    for _ in range(3):  # B1: men only, mostly exempt, one admission this year
        add_person(op, "CB-B1", status=Status.EXEMPT)
    admit(op, "CB-B1", date(2024, 3, 1))
    return world


def report(world: World, kind: str, code: str, *, live: bool = False) -> dict:
    """Return a report on TO; `live` counts from the status periods, never from a snapshot."""
    with (
        patch.object(snapshot_rows, "snapshot_ready", return_value=False) if live else nullcontext()
    ):
        return report_build(
            scope=world.operator.scope,
            kind=kind,
            code=code,
            date_from=date(2024, 1, 1),
            date_to=TO,
        ).to_json()


def agrees_with_a_live_count(world: World) -> bool:
    return all(
        report(world, kind, code) == report(world, kind, code, live=True)
        for kind in ("cells", "coverage")
        for code in ("P01", "XA-A", "XA-B", "CB-A1")
    )


def listed(world: World, warning: str, code: str = "P01") -> list[str]:
    return [c["code"] for c in report(world, "cells", code)[warning]["cells"]]


def test_a_province_report_reads_the_cell_snapshot_and_equals_a_live_count(varied: World):
    cells = report(varied, "cells", "P01")  # a province: builds the day's snapshot

    assert SnapshotDay.objects.filter(day=TO, ready=True).exists()
    assert CellSnapshot.objects.get(day=TO, org__code="P01", own=False).cells == 4
    assert agrees_with_a_live_count(varied)
    assert cells["cells"] == 4
    assert listed(varied, "few_official_members") == ["CB-A2", "CB-A3"]
    assert listed(varied, "mostly_exempt") == ["CB-B1"]
    assert listed(varied, "mostly_elderly") == ["CB-A1"]
    assert listed(varied, "without_recent_admission") == ["CB-A1", "CB-A2", "CB-A3"]
    assert report(varied, "coverage", "P01")["cells_without_committee"] == 3


def test_only_cells_showing_a_sign_keep_a_row_of_their_own(varied: World):
    snapshot_rebuild([TO])
    admit(varied.operator, "CB-A3", date(2024, 6, 1))
    for _ in range(3):  # A3: three official women and one admitted this year: no sign
        add_person(varied.operator, "CB-A3", gender=Gender.FEMALE)

    assert report(varied, "cells", "P01")["cells"] == 4
    own = CellSnapshot.objects.filter(day=TO, own=True)
    assert sorted(own.values_list("code", flat=True)) == ["CB-A1", "CB-A2", "CB-B1"]
    assert agrees_with_a_live_count(varied)


def test_a_change_of_status_is_recounted_before_the_next_read(varied: World):
    report(varied, "cells", "P01")
    woman = Person.objects.filter(current_org=varied.cell_a1, gender=Gender.FEMALE.value)[0]
    person_status_change(
        actor=varied.operator,
        person_id=woman.pk,
        status=Status.OFFICIAL,
        org_code="CB-B1",
        since=date(2024, 7, 1),
    )

    assert agrees_with_a_live_count(varied)
    assert listed(varied, "without_women") == []  # B1 now has a woman
    assert cell_snapshot_check().problems == 0


def test_an_admission_recorded_after_the_build_clears_the_sign(varied: World):
    report(varied, "cells", "P01")
    admit(varied.operator, "CB-A1", date(2024, 11, 1))

    assert listed(varied, "without_recent_admission") == ["CB-A2", "CB-A3"]
    assert agrees_with_a_live_count(varied)


def test_a_corrected_decision_date_moves_the_sign_back(varied: World):
    report(varied, "cells", "P01")
    membership = Membership.objects.get(admitted_in__code="CB-B1")
    membership.decision_date = date(2020, 3, 1)  # more than three years before TO
    membership.save()

    assert listed(varied, "without_recent_admission") == ["CB-A1", "CB-A2", "CB-A3", "CB-B1"]
    assert agrees_with_a_live_count(varied)


def test_admissions_inserted_in_bulk_are_caught_by_the_highest_id_counted(varied: World):
    report(varied, "cells", "P01")
    Membership.objects.bulk_create(  # no signals, as an import or the generator writes
        [
            Membership(
                person=varied.person_a2, admitted_in=varied.cell_a2, decision_date=date(2024, 5, 2)
            )
        ]
    )

    assert listed(varied, "without_recent_admission") == ["CB-A1", "CB-A3"]
    assert agrees_with_a_live_count(varied)


def test_recounting_cells_twice_changes_nothing(varied: World):
    first = report(varied, "cells", "P01")
    for _ in range(2):
        cells = [varied.cell_a1.pk, varied.cell_b1.pk, varied.commune_a.pk]
        snapshot_mark((cell, date.min, date.max) for cell in cells)
        assert snapshot_ready(TO, build=False)

    assert report(varied, "cells", "P01") == first
    assert cell_snapshot_check().problems == 0


def test_other_rules_are_counted_live(varied: World):
    snapshot_rebuild([TO])
    subject = subject_for(
        scope=varied.operator.scope, code="P01", date_from=date(2024, 1, 1), date_to=TO
    )

    strict = cells_report(subject, CellHealthRules(min_official_members=11)).to_json()

    assert strict["few_official_members"]["count"] == 4  # A1's 10 are below 11


def test_the_consistency_check_finds_a_tampered_sign_and_total(varied: World):
    snapshot_rebuild([TO, date(2024, 1, 1)])
    assert cell_snapshot_check().problems == 0

    CellSnapshot.objects.filter(day=TO, org__code="CB-A1", own=True).update(mostly_elderly=0)
    CellSnapshot.objects.filter(day=TO, org__code="XA-B", own=False).update(cells=5)

    # The cell's own row; the commune's total and its parent's (no longer the sum).
    assert cell_snapshot_check().problems == 3


def test_reading_the_cells_report_from_the_snapshot_takes_a_fixed_number_of_queries(
    varied: World, django_assert_max_num_queries
):
    report(varied, "cells", "P01")
    with django_assert_max_num_queries(8):
        report(varied, "cells", "P01")
    for i in range(5):  # more cells, more flagged cells: no more queries
        make_org(varied.operator, f"CB-A9{i}", f"Chi bộ {i}", OrgType.CELL, "XA-A")
    report(varied, "cells", "P01")
    with django_assert_max_num_queries(8):
        report(varied, "cells", "P01")
