"""The one signal for "a unit's place in the tree changed between two days".

A version saved one by one sends it from its own `post_save`/`post_delete`; bulk
writers (the import), which bypass those, send it once per unit. The pre-aggregates
that depend on the tree (the report cube, the member, cell and stage snapshots, the
forecast history) listen to this signal alone, so both kinds of writer reach them.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from dangvien.orgs.models import OrgVersion

# Sent with org_id, valid_from and valid_to: the unit's paths may have moved between them.
versions_changed = Signal()


def _version_saved(sender: type[OrgVersion], instance: OrgVersion, **_: Any) -> None:
    versions_changed.send(
        sender=OrgVersion,
        org_id=instance.org_id,
        valid_from=instance.valid_from,
        valid_to=instance.valid_to,
    )


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    post_save.connect(_version_saved, sender=OrgVersion, dispatch_uid="orgs_version_save")
    post_delete.connect(_version_saved, sender=OrgVersion, dispatch_uid="orgs_version_del")
