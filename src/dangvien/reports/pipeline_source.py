"""Where the pipeline report and the forecast read candidates from: a small, pluggable interface.

Sources answer with tallies computed where the data lives (one row per stage, day count
or group, never one per candidacy), so a report on the whole country does not move
every candidacy into Python. `units` is the subtree's spans on the tree's day; `width`
groups the figures by the first `width` characters of the unit's path (a child of the
subject), 0 gives one group, "". `subtree`, when given, says that `units` are exactly the
spans under that path on the tree of the day counted, so a source may answer from a
pre-aggregate kept on that tree; restated counts (`as_of`) leave it out.

Until the pipeline app records stages, the default source reads what the people
records already say: candidates ("Quần chúng ưu tú" status), admission decisions waiting
for the ceremony, and probationary members waiting for recognition. The pipeline app
plugs its own data in by defining `dangvien.pipeline.report_source.SOURCE`, an object
with the methods of `PipelineSource`; reports pick it up without any change here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from typing import Protocol

from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Substr

from dangvien.core.domain.calendar import WorkingCalendar, vietnam_calendar
from dangvien.core.models import CalendarDay
from dangvien.orgs.models import OrgSpan
from dangvien.people.domain.enums import Status
from dangvien.people.models import Membership, StatusPeriod
from dangvien.pipeline.domain.deadlines import ceremony_due, probation_end, recognition_cell_due
from dangvien.pipeline.domain.rulesets import RULE_SETS, rule_set_for
from dangvien.pipeline.domain.stages import Stage
from dangvien.plans.domain.forecast import CaseCount, HistoricalCase
from dangvien.reports.domain.pipeline import (
    OVERDUE_LISTED,
    ExitCount,
    OpenStep,
    Overdue,
    StageExit,
    summarise_overdue,
)

# Units are given as the spans of a subtree's units on one day.
Units = QuerySet[OrgSpan]


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

    def stage_counts(
        self, units: Units, day: date, width: int = 0, *, subtree: str | None = None
    ) -> Iterable[tuple[str, str, int]]:
        """Yield (group, stage code, candidacies) for the open candidacies in the units on `day`."""
        ...

    def exit_counts(
        self, units: Units, first: date, last: date, *, subtree: str | None = None
    ) -> Iterable[ExitCount]:
        """Yield the tallies of the stays in a stage that ended between two days (both included).

        `subtree` as for `stage_counts`, the tree being that of `last`.
        """
        ...

    def overdue(
        self, units: Units, day: date, limit: int = OVERDUE_LISTED, *, wide: bool = False
    ) -> Overdue:
        """Count the steps not done by `day` whose deadline is before `day`, by stage, and
        list the `limit` most overdue (`overdue_order`). `wide`: the units are the whole
        tree (the root's report), which a source may read another way."""
        ...

    def history_counts(
        self,
        units: Units,
        first: date,
        last: date,
        width: int = 0,
        *,
        subtree: str | None = None,
    ) -> Iterable[tuple[str, CaseCount]]:
        """Yield (group, tally) of the candidacies seen in a stage between two days, by outcome.

        `subtree` as for `stage_counts`, the tree being that of `last`.
        """
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
            org_id__in=units.values("org_id"),
            valid_from__lte=day,
            valid_to__gte=day,
            status=status.value,
        )

    def stage_counts(
        self, units: Units, day: date, width: int = 0, *, subtree: str | None = None
    ) -> Iterable[tuple[str, str, int]]:
        tally = Counter(self.candidates(units, day, width))
        return [(key, stage, n) for (key, stage), n in tally.items()]

    def exit_counts(
        self, units: Units, first: date, last: date, *, subtree: str | None = None
    ) -> Iterable[ExitCount]:
        tally = Counter(
            (s.stage, (s.left_on - s.entered_on).days, s.advanced)
            for s in self.exits(units, first, last)
        )
        return [ExitCount(stage, days, up, n) for (stage, days, up), n in tally.items()]

    def history_counts(
        self,
        units: Units,
        first: date,
        last: date,
        width: int = 0,
        *,
        subtree: str | None = None,
    ) -> Iterable[tuple[str, CaseCount]]:
        tally = Counter(
            (
                group,
                case.stage,
                None if case.decided_on is None else (case.decided_on - case.observed_on).days,
            )
            for group, case in self.history(units, first, last, width)
        )
        return [(key, CaseCount(stage, days, n)) for (key, stage, days), n in tally.items()]

    def candidates(self, units: Units, day: date, width: int = 0) -> Iterator[tuple[str, str]]:
        """Yield (group, stage code) for every open candidacy in the units on `day`."""
        listed = self._on(units, day, Status.CANDIDATE).annotate(grp=_group(units, width))
        for group in listed.values_list("grp", flat=True):
            yield group, Stage.CANDIDATE.value
        for group, _, _, ceremony in self._waiting(units, day, width):
            stage = Stage.ADMITTED if ceremony is None or ceremony > day else Stage.PROBATION
            yield group, stage.value

    def _waiting(
        self, units: Units, day: date, width: int = 0
    ) -> Iterator[tuple[str, int, date | None, date | None]]:
        """Yield (group, person, decision, ceremony) of probationary members not yet recognised."""
        latest = Membership.objects.filter(
            person_id=OuterRef("person_id"), decision_date__lte=day
        ).order_by("-decision_date")
        rows = (
            self._on(units, day, Status.PROBATIONARY)
            .annotate(
                decided=Subquery(latest.values("decision_date")[:1]),
                ceremony=Subquery(latest.values("ceremony_date")[:1]),
                official=Subquery(latest.values("official_date")[:1]),
                grp=_group(units, width),
            )
            .values_list("grp", "person_id", "decided", "ceremony", "official")
        )
        for group, person_id, decided, ceremony, official in rows:
            if official is None or official > day:
                yield group, person_id, decided, ceremony

    def exits(self, units: Units, first: date, last: date) -> Iterable[StageExit]:
        following = StatusPeriod.objects.filter(
            person_id=OuterRef("person_id"), valid_from__gt=OuterRef("valid_to")
        ).order_by("valid_from")
        stays = (
            StatusPeriod.objects.filter(
                org_id__in=units.values("org_id"),
                status=Status.CANDIDATE.value,
                valid_to__range=(first, last),
            )
            .annotate(next_status=Subquery(following.values("status")[:1]))
            .values_list("valid_from", "valid_to", "next_status")
        )
        for entered, left, after in stays:
            if after != Status.CANDIDATE.value:  # a move to another cell is no exit
                advanced = after == Status.PROBATIONARY.value
                yield StageExit(Stage.CANDIDATE.value, entered, left, advanced)
        sworn = Membership.objects.filter(
            admitted_in_id__in=units.values("org_id"), ceremony_date__range=(first, last)
        ).values_list("decision_date", "ceremony_date")
        for decided, ceremony in sworn:
            if ceremony is not None:
                yield StageExit(Stage.ADMITTED.value, decided, ceremony, True)
        recognised = Membership.objects.filter(
            admitted_in_id__in=units.values("org_id"), official_date__range=(first, last)
        ).values_list("ceremony_date", "official_date")
        for ceremony, official in recognised:
            if ceremony is not None and official is not None:
                yield StageExit(Stage.PROBATION.value, ceremony, official, True)

    def overdue(
        self, units: Units, day: date, limit: int = OVERDUE_LISTED, *, wide: bool = False
    ) -> Overdue:
        return summarise_overdue(self._open_steps(units, day), day, limit)

    def _open_steps(self, units: Units, day: date) -> Iterator[OpenStep]:
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
        self, units: Units, first: date, last: date, width: int = 0
    ) -> Iterator[tuple[str, HistoricalCase]]:
        """Observe every candidate at each quarter start they were on a list, with the outcome."""
        periods = list(
            StatusPeriod.objects.filter(
                org_id__in=units.values("org_id"),
                status=Status.CANDIDATE.value,
                valid_from__lte=last,
                valid_to__gte=first,
            )
            .annotate(grp=_group(units, width))
            .values_list("person_id", "grp", "valid_from", "valid_to")
        )
        decisions: dict[int, list[date]] = {}
        people = {person_id for person_id, *_ in periods}
        for person_id, decided in Membership.objects.filter(person_id__in=people).values_list(
            "person_id", "decision_date"
        ):
            decisions.setdefault(person_id, []).append(decided)
        for person_id, group, start, end in periods:
            for observed in _quarter_starts(max(start, first), min(end, last)):
                later = [d for d in decisions.get(person_id, []) if d > observed]
                case = HistoricalCase(Stage.CANDIDATE.value, observed, min(later, default=None))
                yield group, case


def _group(units: Units, width: int) -> Subquery | Value:
    """Return the group of the row's unit: its path's first `width` characters ("" for 0)."""
    if width == 0:
        return Value("", output_field=CharField())
    paths = units.filter(org_id=OuterRef("org_id")).annotate(grp=Substr("path", 1, width))
    return Subquery(paths.values("grp")[:1], output_field=CharField())


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
