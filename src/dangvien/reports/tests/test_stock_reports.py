"""The members, cells and coverage reports: who stood where on the last day of the period."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.conftest import World
from dangvien.orgs.domain.enums import LocalityType
from dangvien.orgs.services import LocalityInput, locality_save
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.services import person_status_change
from dangvien.reports.selectors import coverage, report_build
from dangvien.reports.tests.factories import add_person, admit

pytestmark = pytest.mark.django_db


def build(world: World, kind: str, code: str, to: date, as_of: date | None = None) -> dict:
    return report_build(
        scope=world.operator.scope,
        kind=kind,
        code=code,
        date_from=date(to.year, 1, 1),
        date_to=to,
        as_of=as_of,
    ).to_json()


def test_members_count_each_member_in_the_cell_of_the_last_day(world: World):
    # given: An moves from A1 to A2 in July 2023; a woman of 25 joins A2 as exempt in 2020
    op = world.operator
    person_status_change(
        actor=op,
        person_id=world.person_a.pk,
        status=Status.OFFICIAL,
        org_code="CB-A2",
        since=date(2023, 7, 1),
    )
    add_person(
        op,
        "CB-A2",
        status=Status.EXEMPT,
        since=date(2020, 1, 1),
        gender=Gender.FEMALE,
        birth_date=date(1998, 1, 1),
        ethnicity="nung",
    )

    # when
    march = build(world, "members", "XA-A", date(2023, 3, 31))
    december = build(world, "members", "XA-A", date(2023, 12, 31))

    # then
    assert [(c["org"]["code"], c["members"]) for c in march["children"]] == [
        ("CB-A1", 1),
        ("CB-A2", 1),
    ]
    assert december == {
        "report": "members",
        "org": {"code": "XA-A", "name": "Đảng bộ xã An Phú"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "members": 2,
        "by_status": {"chinh_thuc": 1, "du_bi": 0, "mien_sinh_hoat": 1},
        "by_category": {
            "age_18_30": {"count": 1, "percent": 50.0},
            "women": {"count": 1, "percent": 50.0},
            "ethnic_minority": {"count": 1, "percent": 50.0},
            "religious": {"count": 0, "percent": 0.0},
            "youth_union": {"count": 0, "percent": 0.0},
            "college_or_higher": {"count": 0, "percent": 0.0},
        },
        "average_age": 29.0,  # 33 and 25 on 31/12/2023 (An was born 17/05/1990)
        "children": [
            {
                "org": {"code": "CB-A1", "name": "Chi bộ thôn Đông"},
                "members": 0,
                "by_status": {"chinh_thuc": 0, "du_bi": 0, "mien_sinh_hoat": 0},
            },
            {
                "org": {"code": "CB-A2", "name": "Chi bộ thôn Tây"},
                "members": 2,
                "by_status": {"chinh_thuc": 1, "du_bi": 0, "mien_sinh_hoat": 1},
            },
        ],
    }


def test_the_cells_report_lists_each_warning(world: World):
    # given: A2 has three official members, two of them elderly women; A1 and B1 only one each
    op = world.operator
    for born in (date(1950, 1, 1), date(1955, 1, 1)):
        add_person(op, "CB-A2", since=date(2000, 1, 1), birth_date=born, gender=Gender.FEMALE)
    add_person(op, "CB-A2", since=date(2000, 1, 1))
    admit(op, "CB-A1", date(2022, 5, 5))

    # when
    report = build(world, "cells", "XA-A", date(2023, 12, 31))

    # then
    names = {
        key: [c["code"] for c in report[key]["cells"]]
        for key in (
            "few_official_members",
            "without_women",
            "mostly_elderly",
            "mostly_exempt",
            "without_recent_admission",
        )
    }
    assert report["cells"] == 2
    assert names == {
        "few_official_members": ["CB-A1"],
        "without_women": ["CB-A1"],
        "mostly_elderly": ["CB-A2"],
        "mostly_exempt": [],
        "without_recent_admission": ["CB-A2"],
    }


def test_coverage_counts_localities_heads_and_cells_without_committee(world: World):
    # given: a second village whose head is a candidate, a third whose head is An
    op = world.operator
    candidate = add_person(op, "CB-A2", status=Status.CANDIDATE, since=date(2020, 1, 1))
    locality_save(
        actor=op,
        code="TH-TAY",
        data=LocalityInput(
            name="Thôn Tây",
            locality_type=LocalityType.THON,
            commune_code="XA-A",
            cell_code="CB-A2",
            head_id=candidate.pk,
        ),
    )
    locality_save(
        actor=op,
        code="TDP-1",
        data=LocalityInput(
            name="Tổ dân phố 1",
            locality_type=LocalityType.TO_DAN_PHO,
            commune_code="XA-A",
            has_independent_cell=True,
            head_id=world.person_a.pk,
        ),
    )
    add_person(op, "CB-A1", since=date(2020, 1, 1), locality_code="TH-DONG")

    # when
    report = build(world, "coverage", "XA-A", date(2023, 12, 31))

    # then
    assert {k: v for k, v in report.items() if k not in ("org", "from", "to", "as_of")} == {
        "report": "coverage",
        "localities": 3,
        "by_type": {"Thôn": 2, "Tổ dân phố": 1},
        "without_members": 2,
        "without_independent_cell": 1,
        "heads": 2,
        "heads_who_are_members": 1,
        "heads_member_percent": 50.0,
        "cells": 2,
        "cells_without_committee": 2,
    }


def test_a_cell_with_nine_official_members_counts_as_having_a_committee(world: World):
    # given
    for _ in range(8):
        add_person(world.operator, "CB-B1", since=date(2020, 1, 1))

    # when
    report = build(world, "coverage", "XA-B", date(2023, 12, 31))

    # then: Bình and eight others
    assert (report["cells"], report["cells_without_committee"]) == (1, 0)


def test_a_communes_localities_are_found_alike_by_union_and_by_or(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    # given a locality of the commune attached to a cell, and one attached to the commune only
    op = world.operator
    for code, cell in (("TH-BAC", "CB-A2"), ("TDP-2", "")):
        locality_save(
            actor=op,
            code=code,
            data=LocalityInput(
                name=f"Địa bàn {code}",
                locality_type=LocalityType.THON,
                commune_code="XA-A",
                cell_code=cell,
            ),
        )
    add_person(op, "CB-A2", since=date(2020, 1, 1), locality_code="TH-BAC")
    by_or = build(world, "coverage", "XA-A", date(2023, 12, 31))

    # when the commune counts as small (below the snapshot depth): the union of two lookups
    monkeypatch.setattr(coverage, "BUILD_MAX_DEPTH", 0)
    by_union = build(world, "coverage", "XA-A", date(2023, 12, 31))

    # then
    assert by_union == by_or
    assert by_or["localities"] == 3
