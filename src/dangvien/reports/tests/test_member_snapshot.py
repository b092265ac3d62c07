"""The member snapshot: the members and cells reports read it and agree with a live count."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from unittest.mock import patch

import pytest

from dangvien.conftest import World
from dangvien.core.consistency import member_snapshot_check
from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.orgs.models import Locality, Organization
from dangvien.orgs.services import LocalityInput, OrgInput, locality_save, org_change
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.models import Person, StatusPeriod
from dangvien.people.services import person_status_change
from dangvien.reports.models import LocalityStock, MemberSnapshot, SnapshotDay, SnapshotDirty
from dangvien.reports.selectors import report_build, snapshot_rows
from dangvien.reports.selectors.snapshot_rows import snapshot_usable
from dangvien.reports.snapshot import snapshot_mark, snapshot_ready, snapshot_rebuild
from dangvien.reports.tests.factories import add_person

pytestmark = pytest.mark.django_db

TO = date(2024, 12, 31)


def report(
    world: World, kind: str, code: str, *, live: bool = False, as_of: date | None = None
) -> dict:
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
            as_of=as_of,
        ).to_json()


def agrees_with_a_live_count(world: World, *codes: str, as_of: date | None = None) -> bool:
    return all(
        report(world, kind, code, as_of=as_of) == report(world, kind, code, live=True, as_of=as_of)
        for kind in ("members", "cells", "coverage", "admissions")
        for code in codes
    )


@pytest.fixture
def crowded(world: World) -> World:
    op = world.operator
    locality_save(
        actor=op,
        code="TH-TAY",
        data=LocalityInput(
            name="Thôn Tây",
            locality_type=LocalityType.THON,
            commune_code="XA-A",
            cell_code="CB-A2",
            head_id=world.person_a.pk,
        ),
    )
    add_person(op, "CB-A1", since=date(2020, 1, 1), locality_code="TH-DONG")
    add_person(op, "CB-A1", gender=Gender.FEMALE, birth_date=date(1950, 3, 1))
    add_person(op, "CB-A2", status=Status.PROBATIONARY, since=date(2024, 5, 1))
    add_person(op, "CB-B1", status=Status.EXEMPT, birth_date=date(2001, 12, 31), ethnicity="tay")
    return world


def test_a_province_report_builds_the_days_snapshot_and_counts_as_a_live_count(crowded: World):
    assert agrees_with_a_live_count(crowded, "P01", "XA-A", "XA-B")
    assert SnapshotDay.objects.get(day=TO).ready
    assert MemberSnapshot.objects.filter(day=TO, org__code="P01").exists()
    assert report(crowded, "members", "P01")["members"] == 6
    coverage = report(crowded, "coverage", "P01")
    assert (coverage["without_members"], coverage["heads_who_are_members"]) == (1, 1)


def test_a_change_of_status_is_recounted_before_the_next_read(crowded: World):
    report(crowded, "members", "P01")
    person_status_change(
        actor=crowded.operator,
        person_id=crowded.person_a.pk,
        status=Status.OFFICIAL,
        org_code="CB-B1",
        since=date(2024, 7, 1),
    )
    assert SnapshotDirty.objects.filter(day=TO).exists()

    assert agrees_with_a_live_count(crowded, "P01", "XA-A", "XA-B")
    assert not SnapshotDirty.objects.exists()
    children = report(crowded, "members", "P01")["children"]
    assert [c["members"] for c in children] == [3, 3]


def test_a_corrected_gender_is_recounted(crowded: World):
    report(crowded, "members", "P01")
    person = Person.objects.get(pk=crowded.person_b.pk)
    person.gender = Gender.FEMALE.value
    person.save()

    assert agrees_with_a_live_count(crowded, "P01", "XA-B")
    assert report(crowded, "members", "P01")["by_category"]["women"]["count"] == 2


def test_periods_inserted_in_bulk_are_caught_by_the_highest_id_counted(crowded: World):
    report(crowded, "members", "P01")
    extra = add_person(crowded.operator, "CB-B1", since=date(2030, 1, 1))
    StatusPeriod.objects.bulk_create(  # no signals, as an import or the generator writes
        [StatusPeriod(person=extra, org=crowded.cell_a2, status="chinh_thuc", valid_from=TO)]
    )

    assert agrees_with_a_live_count(crowded, "P01", "XA-A")
    assert report(crowded, "members", "P01")["members"] == 7


def test_a_unit_moved_to_another_parent_drops_the_days_it_changes(crowded: World):
    report(crowded, "members", "P01")
    org_change(
        actor=crowded.operator,
        org=Organization.objects.get(code="CB-B1"),
        effective=date(2024, 6, 1),
        data=OrgInput(name="Chi bộ thôn Bắc", org_type=OrgType.CELL, parent_code="XA-A"),
        change="chuyen",
    )

    assert not SnapshotDay.objects.filter(day=TO).exists()
    assert agrees_with_a_live_count(crowded, "P01", "XA-A", "XA-B")
    assert [c["members"] for c in report(crowded, "members", "P01")["children"]] == [6, 0]


def test_a_report_restated_on_another_days_tree_re_places_each_units_own_members(
    crowded: World,
):
    # given: B1 moves from commune B to commune A on 01/06/2025
    org_change(
        actor=crowded.operator,
        org=Organization.objects.get(code="CB-B1"),
        effective=date(2025, 6, 1),
        data=OrgInput(name="Chi bộ thôn Bắc", org_type=OrgType.CELL, parent_code="XA-A"),
        change="chuyen",
    )
    restated_on = date(2025, 12, 31)

    # when: the 2024 reports are restated on the tree of 31/12/2025
    members = report(crowded, "members", "P01", as_of=restated_on)

    # then: B1's members count under A, as a live count places them
    assert [c["members"] for c in members["children"]] == [6, 0]
    assert agrees_with_a_live_count(crowded, "P01", "XA-A", as_of=restated_on)
    # (read from the snapshots of TO and of 1 January, the start of the admissions period)
    assert SnapshotDay.objects.filter(day__in=[TO, date(2024, 1, 1)]).count() == 2


def test_recounting_a_unit_twice_changes_nothing(crowded: World):
    first = report(crowded, "members", "P01")
    for _ in range(2):
        cells = [crowded.cell_a1.pk, crowded.cell_b1.pk]
        snapshot_mark((cell, date.min, date.max) for cell in cells)
        assert snapshot_ready(TO, build=False)

    assert report(crowded, "members", "P01") == first


def test_a_cell_alone_does_not_build_a_snapshot_but_reads_one_that_exists(crowded: World):
    cell_path = "x" * 18  # three segments deep: a commune's cell in the national tree

    assert not snapshot_usable(TO, cell_path)
    assert not SnapshotDay.objects.exists()
    snapshot_rebuild([TO])
    assert snapshot_usable(TO, cell_path)


def test_the_admissions_report_takes_members_at_start_from_a_snapshot_of_that_day(
    crowded: World,
):
    start = date(2024, 1, 1)
    before = report_build(
        scope=crowded.operator.scope, kind="admissions", code="P01", date_from=start, date_to=TO
    ).to_json()
    snapshot_rebuild([start])

    after = report_build(
        scope=crowded.operator.scope, kind="admissions", code="P01", date_from=start, date_to=TO
    ).to_json()

    assert after == before
    assert after["members_at_start"] == 5  # the probationary member joined in May


def test_a_member_who_moves_house_and_a_new_head_are_recounted(crowded: World):
    report(crowded, "coverage", "P01")
    mover = Person.objects.get(locality__code="TH-DONG")
    mover.locality = Locality.objects.get(code="TH-TAY")
    mover.save()
    locality_save(
        actor=crowded.operator,
        code="TH-DONG",
        data=LocalityInput(
            name="Thôn Đông",
            locality_type=LocalityType.THON,
            commune_code="XA-A",
            head_id=crowded.person_b.pk,
        ),
    )

    assert agrees_with_a_live_count(crowded, "P01", "XA-A")
    coverage = report(crowded, "coverage", "P01")
    assert (coverage["without_members"], coverage["heads_who_are_members"]) == (1, 2)


def test_a_head_who_stops_being_a_member_is_recounted(crowded: World):
    report(crowded, "coverage", "P01")
    person_status_change(
        actor=crowded.operator,
        person_id=crowded.person_a.pk,
        status=Status.TRANSFERRED_OUT,
        org_code="CB-A1",
        since=date(2024, 3, 1),
    )

    assert agrees_with_a_live_count(crowded, "P01", "XA-A")
    assert report(crowded, "coverage", "P01")["heads_who_are_members"] == 0


def test_a_locality_given_another_commune_cell_type_and_own_cell_is_recounted(crowded: World):
    before = report(crowded, "coverage", "XA-B")
    locality_save(
        actor=crowded.operator,
        code="TH-TAY",
        data=LocalityInput(
            name="Tổ dân phố Tây",
            locality_type=LocalityType.TO_DAN_PHO,
            commune_code="XA-B",
            cell_code="CB-B1",
            has_independent_cell=True,
            head_id=crowded.person_a.pk,
        ),
    )

    assert agrees_with_a_live_count(crowded, "P01", "XA-A", "XA-B")
    after = report(crowded, "coverage", "XA-B")
    assert after["localities"] == before["localities"] + 1
    assert after["by_type"][LocalityType.TO_DAN_PHO.label] == 1


def test_coverage_of_a_province_reads_only_the_days_locality_rows(crowded: World):
    report(crowded, "coverage", "P01")  # builds the day
    # A row claiming a commune of another tree is not counted: only the stored paths are read.
    LocalityStock.objects.filter(day=TO, locality__code="TH-TAY").update(
        commune_path="zz", cell_path="zz"
    )

    assert report(crowded, "coverage", "P01")["localities"] == (
        report(crowded, "coverage", "P01", live=True)["localities"] - 1
    )
    assert member_snapshot_check().problems == 1


def test_the_consistency_check_passes_after_changes_and_finds_a_tampered_total(crowded: World):
    snapshot_rebuild([TO, date(2024, 1, 1)])
    person_status_change(
        actor=crowded.operator,
        person_id=crowded.person_a.pk,
        status=Status.OFFICIAL,
        org_code="CB-B1",
        since=date(2024, 7, 1),
    )
    assert member_snapshot_check().problems == 0

    MemberSnapshot.objects.filter(day=TO, org__code="XA-A", status="chinh_thuc", own=False).update(
        members=99
    )
    LocalityStock.objects.filter(day=TO, locality__code="TH-DONG").update(members=7)

    # The commune's total, its parent's (no longer the sum of its children), the locality.
    assert member_snapshot_check().problems == 3
