"""API of the access log (auditors) and of consent and subject-access exports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Response

from dangvien.accounts.actor import Actor, actor_from_request
from dangvien.audit import privacy, selectors
from dangvien.audit.models import AccessLog, Consent

router = Router(tags=["Nhật ký và dữ liệu cá nhân"])


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="api")


class EntryOut(Schema):
    id: int
    seq: int | None
    at: datetime
    username: str
    action: str
    object_type: str
    object_id: str
    org_id: int | None
    ip: str | None
    channel: str
    detail: dict[str, Any]


class EntryPage(Schema):
    items: list[EntryOut]
    next_before: int | None


@router.get("/audit/entries", response=EntryPage, summary="Tìm trong nhật ký truy cập")
def entry_list(
    request: HttpRequest,
    person: int | None = None,
    user: str = "",
    org: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    action: str = "",
    before: int | None = None,
) -> EntryPage:
    filters = selectors.AuditFilter(
        person_id=person,
        username=user[:150],
        org_code=org[:40],
        date_from=date_from,
        date_to=date_to,
        action=action[:20],
    )
    rows, next_before = selectors.access_log_page(
        scope=_actor(request).scope, filters=filters, before=before
    )
    return EntryPage(items=[_entry(e) for e in rows], next_before=next_before)


def _entry(entry: AccessLog) -> EntryOut:
    return EntryOut(
        id=entry.pk,
        seq=entry.seq,
        at=entry.at,
        username=entry.username,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        org_id=entry.org_id,
        ip=entry.ip,
        channel=entry.channel,
        detail=entry.detail if isinstance(entry.detail, dict) else {},
    )


class ConsentIn(Schema):
    purpose: Consent.Purpose
    given_on: date
    text_version: str = Field("", max_length=60)
    note: str = Field("", max_length=255)


class ConsentOut(Schema):
    id: int
    purpose: str
    purpose_label: str
    given_on: date
    withdrawn_on: date | None
    text_version: str
    note: str


class WithdrawIn(Schema):
    withdrawn_on: date


def _consent(consent: Consent) -> ConsentOut:
    return ConsentOut(
        id=consent.pk,
        purpose=consent.purpose,
        purpose_label=consent.get_purpose_display(),
        given_on=consent.given_on,
        withdrawn_on=consent.withdrawn_on,
        text_version=consent.text_version,
        note=consent.note,
    )


@router.get(
    "/privacy/people/{person_id}/consents",
    response=list[ConsentOut],
    summary="Sự đồng ý xử lý dữ liệu của một người",
)
def consent_list(request: HttpRequest, person_id: int) -> list[ConsentOut]:
    return [_consent(c) for c in privacy.consents_of(actor=_actor(request), person_id=person_id)]


@router.post(
    "/privacy/people/{person_id}/consents",
    response={201: ConsentOut},
    summary="Ghi nhận sự đồng ý",
)
def consent_create(
    request: HttpRequest, person_id: int, payload: ConsentIn
) -> Response[ConsentOut]:
    consent = privacy.consent_record(
        actor=_actor(request),
        person_id=person_id,
        purpose=payload.purpose.value,
        given_on=payload.given_on,
        text_version=payload.text_version,
        note=payload.note,
    )
    return Response(201, _consent(consent))


@router.post(
    "/privacy/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="Ghi nhận việc rút lại sự đồng ý",
)
def consent_withdraw(request: HttpRequest, consent_id: int, payload: WithdrawIn) -> ConsentOut:
    consent = privacy.consent_withdraw(
        actor=_actor(request), consent_id=consent_id, withdrawn_on=payload.withdrawn_on
    )
    return _consent(consent)


@router.get(
    "/privacy/people/{person_id}/export",
    response=dict[str, Any],
    summary="Toàn bộ dữ liệu về một người (yêu cầu của chủ thể dữ liệu; ghi nhật ký)",
)
def person_export(request: HttpRequest, person_id: int) -> dict[str, Any]:
    return privacy.person_data_export(actor=_actor(request), person_id=person_id)
