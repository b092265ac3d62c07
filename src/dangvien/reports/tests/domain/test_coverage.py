from dangvien.orgs.domain.enums import LocalityType
from dangvien.reports.domain.coverage import (
    CellCommitteeFacts,
    LocalityFacts,
    build_coverage_report,
)
from dangvien.reports.tests.domain import scope


def locality(
    kind: LocalityType = LocalityType.THON,
    *,
    members: bool = True,
    own_cell: bool = True,
    head: bool = True,
    head_member: bool = True,
) -> LocalityFacts:
    return LocalityFacts(kind, members, own_cell, head, head_member)


def test_the_report_matches_the_contract_field_for_field():
    places = [
        locality(),
        locality(members=False, own_cell=False, head_member=False),
        locality(head=False, head_member=False),
        locality(LocalityType.TO_DAN_PHO),
        locality(LocalityType.TO_DAN_PHO, head_member=False),
    ]
    cells = [CellCommitteeFacts(True), CellCommitteeFacts(False), CellCommitteeFacts(True)]

    report = build_coverage_report(scope=scope(), localities=places, cells=cells)

    assert report.to_json() == {
        "report": "coverage",
        "org": {"code": "X", "name": "Đảng bộ xã X"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "localities": 5,
        "by_type": {"Thôn": 3, "Tổ dân phố": 2},
        "without_members": 1,
        "without_independent_cell": 1,
        "heads": 4,
        "heads_who_are_members": 2,
        "heads_member_percent": 50.0,
        "cells": 3,
        "cells_without_committee": 1,
    }


def test_types_follow_the_vocabulary_order_whatever_the_input_order():
    places = [
        locality(LocalityType.KHU_PHO),
        locality(LocalityType.AP),
        locality(LocalityType.LANG),
    ]

    report = build_coverage_report(scope=scope(), localities=places, cells=[])

    assert list(report.to_json()["by_type"]) == ["Làng", "Ấp", "Khu phố"]


def test_no_recorded_head_gives_a_null_percentage():
    report = build_coverage_report(
        scope=scope(), localities=[locality(head=False, head_member=False)], cells=[]
    )

    assert (report.heads, report.heads_member_percent) == (0, None)


def test_a_head_marked_member_without_a_recorded_head_is_not_counted():
    report = build_coverage_report(
        scope=scope(), localities=[locality(head=False, head_member=True)], cells=[]
    )

    assert report.heads_who_are_members == 0
