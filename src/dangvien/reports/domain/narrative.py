"""Write the paragraph a committee pastes into its report, from the report data (vi or en)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dangvien.core.domain.text import format_date, format_number, format_percent, percent
from dangvien.orgs.domain.enums import LocalityType
from dangvien.plans.domain.forecast import Forecast
from dangvien.plans.domain.progress import Progress, Risk
from dangvien.reports.domain.admissions import AdmissionsReport
from dangvien.reports.domain.base import ReportScope
from dangvien.reports.domain.categories import Category, CategoryCount
from dangvien.reports.domain.cells import CellsReport
from dangvien.reports.domain.coverage import CoverageReport
from dangvien.reports.domain.members import STOCK_STATUSES, MembersReport
from dangvien.reports.domain.pipeline import PipelineReport
from dangvien.reports.domain.training import TrainingReport
from dangvien.training.domain.enums import ClassType

# The order shares are read out: the figures committees quote first come first.
_SHARE_ORDER = (
    Category.AGE_18_30,
    Category.WOMEN,
    Category.ETHNIC_MINORITY,
    Category.COLLEGE_OR_HIGHER,
    Category.YOUTH_UNION,
    Category.RELIGIOUS,
)
_SHARE_NAMES = {
    "vi": {
        Category.AGE_18_30: "đảng viên trẻ từ 18 đến 30 tuổi",
        Category.WOMEN: "nữ",
        Category.ETHNIC_MINORITY: "người dân tộc thiểu số",
        Category.COLLEGE_OR_HIGHER: "trình độ cao đẳng trở lên",
        Category.YOUTH_UNION: "đoàn viên thanh niên",
        Category.RELIGIOUS: "người theo tôn giáo",
    },
    "en": {
        Category.AGE_18_30: "young people aged 18 to 30",
        Category.WOMEN: "women",
        Category.ETHNIC_MINORITY: "ethnic minorities",
        Category.COLLEGE_OR_HIGHER: "college degree or higher",
        Category.YOUTH_UNION: "Youth Union members",
        Category.RELIGIOUS: "religious believers",
    },
}
_CLASS_NAMES_VI = {
    ClassType.AWARENESS: "lớp bồi dưỡng nhận thức về Đảng",
    ClassType.NEW_MEMBER_THEORY: "lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
    ClassType.ELEMENTARY_THEORY: "lớp sơ cấp lý luận chính trị",
}
_CLASS_NAMES_EN = {
    ClassType.AWARENESS: ("Party awareness class", "Party awareness classes"),
    ClassType.NEW_MEMBER_THEORY: (
        "political theory class for new members",
        "political theory classes for new members",
    ),
    ClassType.ELEMENTARY_THEORY: (
        "elementary political theory class",
        "elementary political theory classes",
    ),
}
_HEAD_TITLES = {
    LocalityType.THON: "thôn trưởng",
    LocalityType.LANG: "trưởng làng",
    LocalityType.BUON: "trưởng buôn",
    LocalityType.BAN: "trưởng bản",
    LocalityType.AP: "trưởng ấp",
    LocalityType.SOC: "trưởng sóc",
    LocalityType.TO_DAN_PHO: "tổ trưởng tổ dân phố",
    LocalityType.KHU_PHO: "trưởng khu phố",
}
_STATUS_NAMES = {
    "vi": {"chinh_thuc": "chính thức", "du_bi": "dự bị", "mien_sinh_hoat": "miễn sinh hoạt"},
    "en": {"chinh_thuc": "official", "du_bi": "probationary", "mien_sinh_hoat": "exempt"},
}


def _lang(lang: str) -> str:
    """Return "en" for any English locale and "vi" otherwise."""
    return "en" if lang.lower().startswith("en") else "vi"


def _num(value: int, lang: str) -> str:
    return format_number(value, 0, lang)


def _pct(value: float, lang: str) -> str:
    """Format a share; a whole 100 reads "100%" as committees write it, others keep 2 decimals."""
    return "100%" if value == 100 else format_percent(value, lang)


def _en_count(count: int, singular: str, plural: str | None = None) -> str:
    """Return "1 member" / "2 members" ("1.234" grouped the English way)."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{_num(count, 'en')} {noun}"


