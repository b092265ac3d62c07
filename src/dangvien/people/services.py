"""Every change to a person record, their status periods and memberships."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.core.domain.text import normalize, search_key, sort_key
from dangvien.orgs.counts_cache import counts_changed
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.orgs.models import Locality, Organization
from dangvien.orgs.paths import spans_on
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.domain.identity import citizen_id_digest, clean_citizen_id
from dangvien.people.domain.status import check_status_change
from dangvien.people.domain.validation import PersonFacts, validate_person
from dangvien.people.models import CellTally, Membership, Person, StatusPeriod
from dangvien.pipeline.moves import candidacy_follow_person


@dataclass(frozen=True)
class PersonInput:
    """The editable attributes of a person record, as typed by a user."""

    citizen_id: str
    full_name: str
    birth_date: date
    gender: Gender
    ethnicity: str = "kinh"
    religion: str = "khong"
    general_education: str = ""
    qualification: str = "khong"
    theory_level: str = "khong"
    occupation: str = ""
    youth_union: bool = False
    trade_union: bool = False
    hometown: str = ""
    residence: str = ""
    locality_code: str = ""


def digest_of(citizen_id: str) -> str:
    """Return the keyed digest of a citizen ID under this installation's key."""
    return citizen_id_digest(citizen_id, settings.DANGVIEN_ID_KEY)


def _cell_for_edit(actor: Actor, code: str) -> Organization:
    org = Organization.objects.filter(code=code.strip()).first()
    path = spans_on(actor.scope.day).filter(org=org).values_list("path", flat=True).first()
    if org is None or path is None or not actor.scope.covers_path(path):
        raise DomainError(
            f'Không tìm thấy chi bộ có mã "{code}" trong phạm vi của bạn.', field="org_code"
        )
    if not actor.scope.covers_path(path, edit=True):
        raise PermissionDeniedError()
    if not OrgType(org.org_type).is_cell:
        raise DomainError(f'Đơn vị "{org.code}" không phải là chi bộ.', field="org_code")
    return org


def _clean(data: PersonInput, today: date) -> dict[str, Any]:
    facts = validate_person(
        PersonFacts(
            full_name=data.full_name,
            birth_date=data.birth_date,
            ethnicity=data.ethnicity,
            religion=data.religion,
            general_education=data.general_education,
            qualification=data.qualification,
            theory_level=data.theory_level,
            occupation=data.occupation,
        ),
        today,
    )
    citizen_id = clean_citizen_id(data.citizen_id)
    values = asdict(data) | asdict(facts)
    values.pop("locality_code")
    values["citizen_id"] = citizen_id
    values["citizen_id_digest"] = digest_of(citizen_id)
    values["gender"] = Gender(data.gender).value
    values["name_key"] = search_key(facts.full_name)
    values["sort_key"] = sort_key(facts.full_name)
    values["hometown"] = normalize(data.hometown)
    values["residence"] = normalize(data.residence)
    return values


def _locality(code: str) -> Locality | None:
    if not code:
        return None
    locality = Locality.objects.filter(code=code.strip()).first()
    if locality is None:
        raise DomainError(f'Không tìm thấy địa bàn có mã "{code}".', field="locality_code")
    return locality


def _duplicate_check(digest: str, exclude: int | None = None) -> None:
    others = Person.objects.filter(citizen_id_digest=digest)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    clash = others.first()
    if clash is not None:
        raise DomainError(
            "Số CCCD này đã có trong hồ sơ của một người khác.",
            code="duplicate",
            field="citizen_id",
        )


def _tally(org_id: int, status: str, delta: int) -> None:
    counts_changed()
    updated = CellTally.objects.filter(org_id=org_id, status=status).update(
        count=F("count") + delta
    )
    if not updated:
        CellTally.objects.create(org_id=org_id, status=status, count=delta)


@transaction.atomic
def person_create(
    *, actor: Actor, data: PersonInput, org_code: str, status: Status, since: date
) -> Person:
    """Create a person record in a cell the actor may edit, with its first status period."""
    org = _cell_for_edit(actor, org_code)
    values = _clean(data, actor.scope.day)
    _duplicate_check(values["citizen_id_digest"])
    if since < data.birth_date:
        raise DomainError("Ngày bắt đầu trạng thái trước ngày sinh.", field="since")
    person = Person.objects.create(
        **values,
        locality=_locality(data.locality_code),
        current_org=org,
        current_status=status.value,
    )
    StatusPeriod.objects.create(person=person, org=org, status=status.value, valid_from=since)
    _tally(org.pk, status.value, +1)
    audit_record(
        actor=actor, action="create", object_type="person", object_id=person.pk, org_id=org.pk
    )
    return person


def _person_for_edit(actor: Actor, person_id: int) -> Person:
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None or not actor.scope.covers_org(person.current_org_id):
        raise NotFoundError()
    if not actor.scope.covers_org(person.current_org_id, edit=True):
        raise PermissionDeniedError()
    return person


