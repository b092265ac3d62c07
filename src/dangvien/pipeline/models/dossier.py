"""The dossier's papers: documents, introductions, relatives and background verification."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath
from uuid import uuid4

from django.db import models

from dangvien.people.models import Person
from dangvien.pipeline.domain.documents import DOCUMENT_LABELS
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.verification import RelativeKind
from dangvien.pipeline.models.candidacy import Candidacy

DOCUMENT_CHOICES = list(DOCUMENT_LABELS.items())
INTRODUCER_CHOICES = [(k.value, k.name) for k in IntroducerKind]
RELATIVE_CHOICES = [(k.value, k.label) for k in RelativeKind]


def attachment_path(instance: DossierDocument, filename: str) -> str:
    """Return where a scan is stored: a random name, so the path reveals nothing about anyone."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"pipeline/{date.today():%Y/%m}/{uuid4().hex}{suffix}"


class DossierDocument(models.Model):
    """One paper of the dossier: form code, number, date, signer, issuer, optional scan."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="documents")
    form_code = models.CharField(max_length=16, choices=DOCUMENT_CHOICES)
    number = models.CharField(max_length=60, blank=True)
    issued_on = models.DateField()
    signer = models.CharField(max_length=200, blank=True)
    issuer = models.CharField(max_length=255, blank=True)
    note = models.TextField(blank=True)
    attachment = models.FileField(upload_to=attachment_path, blank=True, max_length=200)
    attachment_name = models.CharField(max_length=255, blank=True)  # the name as uploaded
    # The training record a certificate (CN-NTVĐ, new-member course) was taken from, if any.
    enrolment = models.ForeignKey(
        "training.Enrolment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when introductions are redone after the dossier went stale.
    superseded = models.BooleanField(default=False)
    username = models.CharField(max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        indexes = [models.Index(fields=["candidacy", "form_code"], name="document_form")]

    def __str__(self) -> str:
        return f"{self.form_code} {self.number}".strip()


class Introducer(models.Model):
    """An introduction: an official member (3-KNĐ) or a union committee's resolution (4/4A-KNĐ)."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="introducers")
    kind = models.CharField(max_length=20, choices=INTRODUCER_CHOICES)
    member = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=255)  # the member, or the union committee
    months_together = models.PositiveSmallIntegerField(null=True, blank=True)
    introduced_on = models.DateField()
    member_status = models.CharField(max_length=20, blank=True)  # on the introduction date
    document = models.ForeignKey(
        DossierDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["introduced_on", "id"]


class Relative(models.Model):
    """The applicant or a relative declared in the personal history, with places to verify."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="relatives")
    kind = models.CharField(max_length=20, choices=RELATIVE_CHOICES)
    name = models.CharField(max_length=200)
    birth_date = models.DateField(null=True, blank=True)
    places = models.JSONField(default=list)
    is_party_member = models.BooleanField(default=False)
    fully_declared = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]


class VerificationRequest(models.Model):
    """One background-verification request about one person at one place, or its exemption."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="verifications")
    relative = models.ForeignKey(
        Relative, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    kind = models.CharField(max_length=20, choices=RELATIVE_CHOICES)
    name = models.CharField(max_length=200)
    place = models.CharField(max_length=255, blank=True)
    exempt = models.BooleanField(default=False)
    exemption_reason = models.TextField(blank=True)
    sent_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    responding_committee = models.CharField(max_length=255, blank=True)
    conclusion = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    @property
    def pending(self) -> bool:
        """Return whether the request still waits for a reply."""
        return not self.exempt and self.returned_on is None
