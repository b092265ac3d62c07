"""Where the pipeline report and the forecast read candidates from: a small, pluggable interface.

Until the pipeline app records stages, the default source reads what the people
records already say: candidates ("Quần chúng ưu tú" status), admission decisions waiting
for the ceremony, and probationary members waiting for recognition. The pipeline app
plugs its own data in by defining `dangvien.pipeline.report_source.SOURCE`, an object
with the methods of `PipelineSource`; reports pick it up without any change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from typing import Any, Protocol

from django.db.models import OuterRef, QuerySet, Subquery

from dangvien.core.domain.calendar import WorkingCalendar, vietnam_calendar
from dangvien.core.models import CalendarDay
from dangvien.people.domain.enums import Status
from dangvien.people.models import Membership, StatusPeriod
from dangvien.pipeline.domain.deadlines import ceremony_due, probation_end, recognition_cell_due
from dangvien.pipeline.domain.rulesets import RULE_SETS, rule_set_for
from dangvien.pipeline.domain.stages import Stage
from dangvien.plans.domain.forecast import HistoricalCase
from dangvien.reports.domain.pipeline import OpenStep, StageExit

# Units are given as a subquery of organisation ids (the units of a subtree).
Units = QuerySet[Any]


class PipelineSource(Protocol):
    """What the pipeline report and the forecast need from the pipeline's records."""

    @property
    def stage_order(self) -> Sequence[str]:
        """Return the stage codes in pipeline order."""
        ...

    @property
    def stage_labels(self) -> Mapping[str, str]:
        """Return the Vietnamese name of each stage code."""
        ...

    def candidates(self, units: Units, day: date) -> Iterable[tuple[int, str]]:
        """Yield (unit id, stage code) for every open candidacy in the units on `day`."""
        ...

    def exits(self, units: Units, first: date, last: date) -> Iterable[StageExit]:
        """Yield the stays in a stage that ended between two days (both included)."""
        ...

    def open_steps(self, units: Units, day: date) -> Iterable[OpenStep]:
        """Yield the steps not done by `day`, with their deadlines."""
        ...

    def history(
        self, units: Units, first: date, last: date
    ) -> Iterable[tuple[int, HistoricalCase]]:
        """Yield (unit id, case): candidacies seen in a stage between two days and their outcome."""
        ...


def _quarter_starts(first: date, last: date) -> list[date]:
    return [
        date(y, m, 1)
        for y in range(first.year, last.year + 1)
        for m in (1, 4, 7, 10)
        if first <= date(y, m, 1) <= last
    ]


