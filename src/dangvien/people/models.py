"""Persistence of person records, membership history and per-cell tallies."""

from __future__ import annotations

from django.db import models

from dangvien.core.security_crypto import EncryptedTextField
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.orgs.models import Locality, Organization
from dangvien.people.domain.enums import Gender, Status

STATUS_CHOICES = [(s.value, s.label) for s in Status]
GENDER_CHOICES = [(g.value, g.label) for g in Gender]


class Person(models.Model):
    """One person from candidate to member to transfer or death."""

    # The citizen ID ("số CCCD") is encrypted at rest and looked up only by
    # exact match, through the keyed digest next to it.
    citizen_id = EncryptedTextField(max_length=255, blank=True)
    citizen_id_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    full_name = models.CharField(max_length=200)
    # Diacritic-free, for search: a substring match served by the trigram index of
    # migration 0003 (a plain b-tree cannot serve `LIKE '%...%'`, so there is none).
    name_key = models.CharField(max_length=200)
    sort_key = models.CharField(max_length=255)  # Vietnamese order, see core.domain.text
    birth_date = models.DateField()
    gender = models.CharField(max_length=3, choices=GENDER_CHOICES)
    ethnicity = models.CharField(max_length=40, default="kinh")
    religion = models.CharField(max_length=40, default="khong")
    general_education = models.CharField(max_length=10, blank=True)
    qualification = models.CharField(max_length=20, default="khong")
    theory_level = models.CharField(max_length=20, default="khong")
    occupation = models.CharField(max_length=40, blank=True)
    youth_union = models.BooleanField(default=False)
    trade_union = models.BooleanField(default=False)
    hometown = models.CharField(max_length=255, blank=True)
    residence = models.CharField(max_length=255, blank=True)
    residence_unit_code = models.CharField(max_length=10, blank=True)  # AdminUnit code
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="residents"
    )
    # Snapshot of the open status period, kept by people.services so that lists
    # and scope filters are one indexed column away.
    # Indexed first in person_org_sort below: no index of its own to keep up to date.
    current_org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="current_people", db_index=False
    )
    current_status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency check
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["sort_key", "id"], name="person_sort"),
            models.Index(fields=["current_org", "sort_key", "id"], name="person_org_sort"),
            models.Index(fields=["current_status", "current_org"], name="person_status_org"),
        ]

    def __str__(self) -> str:
        return self.full_name


class SearchName(models.Model):
    """One distinct name among the people (PostgreSQL only): its search key and sort key.

    Name search over a large part of the tree walks these names in list order
    instead of millions of people (people.search). Written only by the database
    triggers of migration 0005, so that every writer of people_person (services,
    the import's COPY, the generator) keeps it complete; a name is never removed
    when its last bearer is renamed or deleted: a stale name only costs one
    index probe that finds nobody. Unmanaged because SQLite searches with FTS5.
    """

    pk = models.CompositePrimaryKey("sort_key", "name_key")
    sort_key = models.CharField(max_length=255)
    name_key = models.CharField(max_length=200)

    class Meta:
        managed = False
        db_table = "people_searchname"

    def __str__(self) -> str:
        return self.name_key


class PositionHeld(models.Model):
    """A position a person holds or held (village head, Front committee head...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=60)  # POSITIONS vocabulary code
    label = models.CharField(max_length=200)  # as written, for titles outside the vocabulary
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person_id", "valid_from"]


class Membership(models.Model):
    """One admission to the Party and how it ended ("đảng tịch")."""

    # Indexed first in uniq_admission below.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", db_index=False
    )
    decision_date = models.DateField()  # party age counts from here
    decision_number = models.CharField(max_length=60, blank=True)
    ceremony_date = models.DateField(null=True, blank=True)  # start of probation
    official_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    # Indexed with the decision date below: a cell's latest admission is one index probe.
    admitted_in = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="admissions", db_index=False
    )

    class Meta:
        ordering = ["person_id", "decision_date"]
        indexes = [
            models.Index(fields=["decision_date", "admitted_in"], name="membership_decided"),
            models.Index(fields=["admitted_in", "decision_date"], name="membership_cell_decided"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "decision_date"], name="uniq_admission"),
        ]


class StatusPeriod(models.Model):
    """Where a person stood (status and cell) from one day to another.

    Periods of one person never overlap; the open one ends on OPEN_END.
    """

    # Both indexed first in period_person and period_org_dates below.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="periods", db_index=False
    )
    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="periods", db_index=False
    )
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["person_id", "valid_from"]
        indexes = [
            models.Index(fields=["org", "valid_from", "valid_to"], name="period_org_dates"),
            models.Index(fields=["person", "valid_from"], name="period_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="period_ordered",
            )
        ]


class CellTally(models.Model):
    """Pre-aggregated count of people per cell and current status.

    Kept current by people.services; `people.services.tally_rebuild` recounts.
    """

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="tallies")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "status"], name="uniq_cell_tally"),
        ]
