"""The access-log entries of an import: one per changed record, created records in batches.

Each change of an existing record gets its own entry with the old and new
values, so a person's history shows exactly what an import altered. Records
created by an import are listed in entries of up to `CREATED_PER_ENTRY` ids:
one entry per new person would make a 100,000-row import spend most of its
time numbering and chaining log entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record

CREATED_PER_ENTRY = 1000


class ImportHistory:
    """Writes the access-log entries of one import run."""

    def __init__(self, actor: Actor, reference: str) -> None:
        """Tag every entry with `reference` (the job or file) so they can be found together."""
        self.actor = actor
        self.reference = reference

    def created(self, object_type: str, ids: Sequence[int], org_id: int | None = None) -> None:
        """Record the creation of records, a batch of ids per entry."""
        for start in range(0, len(ids), CREATED_PER_ENTRY):
            batch = list(ids[start : start + CREATED_PER_ENTRY])
            audit_record(
                actor=self.actor,
                action="create",
                object_type=object_type,
                object_id=f"{batch[0]}-{batch[-1]}" if len(batch) > 1 else batch[0],
                org_id=org_id,
                detail={"import": self.reference, "ids": batch},
            )

    def updated(
        self, object_type: str, object_id: int | str, org_id: int | None, changes: dict[str, Any]
    ) -> None:
        """Record one record's changes ({field: {"old": ..., "new": ...}})."""
        audit_record(
            actor=self.actor,
            action="update",
            object_type=object_type,
            object_id=object_id,
            org_id=org_id,
            detail={"import": self.reference, "changes": changes},
        )

    def summary(self, counts: dict[str, dict[str, int]], converted: int) -> None:
        """Record the import itself: what it did per sheet."""
        audit_record(
            actor=self.actor,
            action="import",
            object_type="workbook",
            object_id=self.reference[:40],
            detail={"import": self.reference, "sheets": counts, "converted_cells": converted},
        )
