"""Keep the derived Deadline rows of open candidacies in step with their records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import Max

from dangvien.core.calendar_service import working_calendar
from dangvien.core.domain.calendar import WorkingCalendar
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.rulesets import rule_set_by_code
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.domain.worklist import (
    CERTIFICATE_STAGES,
    EVALUATED_STAGES,
    PipelineDates,
    work_items,
)
from dangvien.pipeline.models import Candidacy, Deadline, DossierDocument, Evaluation

_BATCH = 2000


def _evaluated_months(ids: Sequence[int]) -> dict[int, set[date]]:
    months: dict[int, set[date]] = defaultdict(set)
    rows = Evaluation.objects.filter(candidacy_id__in=ids).values_list("candidacy_id", "month")
    for candidacy_id, month in rows:
        months[candidacy_id].add(month)
    return months


def _certificates(ids: Sequence[int]) -> dict[int, date]:
    rows = (
        DossierDocument.objects.filter(
            candidacy_id__in=ids, form_code=FormCode.CN_NTVD.value, superseded=False
        )
        .values("candidacy_id")
        .annotate(latest=Max("issued_on"))
    )
    return {row["candidacy_id"]: row["latest"] for row in rows}


def pipeline_dates(
    candidacy: Candidacy, months: Iterable[date], certificate: date | None
) -> PipelineDates:
    """Return the dates of a candidacy that its due dates are computed from."""
    return PipelineDates(
        stage=Stage(candidacy.stage),
        listed_on=candidacy.listed_on,
        evaluated_months=frozenset(months),
        certificate_on=certificate,
        planned_vote_on=candidacy.planned_vote_on,
        staleness_clock_start=candidacy.introductions_redone_on or candidacy.dossier_opened_on,
        cell_resolved_on=candidacy.cell_resolved_on,
        decision_extended=candidacy.decision_extended,
        decision_received_on=candidacy.decision_received_on,
        probation_ends_on=candidacy.probation_ends_on,
        recognition_cell_resolved_on=candidacy.recognition_cell_resolved_on,
    )


def _rows(candidacies: Sequence[Candidacy], calendar: WorkingCalendar) -> list[Deadline]:
    needs_months = [c.pk for c in candidacies if Stage(c.stage) in EVALUATED_STAGES]
    needs_certificate = [c.pk for c in candidacies if Stage(c.stage) in CERTIFICATE_STAGES]
    months = _evaluated_months(needs_months) if needs_months else {}
    certificates = _certificates(needs_certificate) if needs_certificate else {}
    rows = []
    for candidacy in candidacies:
        if not candidacy.is_open:
            continue
        dates = pipeline_dates(
            candidacy, months.get(candidacy.pk, ()), certificates.get(candidacy.pk)
        )
        rules = rule_set_by_code(candidacy.rule_set_code)
        for item in work_items(dates, calendar=calendar, rule_set=rules):
            rows.append(
                Deadline(
                    candidacy_id=candidacy.pk,
                    cell_id=candidacy.cell_id,
                    kind=item.kind.value,
                    due_on=item.due_on,
                    note=item.note[:255],
                    stage=candidacy.stage,
                )
            )
    return rows


def deadlines_rebuild(
    candidacies: Sequence[Candidacy], *, calendar: WorkingCalendar | None = None
) -> int:
    """Replace the Deadline rows of `candidacies`; return how many rows now exist for them."""
    if not candidacies:
        return 0
    Deadline.objects.filter(candidacy_id__in=[c.pk for c in candidacies]).delete()
    rows = _rows(candidacies, calendar or working_calendar())
    Deadline.objects.bulk_create(rows, batch_size=_BATCH)
    return len(rows)


def deadlines_rebuild_all(*, calendar: WorkingCalendar | None = None) -> int:
    """Recompute the due dates of every open candidacy (after a calendar edit); return the count."""
    chosen = calendar or working_calendar()
    total = 0
    last_id = 0
    while True:
        batch = list(Candidacy.objects.filter(is_open=True, pk__gt=last_id).order_by("pk")[:_BATCH])
        if not batch:
            return total
        total += deadlines_rebuild(batch, calendar=chosen)
        last_id = batch[-1].pk
