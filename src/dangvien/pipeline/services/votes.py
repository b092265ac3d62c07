"""Votes of the cell and the committees on admission and on recognition."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.core.calendar_service import working_calendar
from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date
from dangvien.pipeline.bodies import chain_of, require_body
from dangvien.pipeline.domain.deadlines import recognition_cell_due
from dangvien.pipeline.domain.decisions import Decision
from dangvien.pipeline.domain.documents import official_number
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.readiness import readiness_for
from dangvien.pipeline.domain.rulesets import RuleSet
from dangvien.pipeline.domain.stages import Action
from dangvien.pipeline.domain.timeliness import check_on_time
from dangvien.pipeline.domain.votes import (
    VoteMethod,
    VoteRecord,
    cell_vote_action,
    cell_vote_passes,
    committee_vote_passes,
    required_for,
)
from dangvien.pipeline.facts import dossier_facts, local_criteria_for, official_members_on
from dangvien.pipeline.models import Candidacy, Vote
from dangvien.pipeline.services.steps import (
    add_document,
    apply_transition,
    candidacy_for_edit,
    check_allowed,
    check_step_date,
    clean_text,
    refuse,
    require,
    rules_of,
    touch,
)


@dataclass(frozen=True)
class VoteInput:
    """The counts of a vote and the resolution it produced.

    `eligible` is only read for committee votes (the number of committee members);
    a cell's eligible voters are always counted from the membership records.
    """

    held_on: date
    present: int
    in_favour: int
    against: int
    method: VoteMethod
    number: str = ""
    signer: str = ""
    eligible: int | None = None
    late_reason: str = ""


def _record(data: VoteInput, eligible: int) -> VoteRecord:
    return VoteRecord(
        eligible=eligible,
        present=data.present,
        in_favour=data.in_favour,
        against=data.against,
        method=VoteMethod(data.method),
    )


def _committee_size(data: VoteInput) -> int:
    if data.eligible is None or data.eligible < 1:
        raise DomainError(
            "Nhập tổng số cấp ủy viên (người có quyền biểu quyết) của cấp ủy.", field="eligible"
        )
    return data.eligible


def _need_number(data: VoteInput, form: FormCode) -> None:
    if not data.number.strip():
        raise DomainError(f"Nhập số của {form.label.lower()} ({form.value}).", field="number")


def _store_vote(
    actor: Actor,
    candidacy: Candidacy,
    *,
    kind: Vote.Kind,
    body: str,
    data: VoteInput,
    record: VoteRecord,
    outcome: Decision,
    rules: RuleSet,
) -> Vote:
    by_cell = kind in (Vote.Kind.CELL, Vote.Kind.RECOGNITION_CELL)
    threshold = rules.cell_vote_threshold if by_cell else rules.committee_vote_threshold
    return Vote.objects.create(
        candidacy=candidacy,
        kind=kind.value,
        held_on=data.held_on,
        body=body,
        eligible=record.eligible,
        present=record.present,
        in_favour=record.in_favour,
        against=record.against,
        method=record.method.value,
        required=required_for(record.eligible, threshold.value),
        passed=outcome.ok,
        explanation="\n".join(outcome.messages),
        username=actor.username,
    )


def _resolution(
    actor: Actor, candidacy: Candidacy, vote: Vote, *, form: FormCode, suffix: str, data: VoteInput
) -> None:
    """Write the resolution a passed vote produced and link it to the vote."""
    vote.document = add_document(
        actor,
        candidacy,
        form_code=form.value,
        issued_on=data.held_on,
        number=official_number(data.number, suffix),
        signer=data.signer,
        issuer=vote.body,
    )
    vote.save(update_fields=["document"])


@transaction.atomic
def cell_vote_record(
    *, actor: Actor, candidacy_id: int, data: VoteInput, expected_version: int | None = None
) -> Vote:
    """Record the cell's vote on admission (6-KNĐ), counting failed attempts and escalating.

    The dossier must be complete and the person eligible on the day of the meeting;
    the eligible voters are the cell's official members that day, counted here.
    """
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.RECORD_CELL_VOTE)
    check_step_date(actor, candidacy, data.held_on, what="Chi bộ xét kết nạp")
    rules = rules_of(candidacy)
    record = _record(data, official_members_on(candidacy.cell_id, data.held_on))
    facts, problems = dossier_facts(candidacy, planned_vote_on=data.held_on)
    criteria = local_criteria_for(candidacy.cell_id, data.held_on)
    readiness = readiness_for(
        Action.RECORD_CELL_VOTE, facts, rules, on=data.held_on, local_criteria=criteria
    )
    refuse([*problems, *readiness.missing])
    outcome = cell_vote_passes(record, rules)
    if outcome.ok:
        _need_number(data, FormCode.KND_6)
    vote = _store_vote(
        actor,
        candidacy,
        kind=Vote.Kind.CELL,
        body=candidacy.cell.name,
        data=data,
        record=record,
        outcome=outcome,
        rules=rules,
    )
    action = cell_vote_action(
        passed=outcome.ok, failed_before=candidacy.failed_cell_votes, rule_set=rules
    )
    if outcome.ok:
        _resolution(actor, candidacy, vote, form=FormCode.KND_6, suffix="NQ/CB", data=data)
        candidacy.cell_resolved_on = data.held_on
    else:
        candidacy.failed_cell_votes += 1
        candidacy.escalated = candidacy.escalated or action is Action.ESCALATE
    apply_transition(actor, candidacy, action, on=data.held_on, note=vote.explanation)
    return vote


@transaction.atomic
def partial_committee_appraise(
    *,
    actor: Actor,
    candidacy_id: int,
    on: date,
    number: str,
    signer: str = "",
    conclusion: str = "",
    expected_version: int | None = None,
) -> Candidacy:
    """Record the partial committee's appraisal report (7-KNĐ) on the cell's proposal."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    chain = chain_of(candidacy.cell_id, on)
    check_allowed(
        candidacy, Action.RECORD_PARTIAL_APPRAISAL, has_partial=chain.has_partial_committee
    )
    check_step_date(actor, candidacy, on, what="Đảng ủy bộ phận thẩm định")
    assert chain.parent is not None  # a partial committee is the cell's parent
    require_body(actor, chain.parent, "ghi báo cáo thẩm định của đảng ủy bộ phận")
    add_document(
        actor,
        candidacy,
        form_code=FormCode.KND_7.value,
        issued_on=on,
        number=official_number(number, "BC/ĐUBP"),
        signer=signer,
        issuer=chain.parent.committee,
        note=conclusion,
    )
    apply_transition(
        actor,
        candidacy,
        Action.RECORD_PARTIAL_APPRAISAL,
        on=on,
        note=clean_text(conclusion, limit=2000),
        has_partial=True,
    )
    return candidacy


