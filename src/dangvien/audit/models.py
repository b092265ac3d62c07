"""The access log (who saw or changed what, when, from where) and its chain head."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangvien.core.domain.errors import PermissionDeniedError

APPEND_ONLY = "Nhật ký truy cập chỉ được ghi thêm; không thể sửa hay xóa bản ghi."


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise PermissionDeniedError(APPEND_ONLY)


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    """Reads only: every bulk change is refused (PostgreSQL also refuses them by trigger)."""

    update = _refuse
    delete = _refuse
    bulk_update = _refuse
    update_or_create = _refuse


class AccessLog(models.Model):
    """One logged access or change; append-only and chained to the previous entry."""

    class Action(models.TextChoices):
        VIEW = "view", "Xem"
        LIST = "list", "Xem danh sách"
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xóa"
        EXPORT = "export", "Xuất dữ liệu"
        DOWNLOAD = "download", "Tải tệp đính kèm"
        LOGIN = "login", "Đăng nhập"
        LOGIN_FAILED = "login_failed", "Đăng nhập thất bại"
        LOGOUT = "logout", "Đăng xuất"
        SECOND_FACTOR = "second_factor", "Xác thực hai lớp"
        DENIED = "denied", "Bị từ chối"
        TOKEN = "token", "Dùng mã API"

    # Position in the chain; ids may have gaps (rolled-back inserts), seq may not.
    seq = models.BigIntegerField(unique=True, null=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    org_id = models.BigIntegerField(null=True, blank=True)  # the org the object belonged to
    ip = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")  # web, api, cli
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="accesslog_object"),
            models.Index(fields=["user", "at"], name="accesslog_user"),
            models.Index(fields=["org_id", "at"], name="accesslog_org"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()


class AuditChainHead(models.Model):
    """The single row holding the last entry's number and hash.

    Writers lock this row (SELECT ... FOR UPDATE) so entries are numbered and
    chained one at a time; `audit verify` also compares it with the last entry
    to notice entries cut from the end.
    """

    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64)


class Consent(models.Model):
    """A person's consent to one purpose of processing, as given on paper ("đồng ý").

    Decree 356/2025 asks for consent per purpose, recorded so it can be shown;
    a withdrawal keeps the record and adds its date.
    """

    class Purpose(models.TextChoices):
        PROCESSING = "processing", "Xử lý dữ liệu cá nhân phục vụ công tác phát triển đảng viên"
        SENSITIVE = "sensitive", "Xử lý dữ liệu cá nhân nhạy cảm (dân tộc, tôn giáo, chính trị)"
        BACKGROUND = "background", "Thẩm tra lý lịch bản thân và người thân"

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    text_version = models.CharField(max_length=60, blank=True)  # the wording signed
    given_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person_id", "-given_on", "-id"]
        indexes = [models.Index(fields=["person", "purpose"], name="consent_person")]
