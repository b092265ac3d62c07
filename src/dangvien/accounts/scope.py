"""A user's part of the tree: every read and write is filtered through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from dangvien.accounts.domain.roles import Role
from dangvien.accounts.models import RoleAssignment, User
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import path_prefix_q, spans_on


def minimal_prefixes(paths: list[str]) -> tuple[str, ...]:
    """Return the paths with those already covered by a shorter one removed."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(other) for other in kept):
            kept.append(path)
    return tuple(sorted(kept))


@dataclass(frozen=True)
class Scope:
    """The subtrees a user may read (`prefixes`) and change (`edit_prefixes`) on `day`."""

    prefixes: tuple[str, ...]
    edit_prefixes: tuple[str, ...]
    roles: frozenset[Role] = field(default_factory=frozenset)
    day: date = field(default_factory=timezone.localdate)

    @property
    def is_empty(self) -> bool:
        return not self.prefixes

    def path_q(self, field_name: str = "path", *, edit: bool = False) -> Q:
        """Return a filter on a path column restricted to this scope."""
        condition = Q(pk__in=[])
        for prefix in self.edit_prefixes if edit else self.prefixes:
            condition |= path_prefix_q(prefix, field_name)
        return condition

    def spans(self, *, edit: bool = False) -> QuerySet[OrgSpan]:
        """Return today's spans of every unit in scope."""
        return spans_on(self.day).filter(self.path_q(edit=edit))

    def org_ids(self, *, edit: bool = False) -> QuerySet[OrgSpan, int]:
        """Return a subquery of the ids of the units in scope today."""
        return self.spans(edit=edit).values_list("org_id", flat=True)

    def covers_path(self, path: str, *, edit: bool = False) -> bool:
        """Return whether a unit with this path (today) is in scope."""
        prefixes = self.edit_prefixes if edit else self.prefixes
        return any(path.startswith(prefix) for prefix in prefixes)

    def covers_org(self, org_id: int, *, edit: bool = False) -> bool:
        """Return whether the unit is in scope today (one query)."""
        return self.spans(edit=edit).filter(org_id=org_id).exists()


def scope_for(user: User, day: date | None = None) -> Scope:
    """Return the user's scope from their role assignments (empty if inactive)."""
    on = day or timezone.localdate()
    if not user.is_active:
        return Scope((), (), frozenset(), on)
    assignments = list(RoleAssignment.objects.filter(user=user).values_list("org_id", "role"))
    org_ids = {org_id for org_id, _ in assignments}
    paths = dict(spans_on(on).filter(org_id__in=org_ids).values_list("org_id", "path"))
    read = [paths[o] for o, _ in assignments if o in paths]
    edit = [paths[o] for o, role in assignments if o in paths and Role(role).can_edit]
    roles = frozenset(Role(role) for _, role in assignments)
    return Scope(minimal_prefixes(read), minimal_prefixes(edit), roles, on)


def global_scope(day: date | None = None) -> Scope:
    """Return a scope over every root: for the command line run by the server's operator."""
    on = day or timezone.localdate()
    roots = list(spans_on(on).filter(parent__isnull=True).values_list("path", flat=True))
    prefixes = minimal_prefixes(roots)
    return Scope(prefixes, prefixes, frozenset({Role.SYSTEM_ADMIN}), on)