@transaction.atomic
def person_update(
    *, actor: Actor, person_id: int, data: PersonInput, expected_version: int
) -> Person:
    """Update a person's attributes; refuse if someone else saved in between."""
    person = _person_for_edit(actor, person_id)
    if person.version != expected_version:
        raise DomainError(
            "Hồ sơ đã bị người khác sửa trong lúc bạn đang sửa; hãy tải lại trang để xem bản mới.",
            code="conflict",
        )
    values = _clean(data, actor.scope.day)
    _duplicate_check(values["citizen_id_digest"], exclude=person.pk)
    values["locality"] = _locality(data.locality_code)
    changes = {}
    for key, value in values.items():
        old = getattr(person, key)
        if old != value:
            changes[key] = {"old": _loggable(key, old), "new": _loggable(key, value)}
            setattr(person, key, value)
    if changes:
        person.version += 1
        person.save()
        audit_record(
            actor=actor,
            action="update",
            object_type="person",
            object_id=person.pk,
            org_id=person.current_org_id,
            detail={"changes": changes},
        )
    return person


def _loggable(key: str, value: object) -> object:
    if key == "citizen_id_digest":
        return "(digest)"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Locality):
        return value.code
    return value


@transaction.atomic
def person_status_change(
    *, actor: Actor, person_id: int, status: Status, org_code: str, since: date, note: str = ""
) -> StatusPeriod:
    """Close the open status period the day before `since` and open a new one.

    A move to another cell takes the person's open candidacy along.
    """
    person = _person_for_edit(actor, person_id)
    org = _cell_for_edit(actor, org_code)
    open_period = StatusPeriod.objects.filter(person=person, valid_to=OPEN_END).first()
    if open_period is None:
        raise DomainError("Hồ sơ không có trạng thái hiện hành.")
    check_status_change(Status(open_period.status), status)
    if since <= open_period.valid_from:
        raise DomainError(
            f"Ngày thay đổi phải sau ngày bắt đầu trạng thái hiện tại "
            f"({open_period.valid_from:%d/%m/%Y}).",
            field="since",
        )
    open_period.valid_to = since - timedelta(days=1)
    open_period.save(update_fields=["valid_to"])
    period = StatusPeriod.objects.create(
        person=person, org=org, status=status.value, valid_from=since, note=normalize(note)
    )
    _tally(open_period.org_id, open_period.status, -1)
    _tally(org.pk, status.value, +1)
    Person.objects.filter(pk=person.pk).update(
        current_org=org, current_status=status.value, version=F("version") + 1
    )
    if org.pk != person.current_org_id:
        candidacy_follow_person(actor=actor, person_id=person.pk, cell_id=org.pk, since=since)
    audit_record(
        actor=actor,
        action="update",
        object_type="person",
        object_id=person.pk,
        org_id=org.pk,
        detail={
            "status": {"old": open_period.status, "new": status.value},
            "org": {"old": open_period.org_id, "new": org.pk},
            "since": since.isoformat(),
        },
    )
    return period


@dataclass(frozen=True)
class MembershipInput:
    """An admission as recorded on the decision (9-KNĐ) and what followed."""

    decision_date: date
    decision_number: str = ""
    ceremony_date: date | None = None
    official_date: date | None = None


def _check_membership_dates(data: MembershipInput, birth: date) -> None:
    if data.decision_date <= birth:
        raise DomainError("Ngày quyết định kết nạp phải sau ngày sinh.", field="decision_date")
    if data.ceremony_date and data.ceremony_date < data.decision_date:
        raise DomainError(
            "Ngày lễ kết nạp không thể trước ngày quyết định kết nạp.", field="ceremony_date"
        )
    start = data.ceremony_date or data.decision_date
    if data.official_date and data.official_date <= start:
        raise DomainError(
            "Ngày công nhận chính thức phải sau ngày lễ kết nạp.", field="official_date"
        )


@transaction.atomic
def membership_save(
    *, actor: Actor, person_id: int, data: MembershipInput, membership_id: int | None = None
) -> Membership:
    """Record or correct an admission (decision, ceremony, recognition dates)."""
    person = _person_for_edit(actor, person_id)
    _check_membership_dates(data, person.birth_date)
    if membership_id is None:
        if Membership.objects.filter(person=person, decision_date=data.decision_date).exists():
            raise DomainError("Đã có quyết định kết nạp cùng ngày cho người này.", code="duplicate")
        membership = Membership(person=person, admitted_in_id=person.current_org_id)
    else:
        found = Membership.objects.filter(pk=membership_id, person=person).first()
        if found is None:
            raise NotFoundError()
        membership = found
    old = {k: _loggable(k, getattr(membership, k, None)) for k in asdict(data)}
    for key, value in asdict(data).items():
        setattr(membership, key, value)
    membership.save()
    audit_record(
        actor=actor,
        action="update" if membership_id else "create",
        object_type="membership",
        object_id=membership.pk,
        org_id=person.current_org_id,
        detail={
            "person": person.pk,
            "old": old,
            "new": {k: _loggable(k, v) for k, v in asdict(data).items()},
        },
    )
    return membership


@transaction.atomic
def tally_rebuild() -> int:
    """Recount the per-cell tallies from the person records; return the number of rows."""
    counts_changed()
    CellTally.objects.all().delete()
    rows = (
        Person.objects.values("current_org_id", "current_status").annotate(n=Count("id")).order_by()
    )
    CellTally.objects.bulk_create(
        [
            CellTally(org_id=r["current_org_id"], status=r["current_status"], count=r["n"])
            for r in rows
            if r["current_org_id"]
        ],
        batch_size=5000,
    )
    return CellTally.objects.count()
