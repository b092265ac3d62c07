"""Choice lists of the step forms, each limited to what the step may use."""

from __future__ import annotations

from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.core.domain.text import format_date
from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES
from dangvien.people.selectors import people_in_scope
from dangvien.pipeline.domain.documents import DOCUMENT_LABELS
from dangvien.pipeline.models import Candidacy

_FULL = [s.value for s in FULL_MEMBER_STATUSES]
MAX_CHOICES = 500


def cell_members(actor: Actor, candidacy: Candidacy) -> dict[str, Any]:
    """Return the official members of the candidacy's cell today (helpers)."""
    rows = (
        people_in_scope(actor.scope)
        .filter(current_org_id=candidacy.cell_id, current_status__in=_FULL)
        .exclude(pk=candidacy.person_id)
        .order_by("sort_key")
        .values_list("pk", "full_name")[:MAX_CHOICES]
    )
    return {"members": list(rows)}


def nearby_members(actor: Actor, candidacy: Candidacy) -> dict[str, Any]:
    """Return official members of the cell and its sibling cells (introducers)."""
    path = (
        spans_on(actor.scope.day).filter(org_id=candidacy.cell_id).values_list("path", flat=True)
    ).first()
    parent = path[:-SEGMENT] if path and len(path) > SEGMENT else path
    units = (
        spans_under([parent], actor.scope.day).values_list("org_id", flat=True) if parent else []
    )
    rows = (
        people_in_scope(actor.scope)
        .filter(current_org_id__in=units, current_status__in=_FULL)
        .exclude(pk=candidacy.person_id)
        .select_related("current_org")
        .order_by("sort_key")[:MAX_CHOICES]
    )
    return {"members": [(p.pk, f"{p.full_name} — {p.current_org.name}") for p in rows]}


def documents(actor: Actor, candidacy: Candidacy) -> dict[str, Any]:
    """Return the recorded papers a scan can be attached to."""
    rows = candidacy.documents.filter(superseded=False).order_by("issued_on", "id")
    return {
        "documents": [
            (
                d.pk,
                f"{d.form_code} — {DOCUMENT_LABELS.get(d.form_code, '')} "
                f"{d.number} ({format_date(d.issued_on)})",
            )
            for d in rows
        ]
    }


def verification_requests(actor: Actor, candidacy: Candidacy) -> dict[str, Any]:
    """Return the verification requests still to be sent or answered."""
    rows = candidacy.verifications.filter(exempt=False).order_by("returned_on", "id")
    return {
        "requests": [
            (
                v.pk,
                f"{v.get_kind_display()} {v.name} — {v.place}"
                + (" (đã có kết quả)" if v.returned_on else ""),
            )
            for v in rows
        ]
    }
