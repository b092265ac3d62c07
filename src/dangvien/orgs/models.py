"""Persistence of the effective-dated organisation tree and of localities."""

from __future__ import annotations

from django.db import models

from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.orgs.domain.tree import BEGINNING, OPEN_END

ORG_TYPE_CHOICES = [(t.value, t.label) for t in OrgType]
LOCALITY_TYPE_CHOICES = [(t.value, t.label) for t in LocalityType]


class Organization(models.Model):
    """The identity of a party organisation across all its versions ("tổ chức đảng")."""

    code = models.CharField(max_length=40, unique=True)
    # The latest version's name and type, kept for labels and search; anything
    # date-dependent reads OrgVersion or OrgSpan.
    name = models.CharField(max_length=255)
    org_type = models.CharField(max_length=20, choices=ORG_TYPE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class OrgVersion(models.Model):
    """One period of a unit's name, type, parent and admission power."""

    class Change(models.TextChoices):
        CREATE = "create", "Thành lập"
        RENAME = "rename", "Đổi tên"
        REPARENT = "reparent", "Chuyển trực thuộc"
        MERGE = "merge", "Hợp nhất"
        ABSORB = "absorb", "Sáp nhập"
        SPLIT = "split", "Chia tách"
        RETYPE = "retype", "Đổi loại hình"
        DISSOLVE = "dissolve", "Giải thể"
        IMPORT = "import", "Nhập từ tệp"

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(max_length=255)
    org_type = models.CharField(max_length=20, choices=ORG_TYPE_CHOICES)
    parent = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    may_admit = models.BooleanField(default=False)
    valid_from = models.DateField(default=BEGINNING)
    valid_to = models.DateField(default=OPEN_END)
    change = models.CharField(max_length=10, choices=Change.choices, default=Change.CREATE)
    decision_number = models.CharField(max_length=60, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    decision_body = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["org_id", "valid_from"]
        indexes = [
            models.Index(fields=["org", "valid_from"], name="orgversion_org_from"),
            # The changes of the tree within a period (reports.selectors.restated).
            models.Index(fields=["valid_from"], name="orgversion_from"),
            models.Index(fields=["valid_to"], name="orgversion_to"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="orgversion_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–{self.valid_to:%d/%m/%Y})"


class OrgSpan(models.Model):
    """Derived: a period during which a unit's full ancestry path is constant.

    Rebuilt by `orgs.services` whenever versions change; never edited by hand.
    `path` is a chain of fixed-width base-36 segments (see orgs.domain.tree).
    """

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="spans")
    path = models.CharField(max_length=240)
    depth = models.PositiveSmallIntegerField()
    parent = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(OrgVersion, on_delete=models.CASCADE, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField()

    class Meta:
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%'
            # whatever the database collation; other backends ignore it.
            models.Index(
                fields=["path", "valid_from"],
                name="orgspan_path",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(fields=["org", "valid_from"], name="orgspan_org"),
            models.Index(fields=["parent", "valid_from"], name="orgspan_parent"),
        ]


class Locality(models.Model):
    """A village or residential group ("địa bàn dân cư": thôn, tổ dân phố...)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=255)
    locality_type = models.CharField(max_length=20, choices=LOCALITY_TYPE_CHOICES)
    commune = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="localities")
    cell = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_localities",
    )
    has_independent_cell = models.BooleanField(default=False)
    head = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    admin_unit_code = models.CharField(max_length=10, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CountsGeneration(models.Model):
    """One row: a number that grows after every committed change to head counts or the tree.

    The home page's subtree counts are cached under it (orgs.counts_cache).
    """

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)
