"""API of people, their status periods and admissions; every read is scoped and logged."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Response

from dangvien.accounts.actor import Actor, actor_from_request
from dangvien.audit.services import audit_record
from dangvien.core.api_errors import check_limit
from dangvien.core.domain.errors import DomainError
from dangvien.orgs.selectors import org_get
from dangvien.people import access, selectors, services
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.domain.identity import mask_citizen_id
from dangvien.people.models import Membership, Person, StatusPeriod

router = Router(tags=["Nhân sự"])


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="api")


class PersonSummary(Schema):
    id: int
    full_name: str
    birth_date: date
    gender: Gender
    citizen_id_masked: str
    status: Status
    org_code: str


class PersonPage(Schema):
    items: list[PersonSummary]
    next_cursor: str | None


class PersonFields(Schema):
    citizen_id: str = Field(max_length=20)
    full_name: str = Field(max_length=200)
    birth_date: date
    gender: Gender
    ethnicity: str = Field("kinh", max_length=60)
    religion: str = Field("khong", max_length=60)
    general_education: str = Field("", max_length=20)
    qualification: str = Field("khong", max_length=60)
    theory_level: str = Field("khong", max_length=60)
    occupation: str = Field("", max_length=80)
    youth_union: bool = False
    trade_union: bool = False
    hometown: str = Field("", max_length=255)
    residence: str = Field("", max_length=255)
    locality_code: str = Field("", max_length=40)


class PersonCreate(PersonFields):
    org_code: str = Field(max_length=40)
    status: Status
    since: date


class PersonUpdate(PersonFields):
    version: int


class PersonOut(PersonFields):
    id: int
    status: Status
    org_code: str
    version: int


class PeriodOut(Schema):
    status: Status
    org_code: str
    valid_from: date
    valid_to: date
    note: str


class StatusChangeIn(Schema):
    status: Status
    org_code: str = Field(max_length=40)
    since: date
    note: str = Field("", max_length=255)


class MembershipIn(Schema):
    decision_date: date
    decision_number: str = Field("", max_length=60)
    ceremony_date: date | None = None
    official_date: date | None = None


class MembershipOut(MembershipIn):
    id: int
    end_date: date | None
    end_reason: str


def _summary(person: Person) -> PersonSummary:
    return PersonSummary(
        id=person.pk,
        full_name=person.full_name,
        birth_date=person.birth_date,
        gender=Gender(person.gender),
        citizen_id_masked=mask_citizen_id(person.citizen_id),
        status=Status(person.current_status),
        org_code=person.current_org.code,
    )


def _full(person: Person) -> PersonOut:
    fields = {
        name: getattr(person, name) for name in PersonFields.model_fields if name != "locality_code"
    }
    return PersonOut(
        **fields,
        locality_code=person.locality.code if person.locality else "",
        id=person.pk,
        status=Status(person.current_status),
        org_code=person.current_org.code,
        version=person.version,
    )


def _input(payload: PersonFields) -> services.PersonInput:
    return services.PersonInput(**payload.dict(include=set(PersonFields.model_fields)))


@router.get("/people", response=PersonPage, summary="Danh sách nhân sự (theo phạm vi)")
def person_list(
    request: HttpRequest,
    q: str = "",
    status: Status | None = None,
    gender: Gender | None = None,
    ethnicity: str = "",
    age_band: str = "",
    org: str = "",
    cursor: str = "",
    limit: int = 50,
) -> PersonPage:
    check_limit(limit, 200)
    actor = _actor(request)
    org_path = org_get(scope=actor.scope, code=org).path if org else ""
    filters = selectors.PersonFilter(
        q=q,
        statuses=(status,) if status else (),
        gender=gender,
        ethnicity=ethnicity,
        age_band=age_band,
        org_path=org_path,
    )
    page = selectors.person_list(scope=actor.scope, filters=filters, cursor=cursor, limit=limit)
    audit_record(
        actor=actor,
        action="list",
        object_type="person",
        detail={"q": q, "org": org, "count": len(page.items)},
    )
    return PersonPage(items=[_summary(p) for p in page.items], next_cursor=page.next_cursor)


@router.get("/people/{person_id}", response=PersonOut, summary="Hồ sơ một người (ghi nhật ký)")
def person_read(request: HttpRequest, person_id: int) -> PersonOut:
    return _full(access.person_for_view(actor=_actor(request), person_id=person_id))


@router.post("/people", response={201: PersonOut}, summary="Tạo hồ sơ")
def person_create(request: HttpRequest, payload: PersonCreate) -> Response[Any]:
    actor = _actor(request)
    person = services.person_create(
        actor=actor,
        data=_input(payload),
        org_code=payload.org_code,
        status=payload.status,
        since=payload.since,
    )
    return Response(201, _full(selectors.person_get(scope=actor.scope, person_id=person.pk)))


@router.put("/people/{person_id}", response=PersonOut, summary="Sửa hồ sơ (kiểm tra phiên bản)")
def person_update(request: HttpRequest, person_id: int, payload: PersonUpdate) -> PersonOut:
    actor = _actor(request)
    services.person_update(
        actor=actor, person_id=person_id, data=_input(payload), expected_version=payload.version
    )
    return _full(selectors.person_get(scope=actor.scope, person_id=person_id))


def _periods(person: Person) -> list[PeriodOut]:
    periods, _ = selectors.person_history(person)
    return [_period_out(p) for p in periods]


def _period_out(period: StatusPeriod) -> PeriodOut:
    return PeriodOut(
        status=Status(period.status),
        org_code=period.org.code,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
        note=period.note,
    )


@router.get("/people/{person_id}/periods", response=list[PeriodOut], summary="Quá trình sinh hoạt")
def period_list(request: HttpRequest, person_id: int) -> list[PeriodOut]:
    return _periods(access.person_for_view(actor=_actor(request), person_id=person_id))


@router.post(
    "/people/{person_id}/periods",
    response={201: list[PeriodOut]},
    summary="Chuyển trạng thái / chuyển chi bộ",
)
def period_create(request: HttpRequest, person_id: int, payload: StatusChangeIn) -> Response[Any]:
    actor = _actor(request)
    services.person_status_change(
        actor=actor,
        person_id=person_id,
        status=payload.status,
        org_code=payload.org_code,
        since=payload.since,
        note=payload.note,
    )
    return Response(201, _periods(selectors.person_get(scope=actor.scope, person_id=person_id)))


def _membership_out(m: Membership) -> MembershipOut:
    return MembershipOut(
        id=m.pk,
        decision_date=m.decision_date,
        decision_number=m.decision_number,
        ceremony_date=m.ceremony_date,
        official_date=m.official_date,
        end_date=m.end_date,
        end_reason=m.end_reason,
    )


@router.get(
    "/people/{person_id}/memberships",
    response=list[MembershipOut],
    summary="Đảng tịch (quyết định kết nạp)",
)
def membership_list(request: HttpRequest, person_id: int) -> list[MembershipOut]:
    person = access.person_for_view(actor=_actor(request), person_id=person_id)
    return [_membership_out(m) for m in selectors.person_history(person)[1]]


@router.post(
    "/people/{person_id}/memberships",
    response={201: MembershipOut},
    summary="Ghi quyết định kết nạp",
)
def membership_create(request: HttpRequest, person_id: int, payload: MembershipIn) -> Response[Any]:
    membership = services.membership_save(
        actor=_actor(request), person_id=person_id, data=services.MembershipInput(**payload.dict())
    )
    return Response(201, _membership_out(membership))


@router.put(
    "/people/{person_id}/memberships/{membership_id}",
    response=MembershipOut,
    summary="Sửa quyết định kết nạp",
)
def membership_update(
    request: HttpRequest, person_id: int, membership_id: int, payload: MembershipIn
) -> MembershipOut:
    if membership_id <= 0:
        raise DomainError("Mã đảng tịch không hợp lệ.")
    membership = services.membership_save(
        actor=_actor(request),
        person_id=person_id,
        data=services.MembershipInput(**payload.dict()),
        membership_id=membership_id,
    )
    return _membership_out(membership)
