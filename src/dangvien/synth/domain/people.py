"""People of one commune: current members, people who left, candidates."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dangvien.core.domain.text import search_key, sort_key
from dangvien.people.domain.enums import Gender, Status
from dangvien.synth.domain.commune import Layout
from dangvien.synth.domain.history import (
    HISTORY_START,
    Story,
    add_exemption,
    birth_for_age,
    candidate_story,
    decision_number,
    end_story,
    member_story,
    periods,
    uniform_day,
    years_later,
)
from dangvien.synth.domain.ids import CitizenIds, Ids
from dangvien.synth.domain.names import NameMaker
from dangvien.synth.domain.places import ProvinceSite
from dangvien.synth.domain.presets import Plan
from dangvien.synth.domain.profiles import (
    CANDIDATE_AGES,
    CANDIDATE_AGES_AT_WORK,
    CANDIDATE_OCCUPATIONS,
    PROFILES,
    RETIRED,
    CellKind,
    Chooser,
    Profile,
)
from dangvien.synth.domain.regions import Region, Weighted
from dangvien.synth.domain.rows import Chunk, MembershipRow, PeriodRow, PersonRow
from dangvien.synth.domain.structure import Cell, CommuneSlot

# Share of members older than 28 admitted since 2016; with the young, who all
# were, about 40% of members joined in the last ten years (3-4% a year).
RECENT_SHARE = 0.33
MOVE_SHARE = 0.06  # members who changed cell inside the commune once since 2016
_FATES = (
    (Status.DECEASED, 40.0),
    (Status.TRANSFERRED_OUT, 45.0),
    (Status.STRUCK_OFF, 11.0),
    (Status.EXPELLED, 3.0),
    (Status.RESIGNED, 1.0),
)
_DECEASED_AGES = ((60, 75, 30.0), (76, 85, 45.0), (86, 97, 25.0))
_EMPLOYED = frozenset({"can_bo_cong_chuc", "vien_chuc", "cong_nhan"})


@dataclass
class CommuneContext:
    """What the people of one commune have in common."""

    slot: CommuneSlot
    region: Region
    upland: bool
    female: float  # share of women in village cells
    minority: float  # share of minorities in village cells
    groups: Weighted  # the minority groups living here
    layout: Layout
    decisions: dict[int, int] = field(default_factory=dict)  # decision numbers per year

    def next_decision(self, day: date) -> str:
        """Return the next admission decision number of the year of `day`."""
        self.decisions[day.year] = self.decisions.get(day.year, 0) + 1
        return decision_number(self.decisions[day.year], day)


@dataclass(frozen=True)
class Resident:
    """A person living in a village, as the position picker sees them."""

    person: PersonRow
    member: bool
    age: int


class PeopleFactory:
    """Make person records; holds the run-wide id counters and caches."""

    def __init__(
        self, plan: Plan, ids: Ids, citizen_ids: CitizenIds, provinces: tuple[ProvinceSite, ...]
    ) -> None:
        self.plan = plan
        self.ids = ids
        self.citizen_ids = citizen_ids
        self.provinces = provinces
        self.names = NameMaker()
        self.chooser = Chooser()
        self._keys: dict[str, tuple[str, str]] = {}

    def keys(self, name: str) -> tuple[str, str]:
        """Return (search key, sort key) of a name, cached: names repeat a lot."""
        cached = self._keys.get(name)
        if cached is None:
            cached = self._keys[name] = (search_key(name), sort_key(name))
        return cached

    def fill(self, rng: random.Random, ctx: CommuneContext, chunk: Chunk) -> list[Resident]:
        """Append the commune's people to `chunk`; return the village residents."""
        residents: list[Resident] = []
        for cell, size in zip(ctx.layout.cells, ctx.layout.sizes, strict=True):
            for _ in range(size):
                residents.append(self.member(rng, ctx, cell, chunk, None))
            for _ in range(_around(rng, size * self.plan.former_share)):
                self.member(rng, ctx, cell, chunk, self.chooser.pick(rng, _FATE_CODES))
            for _ in range(_around(rng, size * self.plan.candidate_share)):
                residents.append(self.candidate(rng, ctx, cell, chunk))
        return [r for r in residents if r.person.locality_id is not None]

    def member(
        self,
        rng: random.Random,
        ctx: CommuneContext,
        cell: Cell,
        chunk: Chunk,
        fate_code: str | None,
    ) -> Resident:
        """Append a member (current, or gone with `fate_code`) and their history."""
        profile = PROFILES[cell.kind]
        fate = Status(fate_code) if fate_code else None
        on = (
            self.plan.as_of
            if fate is None
            else uniform_day(
                rng, HISTORY_START + timedelta(days=200), self.plan.as_of - timedelta(days=1)
            )
        )
        ages = _DECEASED_AGES if fate is Status.DECEASED else profile.ages
        age = self.chooser.age(rng, ages)
        birth = birth_for_age(rng, age, on)
        story = member_story(rng, birth, on - timedelta(days=1), recent=RECENT_SHARE)
        if story is None:  # too young for the band drawn: admit at 18 and a half
            story = member_story(
                rng,
                birth,
                on - timedelta(days=1),
                recent=1.0,
                decision=years_later(birth, 18) + timedelta(days=180),
            )
        assert story is not None
        if age >= 70 and rng.random() < min(0.8, 0.3 + 0.03 * (age - 70)):
            add_exemption(rng, story, birth, on - timedelta(days=1))
        if fate is not None and (story.status is not Status.STRUCK_OFF or fate is Status.DECEASED):
            end_story(story, on, fate)
        person = self.person(rng, ctx, cell, profile, birth, int(age), story.status)
        self._record(rng, ctx, cell, person, story, chunk)
        return Resident(person, story.status.is_member, int(age))

    def candidate(
        self, rng: random.Random, ctx: CommuneContext, cell: Cell, chunk: Chunk
    ) -> Resident:
        """Append someone on the cell's candidate list."""
        profile = PROFILES[cell.kind]
        bands = (
            CANDIDATE_AGES
            if cell.kind is CellKind.RESIDENTIAL
            else CANDIDATE_AGES_AT_WORK[cell.kind]
        )
        age = self.chooser.age(rng, bands)
        birth = birth_for_age(rng, min(age, 59.5), self.plan.as_of)
        story = candidate_story(rng, birth, self.plan.as_of - timedelta(days=1))
        person = self.person(rng, ctx, cell, profile, birth, int(age), Status.CANDIDATE)
        self._record(rng, ctx, cell, person, story, chunk)
        return Resident(person, False, int(age))

    def _record(
        self,
        rng: random.Random,
        ctx: CommuneContext,
        cell: Cell,
        person: PersonRow,
        story: Story,
        chunk: Chunk,
    ) -> None:
        """Append the person, their periods and their admission."""
        moved_from, moved_on = self._move(rng, ctx, cell, story)
        chunk.people.append(person)
        for start, end, status, org in periods(story, cell.org_id, moved_from, moved_on):
            chunk.periods.append(
                PeriodRow(self.ids.next("period"), person.id, org, status.value, start, end)
            )
        if story.decision_date is None:
            return
        decided = story.decision_date
        admitted_in = moved_from if moved_from and moved_on and decided < moved_on else cell.org_id
        chunk.memberships.append(
            MembershipRow(
                self.ids.next("membership"),
                person.id,
                decided,
                ctx.next_decision(decided),
                story.ceremony_date,
                story.official_date,
                story.end_date,
                story.end_reason.value if story.end_reason else "",
                admitted_in,
            )
        )

    def _move(
        self, rng: random.Random, ctx: CommuneContext, cell: Cell, story: Story
    ) -> tuple[int | None, date | None]:
        """Return (previous cell, day of the move) for the few who moved, else (None, None)."""
        cells = ctx.layout.cells
        if len(cells) < 2 or rng.random() >= MOVE_SHARE:
            return None, None
        first = max(story.events[0][0] + timedelta(days=60), HISTORY_START)
        last = (story.end_date or self.plan.as_of) - timedelta(days=60)
        if first > last:
            return None, None
        other = rng.choice(cells)
        if other is cell:
            return None, None
        return other.org_id, uniform_day(rng, first, last)

    def person(
        self,
        rng: random.Random,
        ctx: CommuneContext,
        cell: Cell,
        profile: Profile,
        birth: date,
        age: int,
        status: Status,
    ) -> PersonRow:
        """Return a person record with plausible attributes for the cell and status."""
        gender, ethnicity, name = self._identity(rng, ctx, cell, profile)
        name_key, name_order = self.keys(name)
        occupation = self._occupation(rng, cell.kind, profile, age, status)
        qualification, theory = self._training(rng, profile, occupation, status)
        birth_province = ctx.slot.province if rng.random() < 0.9 else rng.choice(self.provinces)
        locality, residence = _home(rng, ctx, cell)
        return PersonRow(
            id=self.ids.next("person"),
            citizen_id=self.citizen_ids.issue(birth_province.id_prefix, gender, birth),
            full_name=name,
            name_key=name_key,
            sort_key=name_order,
            birth_date=birth,
            gender=gender.value,
            ethnicity=ethnicity,
            religion=self._religion(rng, ctx),
            general_education=_schooling(
                rng, birth, qualification, south=ctx.region.south, upland=ctx.upland
            ),
            qualification=qualification,
            theory_level=theory,
            occupation=occupation,
            youth_union=age <= 30 and rng.random() < 0.85,
            trade_union=occupation in _EMPLOYED and rng.random() < 0.9,
            hometown=_hometown(rng, ctx, birth_province),
            residence=residence,
            residence_unit_code=ctx.slot.commune.code,
            locality_id=locality,
            current_org_id=cell.org_id,
            current_status=status.value,
        )

    def _identity(
        self, rng: random.Random, ctx: CommuneContext, cell: Cell, profile: Profile
    ) -> tuple[Gender, str, str]:
        """Return (gender, ethnic group, full name)."""
        female_share = ctx.female if profile.female is None else profile.female
        gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
        minority = ctx.minority if cell.kind is CellKind.RESIDENTIAL else ctx.minority * 0.6
        ethnicity = self.chooser.pick(rng, ctx.groups) if rng.random() < minority else "kinh"
        return (
            gender,
            ethnicity,
            self.names.full_name(rng, ethnicity, gender, south=ctx.region.south),
        )

    def _training(
        self, rng: random.Random, profile: Profile, occupation: str, status: Status
    ) -> tuple[str, str]:
        """Return (professional qualification, political theory level)."""
        if occupation == "hoc_sinh_sinh_vien":
            qualification = "khong"
        else:
            qualification = self.chooser.pick(rng, profile.qualifications)
        new = status in (Status.CANDIDATE, Status.PROBATIONARY)
        theory = "khong" if new and rng.random() < 0.8 else self.chooser.pick(rng, profile.theory)
        return qualification, theory

    def _occupation(
        self, rng: random.Random, kind: CellKind, profile: Profile, age: int, status: Status
    ) -> str:
        if kind is CellKind.RESIDENTIAL and status is Status.CANDIDATE:
            return self.chooser.pick(rng, CANDIDATE_OCCUPATIONS)
        if kind is CellKind.RESIDENTIAL and age >= 60 and rng.random() < 0.7:
            return RETIRED
        return self.chooser.pick(rng, profile.occupations)

    def _religion(self, rng: random.Random, ctx: CommuneContext) -> str:
        share = ctx.region.religious_share * (2 if ctx.upland else 1)
        return self.chooser.pick(rng, ctx.region.religions) if rng.random() < share else "khong"


