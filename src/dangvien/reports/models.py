"""Pre-aggregated admissions, kept so reports on large subtrees read a few rows, not millions.

Derived data only: `reports.cube` rebuilds it from memberships, people and the tree.
"""

from __future__ import annotations

from django.db import models

from dangvien.orgs.models import Locality, Organization


class AdmissionDay(models.Model):
    """Admissions decided on one day under one unit, as the tree stood on that day.

    `own=False` rows count the unit's whole subtree (the unit included); `own=True` rows
    count only admissions into the unit itself, so a restated report can re-place them.
    `path` is the unit's path on `day`, so a report reads the rows of the unit's paths
    during the period and needs no join with the tree.
    """

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=240)
    parent_path = models.CharField(max_length=240)
    day = models.DateField()
    own = models.BooleanField()
    admitted = models.PositiveIntegerField()
    age_sum = models.PositiveIntegerField()  # whole-year ages at the decision, summed
    age_18_30 = models.PositiveIntegerField()
    women = models.PositiveIntegerField()
    ethnic_minority = models.PositiveIntegerField()
    religious = models.PositiveIntegerField()
    youth_union = models.PositiveIntegerField()
    college_or_higher = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["path", "day", "own"], name="uniq_admission_day")
        ]
        indexes = [
            models.Index(
                fields=["parent_path", "day"],
                name="admday_parent",
                condition=models.Q(own=False),
            ),
            models.Index(fields=["day", "org"], name="admday_own", condition=models.Q(own=True)),
            # A restated report reads its units' own rows by unit.
            models.Index(
                fields=["org", "day"], name="admday_own_org", condition=models.Q(own=True)
            ),
        ]


class AdmissionDirty(models.Model):
    """A span of days whose AdmissionDay rows must be recomputed before the next read.

    Written in the same transaction as the change that made them stale; `org` narrows a
    tree change to the days on which units ever under that org admitted someone.
    """

    day_from = models.DateField()
    day_to = models.DateField()
    org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)


class CubeState(models.Model):
    """Watermarks of the derived tables (one row each): the highest ids already counted.

    A higher id in the source table means rows were inserted in bulk, without signals.
    """

    name = models.CharField(max_length=40, unique=True)
    max_membership_id = models.BigIntegerField(default=0)
    max_period_id = models.BigIntegerField(default=0)
    rebuilt_at = models.DateTimeField(null=True, blank=True)


class MemberStock(models.Model):
    """Members under a unit's path on a day (the tree of that day): a cache of one count.

    Filled when a report first needs it, dropped when a status period covering the day
    or the tree changes (see reports.stock_cache), so a year's reports count the stock
    on 1 January once instead of scanning every status period each time.
    """

    path = models.CharField(max_length=240)
    day = models.DateField()
    members = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["path", "day"], name="uniq_member_stock")]
        indexes = [models.Index(fields=["day"], name="memberstock_day")]


class SnapshotDay(models.Model):
    """A day whose member stock is pre-aggregated in MemberSnapshot (or is being built).

    `ready` turns true when the build commits; writers mark units stale on every existing
    snapshot day, even one still being built, so a change made during a build is recounted
    before the next read. `max_period_id` is the highest status period the build counted:
    a higher one means periods were loaded in bulk, without signals, and their units are
    recounted; `max_membership_id` likewise for admissions (a cell's last admission).
    """

    day = models.DateField(unique=True)
    ready = models.BooleanField(default=False)
    max_period_id = models.BigIntegerField(default=0)
    max_membership_id = models.BigIntegerField(default=0)
    built_at = models.DateTimeField(auto_now_add=True)


