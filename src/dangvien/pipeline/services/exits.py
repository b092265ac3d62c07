"""Ways out of the pipeline: removed from the list, refused, withdrawn, struck off, moved away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import normalize
from dangvien.people.domain.enums import Status
from dangvien.people.services import person_status_change
from dangvien.pipeline.bodies import chain_of, require_body
from dangvien.pipeline.domain.documents import ExtraDocument, official_number
from dangvien.pipeline.domain.stages import Action
from dangvien.pipeline.models import Candidacy, Decision, HelperAssignment
from dangvien.pipeline.services.steps import (
    add_document,
    apply_transition,
    candidacy_for_edit,
    check_allowed,
    check_step_date,
)


@dataclass(frozen=True)
class ExitInput:
    """Why and when a candidacy ends, and the paper that says so when there is one."""

    on: date
    reason: str
    number: str = ""
    signer: str = ""


def _reason(data: ExitInput) -> str:
    reason = normalize(data.reason)
    if not reason:
        raise DomainError("Hãy ghi lý do.", field="reason")
    return reason


def _person_leaves(actor: Actor, candidacy: Candidacy, status: Status, data: ExitInput) -> None:
    """Record on the person record that they left the list or the party, from the exit date."""
    candidacy.person.refresh_from_db(fields=["current_status"])
    if candidacy.person.current_status not in (Status.CANDIDATE, Status.PROBATIONARY):
        return  # already changed on the person record (e.g. a transfer recorded there)
    person_status_change(
        actor=actor,
        person_id=candidacy.person_id,
        status=status,
        org_code=candidacy.cell.code,
        since=data.on,
        note=_reason(data)[:255],
    )


def _end_helpers(candidacy: Candidacy, on: date) -> None:
    HelperAssignment.objects.filter(candidacy=candidacy, ended_on__isnull=True).update(ended_on=on)


def _exit(actor: Actor, candidacy: Candidacy, action: Action, data: ExitInput, what: str) -> None:
    check_allowed(candidacy, action)
    check_step_date(actor, candidacy, data.on, what=what)
    _reason(data)


@transaction.atomic
def candidacy_remove(
    *, actor: Actor, candidacy_id: int, data: ExitInput, expected_version: int | None = None
) -> Candidacy:
    """Record the cell's resolution taking the person off the candidate list."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _exit(actor, candidacy, Action.REMOVE_FROM_LIST, data, "Đưa ra khỏi danh sách")
    _person_leaves(actor, candidacy, Status.STRUCK_OFF, data)
    _end_helpers(candidacy, data.on)
    apply_transition(actor, candidacy, Action.REMOVE_FROM_LIST, on=data.on, note=_reason(data))
    return candidacy


@transaction.atomic
def candidacy_withdraw(
    *, actor: Actor, candidacy_id: int, data: ExitInput, expected_version: int | None = None
) -> Candidacy:
    """Record that the applicant withdrew before the admission decision."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _exit(actor, candidacy, Action.WITHDRAW, data, "Rút hồ sơ")
    _person_leaves(actor, candidacy, Status.STRUCK_OFF, data)
    _end_helpers(candidacy, data.on)
    apply_transition(actor, candidacy, Action.WITHDRAW, on=data.on, note=_reason(data))
    return candidacy


def _committee_paper(
    actor: Actor,
    candidacy: Candidacy,
    data: ExitInput,
    *,
    kind: Decision.Kind,
    paper: ExtraDocument,
) -> None:
    """Store the competent committee's decision ending the candidacy, with its paper."""
    body = chain_of(candidacy.cell_id, data.on).admitting
    require_body(actor, body, "ghi quyết định này")
    number = official_number(data.number, "QĐ/ĐU") if data.number else ""
    document = add_document(
        actor,
        candidacy,
        form_code=paper.value,
        issued_on=data.on,
        number=number,
        signer=data.signer,
        issuer=body.standing_committee,
        note=_reason(data),
    )
    Decision.objects.create(
        candidacy=candidacy,
        kind=kind.value,
        number=number,
        decided_on=data.on,
        body=body.standing_committee,
        document=document,
    )


@transaction.atomic
def candidacy_refuse(
    *, actor: Actor, candidacy_id: int, data: ExitInput, expected_version: int | None = None
) -> Candidacy:
    """Record that the competent committee did not agree to admit the person."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _exit(actor, candidacy, Action.REFUSE, data, "Không đồng ý kết nạp")
    _committee_paper(
        actor, candidacy, data, kind=Decision.Kind.REFUSAL, paper=ExtraDocument.REFUSAL
    )
    _person_leaves(actor, candidacy, Status.STRUCK_OFF, data)
    _end_helpers(candidacy, data.on)
    apply_transition(actor, candidacy, Action.REFUSE, on=data.on, note=_reason(data))
    return candidacy


@transaction.atomic
def candidacy_strike_off(
    *, actor: Actor, candidacy_id: int, data: ExitInput, expected_version: int | None = None
) -> Candidacy:
    """Record the decision striking a probationary member off the list (not recognised)."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _exit(actor, candidacy, Action.STRIKE_OFF, data, "Xóa tên đảng viên dự bị")
    _committee_paper(
        actor,
        candidacy,
        data,
        kind=Decision.Kind.STRIKE_OFF,
        paper=ExtraDocument.STRIKE_OFF_DECISION,
    )
    _person_leaves(actor, candidacy, Status.STRUCK_OFF, data)
    _end_helpers(candidacy, data.on)
    apply_transition(actor, candidacy, Action.STRIKE_OFF, on=data.on, note=_reason(data))
    return candidacy


@transaction.atomic
def candidacy_transfer_out(
    *, actor: Actor, candidacy_id: int, data: ExitInput, expected_version: int | None = None
) -> Candidacy:
    """Record that the person moved to a unit outside the system; the dossier goes with them."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    _exit(actor, candidacy, Action.TRANSFER_OUT, data, "Chuyển đi")
    _person_leaves(actor, candidacy, Status.TRANSFERRED_OUT, data)
    _end_helpers(candidacy, data.on)
    apply_transition(actor, candidacy, Action.TRANSFER_OUT, on=data.on, note=_reason(data))
    return candidacy