def period_phrase(scope: ReportScope, lang: str = "vi") -> str:
    """Return "Từ ngày 01/01/2023 đến ngày 31/12/2023" (or "From ... to ...")."""
    start, end = format_date(scope.date_from), format_date(scope.date_to)
    if _lang(lang) == "en":
        return f"On {start}" if start == end else f"From {start} to {end}"
    return f"Ngày {start}" if start == end else f"Từ ngày {start} đến ngày {end}"


def _on_phrase(day: date, lang: str) -> str:
    return f"On {format_date(day)}" if lang == "en" else f"Đến ngày {format_date(day)}"


def _shares(by_category: Mapping[str, CategoryCount], lang: str) -> str:
    """Return "đảng viên trẻ ... chiếm 61,40%, nữ chiếm 47,37%" for the non-empty categories."""
    joiner = " make up " if lang == "en" else " chiếm "
    parts: list[str] = []
    for category in _SHARE_ORDER:
        share = by_category[category.value]
        if share.count and share.percent is not None:
            # English names the verb once: "young people make up 61.40%, women 47.37%".
            verb = joiner if lang == "vi" or not parts else " "
            parts.append(f"{_SHARE_NAMES[lang][category]}{verb}{_pct(share.percent, lang)}")
    return ", ".join(parts)


def _quota_clause(admitted: int, quota: int, lang: str) -> str:
    """Return how the admissions compare with the quota: met exactly, under, or over."""
    if lang == "en":
        assigned = f"the assigned quota ({_en_count(quota, 'member')})"
        if admitted == quota:
            return f"meeting 100% of {assigned}"
        if admitted < quota:
            return f"{_pct(percent(admitted, quota) or 0.0, lang)} of {assigned}"
        return f"exceeding {assigned} by {_pct(percent(admitted - quota, quota) or 0.0, lang)}"
    assigned = f"chỉ tiêu được giao ({_num(quota, lang)} đảng viên)"
    if admitted == quota:
        return f"đạt 100% {assigned}"
    if admitted < quota:
        return f"đạt {_pct(percent(admitted, quota) or 0.0, lang)} {assigned}"
    return f"vượt {_pct(percent(admitted - quota, quota) or 0.0, lang)} {assigned}"


def admissions_text(report: AdmissionsReport, lang: str = "vi") -> str:
    """Write the admissions paragraph: count, quota, share of members, category shares, age.

    The quota sentence is left out when there is no quota (or it is 0); categories with no
    one are left out; zero admissions read as such, with the quota when there is one.
    """
    lang = _lang(lang)
    quota = report.quota or None
    opening = f"{period_phrase(report.scope, lang)}, {report.scope.org.name}"
    if report.admitted == 0:
        if lang == "en":
            tail = f" (assigned quota: {_en_count(quota, 'member')})" if quota else ""
            return f"{opening} has not admitted any new member{tail}."
        tail = f" (chỉ tiêu được giao: {_num(quota, lang)} đảng viên)" if quota else ""
        return f"{opening} chưa kết nạp được đảng viên mới nào{tail}."
    if lang == "en":
        clauses = [f"{opening} admitted {_en_count(report.admitted, 'new member')}"]
    else:
        clauses = [f"{opening} đã kết nạp được {_num(report.admitted, lang)} đảng viên mới"]
    if quota:
        clauses.append(_quota_clause(report.admitted, quota, lang))
    if report.admitted_percent_of_members_at_start is not None:
        clauses.append(_members_share(report, lang))
    sentence = ", ".join(clauses)
    shares = _shares(report.by_category, lang)
    if shares:
        sentence += f"; of them, {shares}" if lang == "en" else f"; trong đó {shares}"
    if report.average_age is not None:
        age = format_number(report.average_age, 2, lang)
        sentence += (
            f"; the average age at admission is {age}"
            if lang == "en"
            else f"; tuổi bình quân khi kết nạp là {age}"
        )
    return f"{sentence}."