@transaction.atomic
def committee_vote_record(
    *, actor: Actor, candidacy_id: int, data: VoteInput, expected_version: int | None = None
) -> Vote:
    """Record the grassroots committee's vote (8-KNĐ); a failed vote is kept without a move."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    chain = chain_of(candidacy.cell_id, data.held_on)
    has_partial = chain.has_partial_committee
    check_allowed(candidacy, Action.RECORD_GRASSROOTS_RESOLUTION, has_partial=has_partial)
    check_step_date(actor, candidacy, data.held_on, what="Đảng ủy cơ sở xét kết nạp")
    require_body(actor, chain.grassroots, "ghi nghị quyết của đảng ủy cơ sở")
    rules = rules_of(candidacy)
    record = _record(data, _committee_size(data))
    outcome = committee_vote_passes(record, rules)
    if outcome.ok:
        _need_number(data, FormCode.KND_8)
    vote = _store_vote(
        actor,
        candidacy,
        kind=Vote.Kind.COMMITTEE,
        body=chain.grassroots.committee,
        data=data,
        record=record,
        outcome=outcome,
        rules=rules,
    )
    if not outcome.ok:
        touch(actor, candidacy, "committee_vote_failed", {"vote": vote.pk})
        return vote
    _resolution(actor, candidacy, vote, form=FormCode.KND_8, suffix="NQ/ĐU", data=data)
    apply_transition(
        actor,
        candidacy,
        Action.RECORD_GRASSROOTS_RESOLUTION,
        on=data.held_on,
        note=vote.explanation,
        has_partial=has_partial,
    )
    return vote


@transaction.atomic
def recognition_cell_vote_record(
    *, actor: Actor, candidacy_id: int, data: VoteInput, expected_version: int | None = None
) -> Vote:
    """Record the cell's vote on recognising a probationary member as official (13-KNĐ)."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.RECORD_RECOGNITION_CELL_VOTE)
    check_step_date(actor, candidacy, data.held_on, what="Chi bộ xét công nhận chính thức")
    rules = rules_of(candidacy)
    record = _record(data, official_members_on(candidacy.cell_id, data.held_on))
    facts, _ = dossier_facts(candidacy, planned_vote_on=data.held_on)
    readiness = readiness_for(Action.RECORD_RECOGNITION_CELL_VOTE, facts, rules, on=data.held_on)
    refuse(readiness.missing)
    assert candidacy.probation_ends_on is not None  # readiness refuses without it
    due = recognition_cell_due(
        candidacy.probation_ends_on, calendar=working_calendar(), rule_set=rules
    )
    timely = check_on_time(
        data.held_on,
        due,
        what="Chi bộ xét công nhận chính thức",
        since=f"ngày hết thời kỳ dự bị {format_date(candidacy.probation_ends_on)}",
        limit=rules.recognition_cell_working_days,
        late_reason=data.late_reason,
    )
    require(timely)
    outcome = cell_vote_passes(record, rules)
    if outcome.ok:
        _need_number(data, FormCode.KND_13)
    vote = _store_vote(
        actor,
        candidacy,
        kind=Vote.Kind.RECOGNITION_CELL,
        body=candidacy.cell.name,
        data=data,
        record=record,
        outcome=outcome,
        rules=rules,
    )
    if not outcome.ok:
        touch(actor, candidacy, "recognition_cell_vote_failed", {"vote": vote.pk})
        return vote
    _resolution(actor, candidacy, vote, form=FormCode.KND_13, suffix="NQ/CB", data=data)
    candidacy.recognition_cell_resolved_on = data.held_on
    note = "\n".join([*outcome.messages, *timely.messages])
    apply_transition(
        actor, candidacy, Action.RECORD_RECOGNITION_CELL_VOTE, on=data.held_on, note=note
    )
    return vote