class MemberSnapshot(models.Model):
    """Members under a unit on a snapshot day, by status, as the tree stood that day.

    `own=False` rows hold the unit's whole subtree (one per unit path and status with
    members below); `parent_path` lets a report read its children's rows with one index
    lookup. `own=True` rows hold only the members placed in the unit itself, so a report
    restated on another day's tree can re-place them. The counters follow
    `reports.domain.snapshot.STOCK_COLUMNS`; ages and categories are taken on `day`.
    """

    day = models.DateField()
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=240)
    parent_path = models.CharField(max_length=240)
    status = models.CharField(max_length=20)
    own = models.BooleanField(default=False)
    members = models.IntegerField()
    age_sum = models.BigIntegerField()
    age_18_30 = models.IntegerField()
    women = models.IntegerField()
    ethnic_minority = models.IntegerField()
    religious = models.IntegerField()
    youth_union = models.IntegerField()
    college_or_higher = models.IntegerField()
    elderly = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "path", "status", "own"], name="uniq_member_snapshot"
            )
        ]
        indexes = [
            models.Index(fields=["day", "parent_path"], name="snapshot_children"),
            models.Index(fields=["day", "org"], name="snapshot_org"),
            # A subtree's own rows by path prefix (varchar_pattern_ops: LIKE 'p%' on
            # PostgreSQL whatever the collation; other backends ignore the opclass).
            models.Index(
                fields=["day", "path"],
                name="snapshot_own_path",
                opclasses=["date_ops", "varchar_pattern_ops"],
                condition=models.Q(own=True),
            ),
        ]


class CellSnapshot(models.Model):
    """Party cells and their warning signs under a unit on a snapshot day (that day's tree).

    `own=False` rows hold the counters of the unit's whole subtree (a cell's own row of
    this kind counts the cell itself), so the `cells` and `coverage` reports of any unit
    read one row for their counts. `own=True` rows exist only for cells showing at least
    one sign, with the code and name the report lists them by. The counters follow
    `reports.cell_snapshot.CELL_COLUMNS`, the signs the default `CellHealthRules`, and
    `with_committee` the default `CommitteeRule`.
    """

    day = models.DateField()
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=240)
    parent_path = models.CharField(max_length=240)
    own = models.BooleanField()
    code = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=255, blank=True)
    cells = models.IntegerField()
    few_official_members = models.IntegerField()
    without_women = models.IntegerField()
    mostly_elderly = models.IntegerField()
    mostly_exempt = models.IntegerField()
    without_recent_admission = models.IntegerField()
    with_committee = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "path", "own"], name="uniq_cell_snapshot")
        ]
        indexes = [
            # The flagged cells of a subtree by path prefix (varchar_pattern_ops: LIKE 'p%'
            # on PostgreSQL whatever the collation; other backends ignore the opclass).
            models.Index(
                fields=["day", "path"],
                name="cellsnapshot_own_path",
                opclasses=["date_ops", "varchar_pattern_ops"],
                condition=models.Q(own=True),
            ),
            # The same rows in code order: for the root (59,000 flagged cells) reading them
            # in order beats sorting them (25 ms against 90); below it the planner sorts.
            models.Index(
                fields=["day", "code"],
                name="cellsnapshot_own_code",
                condition=models.Q(own=True),
            ),
        ]


class SnapshotDirty(models.Model):
    """A unit whose own members on a snapshot day changed: recount it before the next read."""

    day = models.DateField()
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["day"], name="snapshotdirty_day")]


class LocalityStock(models.Model):
    """One locality on a snapshot day: its members, its head, and where it stands in the tree.

    Kept beside MemberSnapshot for the `coverage` report, one row per locality. The paths
    of its commune and of its serving cell on that day's tree ("" when the unit is not in
    it) let a subtree's localities be counted from this table alone: the national count
    joined half a million spans to the localities before.
    """

    day = models.DateField()
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="stocks")
    members = models.IntegerField()
    head_is_member = models.BooleanField()
    locality_type = models.CharField(max_length=20, default="")
    has_independent_cell = models.BooleanField(default=False)
    has_head = models.BooleanField(default=False)
    commune_path = models.CharField(max_length=240, default="")
    cell_path = models.CharField(max_length=240, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "locality"], name="uniq_locality_stock")
        ]
        indexes = [
            # A subtree's localities by either path prefix: PostgreSQL ORs two index scans
            # (varchar_pattern_ops: LIKE 'p%' whatever the collation).
            models.Index(
                fields=["day", "commune_path"],
                name="localitystock_commune",
                opclasses=["date_ops", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["day", "cell_path"],
                name="localitystock_cell",
                opclasses=["date_ops", "varchar_pattern_ops"],
            ),
        ]


class LocalityDirty(models.Model):
    """A locality whose residents' membership or head changed: recount it before a read."""

    day = models.DateField()
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["day"], name="localitydirty_day")]
