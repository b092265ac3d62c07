"""What is still missing before a step can be recorded: the candidate page's checklist."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from dangvien.core.domain.text import format_date
from dangvien.pipeline.domain.deadlines import certificate_expires_on, dossier_consider_by
from dangvien.pipeline.domain.decisions import Decision, Reason, combine
from dangvien.pipeline.domain.eligibility import check_certificate, check_eligibility
from dangvien.pipeline.domain.facts import DossierFacts
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.introducers import check_introducers
from dangvien.pipeline.domain.local_criteria import LocalCriterion
from dangvien.pipeline.domain.rulesets import RuleSet, RuleValue
from dangvien.pipeline.domain.stages import Action

CERTIFICATE_WARNING_DAYS = 30  # warn when CN-NTVĐ expires within this many days of today


@dataclass(frozen=True)
class Readiness:
    """The checklist for one action: blocking items, and warnings that do not block."""

    action: Action
    missing: tuple[Reason, ...]
    warnings: tuple[Reason, ...] = ()

    @property
    def ready(self) -> bool:
        """Return whether nothing blocks the action."""
        return not self.missing


@dataclass(frozen=True)
class _Context:
    """The inputs every check of one readiness computation shares."""

    facts: DossierFacts
    rule_set: RuleSet
    on: date
    local_criteria: tuple[LocalCriterion, ...]

    @property
    def vote_on(self) -> date:
        """Return the day the cell is expected to vote: the planned day, else today."""
        return self.facts.planned_vote_on or self.on


def missing_forms(
    documents: frozenset[FormCode], required: RuleValue[tuple[FormCode, ...]]
) -> Decision:
    """Decide whether every required form is in the dossier, naming each missing one."""
    failures = [
        Reason.cite(
            f"missing_{form.name.lower()}",
            f"Thiếu {form.label} ({form.value})",
            required.citation,
            form=form,
        )
        for form in required.value
        if form not in documents
    ]
    return Decision.from_checks(failures)


def check_stale(facts: DossierFacts, *, vote_on: date, rule_set: RuleSet) -> Decision:
    """Decide whether the dossier went stale: too long open without the cell considering it."""
    start = facts.staleness_clock_start
    if start is None:
        return Decision(ok=True)
    last_day = dossier_consider_by(start, rule_set=rule_set)
    if vote_on <= last_day:
        return Decision(ok=True)
    limit = rule_set.dossier_stale_months
    text = (
        f"Hồ sơ tính từ ngày {format_date(start)} đã quá {limit.value} tháng (hết ngày "
        f"{format_date(last_day)}) mà chi bộ chưa xét: phải làm lại giấy giới thiệu "
        "(3-KNĐ, 4-KNĐ hoặc 4A-KNĐ)"
    )
    return Decision.from_checks(
        [Reason.cite("dossier_stale", text, limit.citation, form=FormCode.KND_3)]
    )


def check_verifications(facts: DossierFacts, *, rule_set: RuleSet) -> Decision:
    """Decide whether every background-verification request has been answered."""
    rule = rule_set.verification_required
    if not rule.value or facts.pending_verifications == 0:
        return Decision(ok=True)
    text = f"Còn {facts.pending_verifications} yêu cầu thẩm tra lý lịch chưa có kết quả"
    return Decision.from_checks([Reason.cite("verification_pending", text, rule.citation)])


def certificate_warnings(context: _Context) -> tuple[Reason, ...]:
    """Return a warning when a still-valid certificate expires within the warning window."""
    issued_on = context.facts.candidate.awareness_certificate_on
    if issued_on is None or issued_on > context.on:
        return ()
    expires_on = certificate_expires_on(issued_on, rule_set=context.rule_set)
    days_left = (expires_on - context.on).days
    if not 0 <= days_left <= CERTIFICATE_WARNING_DAYS:
        return ()
    text = (
        f"Giấy chứng nhận CN-NTVĐ sắp hết hạn: còn giá trị đến hết ngày {format_date(expires_on)}"
    )
    citation = context.rule_set.certificate_validity_months.citation
    return (Reason.cite("certificate_expiring", text, citation, form=FormCode.CN_NTVD),)


def _open_dossier(context: _Context) -> Decision:
    """Check opening a dossier: the awareness certificate must be valid today."""
    issued_on = context.facts.candidate.awareness_certificate_on
    return check_certificate(issued_on, on=context.on, rule_set=context.rule_set)


def _cell_vote(context: _Context) -> Decision:
    """Check the cell vote: forms, introducers, verification, staleness, CN-NTVĐ, eligibility."""
    facts, rules, vote_on = context.facts, context.rule_set, context.vote_on
    return combine(
        missing_forms(facts.documents, rules.cell_vote_forms),
        check_introducers(facts.introducers, facts.candidate, rules),
        check_verifications(facts, rule_set=rules),
        check_stale(facts, vote_on=vote_on, rule_set=rules),
        check_certificate(facts.candidate.awareness_certificate_on, on=vote_on, rule_set=rules),
        check_eligibility(
            facts.candidate, vote_on=vote_on, rule_set=rules, local_criteria=context.local_criteria
        ),
    )


def _recognition_vote(context: _Context) -> Decision:
    """Check the recognition vote: the probation has ended and its forms are in."""
    facts, rules = context.facts, context.rule_set
    probation = rules.probation_months
    ends_on = facts.probation_ends_on
    if ends_on is None:
        text = "Chưa ghi ngày lễ kết nạp nên chưa xác định được ngày hết thời kỳ dự bị"
        ended = Decision.from_checks([Reason.cite("probation_unknown", text, probation.citation)])
    elif context.vote_on < ends_on:
        text = f"Chưa hết thời kỳ dự bị {probation.value} tháng (hết ngày {format_date(ends_on)})"
        ended = Decision.from_checks([Reason.cite("probation_not_ended", text, probation.citation)])
    else:
        ended = Decision(ok=True)
    return combine(ended, missing_forms(facts.documents, rules.recognition_vote_forms))


_CHECKS: Mapping[Action, Callable[[_Context], Decision]] = MappingProxyType(
    {
        Action.OPEN_DOSSIER: _open_dossier,
        Action.RECORD_CELL_VOTE: _cell_vote,
        Action.RECORD_RECOGNITION_CELL_VOTE: _recognition_vote,
    }
)
# Certificate expiry matters while the dossier waits for the cell vote.
_WARN_CERTIFICATE = frozenset({Action.OPEN_DOSSIER, Action.RECORD_CELL_VOTE})


def readiness_for(
    action: Action,
    facts: DossierFacts,
    rule_set: RuleSet,
    *,
    on: date,
    local_criteria: Iterable[LocalCriterion] = (),
) -> Readiness:
    """Return what is missing before `action` can be recorded, every item at once.

    Actions without document or eligibility prerequisites (e.g. adding to the list)
    return an empty checklist; whether the action is legal at the current stage is
    `stages.next_stage`'s concern.
    """
    context = _Context(facts=facts, rule_set=rule_set, on=on, local_criteria=tuple(local_criteria))
    check = _CHECKS.get(action)
    decision = check(context) if check else Decision(ok=True)
    missing = () if decision.ok else decision.reasons
    warnings = certificate_warnings(context) if action in _WARN_CERTIFICATE else ()
    return Readiness(action=action, missing=missing, warnings=warnings)
