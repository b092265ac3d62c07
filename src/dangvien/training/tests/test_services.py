"""Saving classes and enrolments: validated, scoped, repeatable and logged."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.audit.models import AccessLog
from dangvien.conftest import World
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.models import Enrolment, TrainingClass
from dangvien.training.services import (
    ClassInput,
    EnrolmentInput,
    class_save,
    enrolment_remove,
    enrolment_save,
)

pytestmark = pytest.mark.django_db

AWARENESS = ClassInput(ClassType.AWARENESS, "XA-A", date(2023, 3, 6), date(2023, 3, 10))


def actor_of(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user, scope_for(user), "web")


def test_it_creates_a_class_then_updates_it_by_code(world: World):
    class_save(actor=world.operator, code="NT-2023-1", data=AWARENESS)
    changed = ClassInput(ClassType.AWARENESS, "XA-A", date(2023, 3, 6), date(2023, 3, 12), "Lớp 1")

    saved = class_save(actor=world.operator, code="NT-2023-1", data=changed)

    assert TrainingClass.objects.count() == 1
    assert (saved.end_date, saved.name) == (date(2023, 3, 12), "Lớp 1")
    assert AccessLog.objects.filter(object_type="training_class").count() == 2


def test_saving_the_same_class_twice_changes_and_logs_nothing(world: World):
    class_save(actor=world.operator, code="NT-2023-1", data=AWARENESS)

    class_save(actor=world.operator, code="NT-2023-1", data=AWARENESS)

    assert AccessLog.objects.filter(object_type="training_class").count() == 1


def test_it_refuses_an_end_before_the_start(world: World):
    data = ClassInput(ClassType.AWARENESS, "XA-A", date(2023, 3, 6), date(2023, 3, 1))

    with pytest.raises(DomainError, match="Ngày bế giảng"):
        class_save(actor=world.operator, code="NT-X", data=data)


def test_it_refuses_an_organiser_outside_the_users_scope(world: World):
    data = ClassInput(ClassType.AWARENESS, "XA-B", date(2023, 3, 6))

    with pytest.raises(DomainError, match="Không tìm thấy đơn vị"):
        class_save(actor=actor_of(world.commune_a_user), code="NT-B", data=data)


def test_a_viewer_may_not_open_a_class(world: World):
    with pytest.raises(PermissionDeniedError):
        class_save(actor=actor_of(world.viewer_a), code="NT-A", data=AWARENESS)


def test_another_communes_class_code_reads_as_taken(world: World):
    class_save(
        actor=world.operator,
        code="NT-1",
        data=ClassInput(ClassType.AWARENESS, "XA-B", date(2023, 3, 6)),
    )

    with pytest.raises(DomainError, match="đã được dùng"):
        class_save(actor=actor_of(world.commune_a_user), code="NT-1", data=AWARENESS)


def test_it_enrols_a_person_once_and_updates_the_result(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)
    enrolment_save(
        actor=world.operator, class_code="NT-1", person_id=world.person_a2.pk, data=EnrolmentInput()
    )

    enrolment_save(
        actor=world.operator,
        class_code="NT-1",
        person_id=world.person_a2.pk,
        data=EnrolmentInput(TraineeResult.COMPLETED, "123/CN", date(2023, 3, 10)),
    )

    enrolment = Enrolment.objects.get()
    assert (enrolment.certificate_number, enrolment.certificate_date) == (
        "123/CN",
        date(2023, 3, 10),
    )
    assert AccessLog.objects.filter(object_type="enrolment").count() == 2


def test_it_refuses_a_certificate_for_a_trainee_who_did_not_complete(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)

    with pytest.raises(DomainError, match="không được cấp giấy chứng nhận"):
        enrolment_save(
            actor=world.operator,
            class_code="NT-1",
            person_id=world.person_a2.pk,
            data=EnrolmentInput(TraineeResult.NOT_COMPLETED, "9/CN", date(2023, 3, 10)),
        )


def test_it_refuses_a_certificate_dated_before_the_class(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)

    with pytest.raises(DomainError, match="trước ngày khai giảng"):
        enrolment_save(
            actor=world.operator,
            class_code="NT-1",
            person_id=world.person_a2.pk,
            data=EnrolmentInput(certificate_date=date(2023, 1, 1)),
        )


def test_a_person_of_another_commune_cannot_be_enrolled(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)

    with pytest.raises(DomainError):
        enrolment_save(
            actor=actor_of(world.commune_a_user),
            class_code="NT-1",
            person_id=world.person_b.pk,
            data=EnrolmentInput(),
        )


def test_it_removes_an_enrolment_and_logs_it(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)
    enrolment_save(
        actor=world.operator, class_code="NT-1", person_id=world.person_a2.pk, data=EnrolmentInput()
    )

    enrolment_remove(actor=world.operator, class_code="NT-1", person_id=world.person_a2.pk)

    assert not Enrolment.objects.exists()
    assert AccessLog.objects.filter(object_type="enrolment", action="delete").count() == 1
