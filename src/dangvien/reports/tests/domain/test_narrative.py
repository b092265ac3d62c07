from datetime import date

import pytest

from dangvien.orgs.domain.enums import LocalityType
from dangvien.people.domain.enums import Status
from dangvien.plans.domain.forecast import Forecast
from dangvien.plans.domain.progress import Progress, progress
from dangvien.plans.domain.quotas import Period
from dangvien.reports.domain.admissions import AdmissionTally, build_admissions_report
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.categories import Category, CategoryTally
from dangvien.reports.domain.cells import CellFacts, CellsReport, build_cells_report
from dangvien.reports.domain.coverage import (
    CellCommitteeFacts,
    LocalityFacts,
    build_coverage_report,
)
from dangvien.reports.domain.members import MemberTally, build_members_report
from dangvien.reports.domain.narrative import (
    admissions_text,
    cells_text,
    coverage_text,
    members_text,
    pipeline_text,
    report_text,
    training_text,
)
from dangvien.reports.domain.pipeline import (
    OpenStep,
    PipelineReport,
    build_pipeline_report,
    summarise_overdue,
)
from dangvien.reports.domain.training import ClassFacts, build_training_report
from dangvien.reports.tests.domain import scope
from dangvien.training.domain.enums import ClassType

YEAR_2023 = Period.year(2023)
PRESS_SHARES = {  # of 57: 61,40% young, 47,37% women, 21,05% minorities, 52,63% college
    Category.AGE_18_30: 35,
    Category.WOMEN: 27,
    Category.ETHNIC_MINORITY: 12,
    Category.COLLEGE_OR_HIGHER: 30,
}


def admissions(
    admitted: int,
    *,
    quota: int | None = None,
    members_at_start: int = 1170,
    counts: dict[Category, int] | None = None,
    date_from: date = date(2023, 1, 1),
) -> str:
    tally = AdmissionTally(CategoryTally(admitted, counts or {}), age_sum=27 * admitted)
    report = build_admissions_report(
        scope=scope(date_from),
        tally=tally,
        members_at_start=members_at_start,
        quotas={} if quota is None else {YEAR_2023: quota},
    )
    return admissions_text(report)


def test_the_admissions_paragraph_reads_like_a_committee_report():
    text = admissions(57, counts=PRESS_SHARES)

    assert text == (
        "Từ ngày 01/01/2023 đến ngày 31/12/2023, Đảng bộ xã X đã kết nạp được 57 đảng viên "
        "mới, bằng 4,87% tổng số đảng viên đầu năm; trong đó đảng viên trẻ từ 18 đến 30 tuổi "
        "chiếm 61,40%, nữ chiếm 47,37%, người dân tộc thiểu số chiếm 21,05%, trình độ cao "
        "đẳng trở lên chiếm 52,63%; tuổi bình quân khi kết nạp là 27,00."
    )


def test_a_quota_met_exactly_reads_100_percent():
    text = admissions(57, quota=57)

    assert "đã kết nạp được 57 đảng viên mới, đạt 100% chỉ tiêu được giao (57 đảng viên)," in text


def test_a_quota_not_met_reads_the_share_reached():
    text = admissions(57, quota=62)

    assert "đạt 91,94% chỉ tiêu được giao (62 đảng viên)" in text


def test_a_quota_exceeded_reads_by_how_much():
    text = admissions(23, quota=18)

    assert "đã kết nạp được 23 đảng viên mới, vượt 27,78% chỉ tiêu được giao (18 đảng viên)" in text


@pytest.mark.parametrize("quota", [None, 0])
def test_without_a_quota_the_quota_sentence_is_left_out(quota):
    text = admissions(57, quota=quota)

    assert "chỉ tiêu" not in text
    assert "đã kết nạp được 57 đảng viên mới, bằng 4,87%" in text


def test_zero_admissions_read_as_none_yet_with_the_quota():
    text = admissions(0, quota=18)

    assert text == (
        "Từ ngày 01/01/2023 đến ngày 31/12/2023, Đảng bộ xã X chưa kết nạp được đảng viên mới "
        "nào (chỉ tiêu được giao: 18 đảng viên)."
    )


def test_a_period_not_starting_on_1_january_compares_with_members_at_its_start():
    text = admissions(57, date_from=date(2023, 7, 1))

    assert "Từ ngày 01/07/2023 đến ngày 31/12/2023" in text
    assert "bằng 4,87% tổng số đảng viên đầu kỳ" in text


def test_large_figures_use_the_vietnamese_thousands_separator():
    text = admissions(5348, quota=5000, members_at_start=0)

    assert (
        "kết nạp được 5.348 đảng viên mới, vượt 6,96% chỉ tiêu được giao (5.000 đảng viên)" in text
    )
    assert "tổng số đảng viên" not in text  # no members at the start: no share


