"""The tree on a given day as it will stand after the import: parents and children by code.

Quotas and classes are checked against the tree of a particular day (the
quota period's reference day, a class's opening day), including units the same
workbook creates or moves; the database answers for everything else.
"""

from __future__ import annotations

from datetime import date

from dangvien.imports.known import KnownOrg, codes_of, orgs_by_code
from dangvien.imports.orgs_plan import Draft, OrgPlan
from dangvien.orgs.paths import spans_on


class TreeOnDay:
    """Answers where units stand on a day, merging the import's plan over the database."""

    def __init__(self, plan: OrgPlan | None, known: dict[str, KnownOrg], today: date) -> None:
        """Start from the plan of ToChuc (if any) and the units already loaded."""
        self.plan = plan
        self.known = dict(known)
        self.today = today

    def _load(self, codes: set[str]) -> None:
        missing = codes - set(self.known)
        if missing:
            self.known.update(orgs_by_code(missing, self.today))

    def standing(self, code: str, day: date) -> tuple[str, str, str] | None:
        """Return (name, type, parent code) of the unit on `day`, None if it did not exist."""
        if self.plan is not None and code in self.plan.drafts:
            draft: Draft | None = next(
                (d for d in self.plan.drafts[code] if d.valid_from <= day <= d.valid_to), None
            )
            return (draft.name, draft.org_type, draft.parent_code) if draft else None
        self._load({code})
        org = self.known.get(code)
        if org is None:
            return None
        version = next((v for v in org.versions if v.valid_from <= day <= v.valid_to), None)
        if version is None:
            return None
        parent = (
            codes_of([version.parent_id]).get(version.parent_id, "") if version.parent_id else ""
        )
        return version.name, version.org_type, parent

    def children(self, code: str, day: date) -> list[str]:
        """Return the codes of the units directly under `code` on `day`."""
        self._load({code})
        found: set[str] = set()
        org = self.known.get(code)
        if org is not None:
            ids = spans_on(day).filter(parent_id=org.pk).values_list("org_id", flat=True)
            found = set(codes_of(ids).values())
        moved = set(self.plan.drafts) if self.plan is not None else set()
        found = {child for child in found if child not in moved}
        for child in moved:
            standing = self.standing(child, day)
            if standing is not None and standing[2] == code:
                found.add(child)
        return sorted(found)

    def pk(self, code: str) -> int | None:
        """Return the id of an existing unit, None for one this import creates."""
        self._load({code})
        org = self.known.get(code)
        return org.pk if org else None

    def path(self, code: str) -> str:
        """Return an existing unit's path today (or last); "" for one this import creates."""
        self._load({code})
        org = self.known.get(code)
        return org.path if org else ""
