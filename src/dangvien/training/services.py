"""Every change to training classes and enrolments: validated, scoped and logged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.domain.text import format_date, normalize
from dangvien.orgs.paths import spans_on
from dangvien.people.selectors import person_get
from dangvien.training.access import class_for_edit, org_for_edit
from dangvien.training.class_counts import class_counts_refresh
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.models import Enrolment, TrainingClass

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


@dataclass(frozen=True)
class ClassInput:
    """The fields of a class (`LopHoc` sheet)."""

    class_type: ClassType
    organiser_code: str
    start_date: date
    end_date: date | None = None
    name: str = ""


@dataclass(frozen=True)
class EnrolmentInput:
    """A trainee's result and certificate (`HocVien` sheet); completed unless told otherwise."""

    result: TraineeResult = TraineeResult.COMPLETED
    certificate_number: str = ""
    certificate_date: date | None = None


def _check_code(code: str) -> str:
    code = code.strip()
    if not _CODE.match(code):
        raise DomainError(
            f"Mã lớp “{code}” không hợp lệ: chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, "
            "gạch chéo, gạch dưới; tối đa 40 ký tự.",
            field="code",
        )
    return code


def _check_class_dates(data: ClassInput) -> None:
    if data.end_date is not None and data.end_date < data.start_date:
        raise DomainError(
            f"Ngày bế giảng ({format_date(data.end_date)}) trước ngày khai giảng "
            f"({format_date(data.start_date)}).",
            field="end_date",
        )


def _class_values(actor: Actor, data: ClassInput) -> dict[str, object]:
    organiser = org_for_edit(actor, data.organiser_code, field="organiser_code")
    if not spans_on(data.start_date).filter(org=organiser).exists():
        raise DomainError(
            f"Đơn vị “{organiser.code}” không tồn tại vào ngày khai giảng "
            f"{format_date(data.start_date)}.",
            field="start_date",
        )
    return {
        "class_type": ClassType(data.class_type).value,
        "organiser": organiser,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "name": " ".join(normalize(data.name).split())[:255],
    }


@transaction.atomic
def class_save(*, actor: Actor, code: str, data: ClassInput) -> TrainingClass:
    """Create the class with this code, or update it; the organiser must be editable by the actor.

    Saving the same data again changes nothing and logs nothing (imports are repeatable).
    """
    code = _check_code(code)
    _check_class_dates(data)
    values = _class_values(actor, data)
    existing = TrainingClass.objects.select_for_update().filter(code=code).first()
    if existing is None:
        created = TrainingClass.objects.create(code=code, **values)
        audit_record(
            actor=actor,
            action="create",
            object_type="training_class",
            object_id=created.pk,
            org_id=created.organiser_id,
        )
        return created
    return _class_update(actor, existing, values)


def _class_update(
    actor: Actor, existing: TrainingClass, values: dict[str, object]
) -> TrainingClass:
    try:
        class_for_edit(actor, existing.code)  # the current organiser must be the actor's too
    except NotFoundError:
        raise DomainError(
            f"Mã lớp “{existing.code}” đã được dùng cho một lớp khác.",
            code="duplicate",
            field="code",
        ) from None
    changes = {
        key: {"old": _loggable(getattr(existing, key)), "new": _loggable(value)}
        for key, value in values.items()
        if getattr(existing, key) != value
    }
    if changes:
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save()
        audit_record(
            actor=actor,
            action="update",
            object_type="training_class",
            object_id=existing.pk,
            org_id=existing.organiser_id,
            detail={"changes": changes},
        )
    return existing


def _loggable(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    code = getattr(value, "code", None)
    return code if isinstance(code, str) else value


def _check_certificate(training_class: TrainingClass, data: EnrolmentInput) -> None:
    if data.certificate_date is not None and data.certificate_date < training_class.start_date:
        raise DomainError(
            f"Ngày cấp giấy chứng nhận ({format_date(data.certificate_date)}) trước ngày khai "
            f"giảng lớp ({format_date(training_class.start_date)}).",
            field="certificate_date",
        )
    if data.certificate_number.strip() and TraineeResult(data.result) is not (
        TraineeResult.COMPLETED
    ):
        raise DomainError(
            "Học viên không hoàn thành lớp học thì không được cấp giấy chứng nhận.",
            field="certificate_number",
        )


@transaction.atomic
def enrolment_save(
    *, actor: Actor, class_code: str, person_id: int, data: EnrolmentInput
) -> Enrolment:
    """Enrol a person in a class or update their result; repeatable without duplicates."""
    training_class = class_for_edit(actor, class_code)
    person = person_get(scope=actor.scope, person_id=person_id)
    _check_certificate(training_class, data)
    values = {
        "result": TraineeResult(data.result).value,
        "certificate_number": normalize(data.certificate_number).strip()[:60],
        "certificate_date": data.certificate_date,
    }
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        training_class=training_class, person=person, defaults=values
    )
    changes = {
        key: {"old": _loggable(getattr(enrolment, key)), "new": _loggable(value)}
        for key, value in values.items()
        if not created and getattr(enrolment, key) != value
    }
    if changes:
        for key, value in values.items():
            setattr(enrolment, key, value)
        enrolment.save()
    if created or changes:
        class_counts_refresh([training_class.pk])
        audit_record(
            actor=actor,
            action="create" if created else "update",
            object_type="enrolment",
            object_id=enrolment.pk,
            org_id=person.current_org_id,
            detail={"person": person.pk, "class": training_class.code, "changes": changes},
        )
    return enrolment


@transaction.atomic
def enrolment_remove(*, actor: Actor, class_code: str, person_id: int) -> None:
    """Remove a person from a class (a trainee recorded by mistake)."""
    training_class = class_for_edit(actor, class_code)
    person = person_get(scope=actor.scope, person_id=person_id)
    deleted, _ = Enrolment.objects.filter(training_class=training_class, person=person).delete()
    if deleted:
        class_counts_refresh([training_class.pk])
        audit_record(
            actor=actor,
            action="delete",
            object_type="enrolment",
            object_id=f"{training_class.code}:{person.pk}",
            org_id=person.current_org_id,
            detail={"person": person.pk, "class": training_class.code},
        )
