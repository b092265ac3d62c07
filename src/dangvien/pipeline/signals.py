"""Forget stage snapshot days, history and stay editions when the tree changes.

A unit's new or changed version moves the paths of the unit and of everything under it
during the version's period, so the snapshot days of that period no longer place
candidacies where the tree does; they are dropped and rebuilt on the next read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvien.orgs.signals import versions_changed
from dangvien.pipeline.history_snapshot import history_snapshot_forget
from dangvien.pipeline.stage_snapshot import stage_snapshot_forget
from dangvien.pipeline.stay_snapshot import stay_snapshot_forget


def _tree_moved(sender: Any, valid_from: date, valid_to: date, **_: Any) -> None:
    stage_snapshot_forget(valid_from, valid_to)
    history_snapshot_forget(valid_from, valid_to)
    stay_snapshot_forget(valid_from, valid_to)


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    versions_changed.connect(_tree_moved, dispatch_uid="stage_snap_tree_moved")
