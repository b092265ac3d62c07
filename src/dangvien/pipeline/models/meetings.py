"""What meetings and committees record: evaluations, helpers, votes, decisions, ceremony."""

from __future__ import annotations

from django.db import models

from dangvien.people.models import Person
from dangvien.pipeline.domain.evaluations import EvaluationResult
from dangvien.pipeline.domain.votes import VoteMethod
from dangvien.pipeline.models.candidacy import Candidacy
from dangvien.pipeline.models.dossier import DossierDocument

RESULT_CHOICES = [(r.value, r.label) for r in EvaluationResult]
METHOD_CHOICES = [(m.value, m.label) for m in VoteMethod]


class Evaluation(models.Model):
    """The cell's monthly assessment of a candidate ("bình xét")."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="evaluations")
    month = models.DateField()  # first day of the month evaluated
    result = models.CharField(max_length=20, choices=RESULT_CHOICES)
    comment = models.TextField(blank=True)
    username = models.CharField(max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["candidacy", "month"], name="uniq_evaluation_month"),
        ]


class HelperAssignment(models.Model):
    """An official member of the cell assigned to help a candidate or a probationary member."""

    class Role(models.TextChoices):
        CANDIDATE = "quan_chung", "Giúp đỡ quần chúng ưu tú"
        PROBATION = "du_bi", "Giúp đỡ đảng viên dự bị"

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="helpers")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="helping")
    role = models.CharField(max_length=12, choices=Role.choices)
    assigned_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["assigned_on", "id"]
        indexes = [models.Index(fields=["member", "ended_on"], name="helper_member")]


class Vote(models.Model):
    """A vote on a candidacy; `eligible` is computed from the records, never typed for a cell."""

    class Kind(models.TextChoices):
        CELL = "chi_bo_ket_nap", "Chi bộ xét kết nạp (6-KNĐ)"
        COMMITTEE = "dang_uy_ket_nap", "Đảng ủy cơ sở xét kết nạp (8-KNĐ)"
        RECOGNITION_CELL = "chi_bo_chinh_thuc", "Chi bộ xét công nhận chính thức (13-KNĐ)"
        RECOGNITION_COMMITTEE = "dang_uy_chinh_thuc", "Đảng ủy xét công nhận chính thức (15-KNĐ)"

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="votes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField()
    body = models.CharField(max_length=255)
    eligible = models.PositiveIntegerField()
    present = models.PositiveIntegerField()
    in_favour = models.PositiveIntegerField()
    against = models.PositiveIntegerField()
    method = models.CharField(max_length=20, choices=METHOD_CHOICES)
    required = models.PositiveIntegerField()  # votes in favour the threshold needed
    passed = models.BooleanField()
    explanation = models.TextField(blank=True)  # the rule check's Vietnamese wording
    document = models.ForeignKey(
        DossierDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(present__lte=models.F("eligible")), name="vote_present_bound"
            ),
        ]


class Decision(models.Model):
    """A committee's decision on a candidacy: admission, recognition, refusal, strike-off."""

    class Kind(models.TextChoices):
        ADMISSION = "ket_nap", "Quyết định kết nạp (9-KNĐ)"
        RECOGNITION = "cong_nhan", "Quyết định công nhận đảng viên chính thức"
        REFUSAL = "khong_ket_nap", "Không đồng ý kết nạp"
        STRIKE_OFF = "xoa_ten", "Xóa tên đảng viên dự bị"

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.CharField(max_length=60, blank=True)
    decided_on = models.DateField()
    body = models.CharField(max_length=255)
    received_on = models.DateField(null=True, blank=True)  # when the cell received it
    late_reason = models.TextField(blank=True)
    document = models.ForeignKey(
        DossierDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decided_on", "id"]


class DecisionExtension(models.Model):
    """A recorded extension of the time limit for the admission decision (special cases)."""

    candidacy = models.OneToOneField(Candidacy, on_delete=models.CASCADE, related_name="extension")
    number = models.CharField(max_length=60, blank=True)
    decided_on = models.DateField()
    body = models.CharField(max_length=255)
    reason = models.TextField()


class Ceremony(models.Model):
    """The admission ceremony ("lễ kết nạp"): probation starts on its date."""

    candidacy = models.OneToOneField(Candidacy, on_delete=models.CASCADE, related_name="ceremony")
    held_on = models.DateField()
    place = models.CharField(max_length=255, blank=True)
    presided_by = models.CharField(max_length=200, blank=True)
    late_reason = models.TextField(blank=True)
