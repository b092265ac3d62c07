"""Persistence of admission quotas, their history and rate targets (domain.md §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dangvien.orgs.models import Organization


class QuotaCategory(models.Model):
    """What a quota counts: `Tổng số` or a sub-target (data, seeded by a migration).

    `measure` names how admissions are counted against it (see plans.selectors);
    empty when the system cannot count it from the records.
    """

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    measure = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Quota(models.Model):
    """The number of admissions planned for a unit in a year or a congress term."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="quotas")
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    category = models.ForeignKey(QuotaCategory, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    # The decision that allowed giving children more than this unit's own quota.
    override_decision_number = models.CharField(max_length=60, blank=True)
    override_decision_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["org_id", "start_year", "end_year", "category_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "start_year", "end_year", "category"], name="uniq_quota"
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="quota_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["start_year", "end_year", "category", "org"], name="quota_period")
        ]


class QuotaChange(models.Model):
    """One change of a quota: who, when, through which channel, old and new number."""

    quota = models.ForeignKey(Quota, on_delete=models.CASCADE, related_name="changes")
    old_number = models.PositiveIntegerField(null=True, blank=True)
    new_number = models.PositiveIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    channel = models.CharField(max_length=10)
    override_decision_number = models.CharField(max_length=60, blank=True)
    override_decision_date = models.DateField(null=True, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]


class RateTarget(models.Model):
    """A target expressed as a rate: admit at least N% of the members at the start of the year."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="rate_targets")
    year = models.PositiveSmallIntegerField()
    rate_percent = models.DecimalField(max_digits=5, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["org_id", "year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="uniq_rate_target")]
