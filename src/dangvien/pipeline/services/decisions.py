"""Decisions of the competent committee, the ceremony, and what they change on the person record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.core.calendar_service import working_calendar
from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date, normalize
from dangvien.people.domain.enums import Status
from dangvien.people.services import MembershipInput, membership_save, person_status_change
from dangvien.pipeline.bodies import chain_of, require_body
from dangvien.pipeline.domain.deadlines import (
    ceremony_due,
    decision_due,
    extended_decision_due,
    official_as_of,
    probation_end,
    recognition_decision_due,
)
from dangvien.pipeline.domain.decisions import Decision as RuleDecision
from dangvien.pipeline.domain.documents import ExtraDocument, official_number
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.stages import Action, Stage
from dangvien.pipeline.domain.timeliness import check_on_time
from dangvien.pipeline.domain.worklist import DECISION_STAGES
from dangvien.pipeline.models import Candidacy, Ceremony, Decision, DecisionExtension
from dangvien.pipeline.services.steps import (
    add_document,
    apply_transition,
    candidacy_for_edit,
    check_allowed,
    check_step_date,
    clean_text,
    require,
    rules_of,
    touch,
)


@dataclass(frozen=True)
class DecisionInput:
    """A committee's decision as signed: number, date, signer, and when the cell received it."""

    decided_on: date
    number: str
    signer: str = ""
    received_on: date | None = None
    late_reason: str = ""


def _check_received(actor: Actor, data: DecisionInput) -> date:
    received = data.received_on or data.decided_on
    if received < data.decided_on or received > actor.scope.day:
        raise DomainError(
            "Ngày chi bộ nhận quyết định phải từ ngày ký quyết định đến hôm nay.",
            field="received_on",
        )
    return received


def _decision_due(candidacy: Candidacy) -> date:
    assert candidacy.cell_resolved_on is not None  # set with the cell's resolution
    due_of = extended_decision_due if candidacy.decision_extended else decision_due
    return due_of(
        candidacy.cell_resolved_on, calendar=working_calendar(), rule_set=rules_of(candidacy)
    )


def _store_decision(
    actor: Actor,
    candidacy: Candidacy,
    *,
    kind: Decision.Kind,
    form: str,
    number: str,
    body: str,
    data: DecisionInput,
    received: date | None,
) -> Decision:
    """Store a committee's decision and its paper."""
    document = add_document(
        actor,
        candidacy,
        form_code=form,
        issued_on=data.decided_on,
        number=number,
        signer=data.signer,
        issuer=body,
    )
    return Decision.objects.create(
        candidacy=candidacy,
        kind=kind.value,
        number=number,
        decided_on=data.decided_on,
        body=body,
        received_on=received,
        late_reason=normalize(data.late_reason),
        document=document,
    )


def _make_probationary(
    actor: Actor, candidacy: Candidacy, *, decided_on: date, number: str
) -> None:
    """Record on the person that they are a probationary member from the decision date."""
    person_status_change(
        actor=actor,
        person_id=candidacy.person_id,
        status=Status.PROBATIONARY,
        org_code=candidacy.cell.code,
        since=decided_on,
        note=f"Quyết định kết nạp số {number}",
    )
    candidacy.membership = membership_save(
        actor=actor,
        person_id=candidacy.person_id,
        data=MembershipInput(decision_date=decided_on, decision_number=number),
    )


def _decision_timely(candidacy: Candidacy, data: DecisionInput) -> RuleDecision:
    """Check the admission decision's date against its limit; refuse a late one without reason."""
    timely = check_on_time(
        data.decided_on,
        _decision_due(candidacy),
        what="Quyết định kết nạp",
        since=f"nghị quyết chi bộ ngày {format_date(candidacy.cell_resolved_on)}"
        + (" (đã gia hạn)" if candidacy.decision_extended else ""),
        limit=rules_of(candidacy).decision_working_days,
        late_reason=data.late_reason,
    )
    require(timely)
    return timely


@transaction.atomic
def decision_record(
    *, actor: Actor, candidacy_id: int, data: DecisionInput, expected_version: int | None = None
) -> Decision:
    """Record the admission decision (9-KNĐ): the person becomes a probationary member.

    Party age counts from the decision date, so the membership and the status
    change to probationary are recorded as of that day.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.RECORD_ADMISSION_DECISION)
    check_step_date(actor, candidacy, data.decided_on, what="Quyết định kết nạp")
    body = chain_of(candidacy.cell_id, data.decided_on).admitting
    require_body(actor, body, "ghi quyết định kết nạp")
    received = _check_received(actor, data)
    timely = _decision_timely(candidacy, data)
    number = official_number(data.number, "QĐ/ĐU")
    decision = _store_decision(
        actor,
        candidacy,
        kind=Decision.Kind.ADMISSION,
        form=FormCode.KND_9.value,
        number=number,
        body=body.standing_committee,
        data=data,
        received=received,
    )
    _make_probationary(actor, candidacy, decided_on=data.decided_on, number=number)
    candidacy.decision_on = data.decided_on
    candidacy.decision_received_on = received
    note = "\n".join(timely.messages)
    apply_transition(
        actor, candidacy, Action.RECORD_ADMISSION_DECISION, on=data.decided_on, note=note
    )
    return decision


@transaction.atomic
def decision_extend(
    *,
    actor: Actor,
    candidacy_id: int,
    decided_on: date,
    reason: str,
    number: str = "",
    expected_version: int | None = None,
) -> DecisionExtension:
    """Record the extension of the time limit for the admission decision (special cases).

    It must be decided before the ordinary limit passes, and only once.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    if Stage(candidacy.stage) not in DECISION_STAGES:
        raise DomainError(
            "Chỉ gia hạn thời gian ra quyết định kết nạp khi hồ sơ đang chờ quyết định.",
            code="stage",
        )
    if candidacy.decision_extended:
        raise DomainError("Hồ sơ đã được gia hạn một lần.", code="duplicate")
    if not normalize(reason):
        raise DomainError("Hãy ghi lý do gia hạn.", field="reason")
    check_step_date(actor, candidacy, decided_on, what="Gia hạn")
    rules = rules_of(candidacy)
    due = _decision_due(candidacy)
    if decided_on > due:
        limit = rules.decision_working_days
        raise DomainError(
            f"Gia hạn phải quyết định trước khi hết hạn {limit.value} ngày làm việc "
            f"({format_date(due)}); ngày gia hạn {format_date(decided_on)} đã muộn "
            f"({limit.citation}).",
            code="late",
            rule=limit.citation,
        )
    body = chain_of(candidacy.cell_id, decided_on).admitting
    require_body(actor, body, "gia hạn thời gian ra quyết định kết nạp")
    extension = DecisionExtension.objects.create(
        candidacy=candidacy,
        number=clean_text(number, limit=60),
        decided_on=decided_on,
        body=body.standing_committee,
        reason=normalize(reason),
    )
    candidacy.decision_extended = True
    touch(actor, candidacy, "decision_extend", {"extension": extension.pk})
    return extension


