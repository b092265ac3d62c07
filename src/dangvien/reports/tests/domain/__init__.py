"""Factories shared by the pure report tests."""

from __future__ import annotations

from datetime import date

from dangvien.people.domain.enums import Gender
from dangvien.reports.domain.base import OrgRef, ReportScope
from dangvien.reports.domain.categories import PersonFacts

COMMUNE = OrgRef("X", "Đảng bộ xã X")


def person(
    *,
    born: date = date(1990, 1, 1),
    gender: Gender = Gender.MALE,
    ethnicity: str = "kinh",
    religion: str = "khong",
    youth_union: bool = False,
    qualification: str = "trung_cap",
) -> PersonFacts:
    """Return a person who belongs to no category unless told (a Kinh man, no religion...)."""
    return PersonFacts(born, gender, ethnicity, religion, youth_union, qualification)


def scope(
    date_from: date = date(2023, 1, 1),
    date_to: date = date(2023, 12, 31),
    *,
    org: OrgRef = COMMUNE,
    as_of: date | None = None,
) -> ReportScope:
    """Return the scope of a report on the commune, for 2023 unless told."""
    return ReportScope(org, date_from, date_to, as_of)
