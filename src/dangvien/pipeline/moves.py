"""An open dossier follows its person to another cell ("hồ sơ đi theo người").

The candidacy belongs to the person's cell: that cell evaluates, helps and votes.
When a person's current cell changes (a status change on the person page or the
API, a row of the import workbook), their open candidacy moves with them in the
same transaction. This is the one place the rule is written; `people.services`
and the import writer both call it.

It sits beside `services/` rather than inside it (and imports nothing from it)
because `people.services` calls it while several pipeline services call
`people.services`: going through the `services` package would make the two
import each other.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import PermissionDeniedError
from dangvien.core.domain.text import format_date
from dangvien.orgs.models import Organization
from dangvien.pipeline.models import Candidacy, Deadline, HelperAssignment, StageTransition
from dangvien.pipeline.models.candidacy import FOLLOW_ACTION
from dangvien.pipeline.stage_snapshot import stage_snapshot_mark_cells


def _check_may_move(actor: Actor, candidacy: Candidacy, cell: Organization) -> None:
    """Refuse unless the actor may edit both the dossier's cell and the new one."""
    if actor.user is None:
        return  # the server's operator: every unit, dissolved ones included (as the import)
    name = candidacy.person.full_name
    if not actor.scope.covers_org(candidacy.cell_id, edit=True):
        raise PermissionDeniedError(
            f"Hồ sơ phát triển đảng viên đang mở của {name} thuộc chi bộ ngoài phạm vi bạn "
            "được quyền sửa, nên không chuyển theo người sang chi bộ mới được."
        )
    if not actor.scope.covers_org(cell.pk, edit=True):
        raise PermissionDeniedError(
            f"Không chuyển được hồ sơ phát triển đảng viên đang mở của {name} sang chi bộ "
            f"«{cell.code}»: chi bộ này nằm ngoài phạm vi bạn được quyền sửa."
        )


def _end_old_helpers(candidacy: Candidacy, cell_id: int, since: date) -> list[int]:
    """End the assignments of helpers who stay behind; return their ids.

    A helper must be an official member of the candidate's cell, so the new
    cell assigns its own. A helper already in the new cell keeps helping.
    """
    ended = list(
        HelperAssignment.objects.filter(candidacy=candidacy, ended_on__isnull=True).exclude(
            member__current_org_id=cell_id
        )
    )
    for assignment in ended:
        assignment.ended_on = max(since, assignment.assigned_on)
    HelperAssignment.objects.bulk_update(ended, ["ended_on"])
    return [assignment.pk for assignment in ended]


@transaction.atomic
def candidacy_follow_person(
    *, actor: Actor, person_id: int, cell_id: int, since: date
) -> Candidacy | None:
    """Move the person's open candidacy into `cell_id` from `since`; return it, None if none moved.

    The stage stays; the move is a line of the transition log (dated no earlier
    than the current stage, so "stage on a day" reports keep their history), the
    due dates change cell, helpers left behind stop, the version is bumped (a page
    read before the move must reload) and the access log gets an entry.
    Called by whatever changes a person's cell; the caller has checked the person.
    """
    candidacy = (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("person", "cell")
        .filter(person_id=person_id, is_open=True)
        .first()
    )
    if candidacy is None or candidacy.cell_id == cell_id:
        return None
    cell = Organization.objects.get(pk=cell_id)
    _check_may_move(actor, candidacy, cell)
    old = candidacy.cell
    StageTransition.objects.create(
        candidacy=candidacy,
        action=FOLLOW_ACTION,
        from_stage=candidacy.stage,
        to_stage=candidacy.stage,
        on=max(since, candidacy.stage_since),
        rule_set_code=candidacy.rule_set_code,
        note=f"Chuyển theo người từ {old.name} sang {cell.name} từ ngày {format_date(since)}",
        user=actor.user,
        username=actor.username,
        channel=actor.channel,
    )
    candidacy.cell = cell
    candidacy.version += 1
    candidacy.save(update_fields=["cell", "version", "updated_at"])
    Deadline.objects.filter(candidacy=candidacy).update(cell=cell)
    stage_snapshot_mark_cells([old.pk, cell.pk])  # it counts in its new cell on every day
    helpers = _end_old_helpers(candidacy, cell.pk, since)
    audit_record(  # the entry `services.steps.audit_candidacy` writes for every step
        actor=actor,
        action="update",
        object_type="candidacy",
        object_id=candidacy.pk,
        org_id=cell.pk,
        detail={
            "event": FOLLOW_ACTION,
            "person": person_id,
            "cell": {"old": old.code, "new": cell.code},
            "since": since.isoformat(),
            "helpers_ended": helpers,
        },
    )
    return candidacy
