"""The party bodies a candidacy deals with: its cell, the grassroots committee, the deciding one.

Read from the organisation tree as it stood on the day of the step, because a
cell may have been re-parented (e.g. when districts were abolished in 2025).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import decode_path
from dangvien.orgs.paths import spans_on

# Units that hold the grassroots committee's role for the cells under them.
_GRASSROOTS = frozenset({OrgType.GRASSROOTS_CELL, OrgType.GRASSROOTS_COMMITTEE, OrgType.COMMUNE})


@dataclass(frozen=True)
class Body:
    """A party organisation as it stood on one day."""

    org_id: int
    code: str
    name: str
    org_type: OrgType
    path: str
    may_admit: bool

    @property
    def committee(self) -> str:
        """Return the name of its executive committee: "Đảng bộ xã X" -> "Đảng ủy xã X"."""
        words = self.name.split(" ", 2)
        if len(words) >= 2 and words[0] == "Đảng" and words[1].lower() == "bộ":
            return " ".join(["Đảng", "ủy", *words[2:]])
        return self.name

    @property
    def standing_committee(self) -> str:
        """Return the name of the standing committee that decides for the body."""
        return f"Ban Thường vụ {self.committee}"


@dataclass(frozen=True)
class Chain:
    """A cell and its ancestors on one day, root first, the cell last."""

    bodies: tuple[Body, ...]

    @property
    def cell(self) -> Body:
        return self.bodies[-1]

    @property
    def parent(self) -> Body | None:
        return self.bodies[-2] if len(self.bodies) > 1 else None

    @property
    def has_partial_committee(self) -> bool:
        """Return whether the cell sits under a partial committee ("đảng ủy bộ phận")."""
        parent = self.parent
        return parent is not None and parent.org_type is OrgType.PARTIAL_COMMITTEE

    @property
    def grassroots(self) -> Body:
        """Return the grassroots organisation: the nearest grassroots unit, the cell included."""
        for body in reversed(self.bodies):
            if body.org_type in _GRASSROOTS:
                return body
        return self.parent or self.cell

    @property
    def admitting(self) -> Body:
        """Return the body competent to decide admissions and recognitions.

        A grassroots committee delegated the power decides itself, as does a commune
        committee for the cells directly under it; otherwise the committee directly above.
        """
        grassroots = self.grassroots
        if grassroots.may_admit or grassroots.org_type is OrgType.COMMUNE:
            return grassroots
        index = self.bodies.index(grassroots)
        return self.bodies[index - 1] if index > 0 else grassroots


def chain_of(cell_id: int, day: date) -> Chain:
    """Return the cell's chain of bodies on `day` (two queries)."""
    path = spans_on(day).filter(org_id=cell_id).values_list("path", flat=True).first()
    if path is None:
        raise DomainError(
            "Chi bộ của hồ sơ không tồn tại vào ngày này trong cây tổ chức.", field="on"
        )
    ids = decode_path(path)
    spans = spans_on(day).filter(org_id__in=ids).select_related("org", "version")
    by_id = {
        span.org_id: Body(
            org_id=span.org_id,
            code=span.org.code,
            name=span.version.name,
            org_type=OrgType(span.version.org_type),
            path=span.path,
            may_admit=span.version.may_admit,
        )
        for span in spans
    }
    return Chain(tuple(by_id[i] for i in ids if i in by_id))


def require_body(actor: Actor, body: Body, what: str) -> None:
    """Refuse unless the actor may act for `body` today (its subtree is in their edit scope)."""
    today_path = spans_on(actor.scope.day).filter(org_id=body.org_id).values_list("path", flat=True)
    path = today_path.first() or body.path
    if not actor.scope.covers_path(path, edit=True):
        raise PermissionDeniedError(
            f"Chỉ tài khoản của {body.committee} (hoặc cấp trên) được {what}."
        )
