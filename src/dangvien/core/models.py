"""Shared reference data: vocabularies, administrative units, calendar edits."""

from __future__ import annotations

from django.db import models


class ReferenceTerm(models.Model):
    """One entry of a closed vocabulary (ethnic groups, religions, levels...).

    Loaded by migrations from the pure vocabularies module, so that the
    database can join and report on them and the history of the list is
    versioned with the code.
    """

    vocabulary = models.CharField(max_length=40)
    code = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200, blank=True)
    variants = models.JSONField(default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="uniq_reference_term")
        ]
        ordering = ["vocabulary", "sort_order"]

    def __str__(self) -> str:
        return self.label


class AdminUnit(models.Model):
    """An official province or commune-level administrative unit (after the 2025 reform)."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh/thành phố"
        COMMUNE = "commune", "Xã/phường/đặc khu"

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=Level.choices)
    division_type = models.CharField(max_length=60)
    province_code = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CalendarDay(models.Model):
    """An administrator's edit of the working-day calendar for one date."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ (nghỉ bù, hoán đổi)"
        MAKE_UP = "make_up", "Ngày làm bù"

    day = models.DateField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"
