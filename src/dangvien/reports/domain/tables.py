"""Lay out any report as titled tables of typed cells, for the Excel and Word downloads.

Pure: the writers only format what these tables hold, so both files carry the same
figures as the JSON. Each table is one level of detail (one Excel sheet).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dangvien.core.domain.text import format_number
from dangvien.people.domain.enums import STATUS_LABELS
from dangvien.reports.domain.admissions import AdmissionsReport
from dangvien.reports.domain.base import ReportScope
from dangvien.reports.domain.categories import Category, CategoryCount
from dangvien.reports.domain.cells import CellsReport
from dangvien.reports.domain.coverage import CoverageReport
from dangvien.reports.domain.members import STOCK_STATUSES, MembersReport
from dangvien.reports.domain.pipeline import PipelineReport
from dangvien.reports.domain.training import TrainingReport

CATEGORY_LABELS: dict[Category, str] = {
    Category.AGE_18_30: "Từ 18 đến 30 tuổi",
    Category.WOMEN: "Nữ",
    Category.ETHNIC_MINORITY: "Dân tộc thiểu số",
    Category.RELIGIOUS: "Có tôn giáo",
    Category.YOUTH_UNION: "Đoàn viên",
    Category.COLLEGE_OR_HIGHER: "Cao đẳng trở lên",
}


class Kind(StrEnum):
    """How a cell's value is written: the writers map each kind to a number format."""

    TEXT = "text"
    INT = "int"  # whole number: 5.348
    DECIMAL = "decimal"  # two decimals: 29,33
    PERCENT = "percent"  # a percentage given in percent (61.4 means 61,40%)
    DATE = "date"


