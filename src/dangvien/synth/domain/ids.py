"""Row ids and citizen ID numbers, allocated in generation order (deterministic)."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from dangvien.people.domain.enums import Gender

_SERIALS = 1_000_000
# Multiplying by a number prime to 10 permutes the six-digit serials, so numbers
# look random while staying unique without a set of the ones already given.
_SCRAMBLE = 7919


def stream(seed: int, *names: object) -> random.Random:
    """Return the random stream named `names` under `seed` (string seeds are stable)."""
    # Synthetic data must be reproducible, which is the opposite of what
    # cryptography needs: a seeded Mersenne Twister is the right tool here.
    return random.Random("/".join(map(str, (seed, *names))))  # noqa: S311


T = TypeVar("T")


def draw(rng: random.Random, population: Sequence[T], cum_weights: Sequence[float]) -> T:
    """Return `rng.choices(population, cum_weights=cum_weights)[0]`, the very same draw.

    One `rng.random()` and the same bisection as the library, without building a
    list of one and checking the weights on every call: the generator draws a
    hundred million times nationally, and `choices` was a quarter of its time.
    """
    return population[bisect(cum_weights, rng.random() * cum_weights[-1], 0, len(population) - 1)]


@dataclass
class Ids:
    """The next free primary key of every table."""

    org: int = 0
    version: int = 0
    locality: int = 0
    person: int = 0
    position: int = 0
    membership: int = 0
    period: int = 0

    def next(self, table: str) -> int:
        """Return the next id of `table` (one of the field names)."""
        value: int = getattr(self, table) + 1
        setattr(self, table, value)
        return value


@dataclass
class CitizenIds:
    """Twelve-digit citizen IDs: province, gender and century, birth year, serial.

    The layout is the real one (Circular 59/2021/TT-BCA): three digits of the
    province of birth, one for gender and century (0/1 for men/women born in
    the 1900s, 2/3 in the 2000s), two for the year of birth, six for a serial.
    """

    offset: int
    counters: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def issue(self, province: str, gender: Gender, birth: date) -> str:
        """Return a new ID for someone born in `province` (three digits) on `birth`."""
        century = 0 if birth.year < 2000 else 2
        gender_digit = century + (1 if gender is Gender.FEMALE else 0)
        key = (province, gender_digit, birth.year % 100)
        serial = self.counters.get(key, 0)
        if serial >= _SERIALS:
            raise OverflowError(f"no citizen ID serial left for {key}")
        self.counters[key] = serial + 1
        scrambled = (serial * _SCRAMBLE + self.offset) % _SERIALS
        return f"{province}{gender_digit}{birth.year % 100:02d}{scrambled:06d}"
