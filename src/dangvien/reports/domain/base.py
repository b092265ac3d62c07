"""Build the parts every report shares: the organisation reference and the period header."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date

JsonDict = dict[str, Any]


class OrgRef(NamedTuple):
    """An organisation as reports show it: its user-chosen code and its name.

    A named tuple, not a frozen dataclass: the national cells report lists about
    59,000 of them, and a tuple is built several times faster.
    """

    code: str
    name: str

    def to_json(self) -> JsonDict:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class ReportScope:
    """The organisation whose subtree is reported, the period, and the optional restatement date.

    `as_of` is null when each event counts where it belonged on the day it happened.
    """

    org: OrgRef
    date_from: date
    date_to: date
    as_of: date | None = None

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise DomainError(
                f"Ngày bắt đầu ({format_date(self.date_from)}) sau ngày kết thúc "
                f"({format_date(self.date_to)}) của kỳ báo cáo.",
                code="invalid_period",
                field="from",
            )

    def contains(self, day: date) -> bool:
        """Return whether the day falls in the period, both ends included."""
        return self.date_from <= day <= self.date_to

    def header(self, kind: str) -> JsonDict:
        """Return the keys that open every report's JSON."""
        return {
            "report": kind,
            "org": self.org.to_json(),
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }
