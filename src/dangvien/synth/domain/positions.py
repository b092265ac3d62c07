"""Village heads and the heads of the Front and mass organisations in each village.

Most are members (coverage reports ask for "nearly 80% of village heads are
members"); the others are people on a candidate list, which is how
programmes aimed at admitting village cadres find them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dangvien.orgs.domain.enums import LocalityType
from dangvien.people.domain.enums import Gender
from dangvien.people.domain.vocabularies import POSITIONS
from dangvien.synth.domain.history import uniform_day
from dangvien.synth.domain.ids import Ids
from dangvien.synth.domain.people import Resident
from dangvien.synth.domain.rows import Chunk, LocalityRow, PositionRow

_FEMALE = Gender.FEMALE.value
_MALE = Gender.MALE.value


@dataclass(frozen=True)
class Seat:
    """A position to fill in every village, who may hold it and how often a member does."""

    code: str
    fits: Callable[[Resident], bool]
    member_odds: float
    rural_only: bool = False


def _village_head(kind: str) -> str:
    if kind == LocalityType.TO_DAN_PHO:
        return "to_truong_to_dan_pho"
    if kind == LocalityType.KHU_PHO:
        return "truong_khu_pho"
    return "truong_thon"


SEATS = (
    Seat("truong_ban_cong_tac_mat_tran", lambda r: 35 <= r.age <= 75, 0.85),
    Seat("chi_hoi_truong_phu_nu", lambda r: r.person.gender == _FEMALE and 25 <= r.age <= 60, 0.7),
    Seat("chi_hoi_truong_nong_dan", lambda r: 30 <= r.age <= 65, 0.75, rural_only=True),
    Seat("chi_hoi_truong_cuu_chien_binh", lambda r: r.person.gender == _MALE and r.age >= 45, 0.95),
    Seat("bi_thu_chi_doan", lambda r: 18 <= r.age <= 30, 0.5),
)
HEAD_ODDS = 0.78  # share of village heads who are members
UNRECORDED_HEADS = 0.04  # villages whose head is not in the records
for _code in ("truong_thon", "to_truong_to_dan_pho", "truong_khu_pho", *(s.code for s in SEATS)):
    POSITIONS.get(_code)  # fail at import if the vocabulary lost a code


def fill_positions(
    rng: random.Random,
    villages: list[LocalityRow],
    residents: list[Resident],
    as_of: date,
    ids: Ids,
    chunk: Chunk,
) -> None:
    """Give every village a head and its organisation heads, chosen among its residents."""
    by_village: dict[int, list[Resident]] = {}
    for resident in residents:
        assert resident.person.locality_id is not None
        by_village.setdefault(resident.person.locality_id, []).append(resident)
    for village in villages:
        people = by_village.get(village.id, [])
        taken: set[int] = set()
        rural = village.locality_type not in (LocalityType.TO_DAN_PHO, LocalityType.KHU_PHO)
        head_seat = Seat(
            _village_head(village.locality_type), lambda r: 28 <= r.age <= 68, HEAD_ODDS
        )
        if rng.random() >= UNRECORDED_HEADS:
            head = _seat(rng, head_seat, people, taken, as_of, ids, chunk)
            village.head_id = head.person.id if head else None
        for seat in SEATS:
            if rural or not seat.rural_only:
                _seat(rng, seat, people, taken, as_of, ids, chunk)


def _seat(
    rng: random.Random,
    seat: Seat,
    people: list[Resident],
    taken: set[int],
    as_of: date,
    ids: Ids,
    chunk: Chunk,
) -> Resident | None:
    """Choose a holder (a member with the seat's odds), record the position, return them."""
    want_member = rng.random() < seat.member_odds
    fitting = [r for r in people if r.person.id not in taken and seat.fits(r)]
    pool = [r for r in fitting if r.member == want_member] or fitting
    if not pool:
        return None
    holder = rng.choice(pool)
    taken.add(holder.person.id)
    since = uniform_day(rng, as_of - timedelta(days=5 * 365), as_of - timedelta(days=30))
    chunk.positions.append(
        PositionRow(
            ids.next("position"),
            holder.person.id,
            seat.code,
            POSITIONS.get(seat.code).label,
            since,
            None,
        )
    )
    return holder