def test_the_english_admissions_paragraph_uses_english_numbers():
    tally = AdmissionTally(CategoryTally(5348, {Category.WOMEN: 2674}), age_sum=5348 * 30)
    report = build_admissions_report(
        scope=scope(), tally=tally, members_at_start=100000, quotas={YEAR_2023: 5000}
    )

    assert admissions_text(report, lang="en") == (
        "From 01/01/2023 to 31/12/2023, Đảng bộ xã X admitted 5,348 new members, exceeding "
        "the assigned quota (5,000 members) by 6.96%, equal to 5.35% of the members at the "
        "start of the year; of them, women make up 50.00%; the average age at admission is 30.00."
    )


@pytest.mark.parametrize(
    ("admitted", "quota", "wording"),
    [
        (18, 18, "meeting 100% of the assigned quota (18 members)"),
        (9, 18, "50.00% of the assigned quota (18 members)"),
        (0, 1, "has not admitted any new member (assigned quota: 1 member)."),
    ],
)
def test_the_english_quota_wording(admitted, quota, wording):
    tally = AdmissionTally(CategoryTally(admitted, {}), age_sum=0)
    report = build_admissions_report(
        scope=scope(), tally=tally, members_at_start=0, quotas={YEAR_2023: quota}
    )

    assert wording in admissions_text(report, lang="en")


def test_the_training_paragraph_counts_classes_and_trainees_per_type():
    classes = [
        ClassFacts(ClassType.AWARENESS, date(2023, 3, 1), 70, 70),
        ClassFacts(ClassType.AWARENESS, date(2023, 6, 1), 72, 70),
        ClassFacts(ClassType.AWARENESS, date(2023, 9, 1), 72, 70),
        ClassFacts(ClassType.NEW_MEMBER_THEORY, date(2023, 10, 1), 57, 57),
    ]
    report = build_training_report(scope=scope(), classes=classes)

    assert training_text(report) == (
        "Từ ngày 01/01/2023 đến ngày 31/12/2023, Đảng bộ xã X đã mở 3 lớp bồi dưỡng nhận thức "
        "về Đảng với 214 học viên (210 học viên hoàn thành), 1 lớp bồi dưỡng lý luận chính trị "
        "cho đảng viên mới với 57 học viên (57 học viên hoàn thành)."
    )
    assert training_text(report, lang="en") == (
        "From 01/01/2023 to 31/12/2023, Đảng bộ xã X opened 3 Party awareness classes with 214 "
        "trainees (210 completed), 1 political theory class for new members with 57 trainees "
        "(57 completed)."
    )


def test_a_period_without_classes_says_so():
    report = build_training_report(scope=scope(), classes=[])

    assert training_text(report).endswith("Đảng bộ xã X chưa mở lớp bồi dưỡng nào.")


def coverage(places: list[LocalityFacts], cells: list[CellCommitteeFacts]) -> str:
    return coverage_text(build_coverage_report(scope=scope(), localities=places, cells=cells))


def test_the_coverage_paragraph_gives_exact_shares():
    places = [LocalityFacts(LocalityType.THON, True, True, True, True)] * 19 + [
        LocalityFacts(LocalityType.TO_DAN_PHO, True, True, True, False)
    ] * 5
    cells = [CellCommitteeFacts(True)] * 21 + [CellCommitteeFacts(False)] * 3

    assert coverage(places, cells) == (
        "Đến ngày 31/12/2023, Đảng bộ xã X có 24 thôn, tổ dân phố (19 thôn, 5 tổ dân phố); "
        "100% thôn, tổ dân phố có chi bộ; không còn thôn, tổ dân phố chưa có đảng viên; "
        "79,17% thôn trưởng, tổ trưởng tổ dân phố là đảng viên (19/24); có 24 chi bộ, trong "
        "đó 3 chi bộ chưa có chi ủy."
    )


def test_the_coverage_paragraph_counts_what_is_missing():
    places = [
        LocalityFacts(LocalityType.BAN, True, True, False, False),
        LocalityFacts(LocalityType.BAN, False, False, False, False),
    ]

    assert coverage(places, [CellCommitteeFacts(True)]) == (
        "Đến ngày 31/12/2023, Đảng bộ xã X có 2 bản; 50,00% bản có chi bộ (1/2); 1 bản chưa có "
        "đảng viên; có 1 chi bộ."
    )


def test_the_english_coverage_paragraph():
    places = [LocalityFacts(LocalityType.THON, True, True, True, True)] * 3
    report = build_coverage_report(
        scope=scope(), localities=places, cells=[CellCommitteeFacts(False)]
    )

    assert coverage_text(report, lang="en") == (
        "On 31/12/2023, Đảng bộ xã X has 3 localities (3 Thôn); 100% of them have their own "
        "party cell; every one has a Party member living there; 100% of locality heads are "
        "Party members (3/3); it has 1 party cell, 1 without a cell committee."
    )


