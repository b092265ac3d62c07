"""Who sits in which kind of cell: ages, gender, occupations, schooling.

A village cell is older and full of farmers and retirees; a school cell is
mostly women with degrees; police and military cells are young men.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from dangvien.people.domain.vocabularies import OCCUPATIONS, QUALIFICATIONS, THEORY_LEVELS
from dangvien.synth.domain.ids import draw

Weighted = tuple[tuple[str, float], ...]


class CellKind(StrEnum):
    """What a cell is attached to; decides its members' profile and its name."""

    RESIDENTIAL = "residential"  # chi bộ thôn, tổ dân phố
    SCHOOL = "school"
    HEALTH = "health"
    AGENCY = "agency"  # commune offices, mass organisations
    POLICE = "police"
    MILITARY = "military"
    ENTERPRISE = "enterprise"


def _codes(vocabulary_codes: list[str], table: Weighted) -> Weighted:
    """Return `table` after checking every code against the vocabulary (fail at import)."""
    for code, _ in table:
        if code not in vocabulary_codes:
            raise KeyError(f"synthetic profile uses unknown code {code!r}")
    return table


_OCC = OCCUPATIONS.codes()
_QUAL = QUALIFICATIONS.codes()
_THEORY = THEORY_LEVELS.codes()


@dataclass(frozen=True)
class Profile:
    """Attribute distributions of the members of one kind of cell."""

    size: float  # members relative to the commune average
    female: float | None  # share of women; None: the commune's own share
    ages: tuple[tuple[int, int, float], ...]  # (youngest, oldest, weight) of current members
    occupations: Weighted
    qualifications: Weighted
    theory: Weighted


PROFILES: dict[CellKind, Profile] = {
    CellKind.RESIDENTIAL: Profile(
        1.0,
        None,
        ((19, 30, 6), (31, 45, 19), (46, 60, 31), (61, 70, 24), (71, 85, 16), (86, 96, 4)),
        _codes(
            _OCC,
            (
                ("nong_dan", 55),
                ("cong_nhan", 14),
                ("khac", 17),
                ("chu_doanh_nghiep", 5),
                ("can_bo_cong_chuc", 6),
                ("vien_chuc", 3),
            ),
        ),
        _codes(
            _QUAL,
            (("khong", 50), ("so_cap", 10), ("trung_cap", 20), ("cao_dang", 8), ("dai_hoc", 12)),
        ),
        _codes(_THEORY, (("khong", 55), ("so_cap", 40), ("trung_cap", 5))),
    ),
    CellKind.SCHOOL: Profile(
        0.6,
        0.68,
        ((23, 30, 20), (31, 45, 50), (46, 59, 30)),
        _codes(_OCC, (("vien_chuc", 1),)),
        _codes(_QUAL, (("cao_dang", 15), ("dai_hoc", 75), ("thac_si", 10))),
        _codes(_THEORY, (("khong", 40), ("so_cap", 50), ("trung_cap", 10))),
    ),
    CellKind.HEALTH: Profile(
        0.4,
        0.62,
        ((23, 30, 20), (31, 45, 50), (46, 59, 30)),
        _codes(_OCC, (("vien_chuc", 1),)),
        _codes(_QUAL, (("trung_cap", 35), ("cao_dang", 20), ("dai_hoc", 40), ("thac_si", 5))),
        _codes(_THEORY, (("khong", 40), ("so_cap", 50), ("trung_cap", 10))),
    ),
    CellKind.AGENCY: Profile(
        1.2,
        0.42,
        ((24, 30, 15), (31, 45, 45), (46, 60, 40)),
        _codes(_OCC, (("can_bo_cong_chuc", 85), ("vien_chuc", 15))),
        _codes(_QUAL, (("trung_cap", 10), ("cao_dang", 5), ("dai_hoc", 75), ("thac_si", 10))),
        _codes(_THEORY, (("so_cap", 25), ("trung_cap", 55), ("cao_cap", 15), ("cu_nhan", 5))),
    ),
    CellKind.POLICE: Profile(
        0.6,
        0.12,
        ((21, 30, 40), (31, 45, 45), (46, 55, 15)),
        _codes(_OCC, (("luc_luong_vu_trang", 1),)),
        _codes(_QUAL, (("trung_cap", 40), ("cao_dang", 10), ("dai_hoc", 45), ("thac_si", 5))),
        _codes(_THEORY, (("khong", 5), ("so_cap", 40), ("trung_cap", 45), ("cao_cap", 10))),
    ),
    CellKind.MILITARY: Profile(
        0.5,
        0.05,
        ((21, 30, 40), (31, 45, 45), (46, 55, 15)),
        _codes(_OCC, (("luc_luong_vu_trang", 1),)),
        _codes(_QUAL, (("trung_cap", 40), ("cao_dang", 10), ("dai_hoc", 45), ("thac_si", 5))),
        _codes(_THEORY, (("khong", 5), ("so_cap", 40), ("trung_cap", 45), ("cao_cap", 10))),
    ),
    CellKind.ENTERPRISE: Profile(
        0.8,
        0.4,
        ((22, 30, 30), (31, 45, 45), (46, 59, 25)),
        _codes(_OCC, (("cong_nhan", 85), ("chu_doanh_nghiep", 5), ("khac", 10))),
        _codes(
            _QUAL,
            (
                ("khong", 15),
                ("so_cap", 15),
                ("trung_cap", 30),
                ("cao_dang", 15),
                ("dai_hoc", 23),
                ("thac_si", 2),
            ),
        ),
        _codes(_THEORY, (("khong", 50), ("so_cap", 40), ("trung_cap", 10))),
    ),
}

