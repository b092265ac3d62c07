"""What every sheet's plan shares: row counts, field changes, the index of units by code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.imports.domain.issues import IssueCollector
from dangvien.orgs.domain.enums import OrgType


@dataclass(slots=True)
class SheetCount:
    """How many rows of a sheet create, update or leave a record unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, changes: dict[str, Any] | None, *, created: bool = False) -> None:
        """Count one row: created, updated (some change) or unchanged."""
        if created:
            self.created += 1
        elif changes:
            self.updated += 1
        else:
            self.unchanged += 1

    def as_dict(self) -> dict[str, int]:
        """Return the counts for JSON (job summaries, the command's output)."""
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Return {field: {"old": ..., "new": ...}} for the fields whose value differs."""
    return {
        key: {"old": loggable(old.get(key)), "new": loggable(value)}
        for key, value in new.items()
        if old.get(key) != value
    }


def loggable(value: Any) -> Any:
    """Return a value as the access log stores it (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [loggable(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class OrgRef:
    """A unit a row may name: existing, or created by the same workbook."""

    code: str
    pk: int | None  # None for a unit this import creates
    org_type: str  # its type today (or in its last period)
    editable: bool  # whether the importing user may change what belongs to it
    is_cell: bool = field(init=False)  # whether people can belong to the unit directly

    def __post_init__(self) -> None:
        """Work out once whether the unit is a cell (asked for every person row)."""
        object.__setattr__(self, "is_cell", OrgType(self.org_type).is_cell)


@dataclass(slots=True)
class Check:
    """The state shared by the checks of one import."""

    actor: Actor
    today: date
    issues: IssueCollector
    orgs: dict[str, OrgRef] = field(default_factory=dict)

    @property
    def is_operator(self) -> bool:
        """Return whether the server's operator runs the import (any scope, any root)."""
        return self.actor.user is None

    def can_edit_path(self, path: str) -> bool:
        """Return whether the importing user may change the unit at `path`."""
        return self.is_operator or (bool(path) and self.actor.scope.covers_path(path, edit=True))


def outside_scope(code: str) -> str:
    """Return the message for a unit the importing user may not change."""
    return f'Tổ chức "{code}" nằm ngoài phạm vi bạn được quyền sửa'


def unknown_org(code: str) -> str:
    """Return the message for a code that names no unit, here or in the ToChuc sheet."""
    return f'Không tìm thấy tổ chức có mã "{code}" (trong hệ thống hoặc trang ToChuc)'
