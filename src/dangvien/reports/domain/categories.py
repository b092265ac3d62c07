"""Define the report categories of contracts.md §3 once, for admissions and membership stock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from dangvien.core.domain.text import age_years, percent
from dangvien.people.domain.enums import Gender

KINH = "kinh"  # the majority group; every other ethnicity is a minority ("dân tộc thiểu số")
NO_RELIGION = frozenset({"", "khong"})  # "Không" or left empty in the workbook
COLLEGE_OR_HIGHER = frozenset({"cao_dang", "dai_hoc", "thac_si", "tien_si"})
YOUNG_MIN_AGE = 18
YOUNG_MAX_AGE = 30


class Category(StrEnum):
    """A demographic category reported for admissions and for the membership stock."""

    AGE_18_30 = "age_18_30"  # whole years of age at the reference date between 18 and 30
    WOMEN = "women"  # Nữ
    ETHNIC_MINORITY = "ethnic_minority"  # dân tộc thiểu số: any ethnicity but Kinh
    RELIGIOUS = "religious"  # has a religion ("Tôn giáo" not Không)
    YOUTH_UNION = "youth_union"  # đoàn viên
    COLLEGE_OR_HIGHER = "college_or_higher"  # Cao đẳng, Đại học, Thạc sĩ, Tiến sĩ


@dataclass(frozen=True)
class PersonFacts:
    """The attributes of one person that the categories depend on (codes as in the models)."""

    birth_date: date
    gender: Gender
    ethnicity: str
    religion: str
    youth_union: bool
    qualification: str


@dataclass(frozen=True)
class CategoryCount:
    """How many people fall in a category, and their share of the total (null when no one)."""

    count: int
    percent: float | None

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "percent": self.percent}


@dataclass(frozen=True)
class CategoryTally:
    """Raw category counts over `total` people, addable so pre-aggregated counts can be merged."""

    total: int
    counts: Mapping[Category, int]

    def __post_init__(self) -> None:
        # Store every category, so tallies built from rows and from SQL compare equal.
        counts = {c: self.counts.get(c, 0) for c in Category}
        if any(not 0 <= n <= self.total for n in counts.values()):
            raise ValueError(f"category counts {counts} do not fit a total of {self.total}")
        object.__setattr__(self, "counts", counts)

    def __add__(self, other: CategoryTally) -> CategoryTally:
        counts = {c: self.counts.get(c, 0) + other.counts.get(c, 0) for c in Category}
        return CategoryTally(total=self.total + other.total, counts=counts)

    def shares(self) -> dict[str, CategoryCount]:
        """Return every category's count and percent of the total (percent null when total is 0)."""
        return {
            c.value: CategoryCount(
                self.counts.get(c, 0), percent(self.counts.get(c, 0), self.total)
            )
            for c in Category
        }


EMPTY_TALLY = CategoryTally(total=0, counts={})


def categories_of(person: PersonFacts, on: date) -> dict[str, bool]:
    """Return, for every category, whether the person belongs to it on the reference date."""
    age = age_years(person.birth_date, on)
    return {
        Category.AGE_18_30.value: YOUNG_MIN_AGE <= age <= YOUNG_MAX_AGE,
        Category.WOMEN.value: person.gender is Gender.FEMALE,
        Category.ETHNIC_MINORITY.value: person.ethnicity.strip().lower() != KINH,
        Category.RELIGIOUS.value: person.religion.strip().lower() not in NO_RELIGION,
        Category.YOUTH_UNION.value: person.youth_union,
        Category.COLLEGE_OR_HIGHER.value: person.qualification.strip().lower() in COLLEGE_OR_HIGHER,
    }


def tally_categories(people: Iterable[tuple[PersonFacts, date]]) -> CategoryTally:
    """Count people per category, each judged on its own reference date."""
    counts = dict.fromkeys(Category, 0)
    total = 0
    for person, on in people:
        total += 1
        for name, belongs in categories_of(person, on).items():
            counts[Category(name)] += belongs
    return CategoryTally(total=total, counts=counts)


def count_categories(
    people: Sequence[PersonFacts], on_dates: Sequence[date]
) -> dict[str, CategoryCount]:
    """Return each category's count and percent of all people, the i-th judged on on_dates[i].

    Percent is null (not 0) when there is no one, since a share of nothing is undefined.
    """
    return tally_categories(zip(people, on_dates, strict=True)).shares()


def latest_birth_date_for_age(on: date, years: int) -> date:
    """Return the last birth date of someone who is at least `years` old on `on`.

    Selectors use it to count ages in SQL with the same rule as `age_years`, which compares
    (month, day): someone born on 29 February gains a year on 1 March in common years.
    """
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # `on` is 29 February and the target year is not a leap year
        return on.replace(year=on.year - years, day=28)