# Candidates are young: most between 18 and 35 (domain.md §4: 18 to 60 at the vote).
CANDIDATE_AGES = ((18, 24, 40), (25, 35, 45), (36, 50, 13), (51, 59, 2))
# Candidates outside villages are as old as the unit's younger members.
CANDIDATE_AGES_AT_WORK: dict[CellKind, tuple[tuple[int, int, float], ...]] = {
    kind: tuple(
        (max(low, 20), min(high, 55), weight) for low, high, weight in profile.ages if low < 55
    )
    for kind, profile in PROFILES.items()
}
CANDIDATE_OCCUPATIONS: Weighted = _codes(
    _OCC,
    (
        ("hoc_sinh_sinh_vien", 22),
        ("nong_dan", 28),
        ("cong_nhan", 25),
        ("khac", 17),
        ("chu_doanh_nghiep", 3),
        ("can_bo_cong_chuc", 5),
    ),
)
RETIRED = "khac"  # "Khác" covers retirees ("Hưu trí" is one of its variants)


class Chooser:
    """Weighted choices with cumulative weights computed once per table.

    Tables are looked up by identity and kept alive by the cache, so an id can
    never be reused by another table while its entry exists.
    """

    def __init__(self) -> None:
        self._cache: dict[int, tuple[object, list[str], list[float]]] = {}
        self._bands: dict[int, tuple[object, list[tuple[int, int]], list[float]]] = {}

    def pick(self, rng: random.Random, table: Weighted) -> str:
        """Return one code of `table` drawn by weight."""
        entry = self._cache.get(id(table))
        if entry is None:
            entry = (table, [code for code, _ in table], list(accumulate(w for _, w in table)))
            self._cache[id(table)] = entry
        return draw(rng, entry[1], entry[2])

    def age(self, rng: random.Random, bands: tuple[tuple[int, int, float], ...]) -> float:
        """Return an age in years (fractional) drawn from weighted (youngest, oldest) bands."""
        entry = self._bands.get(id(bands))
        if entry is None:
            entry = (
                bands,
                [(low, high) for low, high, _ in bands],
                list(accumulate(weight for _, _, weight in bands)),
            )
            self._bands[id(bands)] = entry
        low, high = draw(rng, entry[1], entry[2])
        return low + rng.random() * (high - low + 1)