def test_the_members_paragraph_gives_the_stock_by_status():
    tally = MemberTally(
        by_status={Status.OFFICIAL: 5000, Status.PROBATIONARY: 300, Status.EXEMPT: 48},
        categories=CategoryTally(5348, {Category.WOMEN: 2000}),
        age_sum=5348 * 45,
    )
    report = build_members_report(scope=scope(), tally=tally)

    assert members_text(report) == (
        "Đến ngày 31/12/2023, Đảng bộ xã X có 5.348 đảng viên (5.000 chính thức, 300 dự bị, "
        "48 miễn sinh hoạt); trong đó nữ chiếm 37,40%; tuổi bình quân là 45,00."
    )
    assert members_text(report, lang="en") == (
        "On 31/12/2023, Đảng bộ xã X has 5,348 members (5,000 official, 300 probationary, "
        "48 exempt); of them, women make up 37.40%; the average age is 45.00."
    )


def test_a_unit_without_members_says_so():
    empty = MemberTally(by_status={}, categories=CategoryTally(0, {}), age_sum=0)

    assert members_text(build_members_report(scope=scope(), tally=empty)) == (
        "Đến ngày 31/12/2023, Đảng bộ xã X chưa có đảng viên."
    )


def cells_report(*cells: CellFacts) -> CellsReport:
    return build_cells_report(scope=scope(), cells=cells)


def test_the_cells_paragraph_counts_each_warning_sign():
    report = cells_report(
        CellFacts(OrgRef("A", "Chi bộ A"), 5, 4, 2, 1, 0, date(2022, 5, 1)),
        CellFacts(OrgRef("B", "Chi bộ B"), 2, 2, 0, 1, 0, None),
    )

    assert cells_text(report) == (
        "Đến ngày 31/12/2023, Đảng bộ xã X có 2 chi bộ, trong đó 1 chi bộ có dưới 3 đảng viên "
        "chính thức, 1 chi bộ không có đảng viên nữ, 1 chi bộ có từ một nửa số đảng viên 60 "
        "tuổi trở lên, 1 chi bộ không kết nạp được đảng viên nào trong 3 năm gần đây."
    )
    assert cells_text(report, lang="en") == (
        "On 31/12/2023, Đảng bộ xã X has 2 party cells: 1 with fewer than 3 official members, "
        "1 with no women, 1 where at least half the members are 60 or older, 1 with no "
        "admission in the last 3 years."
    )


def test_healthy_cells_read_as_such():
    report = cells_report(CellFacts(OrgRef("A", "Chi bộ A"), 5, 4, 2, 1, 0, date(2022, 5, 1)))

    assert cells_text(report).endswith("có 1 chi bộ, không chi bộ nào có dấu hiệu cần lưu ý.")


def pipeline_report(outlook: Progress | None = None) -> PipelineReport:
    return build_pipeline_report(
        scope=scope(date(2025, 1, 1), date(2025, 6, 30)),
        stage_order=["nguon", "lop"],
        candidates_by_stage={"nguon": 30, "lop": 10},
        exits=[],
        overdue=summarise_overdue(
            [OpenStep("lop", "cap_chung_nhan", date(2025, 6, 1), "HS-1")], date(2025, 6, 30)
        ),
        outlook=outlook,
    )


def test_the_pipeline_paragraph_names_stages_and_gives_the_outlook():
    outlook = progress(
        period=Period.year(2025),
        quota=85,
        admitted_by_month={(2025, 3): 36},
        on=date(2025, 6, 30),
        forecast=Forecast(date(2025, 6, 30), 40, 20.5, 16, 25, 0.8, ()),
    )
    labels = {"nguon": "tạo nguồn", "lop": "học lớp nhận thức"}

    assert pipeline_text(pipeline_report(outlook), stage_labels=labels) == (
        "Đến ngày 30/06/2025, Đảng bộ xã X có 40 quần chúng trong quy trình kết nạp (tạo nguồn: "
        "30, học lớp nhận thức: 10); 1 bước quá hạn; dự kiến đến ngày 31/12/2025 kết nạp khoảng "
        "57 đảng viên (từ 52 đến 61) so với chỉ tiêu 85 đảng viên, có nguy cơ không đạt chỉ tiêu."
    )
    assert pipeline_text(pipeline_report(outlook), lang="en") == (
        "On 30/06/2025, Đảng bộ xã X has 40 candidates in the pipeline (nguon: 30, lop: 10); "
        "1 overdue step; about 57 admissions are expected by 31/12/2025 (52 to 61) against a "
        "quota of 85, at risk of missing it."
    )


def test_report_text_writes_the_paragraph_of_any_report():
    report = pipeline_report()

    assert report_text(report) == pipeline_text(report)
    assert report_text(report, "en") == pipeline_text(report, "en")
