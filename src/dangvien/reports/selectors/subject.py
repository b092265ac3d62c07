"""Resolve what a report is about: the unit, where it sat in the tree, and the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from dangvien.accounts.scope import Scope
from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.plans.access import org_in_scope
from dangvien.reports.domain.base import OrgRef, ReportScope


@dataclass(frozen=True)
class Placement:
    """A stretch of the period during which the unit had one path."""

    path: str
    first: date
    last: date

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Subject:
    """The unit reported on, its placements during the period, and the report scope.

    Without `as_of` the placements follow the unit through the period (events count
    where they happened); with `as_of` there is one placement, the unit's path that day,
    used for the whole period (the tree restated as it stood on `as_of`).
    """

    org_id: int
    org_type: OrgType
    scope: ReportScope
    placements: tuple[Placement, ...]

    @property
    def restated(self) -> bool:
        return self.scope.as_of is not None

    def tree_day(self, day: date) -> date:
        """Return the day whose tree places units for a count taken on `day`."""
        return self.scope.as_of or day

    def path_on(self, day: date) -> str | None:
        """Return the unit's path for a count taken on `day`; None if it did not exist then."""
        if self.restated:
            return self.placements[0].path
        return next((p.path for p in self.placements if p.contains(day)), None)

    def last_day(self) -> date:
        """Return the last day of the period on which the unit existed."""
        return self.placements[-1].last


def subject_for(
    *, scope: Scope, code: str, date_from: date, date_to: date, as_of: date | None = None
) -> Subject:
    """Return the report subject, refusing units outside the scope or absent from the period."""
    org = org_in_scope(scope, code)
    spans = list(OrgSpan.objects.filter(org=org).select_related("version").order_by("valid_from"))
    if as_of is not None:
        on = [s for s in spans if s.valid_from <= as_of <= s.valid_to]
        if not on:
            raise DomainError(
                f"Đơn vị “{org.code}” không tồn tại vào ngày {format_date(as_of)}.", field="as_of"
            )
        chosen = on
        placements: tuple[Placement, ...] = (Placement(on[0].path, date_from, date_to),)
    else:
        chosen = [s for s in spans if s.valid_from <= date_to and s.valid_to >= date_from]
        if not chosen:
            raise DomainError(
                f"Đơn vị “{org.code}” không tồn tại trong kỳ báo cáo từ ngày "
                f"{format_date(date_from)} đến ngày {format_date(date_to)}.",
                field="org",
            )
        placements = tuple(
            Placement(s.path, max(s.valid_from, date_from), min(s.valid_to, date_to))
            for s in chosen
        )
    version = chosen[-1].version
    report_scope = ReportScope(OrgRef(org.code, version.name), date_from, date_to, as_of)
    return Subject(org.pk, OrgType(version.org_type), report_scope, placements)


@dataclass(frozen=True)
class ChildUnit:
    """A direct child of the subject on a day: its id, reference and path."""

    org_id: int
    ref: OrgRef
    path: str


def children_on(subject: Subject, day: date) -> list[ChildUnit]:
    """Return the subject's direct children on the tree of `day`, in code order."""
    path = subject.path_on(day)
    if path is None:
        return []
    spans = (
        spans_on(subject.tree_day(day))
        .filter(parent_id=subject.org_id, depth=len(path) // SEGMENT + 1)
        .select_related("org", "version")
        .order_by("org__code")
    )
    return [ChildUnit(s.org_id, OrgRef(s.org.code, s.version.name), s.path) for s in spans]


def units_under(subject: Subject, day: date) -> QuerySet[OrgSpan]:
    """Return the spans of every unit in the subject's subtree for a count taken on `day`."""
    path = subject.path_on(day)
    if path is None:
        return OrgSpan.objects.none()
    return spans_under([path], subject.tree_day(day))


def child_id_of(path: str, depth: int) -> int:
    """Return the id of the unit at `depth` (1 = root) on a path."""
    return decode_path(path[: depth * SEGMENT])[-1]
