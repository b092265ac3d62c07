"""Demo candidacies: turn part of the demo province's people into dossiers at every stage.

Candidates on a list become candidacies from the source stage to the committee's
resolution; probationary members get the dossier that led to their admission
decision, their ceremony and, near the end of probation, the recognition steps;
members recognised in the last months get a closed dossier. Dates follow the
people's own records, so some steps fall overdue as they would in real life.
Everything is written with bulk inserts, in one transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from dangvien.core.bulk_load import create_all
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import OPEN_END, decode_path
from dangvien.orgs.paths import spans_on
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, Status
from dangvien.people.models import Membership, Person, StatusPeriod
from dangvien.pipeline.bodies import Body, Chain
from dangvien.pipeline.deadlines_store import deadlines_rebuild_all
from dangvien.pipeline.demo_story import Cell, Rows, Story, recognise
from dangvien.pipeline.demo_story import Person as DemoPerson
from dangvien.pipeline.domain.rulesets import RULES_2021
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy
from dangvien.pipeline.transition_log import entered_refresh

# Shares of the people records that get a dossier in the system: a province starting to use
# it enters its current candidates and part of its probationary members, not its archive.
CANDIDATE_SHARE = 0.7
PROBATION_SHARE = 0.4
RECENT_OFFICIAL_DAYS = 200  # members recognised this recently may get a closed dossier
RECENT_OFFICIAL_LIMIT = 150
_STAGE_WEIGHTS = (
    (Stage.SOURCE, 5),
    (Stage.CANDIDATE, 28),
    (Stage.AWARENESS_DONE, 17),
    (Stage.DOSSIER, 30),
    (Stage.CELL_RESOLVED, 9),
    (Stage.GRASSROOTS_RESOLVED, 9),
    (Stage.ESCALATED, 2),
)
_LADDER = (Stage.AWARENESS_DONE, Stage.DOSSIER, Stage.CELL_RESOLVED, Stage.GRASSROOTS_RESOLVED)


@dataclass(frozen=True)
class _World:
    """What every story needs: today, the cells' chains and members."""

    today: date
    cells: dict[int, Cell]


def _chains(today: date) -> dict[int, Chain]:
    spans = list(spans_on(today).select_related("org", "version"))
    bodies = {
        s.org_id: Body(
            s.org_id,
            s.org.code,
            s.version.name,
            OrgType(s.version.org_type),
            s.path,
            s.version.may_admit,
        )
        for s in spans
    }
    return {
        s.org_id: Chain(tuple(bodies[i] for i in decode_path(s.path) if i in bodies))
        for s in spans
        if OrgType(s.version.org_type).is_cell
    }


def _world(today: date) -> _World:
    members: dict[int, list[tuple[int, str]]] = {}
    rows = Person.objects.filter(
        current_status__in=[s.value for s in FULL_MEMBER_STATUSES]
    ).values_list("current_org_id", "id", "full_name")
    for cell_id, person_id, name in rows.order_by("current_org_id", "sort_key"):
        members.setdefault(cell_id, []).append((person_id, name))
    cells = {
        cell_id: Cell(chain, tuple(members.get(cell_id, ())))
        for cell_id, chain in _chains(today).items()
    }
    return _World(today, cells)


@dataclass(frozen=True)
class _Listed:
    """A person on a candidate list, and since when."""

    person: DemoPerson
    since: date | None


@dataclass(frozen=True)
class _Admission:
    """A person's admission as the people records hold it."""

    person: DemoPerson
    membership_id: int
    decided: date
    number: str
    ceremony: date | None
    official: date | None


def _at(start: date, end: date, fraction: float) -> date:
    return start + timedelta(days=int((end - start).days * fraction))


def _candidate(rows: Rows, rng: random.Random, world: _World, row: _Listed) -> None:
    """Build a listed candidate's dossier up to a stage drawn from realistic shares."""
    person, since = row.person, row.since
    cell = world.cells.get(person.cell_id)
    if cell is None or since is None or since < RULES_2021.effective_from:
        return
    target = rng.choices([s for s, _ in _STAGE_WEIGHTS], [w for _, w in _STAGE_WEIGHTS])[0]
    story = Story(rows, rng, person, cell, since - timedelta(days=rng.randint(0, 30)), world.today)
    if target is Stage.SOURCE:
        return
    story.list(since)
    last = world.today - timedelta(days=1)
    reach = _LADDER.index(target) if target in _LADDER else (1 if target is Stage.ESCALATED else -1)
    vote_on = _at(since, last, 0.75)
    if reach >= 0:
        story.certificate(max(since + timedelta(days=7), _at(since, last, 0.15)))
    if reach >= 1:
        complete = target is not Stage.DOSSIER or rng.random() < 0.6
        story.dossier(
            max(story.c.stage_since + timedelta(days=3), _at(since, last, 0.3)), complete=complete
        )
        if target is Stage.DOSSIER and rng.random() < 0.15:
            story.c.planned_vote_on = world.today + timedelta(days=rng.randint(5, 40))
    story.evaluate(vote_on if reach >= 2 else last, skip=0.04)
    if target is Stage.ESCALATED:
        story.failed_cell_votes(
            max(story.c.stage_since + timedelta(days=20), _at(since, last, 0.6))
        )
    if reach >= 2:
        story.cell_vote(max(story.c.stage_since + timedelta(days=14), vote_on))
    if reach >= 3:
        story.committee_vote(min(last, story.c.stage_since + timedelta(days=rng.randint(7, 20))))