def _members_share(report: AdmissionsReport, lang: str) -> str:
    """Return "bằng 4,87% tổng số đảng viên đầu năm" ("đầu kỳ" when not from 1 January)."""
    value = _pct(report.admitted_percent_of_members_at_start or 0.0, lang)
    from_new_year = (report.scope.date_from.month, report.scope.date_from.day) == (1, 1)
    if lang == "en":
        when = "year" if from_new_year else "period"
        return f"equal to {value} of the members at the start of the {when}"
    return f"bằng {value} tổng số đảng viên {'đầu năm' if from_new_year else 'đầu kỳ'}"


def training_text(report: TrainingReport, lang: str = "vi") -> str:
    """Write the training paragraph: classes opened and trainees per type, with completions."""
    lang = _lang(lang)
    opening = f"{period_phrase(report.scope, lang)}, {report.scope.org.name}"
    parts: list[str] = []
    for line in report.by_type:
        if not line.classes:
            continue
        if lang == "en":
            parts.append(
                f"{_en_count(line.classes, *_CLASS_NAMES_EN[line.class_type])} with "
                f"{_en_count(line.trainees, 'trainee')} ({_num(line.completed, lang)} completed)"
            )
        else:
            name = _CLASS_NAMES_VI[line.class_type]
            parts.append(
                f"{_num(line.classes, lang)} {name} với {_num(line.trainees, lang)} học viên"
                f" ({_num(line.completed, lang)} học viên hoàn thành)"
            )
    if not parts:
        no_class = "did not open any class" if lang == "en" else "chưa mở lớp bồi dưỡng nào"
        return f"{opening} {no_class}."
    return f"{opening} {'opened' if lang == 'en' else 'đã mở'} {', '.join(parts)}."


def coverage_text(report: CoverageReport, lang: str = "vi") -> str:
    """Write the coverage paragraph: localities by type, cells in them, members, heads, cells."""
    lang = _lang(lang)
    opening = f"{_on_phrase(report.scope.date_to, lang)}, {report.scope.org.name}"
    if lang == "en":
        return _coverage_text_en(report, opening)
    kinds = ", ".join(t.label.lower() for t in report.by_type)
    if not report.localities:
        parts = [f"{opening} chưa có địa bàn dân cư nào được ghi nhận"]
    else:
        detail = ", ".join(f"{_num(n, lang)} {t.label.lower()}" for t, n in report.by_type.items())
        detail = f" ({detail})" if len(report.by_type) > 1 else ""
        parts = [f"{opening} có {_num(report.localities, lang)} {kinds}{detail}"]
        with_cell = report.localities - report.without_independent_cell
        ratio = f" ({_num(with_cell, lang)}/{_num(report.localities, lang)})"
        share = _pct(percent(with_cell, report.localities) or 0.0, lang)
        parts.append(f"{share} {kinds} có chi bộ{'' if with_cell == report.localities else ratio}")
        parts.append(
            f"{_num(report.without_members, lang)} {kinds} chưa có đảng viên"
            if report.without_members
            else f"không còn {kinds} chưa có đảng viên"
        )
    if report.heads and report.heads_member_percent is not None:
        titles = ", ".join(_HEAD_TITLES[t] for t in report.by_type)
        parts.append(
            f"{_pct(report.heads_member_percent, lang)} {titles} là đảng viên "
            f"({_num(report.heads_who_are_members, lang)}/{_num(report.heads, lang)})"
        )
    cells = f"có {_num(report.cells, lang)} chi bộ"
    if report.cells_without_committee:
        cells += f", trong đó {_num(report.cells_without_committee, lang)} chi bộ chưa có chi ủy"
    parts.append(cells)
    return "; ".join(parts) + "."