@dataclass(frozen=True)
class Cell:
    """One value and how to write it; None is an empty cell (a figure that does not apply)."""

    value: str | int | float | date | None
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Table:
    """A titled table: the sheet name, its column headers and rows of cells."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    unit_codes: bool = False  # the first column holds unit codes (pages link them)
    note: str = ""  # one sentence shown under the rows, e.g. that the list is cut


def _text(value: str) -> Cell:
    return Cell(value)


def _int(value: int | None) -> Cell:
    return Cell(value, Kind.INT)


def _pct(value: float | None) -> Cell:
    return Cell(value, Kind.PERCENT)


def _facts(title: str, pairs: Sequence[tuple[str, Cell]]) -> Table:
    return Table(title, ("Nội dung", "Số liệu"), tuple((_text(k), v) for k, v in pairs))


def _header(scope: ReportScope) -> list[tuple[str, Cell]]:
    pairs = [
        ("Đơn vị", _text(f"{scope.org.name} ({scope.org.code})")),
        ("Từ ngày", Cell(scope.date_from, Kind.DATE)),
        ("Đến ngày", Cell(scope.date_to, Kind.DATE)),
    ]
    if scope.as_of is not None:
        pairs.append(("Theo cơ cấu tổ chức ngày", Cell(scope.as_of, Kind.DATE)))
    return pairs


def _categories(by_category: Mapping[str, CategoryCount], of_what: str) -> Table:
    return Table(
        "Theo nhóm",
        ("Nhóm", "Số lượng", f"Tỷ lệ trên {of_what}"),
        tuple(
            (
                _text(CATEGORY_LABELS[c]),
                _int(by_category[c.value].count),
                _pct(by_category[c.value].percent),
            )
            for c in Category
        ),
    )


def admissions_tables(report: AdmissionsReport) -> list[Table]:
    """Return the summary, the categories and the children of the admissions report."""
    summary = _facts(
        "Tổng hợp",
        [
            *_header(report.scope),
            ("Số đảng viên kết nạp", _int(report.admitted)),
            ("Chỉ tiêu", _int(report.quota)),
            ("Tỷ lệ so với chỉ tiêu", _pct(report.quota_percent)),
            ("Đảng viên đầu kỳ", _int(report.members_at_start)),
            ("Tỷ lệ so với đảng viên đầu kỳ", _pct(report.admitted_percent_of_members_at_start)),
            ("Tuổi bình quân khi kết nạp", Cell(report.average_age, Kind.DECIMAL)),
        ],
    )
    children = Table(
        "Đơn vị trực thuộc",
        ("Mã đơn vị", "Tên đơn vị", "Số kết nạp", "Chỉ tiêu", "Tỷ lệ so với chỉ tiêu"),
        tuple(
            (
                _text(c.org.code),
                _text(c.org.name),
                _int(c.admitted),
                _int(c.quota),
                _pct(c.quota_percent),
            )
            for c in report.children
        ),
        unit_codes=True,
    )
    return [summary, _categories(report.by_category, "số kết nạp"), children]


def members_tables(report: MembersReport) -> list[Table]:
    """Return the summary, statuses, categories and children of the members report."""
    tally = report.tally
    summary = _facts(
        "Tổng hợp",
        [
            *_header(report.scope),
            ("Tổng số đảng viên", _int(tally.members)),
            ("Tuổi bình quân", Cell(report.average_age, Kind.DECIMAL)),
        ],
    )
    statuses = Table(
        "Theo trạng thái",
        ("Trạng thái", "Số lượng"),
        tuple((_text(STATUS_LABELS[s]), _int(tally.by_status.get(s, 0))) for s in STOCK_STATUSES),
    )
    children = Table(
        "Đơn vị trực thuộc",
        ("Mã đơn vị", "Tên đơn vị", *(STATUS_LABELS[s] for s in STOCK_STATUSES), "Tổng số"),
        tuple(
            (
                _text(c.org.code),
                _text(c.org.name),
                *(_int(c.by_status.get(s, 0)) for s in STOCK_STATUSES),
                _int(sum(c.by_status.get(s, 0) for s in STOCK_STATUSES)),
            )
            for c in report.children
        ),
        unit_codes=True,
    )
    return [summary, statuses, _categories(report.by_category, "tổng số đảng viên"), children]


def training_tables(report: TrainingReport) -> list[Table]:
    """Return the classes, trainees and completions per class type, with a total row."""
    rows = [
        (
            _text(line.class_type.label),
            _int(line.classes),
            _int(line.trainees),
            _int(line.completed),
        )
        for line in report.by_type
    ]
    rows.append(
        (_text("Tổng cộng"), _int(report.classes), _int(report.trainees), _int(report.completed))
    )
    return [
        _facts("Tổng hợp", _header(report.scope)),
        Table("Theo loại lớp", ("Loại lớp", "Số lớp", "Số học viên", "Hoàn thành"), tuple(rows)),
    ]


def coverage_tables(report: CoverageReport) -> list[Table]:
    """Return the coverage figures and the localities by type."""
    summary = _facts(
        "Tổng hợp",
        [
            *_header(report.scope),
            ("Số địa bàn dân cư", _int(report.localities)),
            ("Địa bàn chưa có đảng viên", _int(report.without_members)),
            ("Địa bàn chưa có chi bộ độc lập", _int(report.without_independent_cell)),
            ("Địa bàn có người đứng đầu được ghi nhận", _int(report.heads)),
            ("Người đứng đầu là đảng viên", _int(report.heads_who_are_members)),
            ("Tỷ lệ người đứng đầu là đảng viên", _pct(report.heads_member_percent)),
            ("Số chi bộ", _int(report.cells)),
            ("Chi bộ chưa có chi ủy", _int(report.cells_without_committee)),
        ],
    )
    by_type = Table(
        "Theo loại địa bàn",
        ("Loại địa bàn", "Số lượng"),
        tuple((_text(t.label), _int(n)) for t, n in report.by_type.items()),
    )
    return [summary, by_type]


CELL_WARNINGS = (
    ("few_official_members", "Dưới {min} đảng viên chính thức"),
    ("without_women", "Không có đảng viên nữ"),
    ("mostly_elderly", "Từ một nửa số đảng viên {age} tuổi trở lên"),
    ("mostly_exempt", "Quá nửa số đảng viên được miễn sinh hoạt"),
    ("without_recent_admission", "Không kết nạp được đảng viên nào trong {years} năm"),
)


def cell_warning_labels(report: CellsReport) -> list[tuple[str, str]]:
    """Return (attribute, Vietnamese label) of each warning, with the thresholds filled in."""
    rules = report.rules
    return [
        (
            name,
            label.format(
                min=rules.min_official_members, age=rules.elderly_age, years=rules.admission_years
            ),
        )
        for name, label in CELL_WARNINGS
    ]


def cells_tables(report: CellsReport) -> list[Table]:
    """Return the count of each warning and the list of flagged cells."""
    labels = cell_warning_labels(report)
    summary = _facts(
        "Tổng hợp",
        [
            *_header(report.scope),
            ("Số chi bộ", _int(report.cells)),
            *((label, _int(len(getattr(report, name).cells))) for name, label in labels),
        ],
    )
    detail = Table(
        "Danh sách chi bộ",
        ("Dấu hiệu", "Mã chi bộ", "Tên chi bộ"),
        tuple(
            (_text(label), _text(cell.code), _text(cell.name))
            for name, label in labels
            for cell in getattr(report, name).cells
        ),
    )
    return [summary, detail]


def _stages_table(report: PipelineReport, stage_labels: Mapping[str, str]) -> Table:
    return Table(
        "Theo bước",
        (
            "Bước",
            "Số quần chúng",
            "Rời bước trong kỳ",
            "Chuyển bước tiếp",
            "Tỷ lệ chuyển bước",
            "Số ngày (trung vị)",
        ),
        tuple(
            (
                _text(stage_labels.get(s.stage, s.stage)),
                _int(s.candidates),
                _int(s.left),
                _int(s.advanced),
                _pct(s.conversion_percent),
                Cell(s.median_days, Kind.DECIMAL),
            )
            for s in report.stages
        ),
    )


def pipeline_tables(report: PipelineReport, stage_labels: Mapping[str, str]) -> list[Table]:
    """Return the stages with conversions and median days, the overdue steps, the outlook."""
    overdue = Table(
        "Quá hạn",
        ("Bước", "Việc", "Hạn", "Số ngày quá hạn", "Mã hồ sơ"),
        tuple(
            (
                _text(stage_labels.get(o.stage, o.stage)),
                _text(o.step),
                Cell(o.due_on, Kind.DATE),
                _int((report.scope.date_to - o.due_on).days),
                _text(o.ref),
            )
            for o in report.overdue.steps
        ),
        note=_overdue_note(report),
    )
    tables = [
        _facts("Tổng hợp", _header(report.scope)),
        _stages_table(report, stage_labels),
        overdue,
    ]
    if report.outlook is not None:
        tables.append(_outlook_table(report))
    return tables


def _overdue_note(report: PipelineReport) -> str:
    overdue = report.overdue
    if not overdue.truncated:
        return ""
    return (
        f"Chỉ liệt kê {format_number(len(overdue.steps))} bước quá hạn lâu nhất trong tổng số "
        f"{format_number(overdue.count)} bước; danh sách đầy đủ ở trang Danh sách hồ sơ phát "
        "triển đảng viên, lọc “Chỉ hồ sơ có việc quá hạn”."
    )


def _outlook_table(report: PipelineReport) -> Table:
    outlook = report.outlook
    assert outlook is not None
    fc = outlook.forecast
    pairs = [
        ("Chỉ tiêu năm", _int(outlook.quota)),
        ("Đã kết nạp từ đầu năm", _int(outlook.admitted)),
        ("Tỷ lệ so với chỉ tiêu", _pct(outlook.quota_percent)),
        ("Kế hoạch đến nay (đường thẳng)", _int(outlook.planned_to_date)),
    ]
    if fc is not None:
        pairs += [
            ("Dự kiến cả năm", Cell(outlook.expected_total, Kind.DECIMAL)),
            ("Dự kiến thấp nhất", _int(outlook.admitted + fc.low)),
            ("Dự kiến cao nhất", _int(outlook.admitted + fc.high)),
        ]
    return _facts("Dự báo", pairs)


def report_tables(
    report: AdmissionsReport
    | TrainingReport
    | CoverageReport
    | MembersReport
    | CellsReport
    | PipelineReport,
    *,
    stage_labels: Mapping[str, str] | None = None,
) -> list[Table]:
    """Return the tables of any report, most aggregated first."""
    if isinstance(report, AdmissionsReport):
        return admissions_tables(report)
    if isinstance(report, MembersReport):
        return members_tables(report)
    if isinstance(report, TrainingReport):
        return training_tables(report)
    if isinstance(report, CoverageReport):
        return coverage_tables(report)
    if isinstance(report, CellsReport):
        return cells_tables(report)
    return pipeline_tables(report, stage_labels or {})
