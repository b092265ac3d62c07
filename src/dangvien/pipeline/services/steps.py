"""What every pipeline service shares: the locked fetch, step dates, the transition log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.core.domain.text import format_date, normalize
from dangvien.pipeline.deadlines_store import deadlines_rebuild
from dangvien.pipeline.domain.decisions import Decision, Reason
from dangvien.pipeline.domain.rulesets import RuleSet, rule_set_by_code
from dangvien.pipeline.domain.stages import Action, Stage, next_stage
from dangvien.pipeline.models import Candidacy, DossierDocument, StageTransition
from dangvien.pipeline.stage_snapshot import stage_snapshot_mark_cells
from dangvien.pipeline.transition_log import entered_refresh

CONFLICT_MESSAGE = (
    "Hồ sơ đã được người khác cập nhật trong lúc bạn đang nhập; hãy tải lại trang để xem "
    "bước hiện tại rồi nhập lại."
)


def candidacy_for_edit(
    actor: Actor, candidacy_id: int, *, expected_version: int | None = None
) -> Candidacy:
    """Return the candidacy locked for this transaction, if the actor may change it.

    The row lock makes a second simultaneous step on the same dossier wait, then see
    the stage the first one left, so two votes or decisions cannot both land.
    """
    candidacy = (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("person", "cell")
        .filter(pk=candidacy_id)
        .first()
    )
    if candidacy is None or not actor.scope.covers_org(candidacy.cell_id):
        raise NotFoundError()
    if not actor.scope.covers_org(candidacy.cell_id, edit=True):
        raise PermissionDeniedError()
    if expected_version is not None and candidacy.version != expected_version:
        raise DomainError(CONFLICT_MESSAGE, code="conflict")
    return candidacy


def rules_of(candidacy: Candidacy) -> RuleSet:
    """Return the rule set the dossier is processed under."""
    return rule_set_by_code(candidacy.rule_set_code)


def check_step_date(actor: Actor, candidacy: Candidacy, on: date, *, what: str) -> None:
    """Refuse a step dated in the future or before the step that led to the current stage."""
    if on > actor.scope.day:
        raise DomainError(
            f"{what}: ngày {format_date(on)} chưa đến (hôm nay là {format_date(actor.scope.day)}).",
            code="future_date",
            field="on",
        )
    if on < candidacy.stage_since:
        raise DomainError(
            f"{what}: ngày {format_date(on)} trước ngày của bước hiện tại "
            f"«{Stage(candidacy.stage).label}» ({format_date(candidacy.stage_since)}).",
            code="date_before_stage",
            field="on",
        )


def check_allowed(candidacy: Candidacy, action: Action, *, has_partial: bool = False) -> Stage:
    """Return where `action` leads from the current stage, or raise the domain's refusal."""
    return next_stage(Stage(candidacy.stage), action, has_partial_committee=has_partial)


def refuse(reasons: Iterable[Reason], *, code: str | None = None) -> None:
    """Raise one DomainError listing every reason, citing the first one's rule."""
    listed = list(reasons)
    if listed:
        first = listed[0]
        message = "\n".join(reason.message for reason in listed)
        raise DomainError(message, code=code or first.code, rule=first.citation)


def require(decision: Decision, *extra: Reason) -> None:
    """Raise when the decision refuses, or when there are extra blocking reasons."""
    refuse([*extra, *(() if decision.ok else decision.reasons)])


def clean_text(value: str, *, limit: int = 255) -> str:
    """Return user text with spacing normalised and cut to the column's size."""
    return normalize(value)[:limit]


def audit_candidacy(
    actor: Actor, candidacy: Candidacy, event: str, detail: dict[str, Any] | None = None
) -> None:
    """Log a change to a candidacy (a change of a person's record) in the access log."""
    audit_record(
        actor=actor,
        action="update",
        object_type="candidacy",
        object_id=candidacy.pk,
        org_id=candidacy.cell_id,
        detail={"event": event, "person": candidacy.person_id, **(detail or {})},
    )


def touch(actor: Actor, candidacy: Candidacy, event: str, detail: dict[str, Any]) -> None:
    """Save a changed candidacy without a stage change: bump its version, refresh, log."""
    candidacy.version += 1
    candidacy.save()
    deadlines_rebuild([candidacy])
    audit_candidacy(actor, candidacy, event, detail)


def apply_transition(
    actor: Actor,
    candidacy: Candidacy,
    action: Action,
    *,
    on: date,
    note: str = "",
    has_partial: bool = False,
) -> StageTransition:
    """Move the candidacy by `action`, log who/when/rule set, refresh its due dates, audit."""
    before = Stage(candidacy.stage)
    after = check_allowed(candidacy, action, has_partial=has_partial)
    transition = StageTransition.objects.create(
        candidacy=candidacy,
        action=action.value,
        from_stage=before.value,
        to_stage=after.value,
        on=on,
        rule_set_code=candidacy.rule_set_code,
        note=note,
        user=actor.user,
        username=actor.username,
        channel=actor.channel,
    )
    entered_refresh([candidacy.pk])
    candidacy.stage = after.value
    candidacy.stage_since = max(on, candidacy.stage_since)
    if after.is_final:
        candidacy.is_open = False
        candidacy.closed_on = on
    candidacy.version += 1
    candidacy.save()
    deadlines_rebuild([candidacy])
    stage_snapshot_mark_cells([candidacy.cell_id])
    audit_candidacy(
        actor,
        candidacy,
        action.value,
        {
            "from": before.value,
            "to": after.value,
            "on": on.isoformat(),
            "rules": transition.rule_set_code,
        },
    )
    return transition


def add_document(
    actor: Actor,
    candidacy: Candidacy,
    *,
    form_code: str,
    issued_on: date,
    number: str = "",
    signer: str = "",
    issuer: str = "",
    note: str = "",
) -> DossierDocument:
    """Store one paper of the dossier (the caller has checked that it may be recorded)."""
    return DossierDocument.objects.create(
        candidacy=candidacy,
        form_code=form_code,
        number=clean_text(number, limit=60),
        issued_on=issued_on,
        signer=clean_text(signer, limit=200),
        issuer=clean_text(issuer),
        note=normalize(note),
        username=actor.username,
    )
