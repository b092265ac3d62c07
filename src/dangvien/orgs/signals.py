"""Signals of the orgs app for writers that bypass the ORM's per-row signals.

Bulk writers (the import) insert and update unit versions without `post_save`; they
send `versions_changed` once per unit instead, so the pre-aggregates that depend on
the tree (the report cube, the member, cell and stage snapshots, the forecast
history) drop or mark what moved exactly as they do for a version saved one by one.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with org_id, valid_from and valid_to: the unit's paths may have moved between them.
versions_changed = Signal()