@transaction.atomic
def recognition_committee_vote_record(
    *, actor: Actor, candidacy_id: int, data: VoteInput, expected_version: int | None = None
) -> Vote:
    """Record the grassroots committee's vote on recognition (15-KNĐ)."""
    candidacy = candidacy_for_edit(actor, candidacy_id, expected_version=expected_version)
    check_allowed(candidacy, Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION)
    check_step_date(actor, candidacy, data.held_on, what="Đảng ủy xét công nhận chính thức")
    chain = chain_of(candidacy.cell_id, data.held_on)
    require_body(actor, chain.grassroots, "ghi nghị quyết công nhận của đảng ủy cơ sở")
    rules = rules_of(candidacy)
    record = _record(data, _committee_size(data))
    outcome = committee_vote_passes(record, rules)
    if outcome.ok:
        _need_number(data, FormCode.KND_15)
    vote = _store_vote(
        actor,
        candidacy,
        kind=Vote.Kind.RECOGNITION_COMMITTEE,
        body=chain.grassroots.committee,
        data=data,
        record=record,
        outcome=outcome,
        rules=rules,
    )
    if not outcome.ok:
        touch(actor, candidacy, "recognition_committee_vote_failed", {"vote": vote.pk})
        return vote
    _resolution(actor, candidacy, vote, form=FormCode.KND_15, suffix="NQ/ĐU", data=data)
    apply_transition(
        actor,
        candidacy,
        Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION,
        on=data.held_on,
        note=vote.explanation,
    )
    return vote
