"""Plausible Vietnamese full names by ethnic group and gender.

Family-name weights follow published shares (Nguyễn about 38%, Trần 11%, Lê 9.5%,
Phạm 7%...); the south writes Huỳnh and Võ where the north writes Hoàng and Vũ.
Minority groups follow their own patterns: Mông "Giàng A Páo", Thái "Lò Văn Ính",
Ê Đê "Y Moan Niê" / "H'Hen Êban", Ba Na and Xơ Đăng "A Pớt" / "Y Ngọc".
"""

from __future__ import annotations

import random
from itertools import accumulate

from dangvien.people.domain.enums import Gender
from dangvien.synth.domain.ids import draw
from dangvien.synth.domain.name_styles import (
    ALIASES,
    FEMALE_MIDDLES,
    KINH,
    SOUTHERN,
    STYLES,
    NameStyle,
)


class _Picker:
    """Weighted choice over a fixed table, with the cumulative weights computed once."""

    def __init__(self, table: tuple[tuple[str, float], ...]) -> None:
        self.table = table  # keeps the table alive, so its id stays unique
        self.values = [value for value, _ in table]
        self.cumulative = list(accumulate(weight for _, weight in table))

    def pick(self, rng: random.Random) -> str:
        """Return one value drawn by weight."""
        return draw(rng, self.values, self.cumulative)


class NameMaker:
    """Draw full names; one instance per generation run keeps its pickers."""

    def __init__(self) -> None:
        self._pickers: dict[int, _Picker] = {}

    def _pick(self, rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
        picker = self._pickers.get(id(table))
        if picker is None:
            picker = self._pickers[id(table)] = _Picker(table)
        return picker.pick(rng)

    def full_name(self, rng: random.Random, ethnicity: str, gender: Gender, *, south: bool) -> str:
        """Return a full name typical of `ethnicity` (a group code) and `gender`."""
        style = STYLES.get(ALIASES.get(ethnicity, ethnicity), KINH)
        male = gender is Gender.MALE
        given = rng.choice(style.male_given if male else style.female_given)
        if style.pattern == "kinh":
            return self._kinh_like(rng, style, male, given, south=south)
        family = self._pick(rng, style.families) if style.families else ""
        return _patterned(style.pattern, male, family, given)

    def _kinh_like(
        self, rng: random.Random, style: NameStyle, male: bool, given: str, *, south: bool
    ) -> str:
        family = self._pick(rng, style.families)
        if south:
            family = SOUTHERN.get(family, family)
        middle = self._pick(rng, style.male_middles if male else style.female_middles)
        if not male and middle == "Thị" and style is KINH and rng.random() < 0.12:
            middle = f"Thị {self._pick(rng, FEMALE_MIDDLES[1:])}"
        if middle == given:
            return f"{family} {given}"
        return f"{family} {middle} {given}"


def _patterned(pattern: str, male: bool, family: str, given: str) -> str:
    """Return a name in one of the non-Kinh patterns."""
    if pattern == "ede":
        return f"Y {given} {family}" if male else f"H'{given} {family}"
    if pattern == "gia_rai":
        return f"{family} {given}" if male else f"{family} H'{given}"
    if pattern == "prefix":
        return f"A {given}" if male else f"Y {given}"
    if pattern == "co_ho":
        return f"K'{given}" if male else f"Ka {given}"
    if pattern == "xtieng":
        return f"Điểu {given}" if male else f"Thị {given}"
    # Khmer: family then given; women often carry "Thị" in the middle.
    return f"{family} {given}" if male else f"{family} Thị {given}"
