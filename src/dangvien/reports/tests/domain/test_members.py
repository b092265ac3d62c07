from datetime import date

import pytest

from dangvien.people.domain.enums import Gender, Status
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.categories import CategoryTally
from dangvien.reports.domain.members import (
    ChildMembers,
    MemberRow,
    MemberTally,
    build_members_report,
    tally_members,
)
from dangvien.reports.tests.domain import person, scope


def rows() -> list[MemberRow]:
    return [
        MemberRow(person(born=date(1950, 1, 1), gender=Gender.FEMALE), Status.OFFICIAL),
        MemberRow(
            person(
                born=date(2000, 12, 31), ethnicity="tay", youth_union=True, qualification="dai_hoc"
            ),
            Status.PROBATIONARY,
        ),
        MemberRow(person(born=date(1940, 6, 15), religion="cong_giao"), Status.EXEMPT),
    ]


def test_the_report_matches_its_json_field_for_field():
    report_scope = scope()
    child = ChildMembers(
        OrgRef("X-1", "Chi bộ thôn 1"), {Status.OFFICIAL: 1, Status.PROBATIONARY: 1}
    )

    report = build_members_report(
        scope=report_scope, tally=tally_members(rows(), report_scope), children=[child]
    )

    third = {"count": 1, "percent": 33.33}
    assert report.to_json() == {
        "report": "members",
        "org": {"code": "X", "name": "Đảng bộ xã X"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "members": 3,
        "by_status": {"chinh_thuc": 1, "du_bi": 1, "mien_sinh_hoat": 1},
        "by_category": {
            "age_18_30": third,
            "women": third,
            "ethnic_minority": third,
            "religious": third,
            "youth_union": third,
            "college_or_higher": third,
        },
        "average_age": 59.67,  # (73 + 23 + 83) / 3 on 31/12/2023
        "children": [
            {
                "org": {"code": "X-1", "name": "Chi bộ thôn 1"},
                "members": 2,
                "by_status": {"chinh_thuc": 1, "du_bi": 1, "mien_sinh_hoat": 0},
            }
        ],
    }


def test_ages_are_taken_on_the_last_day_of_the_period():
    tally = tally_members(rows(), scope(date(2023, 1, 1), date(2023, 12, 30)))

    assert tally.age_sum == 73 + 22 + 83


def test_a_unit_without_members_has_null_shares_and_age():
    report = build_members_report(scope=scope(), tally=tally_members([], scope()))

    data = report.to_json()
    assert data["members"] == 0
    assert data["by_status"] == {"chinh_thuc": 0, "du_bi": 0, "mien_sinh_hoat": 0}
    assert data["average_age"] is None
    assert data["by_category"]["women"] == {"count": 0, "percent": None}


def test_tallies_of_two_units_add_up():
    whole = tally_members(rows(), scope())

    assert tally_members(rows()[:1], scope()) + tally_members(rows()[1:], scope()) == whole


@pytest.mark.parametrize("status", [Status.CANDIDATE, Status.DECEASED, Status.TRANSFERRED_OUT])
def test_people_who_are_not_members_are_refused(status):
    with pytest.raises(ValueError, match="not a member status"):
        MemberRow(person(), status)


def test_a_tally_refuses_status_counts_that_do_not_add_up_to_the_members():
    with pytest.raises(ValueError, match="do not match"):
        MemberTally(by_status={Status.OFFICIAL: 2}, categories=CategoryTally(3, {}), age_sum=0)


def test_a_tally_refuses_statuses_that_are_not_membership():
    with pytest.raises(ValueError, match="do not match"):
        MemberTally(
            by_status={Status.OFFICIAL: 2, Status.CANDIDATE: 1},
            categories=CategoryTally(3, {}),
            age_sum=0,
        )
