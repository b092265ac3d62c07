"""Write quotas, classes, trainees and candidacies through their apps' services, row by row.

These are small next to NhanSu (candidacies: only the sources opened and the
open dossiers of moved people), and their services hold rules worth
keeping in one place (who assigns a quota, how a class's organiser is checked,
the change history of quotas). The rows were checked beforehand; should a
service still refuse one, the refusal is placed at the row and the whole import
is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import TypeVar

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.issues import IssueCollector
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.people_plan import PeoplePlan, PersonDraft
from dangvien.imports.quotas_sheet import QuotaPlan, key_of
from dangvien.imports.training_sheet import KnownClass, TrainingPlan
from dangvien.imports.vocabularies import category_pk
from dangvien.orgs.paths import spans_on
from dangvien.pipeline.moves import candidacy_follow_person
from dangvien.pipeline.services.candidacy import candidacy_open
from dangvien.plans.domain.quotas import Period
from dangvien.plans.models import QuotaCategory
from dangvien.plans.services import quota_set
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.services import ClassInput, EnrolmentInput, class_save, enrolment_save

T = TypeVar("T")


class WriteRefusedError(Exception):
    """A service refused a row that passed the checks; the import is rolled back."""


def _call(
    action: Callable[[], T], sheet: SheetRows, position: int, column: str, issues: IssueCollector
) -> T:
    """Run a service call, turning a refusal into an error at the row and a rollback."""
    try:
        return action()
    except DomainError as refusal:
        sheet.error(issues, position, column, refusal.message, refusal.code)
        raise WriteRefusedError from refusal


def _depths(codes: set[str], actor: Actor) -> dict[str, int]:
    """Return each unit's depth in today's tree (0 when it has no position today)."""
    spans = spans_on(actor.scope.day).filter(org__code__in=codes)
    return dict(spans.values_list("org__code", "depth"))


def write_quotas(plan: QuotaPlan, actor: Actor, sheet: SheetRows, issues: IssueCollector) -> None:
    """Set the planned quotas: lowered ones deepest first, then raised ones top down.

    Lowering children before their parent and raising parents before their
    children keeps every intermediate state within the allocation rule whenever
    the final state is.
    """
    names = dict(QuotaCategory.objects.values_list("pk", "name"))
    depths = _depths({row.org_code for row in plan.rows}, actor)
    lowered = [row for row in plan.rows if plan.old.get(key_of(row), -1) > row.number]
    raised = [row for row in plan.rows if row not in lowered]
    lowered.sort(key=lambda row: -depths.get(row.org_code, 0))
    raised.sort(key=lambda row: depths.get(row.org_code, 0))
    for row in lowered + raised:
        period = Period(row.period.start_year, row.period.end_year)
        category = names[category_pk(row.category)]
        action = partial(
            quota_set,
            actor=actor,
            org_code=row.org_code,
            period=period,
            category=category,
            number=row.number,
        )
        _call(action, sheet, row.position, "quota", issues)


def write_classes(
    plan: TrainingPlan,
    known: Mapping[str, KnownClass],
    actor: Actor,
    sheet: SheetRows,
    issues: IssueCollector,
) -> None:
    """Create or update the planned classes."""
    has_name = "name" in sheet.positions
    for row in plan.classes:
        existing = known.get(row.code)
        name = row.name if has_name or existing is None else str(existing.values["name"])
        data = ClassInput(
            ClassType(row.class_type), row.org_code, row.start_date, row.end_date, name
        )
        action = partial(class_save, actor=actor, code=row.code, data=data)
        _call(action, sheet, row.position, "class_code", issues)


def write_trainees(
    plan: TrainingPlan,
    people: Mapping[str, int],
    actor: Actor,
    sheet: SheetRows,
    issues: IssueCollector,
) -> None:
    """Enrol the planned trainees or update their results (people: citizen ID -> id)."""
    for row in plan.trainees:
        data = EnrolmentInput(
            TraineeResult(row.result), row.certificate_number, row.certificate_date
        )
        action = partial(
            enrolment_save,
            actor=actor,
            class_code=row.class_code,
            person_id=people[row.citizen_id],
            data=data,
        )
        _call(action, sheet, row.position, "citizen_id", issues)


def write_sources(
    plan: PeoplePlan,
    people: Mapping[str, int],
    actor: Actor,
    sheet: SheetRows,
    issues: IssueCollector,
) -> None:
    """Open a candidacy, with its source, for each candidate who has none yet."""
    for draft in plan.drafts:
        if not draft.opens_candidacy:
            continue
        row = draft.row
        opened_on = min(row.status_since or actor.scope.day, actor.scope.day)
        action = partial(
            candidacy_open,
            actor=actor,
            person_id=people[row.citizen_id],
            source_category=row.source,
            opened_on=opened_on,
        )
        _call(action, sheet, row.position, "source", issues)


def cell_since(draft: PersonDraft, today: date) -> date:
    """Return the first day of the person's last unbroken stay in the row's cell."""
    periods = draft.periods if draft.periods is not None else draft.appended
    since = today
    for period in reversed(periods):
        if period.cell_code != draft.row.cell_code:
            break
        since = period.valid_from
    return since


def write_dossier_moves(
    plan: PeoplePlan,
    orgs: Mapping[str, int],
    actor: Actor,
    sheet: SheetRows,
    issues: IssueCollector,
    today: date,
) -> None:
    """Move the open candidacy of each person the sheet moved to another cell along with them.

    Runs after the people are written. Only changed people with an open
    candidacy are asked about; the pipeline's service decides whether the
    dossier moves and refuses a move the importing user may not make.
    """
    for draft in plan.drafts:
        known = draft.known
        if known is None or known.open_source is None or not draft.changes:
            continue
        action = partial(
            candidacy_follow_person,
            actor=actor,
            person_id=known.pk,
            cell_id=orgs[draft.row.cell_code],
            since=cell_since(draft, today),
        )
        _call(action, sheet, draft.row.position, "cell_code", issues)
