"""Membership histories: candidate, admission, probation, recognition, and after.

Consistent with the status periods the application keeps: probationary from
the admission decision, official from the day probation ends (ceremony plus 12
months), exempt or gone later. Before 2016 history is summarised: a member
admitted then has the decision only and is official from that day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dangvien.orgs.domain.tree import OPEN_END
from dangvien.people.domain.enums import Status

HISTORY_START = date(2016, 1, 1)
REFORM_DAY = date(2025, 7, 1)  # districts abolished, communes under the province
OLDEST_ADMISSION_AGE = 60  # over 60 needs the province's agreement: rare enough to skip
_YEAR = 365.2425


def years_later(day: date, years: int) -> date:
    """Return the same calendar day `years` later (28/02 for 29/02 in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def birth_for_age(rng: random.Random, age: float, on: date) -> date:
    """Return a birth date that makes someone `age` years old (fractional) on `on`."""
    return on - timedelta(days=int(age * _YEAR))


def uniform_day(rng: random.Random, first: date, last: date) -> date:
    """Return a day between `first` and `last` inclusive."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


@dataclass
class Story:
    """One person's status changes and admission dates, oldest first."""

    events: list[tuple[date, Status]] = field(default_factory=list)
    decision_date: date | None = None
    ceremony_date: date | None = None
    official_date: date | None = None
    end_date: date | None = None
    end_reason: Status | None = None

    def add(self, day: date, status: Status) -> None:
        """Append a change; a change on the same day as the previous one replaces it."""
        if self.events and self.events[-1][0] >= day:
            self.events[-1] = (self.events[-1][0], status)
            return
        self.events.append((day, status))

    @property
    def status(self) -> Status:
        """Return the latest status."""
        return self.events[-1][1]


def candidate_story(rng: random.Random, birth: date, until: date) -> Story:
    """Return the story of someone on a candidate list since some day in the last two years."""
    earliest = max(years_later(birth, 16), until - timedelta(days=730))
    story = Story()
    story.add(uniform_day(rng, earliest, until - timedelta(days=7)), Status.CANDIDATE)
    return story


def _admission_day(rng: random.Random, birth: date, until: date, recent: float) -> date | None:
    """Return the decision date: since 2016 with probability `recent`, else earlier."""
    first = years_later(birth, 18)
    last = min(until - timedelta(days=20), years_later(birth, OLDEST_ADMISSION_AGE))
    if last < first:
        return None
    recent_first = max(first, HISTORY_START)
    if recent_first <= last and (first >= HISTORY_START or rng.random() < recent):
        # Slightly more admissions in later years, as the membership grows.
        offset = int((last - recent_first).days * rng.random() ** 1.1)
        return last - timedelta(days=offset)
    early_last = min(last, HISTORY_START - timedelta(days=1))
    # Most people are admitted young: bias towards the start of the window.
    offset = int((early_last - first).days * rng.random() ** 1.8)
    return first + timedelta(days=offset)


def member_story(
    rng: random.Random, birth: date, until: date, *, recent: float, decision: date | None = None
) -> Story | None:
    """Return a member's story up to `until`, None if they are too young to be admitted."""
    decided = decision or _admission_day(rng, birth, until, recent)
    if decided is None:
        return None
    story = Story(decision_date=decided)
    if decided < HISTORY_START:
        story.add(decided, Status.OFFICIAL)
        return story
    story.add(
        max(years_later(birth, 16), decided - timedelta(days=rng.randint(180, 540))),
        Status.CANDIDATE,
    )
    story.add(decided, Status.PROBATIONARY)
    ceremony = decided + timedelta(days=rng.randint(14, 42))
    if ceremony > until:
        return story
    story.ceremony_date = ceremony
    probation_over = years_later(ceremony, 1)
    if probation_over > until - timedelta(days=25):
        return story  # still on probation, or recognition not yet decided
    if rng.random() < 0.025:
        struck = probation_over + timedelta(days=rng.randint(20, 60))
        if struck <= until:
            story.add(struck, Status.STRUCK_OFF)
            story.end_date, story.end_reason = struck, Status.STRUCK_OFF
        return story
    story.official_date = probation_over
    story.add(probation_over, Status.OFFICIAL)
    return story


def add_exemption(rng: random.Random, story: Story, birth: date, until: date) -> None:
    """Excuse an elderly official member from activities from some day after 70."""
    if story.status is not Status.OFFICIAL:
        return
    start = max(years_later(birth, 70), story.events[-1][0] + timedelta(days=365), HISTORY_START)
    if start >= until:
        return
    story.add(uniform_day(rng, start, until - timedelta(days=1)), Status.EXEMPT)


def end_story(story: Story, day: date, reason: Status) -> None:
    """Close a member's story on `day` with a final status (deceased, transferred...)."""
    story.add(day, reason)
    if story.end_date is None:  # a struck-off member who dies later left the Party earlier
        story.end_date, story.end_reason = day, reason


def decision_number(sequence: int, day: date) -> str:
    """Return an admission decision number as the deciding committee would write it.

    Before the reform the district standing committee decided ("QĐ/HU"); from
    July 2025 the commune committee does ("QĐ/ĐU").
    """
    return f"{sequence}-QĐ/{'HU' if day < REFORM_DAY else 'ĐU'}"


def periods(
    story: Story, cell: int, moved_from: int | None, moved_on: date | None
) -> list[tuple[date, date, Status, int]]:
    """Return (from, to, status, cell) periods; the last one ends on OPEN_END.

    A move splits the period that contains `moved_on`; before it the person was
    in `moved_from`.
    """
    cuts: list[tuple[date, Status]] = list(story.events)
    if moved_from is not None and moved_on is not None:
        before = [status for day, status in cuts if day < moved_on]
        if before and all(day != moved_on for day, _ in cuts):
            cuts.append((moved_on, before[-1]))
            cuts.sort(key=lambda event: event[0])
    result: list[tuple[date, date, Status, int]] = []
    for index, (day, status) in enumerate(cuts):
        end = cuts[index + 1][0] - timedelta(days=1) if index + 1 < len(cuts) else OPEN_END
        org = moved_from if moved_from is not None and moved_on and day < moved_on else cell
        result.append((day, end, status, org))
    return result
