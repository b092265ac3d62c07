"""Shapes of the candidacy API and the conversions from the page data."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from ninja import Schema

from dangvien.accounts.actor import Actor
from dangvien.pipeline.access import candidacy_for_view
from dangvien.pipeline.detail import CandidacyView, ChecklistEntry, candidacy_view
from dangvien.pipeline.domain.decisions import Reason
from dangvien.pipeline.domain.documents import DOCUMENT_LABELS
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy


class CandidacyOut(Schema):
    id: int
    person_id: int
    full_name: str
    cell_code: str
    cell_name: str
    stage: Stage
    stage_label: str
    stage_since: date
    source_category: str
    rule_set_code: str
    is_open: bool
    has_overdue: bool | None = None
    next_due_on: date | None = None
    version: int


class CandidacyPage(Schema):
    items: list[CandidacyOut]
    next_cursor: str | None


class ReasonOut(Schema):
    code: str
    message: str
    citation: str | None
    form: str | None


class ChecklistOut(Schema):
    action: str
    label: str
    ready: bool
    missing: list[ReasonOut]
    warnings: list[ReasonOut]


class ActionOut(Schema):
    action: str
    label: str


class DueOut(Schema):
    kind: str
    label: str
    due_on: date
    note: str
    status: str
    overdue: bool


class EventOut(Schema):
    on: date
    title: str
    detail: str
    who: str


class DocumentOut(Schema):
    id: int
    form_code: str
    label: str
    number: str
    issued_on: date
    signer: str
    issuer: str
    superseded: bool
    has_attachment: bool


class VoteOut(Schema):
    id: int
    kind: str
    held_on: date
    body: str
    eligible: int
    present: int
    in_favour: int
    against: int
    method: str
    required: int
    passed: bool
    explanation: str


class GeneratedOut(Schema):
    kind: str
    label: str
    url: str


class CandidacyDetail(CandidacyOut):
    opened_on: date
    listed_on: date | None
    dossier_opened_on: date | None
    planned_vote_on: date | None
    failed_cell_votes: int
    escalated: bool
    cell_resolved_on: date | None
    decision_extended: bool
    decision_on: date | None
    ceremony_on: date | None
    probation_ends_on: date | None
    official_on: date | None
    closed_on: date | None
    actions: list[ActionOut]
    checklist: list[ChecklistOut]
    dues: list[DueOut]
    missing_evaluation_months: list[str]
    timeline: list[EventOut]
    documents: list[DocumentOut]
    votes: list[VoteOut]
    generated: list[GeneratedOut]


def candidacy_out(row: Candidacy) -> CandidacyOut:
    """Return the summary of a candidacy (person and cell already selected)."""
    return CandidacyOut(
        id=row.pk,
        person_id=row.person_id,
        full_name=row.person.full_name,
        cell_code=row.cell.code,
        cell_name=row.cell.name,
        stage=Stage(row.stage),
        stage_label=Stage(row.stage).label,
        stage_since=row.stage_since,
        source_category=row.source_category,
        rule_set_code=row.rule_set_code,
        is_open=row.is_open,
        has_overdue=getattr(row, "has_overdue", None),
        next_due_on=getattr(row, "next_due_on", None),
        version=row.version,
    )


def _reason(reason: Reason) -> ReasonOut:
    return ReasonOut(
        code=reason.code,
        message=reason.message,
        citation=reason.citation,
        form=reason.form.value if reason.form else None,
    )


def _checklist(entry: ChecklistEntry) -> ChecklistOut:
    return ChecklistOut(
        action=entry.action.value,
        label=entry.action.label,
        ready=entry.ready,
        missing=[_reason(r) for r in entry.missing],
        warnings=[_reason(r) for r in entry.warnings],
    )


DATE_FIELDS = (
    "opened_on",
    "listed_on",
    "dossier_opened_on",
    "planned_vote_on",
    "failed_cell_votes",
    "escalated",
    "cell_resolved_on",
    "decision_extended",
    "decision_on",
    "ceremony_on",
    "probation_ends_on",
    "official_on",
    "closed_on",
)


def _documents(view: CandidacyView) -> list[DocumentOut]:
    return [
        DocumentOut(
            id=d.pk,
            form_code=d.form_code,
            label=DOCUMENT_LABELS.get(d.form_code, d.form_code),
            number=d.number,
            issued_on=d.issued_on,
            signer=d.signer,
            issuer=d.issuer,
            superseded=d.superseded,
            has_attachment=bool(d.attachment),
        )
        for d in view.documents
    ]


def _votes(view: CandidacyView) -> list[VoteOut]:
    return [
        VoteOut(
            id=v.pk,
            kind=v.kind,
            held_on=v.held_on,
            body=v.body,
            eligible=v.eligible,
            present=v.present,
            in_favour=v.in_favour,
            against=v.against,
            method=v.method,
            required=v.required,
            passed=v.passed,
            explanation=v.explanation,
        )
        for v in view.votes
    ]


def _dues(view: CandidacyView) -> list[DueOut]:
    return [
        DueOut(
            kind=d.kind.value,
            label=d.kind.label,
            due_on=d.due_on,
            note=d.note,
            status=d.status.value,
            overdue=d.overdue,
        )
        for d in view.dues
    ]


def candidacy_detail(view: CandidacyView, url_for: dict[str, str]) -> CandidacyDetail:
    """Return the full API shape of the candidate page; `url_for` maps generated kinds to URLs."""
    row = view.candidacy
    values: dict[str, Any] = candidacy_out(row).dict()
    values.update({name: getattr(row, name) for name in DATE_FIELDS})
    return CandidacyDetail(
        **values,
        actions=[ActionOut(action=a.value, label=a.label) for a in view.actions],
        checklist=[_checklist(entry) for entry in view.checklist],
        dues=_dues(view),
        missing_evaluation_months=list(view.missing_months),
        timeline=[
            EventOut(on=e.on, title=e.title, detail=e.detail, who=e.who) for e in view.timeline
        ],
        documents=_documents(view),
        votes=_votes(view),
        generated=[
            GeneratedOut(kind=g.value, label=g.label, url=url_for[g.value]) for g in view.generated
        ],
    )


def detail_out(actor: Actor, candidacy_id: int) -> CandidacyDetail:
    """Return the full dossier as the API shows it, read fresh (and logged) after a change."""
    candidacy = candidacy_for_view(actor=actor, candidacy_id=candidacy_id)
    view = candidacy_view(candidacy, today=actor.scope.day)
    urls = {
        kind.value: reverse("api:candidacy_document", args=[candidacy.pk, kind.value])
        for kind in view.generated
    }
    return candidacy_detail(view, urls)
