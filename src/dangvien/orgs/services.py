"""Every change to the organisation tree and to localities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.orgs.domain.tree import BEGINNING, OPEN_END
from dangvien.orgs.models import Locality, Organization, OrgVersion
from dangvien.orgs.paths import spans_on
from dangvien.orgs.spans import spans_rebuild_for

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def _check_code(code: str) -> str:
    code = code.strip()
    if not _CODE.match(code):
        raise DomainError(
            f'Mã "{code}" không hợp lệ: chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, '
            "gạch dưới; tối đa 40 ký tự.",
            field="code",
        )
    return code


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise DomainError("Tên không được để trống.", field="name")
    if len(name) > 255:
        raise DomainError("Tên quá dài (tối đa 255 ký tự).", field="name")
    return name


def _require_edit(actor: Actor, org: Organization, on: date | None = None) -> None:
    day = on or actor.scope.day
    span = spans_on(day).filter(org=org).values_list("path", flat=True).first()
    if span is None or not actor.scope.covers_path(span, edit=True):
        if span is not None and actor.scope.covers_path(span):
            raise PermissionDeniedError()
        raise NotFoundError()


@dataclass(frozen=True)
class OrgInput:
    """The fields of a new unit or of a new version of a unit."""

    name: str
    org_type: OrgType
    parent_code: str | None
    may_admit: bool = False
    valid_from: date = BEGINNING
    valid_to: date = OPEN_END
    decision_number: str = ""
    decision_date: date | None = None
    decision_body: str = ""


def _parent(code: str | None) -> Organization | None:
    if not code:
        return None
    parent = Organization.objects.filter(code=code.strip()).first()
    if parent is None:
        raise DomainError(f'Không tìm thấy đơn vị cấp trên có mã "{code}".', field="parent_code")
    return parent


@transaction.atomic
def org_create(*, actor: Actor, code: str, data: OrgInput) -> Organization:
    """Create a unit under a parent the actor may edit (a root only for the operator)."""
    code = _check_code(code)
    name = _check_name(data.name)
    if Organization.objects.filter(code=code).exists():
        raise DomainError(f'Mã đơn vị "{code}" đã được dùng.', code="duplicate", field="code")
    parent = _parent(data.parent_code)
    if parent is None and actor.user is not None:
        raise PermissionDeniedError("Chỉ quản trị máy chủ mới tạo được đơn vị gốc.")
    if parent is not None:
        _require_edit(actor, parent, max(data.valid_from, actor.scope.day))
    org = Organization.objects.create(code=code, name=name, org_type=data.org_type)
    OrgVersion.objects.create(
        org=org,
        name=name,
        org_type=data.org_type,
        parent=parent,
        may_admit=data.may_admit,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        decision_number=data.decision_number,
        decision_date=data.decision_date,
        decision_body=data.decision_body,
    )
    spans_rebuild_for({org.pk})
    audit_record(actor=actor, action="create", object_type="org", object_id=org.pk, org_id=org.pk)
    return org


@transaction.atomic
def org_rename(*, actor: Actor, org: Organization, name: str, may_admit: bool) -> Organization:
    """Correct the name and admission power of the version in force today."""
    _require_edit(actor, org)
    name = _check_name(name)
    version = OrgVersion.objects.filter(
        org=org, valid_from__lte=actor.scope.day, valid_to__gte=actor.scope.day
    ).first()
    if version is None:
        raise DomainError("Đơn vị không còn hiệu lực hôm nay, không sửa được.")
    old = {"name": version.name, "may_admit": version.may_admit}
    version.name, version.may_admit = name, may_admit
    version.save(update_fields=["name", "may_admit"])
    Organization.objects.filter(pk=org.pk).update(name=name)
    org.name = name
    audit_record(
        actor=actor,
        action="update",
        object_type="org",
        object_id=org.pk,
        org_id=org.pk,
        detail={"old": old, "new": {"name": name, "may_admit": may_admit}},
    )
    return org


@transaction.atomic
def org_change(
    *, actor: Actor, org: Organization, effective: date, data: OrgInput, change: str
) -> OrgVersion:
    """Record a structural change (re-parent, rename, retype) from `effective` on.

    The version in force the day before ends that day; members and open
    dossiers move with the unit because they reference it, not its position.
    """
    _require_edit(actor, org, effective - timedelta(days=1))
    parent = _parent(data.parent_code)
    if parent is not None:
        _require_edit(actor, parent, effective)
    current = OrgVersion.objects.filter(
        org=org, valid_from__lt=effective, valid_to__gte=effective
    ).first()
    if current is None:
        raise DomainError("Đơn vị không có hiệu lực vào ngày thay đổi.", field="effective")
    end = current.valid_to
    current.valid_to = effective - timedelta(days=1)
    current.save(update_fields=["valid_to"])
    version = OrgVersion.objects.create(
        org=org,
        name=_check_name(data.name),
        org_type=data.org_type,
        parent=parent,
        may_admit=data.may_admit,
        valid_from=effective,
        valid_to=end,
        change=change,
        decision_number=data.decision_number,
        decision_date=data.decision_date,
        decision_body=data.decision_body,
    )
    spans_rebuild_for({org.pk})
    Organization.objects.filter(pk=org.pk).update(name=version.name, org_type=version.org_type)
    audit_record(
        actor=actor,
        action="update",
        object_type="org",
        object_id=org.pk,
        org_id=org.pk,
        detail={"change": change, "effective": effective.isoformat()},
    )
    return version


@dataclass(frozen=True)
class LocalityInput:
    """The fields of a locality."""

    name: str
    locality_type: LocalityType
    commune_code: str
    cell_code: str | None = None
    has_independent_cell: bool = False
    head_id: int | None = None


def _org_in_scope(actor: Actor, code: str, field: str) -> Organization:
    org = Organization.objects.filter(code=code.strip()).first()
    if org is None:
        raise DomainError(f'Không tìm thấy đơn vị có mã "{code}".', field=field)
    _require_edit(actor, org)
    return org


@transaction.atomic
def locality_save(
    *, actor: Actor, code: str, data: LocalityInput, expected_version: int | None = None
) -> Locality:
    """Create or update a locality of a commune the actor may edit."""
    code = _check_code(code)
    commune = _org_in_scope(actor, data.commune_code, "commune_code")
    cell = _org_in_scope(actor, data.cell_code, "cell_code") if data.cell_code else None
    if cell is not None and not OrgType(cell.org_type).is_cell:
        raise DomainError(f'Đơn vị "{cell.code}" không phải là chi bộ.', field="cell_code")
    locality = Locality.objects.select_for_update().filter(code=code).first()
    values = {
        "name": _check_name(data.name),
        "locality_type": data.locality_type.value,
        "commune": commune,
        "cell": cell,
        "has_independent_cell": data.has_independent_cell,
        "head_id": data.head_id,
    }
    if locality is None:
        locality = Locality.objects.create(code=code, **values)
        action = "create"
    else:
        _require_edit(actor, locality.commune)
        if expected_version is not None and expected_version != locality.version:
            raise DomainError(
                "Địa bàn đã bị người khác sửa trong lúc bạn đang sửa; hãy tải lại trang.",
                code="conflict",
            )
        for key, value in values.items():
            setattr(locality, key, value)
        locality.version += 1
        locality.save()
        action = "update"
    audit_record(
        actor=actor,
        action=action,
        object_type="locality",
        object_id=locality.pk,
        org_id=commune.pk,
    )
    return locality