def _coverage_text_en(report: CoverageReport, opening: str) -> str:
    kinds = ", ".join(f"{_num(n, 'en')} {t.label}" for t, n in report.by_type.items())
    detail = f" ({kinds})" if kinds else ""
    parts = [f"{opening} has {_en_count(report.localities, 'locality', 'localities')}{detail}"]
    if report.localities:
        with_cell = report.localities - report.without_independent_cell
        share = _pct(percent(with_cell, report.localities) or 0.0, "en")
        parts.append(f"{share} of them have their own party cell")
        parts.append(
            f"{_num(report.without_members, 'en')} with no Party member living there"
            if report.without_members
            else "every one has a Party member living there"
        )
    if report.heads and report.heads_member_percent is not None:
        parts.append(
            f"{_pct(report.heads_member_percent, 'en')} of locality heads are Party members "
            f"({_num(report.heads_who_are_members, 'en')}/{_num(report.heads, 'en')})"
        )
    parts.append(
        f"it has {_en_count(report.cells, 'party cell')}, "
        f"{_num(report.cells_without_committee, 'en')} without a cell committee"
    )
    return "; ".join(parts) + "."


def members_text(report: MembersReport, lang: str = "vi") -> str:
    """Write the membership paragraph: members on `to` by status, category shares, average age."""
    lang = _lang(lang)
    opening = f"{_on_phrase(report.scope.date_to, lang)}, {report.scope.org.name}"
    members = report.tally.members
    if members == 0:
        return f"{opening} {'has no members' if lang == 'en' else 'chưa có đảng viên'}."
    statuses = ", ".join(
        f"{_num(report.tally.by_status.get(s, 0), lang)} {_STATUS_NAMES[lang][s.value]}"
        for s in STOCK_STATUSES
        if report.tally.by_status.get(s, 0)
    )
    if lang == "en":
        sentence = f"{opening} has {_en_count(members, 'member')} ({statuses})"
    else:
        sentence = f"{opening} có {_num(members, lang)} đảng viên ({statuses})"
    shares = _shares(report.by_category, lang)
    if shares:
        sentence += f"; of them, {shares}" if lang == "en" else f"; trong đó {shares}"
    if report.average_age is not None:
        age = format_number(report.average_age, 2, lang)
        sentence += f"; the average age is {age}" if lang == "en" else f"; tuổi bình quân là {age}"
    return f"{sentence}."


_CELL_SIGNS_VI = (
    "{n} chi bộ có dưới {k} đảng viên chính thức",
    "{n} chi bộ không có đảng viên nữ",
    "{n} chi bộ có từ một nửa số đảng viên {k} tuổi trở lên",
    "{n} chi bộ có quá nửa số đảng viên được miễn sinh hoạt",
    "{n} chi bộ không kết nạp được đảng viên nào trong {k} năm gần đây",
)
_CELL_SIGNS_EN = (
    "{n} with fewer than {k} official members",
    "{n} with no women",
    "{n} where at least half the members are {k} or older",
    "{n} where most members are exempt from activities",
    "{n} with no admission in the last {k} years",
)


def cells_text(report: CellsReport, lang: str = "vi") -> str:
    """Write the cell-health paragraph: how many cells show each warning sign."""
    lang = _lang(lang)
    rules = report.rules
    opening = f"{_on_phrase(report.scope.date_to, lang)}, {report.scope.org.name}"
    signs = [
        (report.few_official_members, rules.min_official_members),
        (report.without_women, None),
        (report.mostly_elderly, rules.elderly_age),
        (report.mostly_exempt, None),
        (report.without_recent_admission, rules.admission_years),
    ]
    templates = _CELL_SIGNS_EN if lang == "en" else _CELL_SIGNS_VI
    parts = [
        template.format(n=_num(len(sign.cells), lang), k=threshold)
        for (sign, threshold), template in zip(signs, templates, strict=True)
        if sign.cells
    ]
    if lang == "en":
        head = f"{opening} has {_en_count(report.cells, 'party cell')}"
        return f"{head}: {', '.join(parts)}." if parts else f"{head}, none showing a warning sign."
    head = f"{opening} có {_num(report.cells, lang)} chi bộ"
    return (
        f"{head}, trong đó {', '.join(parts)}."
        if parts
        else f"{head}, không chi bộ nào có dấu hiệu cần lưu ý."
    )


