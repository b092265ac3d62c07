from datetime import date

from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.cells import (
    CellFacts,
    CellHealthRules,
    build_cells_report,
    elderly_birth_cutoff,
    recent_admission_start,
)
from dangvien.reports.tests.domain import scope

HEALTHY = CellFacts(OrgRef("A", "Chi bộ A"), 5, 4, 2, 1, 0, date(2022, 5, 1))
SMALL_OLD_MEN = CellFacts(OrgRef("B", "Chi bộ B"), 2, 2, 0, 1, 0, date(2020, 12, 31))
HALF_ELDERLY = CellFacts(OrgRef("C", "Chi bộ C"), 4, 4, 1, 2, 2, date(2021, 1, 1))
MOSTLY_EXEMPT = CellFacts(OrgRef("D", "Chi bộ D"), 3, 3, 1, 0, 2, None)


def test_the_report_lists_each_warning_sign():
    cells = [HEALTHY, SMALL_OLD_MEN, HALF_ELDERLY, MOSTLY_EXEMPT]

    report = build_cells_report(scope=scope(), cells=cells)

    def listed(*codes: str) -> dict[str, object]:
        return {
            "count": len(codes),
            "cells": [{"code": c, "name": f"Chi bộ {c}"} for c in codes],
        }

    assert report.to_json() == {
        "report": "cells",
        "org": {"code": "X", "name": "Đảng bộ xã X"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "rules": {"min_official_members": 3, "elderly_age": 60, "admission_years": 3},
        "cells": 4,
        "few_official_members": listed("B"),
        "without_women": listed("B"),
        "mostly_elderly": listed("B", "C"),  # at least half: 1 of 2, 2 of 4
        "mostly_exempt": listed("D"),  # more than half: 2 of 3, not 2 of 4
        "without_recent_admission": listed("B", "D"),  # 01/01/2021 is inside the 3 years
    }


def test_an_admission_after_the_report_end_does_not_count_as_recent():
    later = CellFacts(OrgRef("E", "Chi bộ E"), 5, 5, 1, 0, 0, date(2024, 2, 1))

    report = build_cells_report(scope=scope(), cells=[later])

    assert report.without_recent_admission.cells == (later.org,)


def test_the_thresholds_are_parameters():
    rules = CellHealthRules(min_official_members=5, elderly_age=70, admission_years=1)

    report = build_cells_report(scope=scope(), cells=[HEALTHY], rules=rules)

    assert report.few_official_members.cells == (HEALTHY.org,)
    assert report.without_recent_admission.cells == (HEALTHY.org,)


def test_an_empty_cell_is_not_flagged_for_women_or_age():
    empty = CellFacts(OrgRef("F", "Chi bộ F"), 0, 0, 0, 0, 0, None)

    report = build_cells_report(scope=scope(), cells=[empty])

    assert report.without_women.cells == ()
    assert report.mostly_elderly.cells == ()
    assert report.few_official_members.cells == (empty.org,)


def test_the_windows_selectors_need_are_exposed():
    rules = CellHealthRules()

    assert elderly_birth_cutoff(date(2023, 12, 31), rules) == date(1963, 12, 31)
    assert recent_admission_start(date(2023, 12, 31), rules) == date(2021, 1, 1)
    assert recent_admission_start(date(2024, 2, 29), rules) == date(2021, 3, 1)
