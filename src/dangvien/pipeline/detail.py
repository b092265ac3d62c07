"""Everything the candidate page shows: records, timeline, and the checklist for the next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangvien.pipeline.bodies import chain_of
from dangvien.pipeline.domain.deadlines import DueStatus, classify_due
from dangvien.pipeline.domain.decisions import Reason
from dangvien.pipeline.domain.documents import DOCUMENT_LABELS, GeneratedDocument
from dangvien.pipeline.domain.evaluations import format_month, missing_months
from dangvien.pipeline.domain.readiness import readiness_for
from dangvien.pipeline.domain.rulesets import RuleSet, rule_set_by_code
from dangvien.pipeline.domain.stages import Action, Stage, allowed_actions
from dangvien.pipeline.domain.worklist import EVALUATED_STAGES, WorkKind
from dangvien.pipeline.facts import dossier_facts, local_criteria_for
from dangvien.pipeline.models import (
    Candidacy,
    DossierDocument,
    Evaluation,
    HelperAssignment,
    Introducer,
    StageTransition,
    VerificationRequest,
    Vote,
)
from dangvien.pipeline.models.candidacy import FOLLOW_ACTION

# Actions whose prerequisites the domain checks; others only need the right stage.
CHECKED_ACTIONS = (
    Action.OPEN_DOSSIER,
    Action.RECORD_CELL_VOTE,
    Action.RECORD_RECOGNITION_CELL_VOTE,
)


@dataclass(frozen=True)
class ChecklistEntry:
    """What still blocks (and what warns about) one next step."""

    action: Action
    missing: tuple[Reason, ...]
    warnings: tuple[Reason, ...]

    @property
    def ready(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the candidacy's history."""

    on: date
    title: str
    detail: str = ""
    who: str = ""


@dataclass(frozen=True)
class DueEntry:
    """A pending piece of work and how it stands today."""

    kind: WorkKind
    due_on: date
    note: str
    status: DueStatus

    @property
    def overdue(self) -> bool:
        return self.status is DueStatus.OVERDUE and self.kind.can_be_overdue


@dataclass(frozen=True)
class CandidacyView:
    """The candidate page's data, read in a fixed number of queries."""

    candidacy: Candidacy
    rules: RuleSet
    has_partial_committee: bool
    actions: tuple[Action, ...]
    checklist: tuple[ChecklistEntry, ...]
    timeline: tuple[TimelineEntry, ...]
    documents: list[DossierDocument]
    introducers: list[Introducer]
    verifications: list[VerificationRequest]
    evaluations: list[Evaluation]
    missing_months: tuple[str, ...]
    helpers: list[HelperAssignment]
    votes: list[Vote]
    dues: tuple[DueEntry, ...]
    generated: tuple[GeneratedDocument, ...]


def checklist_for(
    candidacy: Candidacy, actions: tuple[Action, ...], today: date
) -> tuple[ChecklistEntry, ...]:
    """Return the readiness of each checked next step, computed on `today`."""
    wanted = [action for action in CHECKED_ACTIONS if action in actions]
    if not wanted:
        return ()
    facts, problems = dossier_facts(candidacy)
    rules = rule_set_by_code(candidacy.rule_set_code)
    criteria = local_criteria_for(candidacy.cell_id, today)
    entries = []
    for action in wanted:
        readiness = readiness_for(action, facts, rules, on=today, local_criteria=criteria)
        extra = tuple(problems) if action is Action.RECORD_CELL_VOTE else ()
        entries.append(ChecklistEntry(action, extra + readiness.missing, readiness.warnings))
    return tuple(entries)


def _transition_title(transition: StageTransition) -> str:
    stage = Stage(transition.to_stage).label
    if transition.action == FOLLOW_ACTION:
        return "Chuyển chi bộ — " + stage
    return stage if transition.from_stage else "Mở hồ sơ — " + stage


def _timeline(
    transitions: list[StageTransition],
    documents: list[DossierDocument],
    evaluations: list[Evaluation],
) -> tuple[TimelineEntry, ...]:
    entries = [TimelineEntry(t.on, _transition_title(t), t.note, t.username) for t in transitions]
    entries += [
        TimelineEntry(
            d.issued_on,
            f"{DOCUMENT_LABELS.get(d.form_code, d.form_code)} ({d.form_code})",
            f"Số {d.number}" if d.number else "",
            d.username,
        )
        for d in documents
    ]
    entries += [
        TimelineEntry(
            e.month,
            f"Bình xét tháng {format_month(e.month)}: {e.get_result_display()}",
            e.comment,
            e.username,
        )
        for e in evaluations
    ]
    return tuple(sorted(entries, key=lambda entry: entry.on))


def _generated(documents: list[DossierDocument]) -> tuple[GeneratedDocument, ...]:
    codes = {d.form_code for d in documents if not d.superseded}
    return tuple(g for g in GeneratedDocument if g.source_code in codes)


def candidacy_view(candidacy: Candidacy, *, today: date) -> CandidacyView:
    """Return everything the candidate page shows about one candidacy."""
    stage = Stage(candidacy.stage)
    has_partial = (
        False if stage.is_final else chain_of(candidacy.cell_id, today).has_partial_committee
    )
    actions = allowed_actions(stage, has_partial_committee=has_partial)
    documents = list(candidacy.documents.all())
    evaluations = list(candidacy.evaluations.all())
    transitions = list(candidacy.transitions.all())
    missing: list[date] = []
    if stage in EVALUATED_STAGES and candidacy.listed_on:
        missing = missing_months(candidacy.listed_on, [e.month for e in evaluations], today=today)
    dues = tuple(
        DueEntry(WorkKind(d.kind), d.due_on, d.note, classify_due(d.due_on, today))
        for d in candidacy.deadlines.order_by("due_on")
    )
    return CandidacyView(
        candidacy=candidacy,
        rules=rule_set_by_code(candidacy.rule_set_code),
        has_partial_committee=has_partial,
        actions=actions,
        checklist=checklist_for(candidacy, actions, today),
        timeline=_timeline(transitions, documents, evaluations),
        documents=documents,
        introducers=list(candidacy.introducers.select_related("member")),
        verifications=list(candidacy.verifications.all()),
        evaluations=evaluations,
        missing_months=tuple(format_month(m) for m in missing),
        helpers=list(candidacy.helpers.select_related("member")),
        votes=list(candidacy.votes.all()),
        dues=dues,
        generated=_generated(documents),
    )
