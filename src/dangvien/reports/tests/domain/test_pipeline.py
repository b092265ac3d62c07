from datetime import date

import pytest

from dangvien.plans.domain.progress import Risk, progress
from dangvien.plans.domain.quotas import Period
from dangvien.reports.domain.pipeline import (
    OpenStep,
    StageExit,
    build_pipeline_report,
    summarise_overdue,
)
from dangvien.reports.tests.domain import scope

STAGES = ["nguon", "danh_sach", "lop", "ho_so"]


def test_the_report_matches_its_json_field_for_field():
    exits = [
        StageExit("nguon", date(2023, 1, 1), date(2023, 1, 31), advanced=True),
        StageExit("nguon", date(2023, 2, 1), date(2023, 3, 3), advanced=False),
        StageExit("nguon", date(2022, 1, 1), date(2022, 12, 31), advanced=True),  # before 2023
        StageExit("lop", date(2023, 3, 1), date(2023, 3, 11), advanced=True),
    ]
    steps = [
        OpenStep("ho_so", "xac_minh_ly_lich", date(2023, 12, 1), "HS-1"),
        OpenStep("ho_so", "gioi_thieu", date(2024, 1, 10), "HS-3"),  # not due yet
        OpenStep("lop", "cap_chung_nhan", date(2023, 11, 1), "HS-2"),
    ]

    report = build_pipeline_report(
        scope=scope(),
        stage_order=STAGES,
        candidates_by_stage={"nguon": 5, "lop": 2},
        exits=exits,
        overdue=summarise_overdue(steps, date(2023, 12, 31)),
    )

    assert report.to_json() == {
        "report": "pipeline",
        "org": {"code": "X", "name": "Đảng bộ xã X"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "candidates": 7,
        "by_stage": {"nguon": 5, "danh_sach": 0, "lop": 2, "ho_so": 0},
        "conversions": [
            {"from": "nguon", "to": "danh_sach", "left": 2, "advanced": 1, "percent": 50.0},
            {"from": "danh_sach", "to": "lop", "left": 0, "advanced": 0, "percent": None},
            {"from": "lop", "to": "ho_so", "left": 1, "advanced": 1, "percent": 100.0},
        ],
        "median_days": {"nguon": 30.0, "danh_sach": None, "lop": 10.0, "ho_so": None},
        "overdue": {
            "count": 2,
            "by_stage": {"lop": 1, "ho_so": 1},
            "steps": [
                {
                    "stage": "lop",
                    "step": "cap_chung_nhan",
                    "due": "2023-11-01",
                    "days_overdue": 60,
                    "ref": "HS-2",
                },
                {
                    "stage": "ho_so",
                    "step": "xac_minh_ly_lich",
                    "due": "2023-12-01",
                    "days_overdue": 30,
                    "ref": "HS-1",
                },
            ],
            "truncated": False,
        },
        "outlook": None,
    }


def test_the_median_of_an_even_number_of_stays_is_the_midpoint():
    exits = [
        StageExit("lop", date(2023, 1, 1), date(2023, 1, 11), advanced=True),
        StageExit("lop", date(2023, 1, 1), date(2023, 1, 16), advanced=True),
    ]

    report = build_pipeline_report(
        scope=scope(), stage_order=STAGES, candidates_by_stage={}, exits=exits
    )

    assert report.to_json()["median_days"]["lop"] == 12.5


def test_a_stage_missing_from_the_order_is_refused():
    with pytest.raises(ValueError, match="ket_nap"):
        build_pipeline_report(
            scope=scope(),
            stage_order=STAGES,
            candidates_by_stage={"ket_nap": 1},
            exits=[],
        )


def test_the_outlook_is_included_when_given():
    outlook = progress(
        period=Period.year(2023), quota=12, admitted_by_month={(2023, 1): 1}, on=date(2023, 2, 28)
    )

    report = build_pipeline_report(
        scope=scope(),
        stage_order=STAGES,
        candidates_by_stage={},
        exits=[],
        outlook=outlook,
    )

    data = report.to_json()["outlook"]
    assert (data["quota"], data["admitted"], data["planned_to_date"]) == (12, 1, 2)
    assert data["risk"] == Risk.ON_TRACK.value


def test_a_long_overdue_list_keeps_exact_counts_and_lists_the_most_overdue():
    steps = [
        OpenStep("lop" if n % 2 else "ho_so", "cap_chung_nhan", date(2023, 1, 1 + n % 28), str(n))
        for n in range(1, 51)
    ]

    overdue = summarise_overdue(steps, date(2023, 12, 31), limit=5)

    assert (overdue.count, overdue.truncated) == (50, True)
    assert overdue.by_stage == {"lop": 25, "ho_so": 25}
    assert [(s.due_on.day, s.ref) for s in overdue.steps] == [
        (1, "28"),
        (2, "1"),
        (2, "29"),
        (3, "2"),
        (3, "30"),
    ]


def test_overdue_ties_order_by_stage_then_dossier_number_not_its_text():
    due = date(2023, 5, 1)
    steps = [
        OpenStep("lop", "b", due, "10"),
        OpenStep("lop", "b", due, "9"),
        OpenStep("ho_so", "b", due, "11"),
        OpenStep("lop", "a", due, "9"),
    ]

    listed = summarise_overdue(steps, date(2023, 12, 31)).steps

    assert [(s.stage, s.ref, s.step) for s in listed] == [
        ("ho_so", "11", "b"),
        ("lop", "9", "a"),
        ("lop", "9", "b"),
        ("lop", "10", "b"),
    ]


def test_the_overdue_counts_follow_the_stage_order():
    steps = [
        OpenStep("ho_so", "x", date(2023, 1, 1), "1"),
        OpenStep("lop", "x", date(2023, 2, 1), "2"),
    ]

    report = build_pipeline_report(
        scope=scope(),
        stage_order=STAGES,
        candidates_by_stage={},
        exits=[],
        overdue=summarise_overdue(steps, date(2023, 12, 31)),
    )

    assert list(report.to_json()["overdue"]["by_stage"]) == ["lop", "ho_so"]