def _admitted(rows: Rows, rng: random.Random, world: _World, row: _Admission) -> Story | None:
    """Build the dossier that led to an admission decision already on the person record."""
    person, decided = row.person, row.decided
    cell = world.cells.get(person.cell_id)
    if cell is None:
        return None
    listed = max(decided - timedelta(days=rng.randint(180, 540)), RULES_2021.effective_from)
    if listed + timedelta(days=60) > decided:
        return None
    story = Story(rows, rng, person, cell, listed - timedelta(days=rng.randint(0, 30)), world.today)
    story.list(listed)
    story.certificate(_at(listed, decided, 0.15))
    story.dossier(_at(listed, decided, 0.3), complete=True)
    vote_on = decided - timedelta(days=min(45, (decided - listed).days // 5))
    story.cell_vote(vote_on)
    story.committee_vote(decided - timedelta(days=rng.randint(2, 6)))
    story.decide(decided, row.number or f"{rng.randint(1, 200)}-QĐ/ĐU", row.membership_id)
    if row.ceremony is not None:
        story.ceremony(row.ceremony)
    return story


def _probationary(rows: Rows, rng: random.Random, world: _World, row: _Admission) -> None:
    """Build a probationary member's dossier, with the recognition steps once probation is over."""
    story = _admitted(rows, rng, world, row)
    if story is None or story.c.probation_ends_on is None:
        return
    ends = story.c.probation_ends_on
    first = ends + timedelta(days=rng.randint(3, 15))
    if first < world.today and rng.random() < 0.5:
        story.recognition_cell_vote(first)
        second = first + timedelta(days=rng.randint(5, 15))
        if second < world.today and rng.random() < 0.5:
            story.recognition_committee_vote(second)


def _recognised(rows: Rows, rng: random.Random, world: _World, row: _Admission) -> None:
    """Build the closed dossier of a member recognised in the last months."""
    story = _admitted(rows, rng, world, row)
    official = row.official
    if story is None or story.c.probation_ends_on is None or official is None:
        return
    first = min(official + timedelta(days=rng.randint(3, 12)), world.today - timedelta(days=3))
    story.recognition_cell_vote(max(first, story.c.probation_ends_on))
    story.recognition_committee_vote(story.c.stage_since + timedelta(days=1))
    recognise(story, min(world.today - timedelta(days=1), story.c.stage_since + timedelta(days=5)))


def _candidates() -> list[_Listed]:
    since = StatusPeriod.objects.filter(person_id=OuterRef("pk"), valid_to=OPEN_END).values(
        "valid_from"
    )[:1]
    rows = (
        Person.objects.filter(current_status=Status.CANDIDATE.value, candidacies__isnull=True)
        .annotate(since=Subquery(since))
        .values_list("id", "full_name", "current_org_id", "youth_union", "since")
        .order_by("id")
    )
    return [
        _Listed(DemoPerson(pk, name, cell, youth), since) for pk, name, cell, youth, since in rows
    ]


def _memberships(status: Status, **filters: object) -> list[_Admission]:
    rows = (
        Membership.objects.filter(
            person__current_status=status.value, person__candidacies__isnull=True, **filters
        )
        .values_list(
            "id",
            "person_id",
            "person__full_name",
            "person__current_org_id",
            "person__youth_union",
            "decision_date",
            "decision_number",
            "ceremony_date",
            "official_date",
        )
        .order_by("id")
    )
    return [
        _Admission(DemoPerson(person, name, cell, youth), pk, decided, number, ceremony, official)
        for pk, person, name, cell, youth, decided, number, ceremony, official in rows
    ]


def _write(rows: Rows) -> None:
    """Insert every row, parents first so the children pick up their ids."""
    for name in (
        "candidacies",
        "documents",
        "transitions",
        "evaluations",
        "introducers",
        "relatives",
        "verifications",
        "helpers",
        "votes",
        "decisions",
        "ceremonies",
    ):
        objects = getattr(rows, name)
        if objects:
            create_all(objects)
    entered_refresh()


@transaction.atomic
def pipeline_demo_seed(*, seed: int) -> None:
    """Create demo candidacies at every stage for the demo province's people.

    Does nothing when candidacies already exist, so running the demo twice is harmless.
    """
    if Candidacy.objects.exists():
        return
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    world = _world(timezone.localdate())
    rows = Rows()
    for listed in _candidates():
        if rng.random() < CANDIDATE_SHARE:
            _candidate(rows, rng, world, listed)
    waiting = _memberships(Status.PROBATIONARY, official_date__isnull=True, end_date__isnull=True)
    for admission in waiting:
        if rng.random() < PROBATION_SHARE:
            _probationary(rows, rng, world, admission)
    recent = world.today - timedelta(days=RECENT_OFFICIAL_DAYS)
    recognised = _memberships(Status.OFFICIAL, official_date__gte=recent)
    for admission in rng.sample(recognised, min(RECENT_OFFICIAL_LIMIT, len(recognised))):
        _recognised(rows, rng, world, admission)
    _write(rows)
    deadlines_rebuild_all()


def demo_counts() -> dict[str, int]:
    """Return the number of demo candidacies by stage (for the command's summary and tests)."""
    counts: dict[str, int] = {}
    for stage in Candidacy.objects.values_list("stage", flat=True):
        counts[stage] = counts.get(stage, 0) + 1
    return counts