@dataclass(frozen=True)
class CeremonyInput:
    """The admission ceremony as held."""

    held_on: date
    place: str = ""
    presided_by: str = ""
    late_reason: str = ""


@transaction.atomic
def ceremony_record(
    *, actor: Actor, candidacy_id: int, data: CeremonyInput, expected_version: int | None = None
) -> Ceremony:
    """Record the admission ceremony: probation starts that day and lasts the rule set's months."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.HOLD_CEREMONY)
    check_step_date(actor, candidacy, data.held_on, what="Lễ kết nạp")
    rules = rules_of(candidacy)
    received = candidacy.decision_received_on or candidacy.stage_since
    timely = check_on_time(
        data.held_on,
        ceremony_due(received, calendar=working_calendar(), rule_set=rules),
        what="Lễ kết nạp",
        since=f"ngày chi bộ nhận quyết định kết nạp ({format_date(received)})",
        limit=rules.ceremony_working_days,
        late_reason=data.late_reason,
    )
    require(timely)
    ceremony = Ceremony.objects.create(
        candidacy=candidacy,
        held_on=data.held_on,
        place=clean_text(data.place),
        presided_by=clean_text(data.presided_by, limit=200),
        late_reason=normalize(data.late_reason),
    )
    membership = candidacy.membership
    if membership is not None:
        membership_save(
            actor=actor,
            person_id=candidacy.person_id,
            membership_id=membership.pk,
            data=MembershipInput(
                decision_date=membership.decision_date,
                decision_number=membership.decision_number,
                ceremony_date=data.held_on,
            ),
        )
    candidacy.ceremony_on = data.held_on
    candidacy.probation_ends_on = probation_end(data.held_on, rule_set=rules)
    note = "\n".join(timely.messages)
    apply_transition(actor, candidacy, Action.HOLD_CEREMONY, on=data.held_on, note=note)
    return ceremony


@transaction.atomic
def recognition_decide(
    *, actor: Actor, candidacy_id: int, data: DecisionInput, expected_version: int | None = None
) -> Decision:
    """Record the recognition decision: official as of the day probation ended, however late."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.RECOGNISE)
    check_step_date(actor, candidacy, data.decided_on, what="Quyết định công nhận chính thức")
    body = chain_of(candidacy.cell_id, data.decided_on).admitting
    require_body(actor, body, "ghi quyết định công nhận đảng viên chính thức")
    rules = rules_of(candidacy)
    resolved = candidacy.recognition_cell_resolved_on
    # Both are set by the steps that lead to this stage.
    assert resolved is not None
    assert candidacy.probation_ends_on is not None
    timely = check_on_time(
        data.decided_on,
        recognition_decision_due(resolved, calendar=working_calendar(), rule_set=rules),
        what="Quyết định công nhận chính thức",
        since=f"nghị quyết chi bộ ngày {format_date(resolved)}",
        limit=rules.recognition_decision_working_days,
        late_reason=data.late_reason,
    )
    require(timely)
    official_on = official_as_of(candidacy.probation_ends_on)
    decision = _store_decision(
        actor,
        candidacy,
        kind=Decision.Kind.RECOGNITION,
        form=ExtraDocument.RECOGNITION_DECISION.value,
        number=official_number(data.number, "QĐ/ĐU"),
        body=body.standing_committee,
        data=data,
        received=data.received_on,
    )
    _make_official(actor, candidacy, official_on)
    candidacy.official_on = official_on
    note = f"Công nhận đảng viên chính thức từ ngày {format_date(official_on)}"
    note = "\n".join([note, *timely.messages])
    apply_transition(actor, candidacy, Action.RECOGNISE, on=data.decided_on, note=note)
    return decision


def _make_official(actor: Actor, candidacy: Candidacy, official_on: date) -> None:
    """Record on the person that they are official from the end of probation."""
    person_status_change(
        actor=actor,
        person_id=candidacy.person_id,
        status=Status.OFFICIAL,
        org_code=candidacy.cell.code,
        since=official_on,
        note="Công nhận đảng viên chính thức",
    )
    membership = candidacy.membership
    if membership is not None:
        membership.refresh_from_db()
        membership_save(
            actor=actor,
            person_id=candidacy.person_id,
            membership_id=membership.pk,
            data=MembershipInput(
                decision_date=membership.decision_date,
                decision_number=membership.decision_number,
                ceremony_date=membership.ceremony_date,
                official_date=official_on,
            ),
        )
