"""Persistence of import jobs: the uploaded file, its state, and what the check found."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    """One workbook uploaded on the import page, from check to result.

    The id is random: it appears in the page's address and must not be guessable.
    """

    class State(models.TextChoices):
        CHECKING = "checking", "Đang kiểm tra"
        CHECKED = "checked", "Đã kiểm tra"
        RUNNING = "running", "Đang nhập"
        DONE = "done", "Đã nhập xong"
        FAILED = "failed", "Không thành công"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=100)  # under MEDIA_ROOT/imports/
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    ok = models.BooleanField(default=False)  # whether the last check found no error
    summary = models.JSONField(default=dict, blank=True)  # counts, issues, converted cells
    error_file = models.CharField(max_length=100, blank=True)  # under MEDIA_ROOT/imports/
    message = models.CharField(max_length=500, blank=True)  # why the job failed, in Vietnamese
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"], name="importjob_user")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def in_progress(self) -> bool:
        """Return whether a background task is working on the job."""
        return self.state in (self.State.CHECKING, self.State.RUNNING)
