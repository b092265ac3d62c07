from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from dangvien.core.domain.text import age_years
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.people.domain.enums import MEMBER_STATUSES, Status
from dangvien.people.domain.status import check_status_change
from dangvien.people.domain.vocabularies import (
    ETHNIC_GROUPS,
    OCCUPATIONS,
    QUALIFICATIONS,
    RELIGIONS,
    THEORY_LEVELS,
    parse_general_education,
)
from dangvien.synth.domain.history import years_later
from dangvien.synth.domain.rows import Chunk
from dangvien.synth.tests.domain.conftest import AS_OF

MEMBER_CODES = {s.value for s in MEMBER_STATUSES}


def _members(chunk: Chunk) -> list:
    return [p for p in chunk.people if p.current_status in MEMBER_CODES]


def test_women_are_35_to_50_percent_of_members(province: Chunk):
    members = _members(province)

    share = sum(p.gender == "nu" for p in members) / len(members)

    assert 0.35 <= share <= 0.50


def test_about_five_percent_are_probationary_and_candidates_are_3_to_5_percent(province: Chunk):
    statuses = Counter(p.current_status for p in province.people)
    members = sum(statuses[code] for code in MEMBER_CODES)

    assert 0.03 <= statuses[Status.PROBATIONARY] / members <= 0.07
    assert 0.03 <= statuses[Status.CANDIDATE] / members <= 0.06
    assert statuses[Status.EXEMPT] > 0
    for gone in (Status.DECEASED, Status.TRANSFERRED_OUT, Status.STRUCK_OFF):
        assert 0 < statuses[gone] < 0.03 * members


def test_ages_are_plausible_and_mostly_30_to_60(province: Chunk):
    ages = [age_years(p.birth_date, AS_OF) for p in _members(province)]

    assert min(ages) >= 18
    assert max(ages) <= 100
    assert 0.45 <= sum(30 <= a <= 60 for a in ages) / len(ages) <= 0.8
    assert sum(a > 60 for a in ages) / len(ages) >= 0.1


def test_exempt_members_are_elderly(province: Chunk):
    exempt = [p for p in province.people if p.current_status == Status.EXEMPT]

    assert all(age_years(p.birth_date, AS_OF) >= 70 for p in exempt)


def test_minorities_are_concentrated_in_some_communes(province: Chunk):
    by_commune: dict[str, list[bool]] = defaultdict(list)
    for person in _members(province):
        by_commune[person.residence_unit_code].append(person.ethnicity != "kinh")
    shares = sorted(sum(flags) / len(flags) for flags in by_commune.values())

    assert shares[0] < 0.1
    assert shares[-1] > 0.4


def test_every_code_comes_from_the_vocabularies(province: Chunk):
    for person in province.people:
        assert person.ethnicity in ETHNIC_GROUPS
        assert person.religion in RELIGIONS
        assert person.qualification in QUALIFICATIONS
        assert person.theory_level in THEORY_LEVELS
        assert person.occupation in OCCUPATIONS
        assert parse_general_education(person.general_education) == person.general_education


def test_citizen_ids_are_twelve_unique_digits_mostly_from_the_province(province: Chunk):
    ids = [p.citizen_id for p in province.people]

    assert all(len(i) == 12 and i.isdigit() for i in ids)
    assert len(set(ids)) == len(ids)
    assert sum(i.startswith("019") for i in ids) / len(ids) > 0.8


def test_the_youth_union_is_for_the_young(province: Chunk):
    current = MEMBER_CODES | {Status.CANDIDATE.value}
    youth = [p for p in province.people if p.youth_union and p.current_status in current]

    assert youth
    assert all(age_years(p.birth_date, AS_OF) <= 31 for p in youth)


def test_every_person_has_contiguous_periods_ending_in_their_current_status(province: Chunk):
    periods: dict[int, list] = defaultdict(list)
    for period in province.periods:
        periods[period.person_id].append(period)

    for person in province.people:
        rows = periods[person.id]
        assert rows, person
        for before, after in zip(rows, rows[1:], strict=False):
            assert after.valid_from == before.valid_to + timedelta(days=1)
            check_status_change(Status(before.status), Status(after.status))
        assert all(r.valid_from <= r.valid_to for r in rows)
        assert rows[-1].valid_to == OPEN_END
        assert rows[-1].valid_from < AS_OF
        assert (rows[-1].status, rows[-1].org_id) == (person.current_status, person.current_org_id)


def test_admissions_follow_decision_ceremony_and_recognition(province: Chunk):
    periods: dict[int, list] = defaultdict(list)
    for period in province.periods:
        periods[period.person_id].append(period)

    recent = [m for m in province.memberships if m.decision_date >= date(2016, 1, 1)]
    assert len(recent) / len(province.memberships) > 0.25
    for membership in recent:
        rows = periods[membership.person_id]
        probation = next(r for r in rows if r.status == Status.PROBATIONARY)
        assert probation.valid_from == membership.decision_date
        if membership.ceremony_date:
            assert 14 <= (membership.ceremony_date - membership.decision_date).days <= 42
        if membership.official_date:
            ceremony = membership.ceremony_date
            assert ceremony is not None
            assert membership.official_date == years_later(ceremony, 1)
            official = next(r for r in rows if r.status == Status.OFFICIAL)
            assert official.valid_from == membership.official_date


def test_admissions_happen_every_year_since_2016(province: Chunk):
    years = Counter(m.decision_date.year for m in province.memberships)

    assert all(years[year] > 0 for year in range(2016, AS_OF.year))


def test_most_village_heads_are_members_and_all_live_in_the_commune(province: Chunk):
    people = {p.id: p for p in province.people}
    heads = [v for v in province.localities if v.head_id]

    assert len(heads) / len(province.localities) > 0.85
    assert all(people[v.head_id].residence_unit_code == v.admin_unit_code for v in heads)
    members = sum(people[v.head_id].current_status in MEMBER_CODES for v in heads)
    assert 0.6 <= members / len(heads) <= 0.95
