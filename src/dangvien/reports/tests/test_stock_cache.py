"""The cached member stock follows every change of the periods it counts."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.conftest import World
from dangvien.people.domain.enums import Status
from dangvien.people.models import StatusPeriod
from dangvien.people.services import person_status_change
from dangvien.reports.models import MemberStock
from dangvien.reports.selectors import report_build
from dangvien.reports.tests.factories import add_person

pytestmark = pytest.mark.django_db


def members_at_start(world: World, code: str = "XA-A", year: int = 2023) -> int:
    report = report_build(
        scope=world.operator.scope,
        kind="admissions",
        code=code,
        date_from=date(year, 1, 1),
        date_to=date(year, 12, 31),
    )
    return report.to_json()["members_at_start"]


def test_the_stock_is_counted_once_then_read_from_the_cache(world: World):
    assert members_at_start(world) == 1

    assert MemberStock.objects.filter(day=date(2023, 1, 1)).count() == 1
    MemberStock.objects.update(members=99)  # the next report reads the stored figure
    assert members_at_start(world) == 99


def test_a_backdated_move_drops_the_days_it_changes(world: World):
    members_at_start(world, year=2023)
    members_at_start(world, year=2025)

    person_status_change(
        actor=world.operator,
        person_id=world.person_a.pk,
        status=Status.OFFICIAL,
        org_code="CB-B1",
        since=date(2024, 6, 1),
    )

    assert list(MemberStock.objects.values_list("day", flat=True)) == [date(2023, 1, 1)]
    assert members_at_start(world, year=2025) == 0
    assert members_at_start(world, "XA-B", 2025) == 2


def test_periods_loaded_in_bulk_empty_the_cache(world: World):
    members_at_start(world)
    person = add_person(world.operator, "CB-A2", status=Status.CANDIDATE, since=date(2020, 1, 1))

    StatusPeriod.objects.bulk_create(
        [
            StatusPeriod(
                person=person,
                org=world.cell_a1,
                status=Status.OFFICIAL.value,
                valid_from=date(2000, 1, 1),
                valid_to=date(2019, 12, 31),
            ),
        ]
    )

    assert members_at_start(world, year=2019) == 2
    assert members_at_start(world) == 1
