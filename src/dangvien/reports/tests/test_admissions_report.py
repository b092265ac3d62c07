"""The admissions report, figure by figure, from scenarios built through the services."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.conftest import World
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.services import person_status_change
from dangvien.plans.services import quota_set
from dangvien.reports.selectors import report_build
from dangvien.reports.tests.factories import add_person, admit

pytestmark = pytest.mark.django_db

YEAR = (date(2023, 1, 1), date(2023, 12, 31))


def build(world: World, code: str, period: tuple[date, date] = YEAR, as_of: date | None = None):
    return report_build(
        scope=world.operator.scope,
        kind="admissions",
        code=code,
        date_from=period[0],
        date_to=period[1],
        as_of=as_of,
    ).to_json()


def three_admissions(world: World) -> None:
    """Commune A admits three people in 2023 (and one in 2024), commune B one in 2023."""
    op = world.operator
    admit(
        op,
        "CB-A1",
        date(2023, 3, 1),
        birth_date=date(2000, 5, 10),
        gender=Gender.FEMALE,
        youth_union=True,
        qualification="dai_hoc",
    )
    admit(
        op,
        "CB-A1",
        date(2023, 6, 1),
        birth_date=date(1990, 6, 1),
        ethnicity="tay",
        religion="phat_giao",
    )
    admit(
        op,
        "CB-A2",
        date(2023, 7, 1),
        birth_date=date(2005, 7, 1),
        gender=Gender.FEMALE,
        youth_union=True,
        qualification="cao_dang",
    )
    admit(op, "CB-A2", date(2024, 1, 2))
    admit(op, "CB-B1", date(2023, 9, 9))


def test_the_report_matches_the_contract_field_for_field(world: World):
    # given
    three_admissions(world)
    quota_set(actor=world.operator, org_code="P01", period=2023, number=10)
    quota_set(actor=world.operator, org_code="XA-A", period=2023, number=4)

    # when
    report = build(world, "XA-A")

    # then: A1's member An (official since 2015) is the only member on 01/01/2023
    assert report == {
        "report": "admissions",
        "org": {"code": "XA-A", "name": "Đảng bộ xã An Phú"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "admitted": 3,
        "quota": 4,
        "quota_percent": 75.0,
        "members_at_start": 1,
        "admitted_percent_of_members_at_start": 300.0,
        "by_category": {
            "age_18_30": {"count": 2, "percent": 66.67},
            "women": {"count": 2, "percent": 66.67},
            "ethnic_minority": {"count": 1, "percent": 33.33},
            "religious": {"count": 1, "percent": 33.33},
            "youth_union": {"count": 2, "percent": 66.67},
            "college_or_higher": {"count": 2, "percent": 66.67},
        },
        "average_age": 24.33,  # 22, 33 and 18 at their decisions
        "children": [
            {
                "org": {"code": "CB-A1", "name": "Chi bộ thôn Đông"},
                "admitted": 2,
                "quota": None,
                "quota_percent": None,
            },
            {
                "org": {"code": "CB-A2", "name": "Chi bộ thôn Tây"},
                "admitted": 1,
                "quota": None,
                "quota_percent": None,
            },
        ],
    }


def test_percentages_round_half_up_to_two_decimals(world: World):
    # given: 1 of 8 admissions is a woman (12.5%), quota 7 (3/7 → 42.857…%)
    op = world.operator
    quota_set(actor=op, org_code="P01", period=2023, number=20)
    quota_set(actor=op, org_code="XA-B", period=2023, number=7)
    admit(op, "CB-B1", date(2023, 2, 1), gender=Gender.FEMALE)
    admit(op, "CB-B1", date(2023, 2, 2))
    admit(op, "CB-B1", date(2023, 2, 3))

    # when
    report = build(world, "XA-B")

    # then
    assert report["quota_percent"] == 42.86
    assert report["by_category"]["women"] == {"count": 1, "percent": 33.33}
    assert report["admitted_percent_of_members_at_start"] == 300.0


def test_over_fulfilment_reads_above_one_hundred_percent(world: World):
    # given
    three_admissions(world)
    quota_set(actor=world.operator, org_code="P01", period=2023, number=3)
    quota_set(actor=world.operator, org_code="XA-A", period=2023, number=2)

    # when
    report = build(world, "XA-A")

    # then
    assert (report["admitted"], report["quota"], report["quota_percent"]) == (3, 2, 150.0)
    assert build(world, "P01")["quota_percent"] == 133.33


def test_a_unit_without_quota_reports_nulls_not_zeros(world: World):
    # given: no quota anywhere, and no admission in commune B in 2024
    three_admissions(world)

    # when
    report = build(world, "XA-B", (date(2024, 1, 1), date(2024, 12, 31)))

    # then
    assert report["quota"] is None
    assert report["quota_percent"] is None
    assert report["admitted"] == 0
    assert report["average_age"] is None
    assert report["by_category"]["women"] == {"count": 0, "percent": None}


def test_a_period_over_several_years_has_no_quota_unless_it_is_a_term(world: World):
    # given
    three_admissions(world)
    op = world.operator
    quota_set(actor=op, org_code="XA-A", period="2023", number=5)
    quota_set(actor=op, org_code="XA-A", period="2020-2025", number=30)

    # when
    term = build(world, "XA-A", (date(2020, 1, 1), date(2025, 12, 31)))
    odd = build(world, "XA-A", (date(2023, 6, 1), date(2024, 6, 30)))
    year_to_date = build(world, "XA-A", (date(2023, 1, 1), date(2023, 6, 30)))

    # then
    assert (term["admitted"], term["quota"], term["quota_percent"]) == (4, 30, 13.33)
    assert (odd["admitted"], odd["quota"]) == (3, None)
    assert (year_to_date["admitted"], year_to_date["quota"]) == (2, 5)


def test_an_admission_counts_in_the_cell_that_admitted_after_the_member_moves(world: World):
    # given: admitted in A1 in February, moved to commune B's cell in August
    op = world.operator
    person = admit(op, "CB-A1", date(2023, 2, 1))
    person_status_change(
        actor=op,
        person_id=person.pk,
        status=Status.PROBATIONARY,
        org_code="CB-B1",
        since=date(2023, 8, 1),
    )

    # when
    commune_a = build(world, "XA-A")
    commune_b = build(world, "XA-B")

    # then
    assert commune_a["admitted"] == 1
    assert commune_b["admitted"] == 0
    assert commune_b["members_at_start"] == 1  # Bình only; the newcomer came after 01/01


def test_members_at_start_count_official_exempt_and_probationary_on_the_first_day(world: World):
    # given
    op = world.operator
    add_person(op, "CB-A1", status=Status.EXEMPT, since=date(2020, 1, 1))
    add_person(op, "CB-A1", status=Status.PROBATIONARY, since=date(2022, 12, 31))
    add_person(op, "CB-A1", status=Status.PROBATIONARY, since=date(2023, 1, 2))
    add_person(op, "CB-A1", status=Status.CANDIDATE, since=date(2020, 1, 1))

    # when
    report = build(world, "CB-A1")

    # then: An, the exempt and the first probationary member
    assert report["members_at_start"] == 3
