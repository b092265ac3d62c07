"""Data protection of a person: consent records and the subject-access export.

Other apps add their part of a person's data to the export by registering a
provider: `@subject_data_provider("ho_so_phat_trien")` on a function that
takes the Person and returns JSON-ready data (lists of dicts for tables).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.models import AccessLog, Consent
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.people.models import Person
from dangvien.people.selectors import person_get, person_history, person_labels

Provider = Callable[[Person], Any]
_PROVIDERS: dict[str, Provider] = {}


def subject_data_provider(section: str) -> Callable[[Provider], Provider]:
    """Register a function adding one section to every subject-access export."""

    def register(function: Provider) -> Provider:
        _PROVIDERS[section] = function
        return function

    return register


def _person_for_change(actor: Actor, person_id: int) -> Person:
    person = person_get(scope=actor.scope, person_id=person_id)
    if not actor.scope.covers_org(person.current_org_id, edit=True):
        raise PermissionDeniedError()
    return person


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
    person_id: int,
    purpose: str,
    given_on: date,
    text_version: str = "",
    note: str = "",
) -> Consent:
    """Record that a person agreed to one purpose of processing, on a given day."""
    person = _person_for_change(actor, person_id)
    if purpose not in Consent.Purpose.values:
        raise DomainError("Mục đích xử lý dữ liệu không hợp lệ.", field="purpose")
    if given_on > actor.scope.day or given_on < person.birth_date:
        raise DomainError("Ngày đồng ý không hợp lệ.", field="given_on")
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given_on=given_on,
        text_version=text_version.strip()[:60],
        note=note.strip()[:255],
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        action="create",
        object_type="consent",
        object_id=consent.pk,
        org_id=person.current_org_id,
        detail={"person": person.pk, "purpose": purpose, "given_on": given_on.isoformat()},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Actor, consent_id: int, withdrawn_on: date) -> Consent:
    """Record the withdrawal of a consent (the record stays, with the date)."""
    consent = Consent.objects.select_for_update().filter(pk=consent_id).first()
    if consent is None:
        raise NotFoundError()
    person = _person_for_change(actor, consent.person_id)
    if consent.withdrawn_on is not None:
        raise DomainError("Sự đồng ý này đã được rút trước đó.", code="conflict")
    if withdrawn_on < consent.given_on or withdrawn_on > actor.scope.day:
        raise DomainError("Ngày rút lại sự đồng ý không hợp lệ.", field="withdrawn_on")
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=actor,
        action="update",
        object_type="consent",
        object_id=consent.pk,
        org_id=person.current_org_id,
        detail={"person": person.pk, "withdrawn_on": withdrawn_on.isoformat()},
    )
    return consent


def consents_of(*, actor: Actor, person_id: int) -> list[Consent]:
    """Return a person's consent records (person in scope), newest first."""
    person = person_get(scope=actor.scope, person_id=person_id)
    return list(person.consents.all())


def _person_section(person: Person) -> dict[str, Any]:
    labels = person_labels(person)
    return {
        "ho_va_ten": person.full_name,
        "so_cccd": person.citizen_id,
        "ngay_sinh": person.birth_date.isoformat(),
        "gioi_tinh": person.get_gender_display(),
        "dan_toc": labels["ethnicity"],
        "ton_giao": labels["religion"],
        "giao_duc_pho_thong": person.general_education,
        "chuyen_mon": labels["qualification"],
        "ly_luan_chinh_tri": labels["theory_level"],
        "nghe_nghiep": labels["occupation"],
        "doan_vien": person.youth_union,
        "cong_doan_vien": person.trade_union,
        "que_quan": person.hometown,
        "noi_o": person.residence,
        "trang_thai": person.get_current_status_display(),
        "chi_bo": person.current_org.name,
    }


def _history_sections(person: Person) -> dict[str, Any]:
    periods, memberships = person_history(person)
    return {
        "qua_trinh_sinh_hoat": [
            {
                "tu_ngay": p.valid_from.isoformat(),
                "den_ngay": p.valid_to.isoformat(),
                "trang_thai": p.get_status_display(),
                "chi_bo": p.org.name,
                "ghi_chu": p.note,
            }
            for p in periods
        ],
        "dang_tich": [
            {
                "ngay_quyet_dinh": m.decision_date.isoformat(),
                "so_quyet_dinh": m.decision_number,
                "ngay_le_ket_nap": m.ceremony_date.isoformat() if m.ceremony_date else "",
                "ngay_chinh_thuc": m.official_date.isoformat() if m.official_date else "",
            }
            for m in memberships
        ],
        "chuc_danh": [
            {"chuc_danh": p.label, "tu_ngay": str(p.valid_from or ""), "den": str(p.valid_to or "")}
            for p in person.positions.all()
        ],
    }


def _consent_rows(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "muc_dich": c.get_purpose_display(),
            "ngay_dong_y": c.given_on.isoformat(),
            "ngay_rut_lai": c.withdrawn_on.isoformat() if c.withdrawn_on else "",
            "van_ban": c.text_version,
        }
        for c in person.consents.all()
    ]


def _access_rows(person: Person) -> list[dict[str, Any]]:
    entries = AccessLog.objects.filter(object_type="person", object_id=str(person.pk)).order_by(
        "seq"
    )
    return [
        {
            "thoi_diem": e.at.isoformat(),
            "nguoi_truy_cap": e.username,
            "thao_tac": e.get_action_display(),
            "kenh": e.channel,
        }
        for e in entries.iterator(chunk_size=2000)
    ]


def person_data_export(*, actor: Actor, person_id: int) -> dict[str, Any]:
    """Return everything held about one person, for a subject-access request; log it."""
    person = person_get(scope=actor.scope, person_id=person_id)
    if not (actor.scope.covers_org(person.current_org_id, edit=True) or _can_audit(actor)):
        raise PermissionDeniedError()
    data: dict[str, Any] = {"nguoi": _person_section(person)}
    data.update(_history_sections(person))
    data["dong_y_xu_ly_du_lieu"] = _consent_rows(person)
    data["nhat_ky_truy_cap"] = _access_rows(person)
    for section, provider in sorted(_PROVIDERS.items()):
        data[section] = provider(person)
    audit_record(
        actor=actor,
        action="export",
        object_type="person",
        object_id=person.pk,
        org_id=person.current_org_id,
        detail={"kind": "subject_access"},
    )
    return data


def _can_audit(actor: Actor) -> bool:
    return any(role.can_audit for role in actor.scope.roles)
