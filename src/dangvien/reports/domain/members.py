"""Build the `members` report: the membership stock on `to` by status and by category."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dangvien.core.domain.text import age_years, round_half_up
from dangvien.people.domain.enums import Status
from dangvien.reports.domain.base import JsonDict, OrgRef, ReportScope
from dangvien.reports.domain.categories import (
    CategoryCount,
    CategoryTally,
    PersonFacts,
    tally_categories,
)

KIND = "members"
# The member statuses in the order reports list them.
STOCK_STATUSES = (Status.OFFICIAL, Status.PROBATIONARY, Status.EXEMPT)


@dataclass(frozen=True)
class MemberRow:
    """One person in the subtree on `to` with a member status (others are refused)."""

    person: PersonFacts
    status: Status

    def __post_init__(self) -> None:
        if not self.status.is_member:
            raise ValueError(f"{self.status} is not a member status")


@dataclass(frozen=True)
class MemberTally:
    """Counts by status and category and the sum of ages on `to`; addable across units."""

    by_status: Mapping[Status, int]
    categories: CategoryTally
    age_sum: int

    def __post_init__(self) -> None:
        # Store every member status, so tallies built from rows and from SQL compare equal.
        by_status = {s: self.by_status.get(s, 0) for s in STOCK_STATUSES}
        strangers = set(self.by_status) - set(STOCK_STATUSES)
        if strangers or sum(by_status.values()) != self.categories.total:
            raise ValueError(f"status counts {dict(self.by_status)} do not match the members")
        object.__setattr__(self, "by_status", by_status)

    @property
    def members(self) -> int:
        return self.categories.total

    def __add__(self, other: MemberTally) -> MemberTally:
        return MemberTally(
            by_status={
                s: self.by_status.get(s, 0) + other.by_status.get(s, 0) for s in STOCK_STATUSES
            },
            categories=self.categories + other.categories,
            age_sum=self.age_sum + other.age_sum,
        )

    def status_json(self) -> dict[str, int]:
        """Return the counts keyed by status code, every member status listed."""
        return {s.value: self.by_status.get(s, 0) for s in STOCK_STATUSES}


def tally_members(rows: Iterable[MemberRow], scope: ReportScope) -> MemberTally:
    """Tally members by status and by the admissions categories, ages taken on `to`."""
    members = list(rows)
    by_status = {s: sum(r.status is s for r in members) for s in STOCK_STATUSES}
    return MemberTally(
        by_status=by_status,
        categories=tally_categories((r.person, scope.date_to) for r in members),
        age_sum=sum(age_years(r.person.birth_date, scope.date_to) for r in members),
    )


@dataclass(frozen=True)
class ChildMembers:
    """A direct child's members on `to` by status."""

    org: OrgRef
    by_status: Mapping[Status, int]

    def to_json(self) -> JsonDict:
        counts = {s.value: self.by_status.get(s, 0) for s in STOCK_STATUSES}
        return {"org": self.org.to_json(), "members": sum(counts.values()), "by_status": counts}


@dataclass(frozen=True)
class MembersReport:
    """The members report: stock on `to` by status (codes of `Status`) and by category."""

    scope: ReportScope
    tally: MemberTally
    children: tuple[ChildMembers, ...]

    @property
    def by_category(self) -> dict[str, CategoryCount]:
        return self.tally.categories.shares()

    @property
    def average_age(self) -> float | None:
        if self.tally.members == 0:
            return None
        return round_half_up(Decimal(self.tally.age_sum) / self.tally.members, 2)

    def to_json(self) -> JsonDict:
        return {
            **self.scope.header(KIND),
            "members": self.tally.members,
            "by_status": self.tally.status_json(),
            "by_category": {name: c.to_json() for name, c in self.by_category.items()},
            "average_age": self.average_age,
            "children": [c.to_json() for c in self.children],
        }


def build_members_report(
    *, scope: ReportScope, tally: MemberTally, children: Sequence[ChildMembers] = ()
) -> MembersReport:
    """Build the report from the subtree's tally and its children, in the given order.

    Exempt members are members (official members excused from activities); candidates and
    people who left are not counted. Category percentages are of all members.
    """
    return MembersReport(scope=scope, tally=tally, children=tuple(children))
