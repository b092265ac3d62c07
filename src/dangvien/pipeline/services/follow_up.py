"""Following a person month by month: monthly evaluations and the members assigned to help."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.domain.text import format_date, normalize
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, Status
from dangvien.people.selectors import people_in_scope
from dangvien.pipeline.domain.evaluations import EvaluationResult, format_month, month_start
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.facts import status_on
from dangvien.pipeline.models import Evaluation, HelperAssignment
from dangvien.pipeline.services.steps import candidacy_for_edit, clean_text, touch

# Candidates are evaluated monthly from listing until the cell's resolution.
EVALUATION_STAGES = frozenset(
    {Stage.CANDIDATE, Stage.AWARENESS_DONE, Stage.DOSSIER, Stage.ESCALATED}
)
CANDIDATE_HELP_STAGES = frozenset(
    {
        Stage.SOURCE,
        Stage.CANDIDATE,
        Stage.AWARENESS_DONE,
        Stage.DOSSIER,
        Stage.ESCALATED,
        Stage.CELL_RESOLVED,
        Stage.PARTIAL_APPRAISED,
        Stage.GRASSROOTS_RESOLVED,
    }
)
PROBATION_HELP_STAGES = frozenset(
    {
        Stage.ADMITTED,
        Stage.PROBATION,
        Stage.RECOGNITION_CELL_RESOLVED,
        Stage.RECOGNITION_GRASSROOTS_RESOLVED,
    }
)
DEFAULT_HELPER_LOAD = 3  # people one member helps at once before the page warns


@transaction.atomic
def evaluation_record(
    *,
    actor: Actor,
    candidacy_id: int,
    month: date,
    result: EvaluationResult,
    comment: str = "",
) -> Evaluation:
    """Record the cell's monthly evaluation of a candidate for one month."""
    candidacy = candidacy_for_edit(actor, candidacy_id)
    if Stage(candidacy.stage) not in EVALUATION_STAGES:
        raise DomainError(
            "Chỉ bình xét hằng tháng khi người vào Đảng còn trong danh sách quần chúng ưu tú, "
            f"trước khi chi bộ ra nghị quyết (hiện ở bước «{Stage(candidacy.stage).label}»).",
            code="stage",
        )
    first = month_start(month)
    listed = candidacy.listed_on or candidacy.opened_on
    if first < month_start(listed) or first > month_start(actor.scope.day):
        raise DomainError(
            f"Tháng {format_month(first)} không hợp lệ: từ tháng đưa vào danh sách "
            f"({format_month(month_start(listed))}) đến tháng hiện tại.",
            field="month",
        )
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                candidacy=candidacy,
                month=first,
                result=EvaluationResult(result).value,
                comment=normalize(comment),
                username=actor.username,
            )
    except IntegrityError:
        raise DomainError(
            f"Đã có kết quả bình xét tháng {format_month(first)}.", code="duplicate", field="month"
        ) from None
    touch(actor, candidacy, "evaluation", {"month": first.isoformat(), "result": result.value})
    return evaluation


@dataclass(frozen=True)
class HelperResult:
    """The new assignment and any warning the cell should see (e.g. a member helps too many)."""

    assignment: HelperAssignment
    warnings: tuple[str, ...] = ()


def helper_load_limit() -> int:
    """Return how many people one member may help before a warning (setting, default 3)."""
    return int(getattr(settings, "DANGVIEN_HELPER_LOAD", DEFAULT_HELPER_LOAD))


def _role_for(stage: Stage) -> HelperAssignment.Role:
    if stage in CANDIDATE_HELP_STAGES:
        return HelperAssignment.Role.CANDIDATE
    if stage in PROBATION_HELP_STAGES:
        return HelperAssignment.Role.PROBATION
    raise DomainError("Hồ sơ đã kết thúc, không phân công người giúp đỡ.", code="closed")


@transaction.atomic
def helper_assign(
    *, actor: Actor, candidacy_id: int, member_id: int, assigned_on: date, note: str = ""
) -> HelperResult:
    """Assign an official member of the same cell to help the candidate or probationary member."""
    candidacy = candidacy_for_edit(actor, candidacy_id)
    role = _role_for(Stage(candidacy.stage))
    if assigned_on > actor.scope.day:
        raise DomainError(f"Ngày {format_date(assigned_on)} chưa đến.", field="assigned_on")
    member = people_in_scope(actor.scope).filter(pk=member_id).first()
    if member is None or member.pk == candidacy.person_id:
        raise DomainError("Không tìm thấy đảng viên trong phạm vi.", field="member_id")
    period = status_on(member.pk, assigned_on)
    if period is None or Status(period.status) not in FULL_MEMBER_STATUSES:
        status = Status(period.status).label if period else "không có"
        raise DomainError(
            f"{member.full_name} không phải đảng viên chính thức vào ngày "
            f"{format_date(assigned_on)} (tình trạng: {status}); chỉ đảng viên chính thức "
            "được phân công giúp đỡ.",
            code="helper_not_official",
            field="member_id",
        )
    if period.org_id != candidacy.cell_id:
        raise DomainError(
            f"{member.full_name} sinh hoạt ở {period.org.name}, không cùng chi bộ "
            f"{candidacy.cell.name} vào ngày {format_date(assigned_on)}.",
            code="helper_other_cell",
            field="member_id",
        )
    active = HelperAssignment.objects.filter(
        member=member, ended_on__isnull=True, candidacy__is_open=True
    )
    if active.filter(candidacy=candidacy).exists():
        raise DomainError(f"{member.full_name} đang được phân công giúp đỡ người này.")
    assignment = HelperAssignment.objects.create(
        candidacy=candidacy,
        member=member,
        role=role.value,
        assigned_on=assigned_on,
        note=clean_text(note),
    )
    touch(actor, candidacy, "helper", {"member": member.pk, "role": role.value})
    load, limit = active.count(), helper_load_limit()
    warnings: tuple[str, ...] = ()
    if load > limit:
        warnings = (
            f"{member.full_name} đang giúp đỡ {load} người, nhiều hơn mức khuyến nghị {limit}.",
        )
    return HelperResult(assignment, warnings)


@transaction.atomic
def helper_end(*, actor: Actor, assignment_id: int, ended_on: date) -> HelperAssignment:
    """Record the end of a helper's assignment (e.g. the member moved away)."""
    found = HelperAssignment.objects.filter(pk=assignment_id).values_list("candidacy_id", flat=True)
    candidacy_id = found.first()
    if candidacy_id is None:
        raise NotFoundError()
    candidacy = candidacy_for_edit(actor, candidacy_id)
    assignment = HelperAssignment.objects.get(pk=assignment_id)
    if assignment.ended_on is not None:
        raise DomainError("Phân công này đã kết thúc.")
    if ended_on < assignment.assigned_on or ended_on > actor.scope.day:
        raise DomainError("Ngày kết thúc không hợp lệ.", field="ended_on")
    assignment.ended_on = ended_on
    assignment.save(update_fields=["ended_on"])
    touch(actor, candidacy, "helper_end", {"assignment": assignment.pk})
    return assignment