def pipeline_text(
    report: PipelineReport, lang: str = "vi", *, stage_labels: Mapping[str, str] | None = None
) -> str:
    """Write the pipeline paragraph: candidates by stage, overdue steps and the year-end outlook.

    `stage_labels` names the stages for readers; codes are shown when it is not given.
    """
    lang = _lang(lang)
    labels = stage_labels or {}
    opening = f"{_on_phrase(report.scope.date_to, lang)}, {report.scope.org.name}"
    total = sum(s.candidates for s in report.stages)
    stages = ", ".join(
        f"{labels.get(s.stage, s.stage)}: {_num(s.candidates, lang)}"
        for s in report.stages
        if s.candidates
    )
    detail = f" ({stages})" if stages else ""
    if lang == "en":
        parts = [f"{opening} has {_en_count(total, 'candidate')} in the pipeline{detail}"]
        parts.append(
            _en_count(report.overdue.count, "overdue step")
            if report.overdue.count
            else "no step is overdue"
        )
    else:
        parts = [f"{opening} có {_num(total, lang)} quần chúng trong quy trình kết nạp{detail}"]
        overdue = f"{_num(report.overdue.count, lang)} bước quá hạn"
        parts.append(overdue if report.overdue.count else "không có bước nào quá hạn")
    if report.outlook is not None and report.outlook.forecast is not None:
        parts.append(_outlook_phrase(report.outlook, report.outlook.forecast, lang))
    return "; ".join(parts) + "."


def _outlook_phrase(outlook: Progress, fc: Forecast, lang: str) -> str:
    """Return the expected admissions by 31/12 with their range, the quota and the risk."""
    expected = format_number(outlook.admitted + fc.expected, 0, lang)
    low, high = (_num(outlook.admitted + n, lang) for n in (fc.low, fc.high))
    end = format_date(date(fc.on.year, 12, 31))
    at_risk = outlook.risk is Risk.AT_RISK
    if lang == "en":
        text = f"about {expected} admissions are expected by {end} ({low} to {high})"
        if outlook.quota:
            text += f" against a quota of {_num(outlook.quota, lang)}"
        return text + (", at risk of missing it" if at_risk and outlook.quota else "")
    text = f"dự kiến đến ngày {end} kết nạp khoảng {expected} đảng viên (từ {low} đến {high})"
    if outlook.quota:
        text += f" so với chỉ tiêu {_num(outlook.quota, lang)} đảng viên"
    return text + (", có nguy cơ không đạt chỉ tiêu" if at_risk and outlook.quota else "")


def report_text(
    report: AdmissionsReport
    | TrainingReport
    | CoverageReport
    | MembersReport
    | CellsReport
    | PipelineReport,
    lang: str = "vi",
    *,
    stage_labels: Mapping[str, str] | None = None,
) -> str:
    """Write the paragraph of any report, for `--format text` and the Word download."""
    if isinstance(report, AdmissionsReport):
        return admissions_text(report, lang)
    if isinstance(report, TrainingReport):
        return training_text(report, lang)
    if isinstance(report, CoverageReport):
        return coverage_text(report, lang)
    if isinstance(report, MembersReport):
        return members_text(report, lang)
    if isinstance(report, CellsReport):
        return cells_text(report, lang)
    return pipeline_text(report, lang, stage_labels=stage_labels)
