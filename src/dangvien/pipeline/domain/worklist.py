"""What a candidacy owes and by when: the due dates behind the work lists ("việc cần làm").

Each open candidacy yields at most a few work items, each with the last day
allowed. The items are stored when a step is recorded (and recomputed when the
calendar changes), so a committee's overdue count is one aggregate query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dangvien.core.domain.calendar import WorkingCalendar
from dangvien.core.domain.text import format_date
from dangvien.pipeline.domain.deadlines import (
    ceremony_due,
    certificate_expires_on,
    decision_due,
    dossier_consider_by,
    extended_decision_due,
    recognition_cell_due,
    recognition_decision_due,
)
from dangvien.pipeline.domain.evaluations import first_unevaluated_month, format_month, month_end
from dangvien.pipeline.domain.rulesets import RuleSet
from dangvien.pipeline.domain.stages import Stage


class WorkKind(StrEnum):
    """A kind of pending work with a due date."""

    EVALUATION_MISSING = "binh_xet"  # Bình xét hằng tháng chưa ghi
    CERTIFICATE_EXPIRY = "het_han_chung_nhan"  # Giấy chứng nhận CN-NTVĐ hết hạn
    DOSSIER_STALE = "ho_so_qua_han"  # Hồ sơ quá 12 tháng chi bộ chưa xét
    DECISION_PENDING = "cho_quyet_dinh"  # Chờ quyết định kết nạp (9-KNĐ)
    CEREMONY_PENDING = "cho_le_ket_nap"  # Chờ tổ chức lễ kết nạp
    PROBATION_ENDING = "het_du_bi"  # Hết thời kỳ dự bị (mốc, không tính quá hạn)
    RECOGNITION_CELL_PENDING = "cho_chi_bo_xet_chinh_thuc"  # Chi bộ xét công nhận (13-KNĐ)
    RECOGNITION_DECISION_PENDING = "cho_quyet_dinh_chinh_thuc"  # Quyết định công nhận

    @property
    def label(self) -> str:
        return WORK_LABELS[self]

    @property
    def can_be_overdue(self) -> bool:
        """Return whether passing the date is a fault: the end of probation is only a milestone."""
        return self is not WorkKind.PROBATION_ENDING


WORK_LABELS: dict[WorkKind, str] = {
    WorkKind.EVALUATION_MISSING: "Bình xét hằng tháng",
    WorkKind.CERTIFICATE_EXPIRY: "Giấy chứng nhận CN-NTVĐ hết hạn",
    WorkKind.DOSSIER_STALE: "Hồ sơ quá 12 tháng chưa xét",
    WorkKind.DECISION_PENDING: "Quyết định kết nạp",
    WorkKind.CEREMONY_PENDING: "Lễ kết nạp",
    WorkKind.PROBATION_ENDING: "Hết thời kỳ dự bị",
    WorkKind.RECOGNITION_CELL_PENDING: "Chi bộ xét công nhận chính thức",
    WorkKind.RECOGNITION_DECISION_PENDING: "Quyết định công nhận chính thức",
}

# Stages where the cell still follows the person as a candidate each month.
EVALUATED_STAGES = frozenset({Stage.CANDIDATE, Stage.AWARENESS_DONE, Stage.DOSSIER})
# Stages where the awareness certificate must stay valid until the cell votes.
CERTIFICATE_STAGES = frozenset({Stage.AWARENESS_DONE, Stage.DOSSIER, Stage.ESCALATED})
STALE_STAGES = frozenset({Stage.DOSSIER, Stage.ESCALATED})
DECISION_STAGES = frozenset(
    {Stage.CELL_RESOLVED, Stage.PARTIAL_APPRAISED, Stage.GRASSROOTS_RESOLVED}
)
RECOGNITION_DECISION_STAGES = frozenset(
    {Stage.RECOGNITION_CELL_RESOLVED, Stage.RECOGNITION_GRASSROOTS_RESOLVED}
)


@dataclass(frozen=True)
class PipelineDates:
    """The recorded dates of one candidacy that due dates are computed from."""

    stage: Stage
    listed_on: date | None = None
    evaluated_months: frozenset[date] = frozenset()
    certificate_on: date | None = None
    planned_vote_on: date | None = None
    staleness_clock_start: date | None = None
    cell_resolved_on: date | None = None
    decision_extended: bool = False
    decision_received_on: date | None = None
    probation_ends_on: date | None = None
    recognition_cell_resolved_on: date | None = None


@dataclass(frozen=True)
class WorkItem:
    """One pending piece of work and the last day allowed for it."""

    kind: WorkKind
    due_on: date
    note: str = ""


def _evaluation(dates: PipelineDates) -> WorkItem | None:
    if dates.stage not in EVALUATED_STAGES or dates.listed_on is None:
        return None
    month = first_unevaluated_month(dates.listed_on, dates.evaluated_months)
    note = f"Bình xét tháng {format_month(month)}"
    return WorkItem(WorkKind.EVALUATION_MISSING, month_end(month), note)


def _certificate(dates: PipelineDates, rule_set: RuleSet) -> WorkItem | None:
    if dates.stage not in CERTIFICATE_STAGES or dates.certificate_on is None:
        return None
    expires = certificate_expires_on(dates.certificate_on, rule_set=rule_set)
    note = f"Giấy chứng nhận CN-NTVĐ cấp ngày {format_date(dates.certificate_on)}"
    if dates.planned_vote_on and dates.planned_vote_on > expires:
        note += f", hết hạn trước ngày chi bộ dự kiến xét {format_date(dates.planned_vote_on)}"
    return WorkItem(WorkKind.CERTIFICATE_EXPIRY, expires, note)


def _stale(dates: PipelineDates, rule_set: RuleSet) -> WorkItem | None:
    start = dates.staleness_clock_start
    if dates.stage not in STALE_STAGES or start is None:
        return None
    note = f"Hồ sơ tính từ ngày {format_date(start)}"
    return WorkItem(WorkKind.DOSSIER_STALE, dossier_consider_by(start, rule_set=rule_set), note)


def _decision(
    dates: PipelineDates, calendar: WorkingCalendar, rule_set: RuleSet
) -> WorkItem | None:
    resolved = dates.cell_resolved_on
    if dates.stage not in DECISION_STAGES or resolved is None:
        return None
    due_of = extended_decision_due if dates.decision_extended else decision_due
    note = f"Nghị quyết chi bộ ngày {format_date(resolved)}"
    if dates.decision_extended:
        note += " (đã gia hạn)"
    return WorkItem(
        WorkKind.DECISION_PENDING, due_of(resolved, calendar=calendar, rule_set=rule_set), note
    )


def _probation(
    dates: PipelineDates, calendar: WorkingCalendar, rule_set: RuleSet
) -> list[WorkItem]:
    ends = dates.probation_ends_on
    if dates.stage is not Stage.PROBATION or ends is None:
        return []
    note = f"Thời kỳ dự bị hết ngày {format_date(ends)}"
    cell_due = recognition_cell_due(ends, calendar=calendar, rule_set=rule_set)
    return [
        WorkItem(WorkKind.PROBATION_ENDING, ends, note),
        WorkItem(WorkKind.RECOGNITION_CELL_PENDING, cell_due, note),
    ]


def work_items(
    dates: PipelineDates, *, calendar: WorkingCalendar, rule_set: RuleSet
) -> tuple[WorkItem, ...]:
    """Return the pending work of a candidacy at its stage, each with its last allowed day."""
    items: list[WorkItem | None] = [
        _evaluation(dates),
        _certificate(dates, rule_set),
        _stale(dates, rule_set),
        _decision(dates, calendar, rule_set),
    ]
    if dates.stage is Stage.ADMITTED and dates.decision_received_on is not None:
        due = ceremony_due(dates.decision_received_on, calendar=calendar, rule_set=rule_set)
        note = f"Chi bộ nhận quyết định ngày {format_date(dates.decision_received_on)}"
        items.append(WorkItem(WorkKind.CEREMONY_PENDING, due, note))
    items.extend(_probation(dates, calendar, rule_set))
    resolved = dates.recognition_cell_resolved_on
    if dates.stage in RECOGNITION_DECISION_STAGES and resolved is not None:
        due = recognition_decision_due(resolved, calendar=calendar, rule_set=rule_set)
        note = f"Nghị quyết chi bộ đề nghị công nhận ngày {format_date(resolved)}"
        items.append(WorkItem(WorkKind.RECOGNITION_DECISION_PENDING, due, note))
    return tuple(item for item in items if item is not None)
