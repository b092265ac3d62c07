"""Persistence of training classes and their trainees (domain.md §6)."""

from __future__ import annotations

from django.db import models

from dangvien.orgs.models import Organization
from dangvien.people.models import Person
from dangvien.training.domain.enums import ClassType, TraineeResult

CLASS_TYPE_CHOICES = [(t.value, t.label) for t in ClassType]
RESULT_CHOICES = [(r.value, r.label) for r in TraineeResult]


class TrainingClass(models.Model):
    """A class opened by a committee: awareness, new-member theory or elementary theory."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=255, blank=True)
    class_type = models.CharField(max_length=20, choices=CLASS_TYPE_CHOICES)
    # Indexed first in class_org_start below.
    organiser = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="training_classes", db_index=False
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    # Its enrolments and those with result Hoàn thành, kept by training.class_counts so
    # the national training report does not count half a million enrolments per request.
    trainee_count = models.PositiveIntegerField(default=0, editable=False)
    completed_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "code"]
        indexes = [
            models.Index(fields=["start_date", "organiser"], name="class_start_org"),
            models.Index(fields=["organiser", "start_date"], name="class_org_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="class_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.code


class Enrolment(models.Model):
    """One trainee in one class, with the result and the certificate issued."""

    # Indexed by uniq_enrolment (class first) and enrolment_person below.
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="enrolments", db_index=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="enrolments", db_index=False
    )
    result = models.CharField(
        max_length=20, choices=RESULT_CHOICES, default=TraineeResult.COMPLETED.value
    )
    certificate_number = models.CharField(max_length=60, blank=True)
    certificate_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["training_class_id", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "person"], name="uniq_enrolment"),
        ]
        indexes = [models.Index(fields=["person"], name="enrolment_person")]
