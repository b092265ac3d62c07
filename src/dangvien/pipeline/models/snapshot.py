"""Pre-aggregated candidacies per unit: by stage and day, and the forecast history (derived)."""

from __future__ import annotations

from django.db import models

from dangvien.orgs.models import Organization


class StageSnapshotDay(models.Model):
    """A day whose candidacies by stage are pre-aggregated in StageSnapshot (or being built).

    `ready` turns true when the build commits; writers mark cells stale on every existing
    day, even one still being built. `max_transition_id` is the highest transition the
    day has counted: a higher one was loaded in bulk, and its candidacy's cell is recounted.
    """

    day = models.DateField(unique=True)
    ready = models.BooleanField(default=False)
    max_transition_id = models.BigIntegerField(default=0)
    built_at = models.DateTimeField(auto_now_add=True)


class StageSnapshot(models.Model):
    """Candidacies under a unit on a snapshot day, by the stage they were in, on that day's tree.

    One row per (day, unit path, stage) with candidacies in the unit's subtree (a candidacy
    counts in its current cell, as the report counts it); only the stages of open
    candidacies. `parent_path` lets a report read its children's rows with one lookup.
    """

    day = models.DateField()
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=240)
    parent_path = models.CharField(max_length=240)
    stage = models.CharField(max_length=40)
    candidacies = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "path", "stage"], name="uniq_stage_snapshot")
        ]
        indexes = [
            models.Index(fields=["day", "parent_path"], name="stagesnap_children"),
        ]


class StageSnapshotDirty(models.Model):
    """A cell whose candidacies changed: recount it on that snapshot day before a read."""

    day = models.DateField()
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["day"], name="stagesnapdirty_day")]


class Edition(models.Model):
    """What every edition of a pre-aggregate records (pipeline.editions): its run of days,
    the period its tree holds, whether it is built, and the last transition it counted."""

    first_day = models.DateField()
    last_day = models.DateField()
    tree_from = models.DateField()
    tree_to = models.DateField()
    ready = models.BooleanField(default=False)
    max_transition_id = models.BigIntegerField(default=0)
    built_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class HistorySnapshotEdition(Edition):
    """One pre-aggregated forecast history (HistorySnapshot rows), or one being built.

    The history observes every candidacy at each quarter start from `first_day` to
    `last_day` and groups the observations by the unit of its cell on a tree that stays
    the same from `tree_from` to `tree_to`; any report day in that interval whose quarter
    starts are these reads it. `ready` and `max_transition_id` work as on StageSnapshotDay.
    """

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first_day", "last_day", "tree_from"], name="uniq_history_edition"
            )
        ]


class HistorySnapshot(models.Model):
    """Observations of candidacies under a unit, by stage and days from observation to decision.

    One row per (edition, unit path, stage, days) with cases in the unit's subtree, a
    candidacy counting in its current cell as the report counts it. `days` is -1 for
    observations not followed by a decision (a real count is at least 1: the decision
    came after the observation).
    """

    edition = models.ForeignKey(HistorySnapshotEdition, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=240)
    parent_path = models.CharField(max_length=240)
    stage = models.CharField(max_length=40)
    days = models.IntegerField()
    cases = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "path", "stage", "days"], name="uniq_history_snapshot"
            )
        ]
        indexes = [
            models.Index(fields=["edition", "parent_path"], name="historysnap_children"),
        ]


class HistorySnapshotDirty(models.Model):
    """A cell whose candidacies changed: recount it in that edition before a read."""

    edition = models.ForeignKey(HistorySnapshotEdition, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")


class StaySnapshotEdition(Edition):
    """One pre-aggregate of the stays that ended from `first_day` to `last_day` (both included).

    Stays are placed by their candidacy's cell on a tree that stays the same from
    `tree_from` to `tree_to` (the tree of the report's last day). `ready` and
    `max_transition_id` work as on StageSnapshotDay.
    """

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first_day", "last_day", "tree_from"], name="uniq_stay_edition"
            )
        ]


class StaySnapshot(models.Model):
    """Stays in a stage that ended in the edition's period under a root or one of its children.

    One row per (edition, unit path, stage left, days in it, stage entered) with stays in
    the unit's subtree. Only units of one or two path segments are stored: below them a
    report counts the log live (a commune reads a few hundred steps).
    """

    edition = models.ForeignKey(StaySnapshotEdition, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=240)
    parent_path = models.CharField(max_length=240)
    from_stage = models.CharField(max_length=40)
    days = models.IntegerField()
    to_stage = models.CharField(max_length=40)
    stays = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "path", "from_stage", "days", "to_stage"],
                name="uniq_stay_snapshot",
            )
        ]
        indexes = [
            models.Index(fields=["edition", "parent_path"], name="staysnap_children"),
        ]


class StaySnapshotDirty(models.Model):
    """A cell whose candidacies changed: recount its root's child in that edition before a read."""

    edition = models.ForeignKey(StaySnapshotEdition, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