_FATE_CODES: Weighted = tuple((status.value, weight) for status, weight in _FATES)


def _around(rng: random.Random, expected: float) -> int:
    """Return a whole number whose mean is `expected` (random rounding)."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _home(rng: random.Random, ctx: CommuneContext, cell: Cell) -> tuple[int | None, str]:
    """Return (village id, residence text) of someone in `cell`."""
    commune = ctx.slot.commune
    province = ctx.slot.province.address_name
    if cell.localities:
        village_id = cell.localities[0] if rng.random() < 0.75 else rng.choice(cell.localities)
    elif rng.random() < 0.7:
        village_id = rng.choice(ctx.layout.localities).id
    else:
        return None, f"{rng.choice(ctx.slot.province.communes).name}, {province}"
    village = ctx.layout.by_id[village_id]
    return village_id, f"{village.name}, {commune.name}, {province}"


def _hometown(rng: random.Random, ctx: CommuneContext, province: ProvinceSite) -> str:
    if province is ctx.slot.province and rng.random() < 0.7:
        return f"{ctx.slot.commune.name}, {province.address_name}"
    return f"{rng.choice(province.communes).name}, {province.address_name}"


def _schooling(
    rng: random.Random, birth: date, qualification: str, *, south: bool, upland: bool
) -> str:
    """Return the general education grade ("12/12"; "10/10" in the old northern system)."""
    trained = qualification != "khong"
    if not south and birth.year < 1976:
        return "10/10" if trained or rng.random() < 0.5 else "7/10"
    if trained or rng.random() < 0.55:
        return "12/12"
    return "5/12" if upland and rng.random() < 0.05 else "9/12"