@dataclass(frozen=True)
class PeopleRecordsSource:
    """The default source: statuses and admission records of people (no dossier steps).

    Stages: candidate, decided but not yet sworn in, probationary. Overdue steps: the
    ceremony (30 working days after the decision) and the cell's recognition resolution
    (30 working days after probation ends), under the rule set in force at the decision.
    """

    @property
    def stage_order(self) -> Sequence[str]:
        return (Stage.CANDIDATE.value, Stage.ADMITTED.value, Stage.PROBATION.value)

    @property
    def stage_labels(self) -> Mapping[str, str]:
        return {code: Stage(code).label for code in self.stage_order}

    def _on(self, units: Units, day: date, status: Status) -> QuerySet[StatusPeriod]:
        return StatusPeriod.objects.filter(
            org_id__in=units, valid_from__lte=day, valid_to__gte=day, status=status.value
        )

    def candidates(self, units: Units, day: date) -> Iterable[tuple[int, str]]:
        for org_id in self._on(units, day, Status.CANDIDATE).values_list("org_id", flat=True):
            yield org_id, Stage.CANDIDATE.value
        for org_id, _, _, ceremony in self._waiting(units, day):
            stage = Stage.ADMITTED if ceremony is None or ceremony > day else Stage.PROBATION
            yield org_id, stage.value

    def _waiting(
        self, units: Units, day: date
    ) -> Iterator[tuple[int, int, date | None, date | None]]:
        """Yield (unit, person, decision, ceremony) of probationary members not yet recognised."""
        latest = Membership.objects.filter(
            person_id=OuterRef("person_id"), decision_date__lte=day
        ).order_by("-decision_date")
        rows = (
            self._on(units, day, Status.PROBATIONARY)
            .annotate(
                decided=Subquery(latest.values("decision_date")[:1]),
                ceremony=Subquery(latest.values("ceremony_date")[:1]),
                official=Subquery(latest.values("official_date")[:1]),
            )
            .values_list("org_id", "person_id", "decided", "ceremony", "official")
        )
        for org_id, person_id, decided, ceremony, official in rows:
            if official is None or official > day:
                yield org_id, person_id, decided, ceremony

    def exits(self, units: Units, first: date, last: date) -> Iterable[StageExit]:
        following = StatusPeriod.objects.filter(
            person_id=OuterRef("person_id"), valid_from__gt=OuterRef("valid_to")
        ).order_by("valid_from")
        stays = (
            StatusPeriod.objects.filter(
                org_id__in=units, status=Status.CANDIDATE.value, valid_to__range=(first, last)
            )
            .annotate(next_status=Subquery(following.values("status")[:1]))
            .values_list("valid_from", "valid_to", "next_status")
        )
        for entered, left, after in stays:
            if after != Status.CANDIDATE.value:  # a move to another cell is no exit
                advanced = after == Status.PROBATIONARY.value
                yield StageExit(Stage.CANDIDATE.value, entered, left, advanced)
        sworn = Membership.objects.filter(
            admitted_in_id__in=units, ceremony_date__range=(first, last)
        ).values_list("decision_date", "ceremony_date")
        for decided, ceremony in sworn:
            if ceremony is not None:
                yield StageExit(Stage.ADMITTED.value, decided, ceremony, True)
        recognised = Membership.objects.filter(
            admitted_in_id__in=units, official_date__range=(first, last)
        ).values_list("ceremony_date", "official_date")
        for ceremony, official in recognised:
            if ceremony is not None and official is not None:
                yield StageExit(Stage.PROBATION.value, ceremony, official, True)

    def open_steps(self, units: Units, day: date) -> Iterable[OpenStep]:
        calendar = working_calendar()
        for _, person_id, decided, ceremony in self._waiting(units, day):
            if decided is None:
                continue
            rules = rule_set_for(max(decided, RULE_SETS[0].effective_from))
            if ceremony is None or ceremony > day:
                due = ceremony_due(decided, calendar=calendar, rule_set=rules)
                yield OpenStep(Stage.ADMITTED.value, "le_ket_nap", due, str(person_id))
                continue
            end = probation_end(ceremony, rule_set=rules)
            due = recognition_cell_due(end, calendar=calendar, rule_set=rules)
            yield OpenStep(Stage.PROBATION.value, "13-KNĐ", due, str(person_id))

    def history(
        self, units: Units, first: date, last: date
    ) -> Iterable[tuple[int, HistoricalCase]]:
        """Observe every candidate at each quarter start they were on a list, with the outcome."""
        periods = list(
            StatusPeriod.objects.filter(
                org_id__in=units,
                status=Status.CANDIDATE.value,
                valid_from__lte=last,
                valid_to__gte=first,
            ).values_list("person_id", "org_id", "valid_from", "valid_to")
        )
        decisions: dict[int, list[date]] = {}
        people = {person_id for person_id, *_ in periods}
        for person_id, decided in Membership.objects.filter(person_id__in=people).values_list(
            "person_id", "decision_date"
        ):
            decisions.setdefault(person_id, []).append(decided)
        for person_id, org_id, start, end in periods:
            for observed in _quarter_starts(max(start, first), min(end, last)):
                later = [d for d in decisions.get(person_id, []) if d > observed]
                case = HistoricalCase(Stage.CANDIDATE.value, observed, min(later, default=None))
                yield org_id, case


def working_calendar() -> WorkingCalendar:
    """Return the Vietnamese working calendar with the administrators' edits."""
    edits = list(CalendarDay.objects.values_list("day", "kind"))
    return vietnam_calendar(
        extra_days_off=[d for d, k in edits if k == CalendarDay.Kind.DAY_OFF],
        make_up_days=[d for d, k in edits if k == CalendarDay.Kind.MAKE_UP],
    )


def pipeline_source() -> PipelineSource:
    """Return the pipeline app's source when it provides one, else the people-records source."""
    if find_spec("dangvien.pipeline.report_source") is not None:
        source: PipelineSource = import_module("dangvien.pipeline.report_source").SOURCE
        return source
    return PeopleRecordsSource()
