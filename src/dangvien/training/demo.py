"""Demo training: the classes the demo people attended, organised by their commune.

Every member admitted since 2016 attended an awareness class 3 to 9 months before the
decision, and the political theory class for new members in the half-year after the
ceremony; about half of today's candidates attended an awareness class this year or
last; each commune runs one elementary theory class a year for some official members.
People who attended together share a class: one per commune, type and half-year.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from dangvien.core.bulk_load import create_all
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import decode_path
from dangvien.orgs.models import Organization, OrgSpan
from dangvien.people.domain.enums import Status
from dangvien.people.models import Membership, StatusPeriod
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.models import Enrolment, TrainingClass

FIRST_YEAR = 2016
# Who organises classes, by preference: the commune committee does in practice.
_ORGANISERS = {
    OrgType.COMMUNE.value: 0,
    OrgType.DISTRICT.value: 1,
    OrgType.GRASSROOTS_COMMITTEE.value: 2,
}
_SHORT = {
    ClassType.AWARENESS: "NT",
    ClassType.NEW_MEMBER_THEORY: "DVM",
    ClassType.ELEMENTARY_THEORY: "SC",
}


@dataclass(frozen=True)
class _Places:
    """Where each cell sat over time, and which units may organise classes."""

    spans: dict[int, list[tuple[date, date, str]]]  # cell -> (from, to, path), by start
    organisers: dict[
        int, int
    ]  # unit -> rank: the commune first, else a district, else a grassroots
    codes: dict[int, str]

    def organiser(self, cell_id: int, day: date) -> int | None:
        """Return the commune-level unit (or nearest organiser) above the cell on `day`."""
        spans = self.spans.get(cell_id, [])
        i = bisect_right([s[0] for s in spans], day) - 1
        if i < 0 or spans[i][1] < day:
            return None
        ids = [o for o in decode_path(spans[i][2])[:-1] if o in self.organisers]
        return min(ids, key=lambda o: self.organisers[o], default=None)


def _places() -> _Places:
    spans: dict[int, list[tuple[date, date, str]]] = defaultdict(list)
    for org_id, start, end, path in OrgSpan.objects.order_by("valid_from").values_list(
        "org_id", "valid_from", "valid_to", "path"
    ):
        spans[org_id].append((start, end, path))
    orgs = Organization.objects.values_list("pk", "code", "org_type")
    organisers = {pk: _ORGANISERS[kind] for pk, _, kind in orgs if kind in _ORGANISERS}
    return _Places(dict(spans), organisers, {pk: code for pk, code, _ in orgs})


@dataclass
class _Plan:
    """Classes keyed by (organiser, type, year, half) with their trainees' ids and dates."""

    trainees: dict[tuple[int, ClassType, int, int], set[int]]

    def add(self, organiser: int | None, kind: ClassType, day: date, person_id: int) -> None:
        if organiser is not None and day.year >= FIRST_YEAR:
            self.trainees[(organiser, kind, day.year, 1 if day.month <= 6 else 2)].add(person_id)


def _admitted(plan: _Plan, places: _Places, rng: random.Random, today: date) -> None:
    rows = Membership.objects.filter(decision_date__gte=date(FIRST_YEAR, 6, 1)).values_list(
        "person_id", "admitted_in_id", "decision_date", "ceremony_date"
    )
    for person_id, cell_id, decided, ceremony in rows:
        attended = decided - timedelta(days=rng.randint(90, 270))
        plan.add(
            places.organiser(cell_id, attended) or places.organiser(cell_id, decided),
            ClassType.AWARENESS,
            attended,
            person_id,
        )
        if ceremony is not None:
            later = ceremony + timedelta(days=rng.randint(30, 170))
            if later <= today:
                plan.add(
                    places.organiser(cell_id, ceremony),
                    ClassType.NEW_MEMBER_THEORY,
                    later,
                    person_id,
                )


def _candidates_and_members(plan: _Plan, places: _Places, rng: random.Random, today: date) -> None:
    on_today = StatusPeriod.objects.filter(valid_from__lte=today, valid_to__gte=today)
    for person_id, cell_id in on_today.filter(status=Status.CANDIDATE.value).values_list(
        "person_id", "org_id"
    ):
        if rng.random() < 0.5:
            day = today - timedelta(days=rng.randint(20, 400))
            plan.add(places.organiser(cell_id, today), ClassType.AWARENESS, day, person_id)
    official = on_today.filter(status=Status.OFFICIAL.value).values_list("person_id", "org_id")
    for person_id, cell_id in official:
        if rng.random() < 0.04:  # a few members a year take elementary theory
            day = date(rng.randint(FIRST_YEAR, today.year), rng.randint(1, 12), 1)
            if day <= today:
                plan.add(
                    places.organiser(cell_id, today), ClassType.ELEMENTARY_THEORY, day, person_id
                )


def _class_rows(plan: _Plan, places: _Places, today: date) -> list[tuple[TrainingClass, set[int]]]:
    rows = []
    for (organiser, kind, year, half), people in sorted(
        plan.trainees.items(), key=lambda item: (item[0][0], item[0][1].value, item[0][2:])
    ):
        start = date(year, 3 if half == 1 else 9, 10)
        if start > today:
            start = date(year, 1 if half == 1 else 7, 5)
        code = f"{places.codes[organiser]}-{_SHORT[kind]}-{year}-{half}"[:40]
        rows.append(
            (
                TrainingClass(
                    code=code,
                    class_type=kind.value,
                    organiser_id=organiser,
                    start_date=start,
                    end_date=start + timedelta(days=4),
                    name=f"Lớp {kind.label.lower()} {half}/{year}",
                ),
                people,
            )
        )
    return rows


def _enrolments(
    rows: Iterable[tuple[TrainingClass, set[int]]], rng: random.Random, today: date
) -> list[Enrolment]:
    result = []
    for training_class, people in rows:
        for n, person_id in enumerate(sorted(people), start=1):
            done = rng.random() < 0.97 and (training_class.end_date or today) <= today
            result.append(
                Enrolment(
                    training_class=training_class,
                    person_id=person_id,
                    result=(TraineeResult.COMPLETED if done else TraineeResult.NOT_COMPLETED).value,
                    certificate_number=f"{n}-{training_class.code}"[:60] if done else "",
                    certificate_date=training_class.end_date if done else None,
                )
            )
    return result


def _count_on_classes(enrolments: Iterable[Enrolment]) -> None:
    """Set each class's counts from its enrolments before both are bulk-inserted.

    The same figures `training.class_counts` would recount, without a national UPDATE.
    """
    for enrolment in enrolments:
        training_class = enrolment.training_class
        training_class.trainee_count += 1
        if enrolment.result == TraineeResult.COMPLETED.value:
            training_class.completed_count += 1


@transaction.atomic
def training_demo_seed(*, seed: int) -> None:
    """Add the demo province's classes and enrolments (bulk inserts; runs in seconds)."""
    rng = random.Random(seed)  # noqa: S311 - demo figures, reproducible from the seed
    today = timezone.localdate()
    places = _places()
    plan = _Plan(defaultdict(set))
    _admitted(plan, places, rng, today)
    _candidates_and_members(plan, places, rng, today)
    rows = _class_rows(plan, places, today)
    enrolments = _enrolments(rows, rng, today)
    _count_on_classes(enrolments)
    create_all([c for c, _ in rows])
    create_all(enrolments)
