"""SQL sums that count the report categories, with the rules of reports.domain.categories."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from dangvien.people.domain.enums import Gender
from dangvien.reports.domain.categories import (
    COLLEGE_OR_HIGHER,
    KINH,
    NO_RELIGION,
    YOUNG_MAX_AGE,
    YOUNG_MIN_AGE,
    Category,
    latest_birth_date_for_age,
)


def category_sums(day: date, prefix: str = "person__") -> dict[str, Any]:
    """Return SQL sums counting each category on `day`, with the rules of reports.domain."""
    youngest = latest_birth_date_for_age(day, YOUNG_MIN_AGE)
    too_old = latest_birth_date_for_age(day, YOUNG_MAX_AGE + 1)
    birth = f"{prefix}birth_date"
    conditions = {
        Category.AGE_18_30: Q(**{f"{birth}__lte": youngest, f"{birth}__gt": too_old}),
        Category.WOMEN: Q(**{f"{prefix}gender": Gender.FEMALE.value}),
        Category.ETHNIC_MINORITY: ~Q(**{f"{prefix}ethnicity": KINH}),
        Category.RELIGIOUS: ~Q(**{f"{prefix}religion__in": sorted(NO_RELIGION)}),
        Category.YOUTH_UNION: Q(**{f"{prefix}youth_union": True}),
        Category.COLLEGE_OR_HIGHER: Q(**{f"{prefix}qualification__in": sorted(COLLEGE_OR_HIGHER)}),
    }
    sums: dict[str, Any] = {c.value: Count("id", filter=q) for c, q in conditions.items()}
    # Whole years: the difference of years, minus one for those whose birthday is still ahead.
    sums["year_sum"] = Sum(day.year - ExtractYear(birth))
    ahead = Q(**{f"{birth}__month__gt": day.month}) | Q(
        **{f"{birth}__month": day.month, f"{birth}__day__gt": day.day}
    )
    sums["birthday_ahead"] = Count("id", filter=ahead)
    sums["n"] = Count("id")
    return sums
