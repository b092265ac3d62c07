"""Folding admissions into cube rows, and laying reports out as tables (no database)."""

from __future__ import annotations

from datetime import date

from dangvien.orgs.domain.tree import encode_segment
from dangvien.people.domain.enums import Gender
from dangvien.plans.domain.quotas import Period
from dangvien.reports.domain.admissions import AdmissionTally, build_admissions_report
from dangvien.reports.domain.cube import PlacedAdmission, fold_admissions
from dangvien.reports.domain.tables import Kind, report_tables
from dangvien.reports.tests.domain import person, scope

ROOT, COMMUNE, CELL_1, CELL_2 = (encode_segment(i) for i in (1, 2, 3, 4))


def test_an_admission_counts_for_every_unit_on_its_path_and_its_own_cell():
    day = date(2023, 3, 1)
    admissions = [
        PlacedAdmission(ROOT + COMMUNE + CELL_1, day, person(gender=Gender.FEMALE)),
        PlacedAdmission(ROOT + COMMUNE + CELL_2, day, person(born=date(2000, 1, 1))),
    ]

    rows = {
        (r.org_id, r.own): (r.cell.admitted, r.cell.categories[1], r.parent_path)
        for r in fold_admissions(admissions)
    }

    assert rows == {
        (1, False): (2, 1, ""),
        (2, False): (2, 1, ROOT),
        (3, False): (1, 1, ROOT + COMMUNE),
        (4, False): (1, 0, ROOT + COMMUNE),
        (3, True): (1, 1, ROOT + COMMUNE),
        (4, True): (1, 0, ROOT + COMMUNE),
    }


def test_ages_are_summed_at_the_decision_date():
    day = date(2023, 3, 1)
    rows = fold_admissions([PlacedAdmission(ROOT, day, person(born=date(2000, 3, 2)))])

    assert [r.cell.age_sum for r in rows] == [22, 22]


def test_the_admissions_tables_keep_numbers_as_numbers():
    report = build_admissions_report(
        scope=scope(),
        tally=AdmissionTally(),
        members_at_start=40,
        quotas={Period.year(2023): 5},
    )

    summary, categories, children = report_tables(report)

    values = {row[0].value: row[1] for row in summary.rows}
    assert values["Chỉ tiêu"].value == 5
    assert values["Chỉ tiêu"].kind is Kind.INT
    assert values["Tỷ lệ so với chỉ tiêu"].value == 0.0
    assert values["Tuổi bình quân khi kết nạp"].value is None
    assert categories.rows[0][0].value == "Từ 18 đến 30 tuổi"
    assert children.unit_codes
