"""Forget stage snapshot days and history editions when the tree changes (no other word comes).

A unit's new or changed version moves the paths of the unit and of everything under it
during the version's period, so the snapshot days of that period no longer place
candidacies where the tree does; they are dropped and rebuilt on the next read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_save

from dangvien.orgs.models import OrgVersion
from dangvien.orgs.signals import versions_changed
from dangvien.pipeline.history_snapshot import history_snapshot_forget
from dangvien.pipeline.stage_snapshot import stage_snapshot_forget


def _version_changed(sender: type[OrgVersion], instance: OrgVersion, **_: Any) -> None:
    _tree_moved(instance.valid_from, instance.valid_to)


def _versions_changed(sender: Any, valid_from: date, valid_to: date, **_: Any) -> None:
    _tree_moved(valid_from, valid_to)


def _tree_moved(first: date, last: date) -> None:
    stage_snapshot_forget(first, last)
    history_snapshot_forget(first, last)


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    post_save.connect(_version_changed, sender=OrgVersion, dispatch_uid="stage_snap_v_save")
    post_delete.connect(_version_changed, sender=OrgVersion, dispatch_uid="stage_snap_v_del")
    versions_changed.connect(_versions_changed, dispatch_uid="stage_snap_v_bulk")
