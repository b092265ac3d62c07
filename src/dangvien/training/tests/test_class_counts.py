"""Each class's trainee and completion counts follow its enrolments."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.conftest import World
from dangvien.core.consistency import class_counts_check
from dangvien.training.class_counts import class_counts_disagreements, class_counts_refresh
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.models import TrainingClass
from dangvien.training.services import (
    ClassInput,
    EnrolmentInput,
    class_save,
    enrolment_remove,
    enrolment_save,
)

pytestmark = pytest.mark.django_db

AWARENESS = ClassInput(ClassType.AWARENESS, "XA-A", date(2023, 3, 6), date(2023, 3, 10))
COMPLETED = EnrolmentInput()
NOT_COMPLETED = EnrolmentInput(TraineeResult.NOT_COMPLETED)


def counts(code: str) -> tuple[int, int]:
    training_class = TrainingClass.objects.get(code=code)
    return training_class.trainee_count, training_class.completed_count


def enrol(world: World, person_id: int, data: EnrolmentInput = COMPLETED) -> None:
    enrolment_save(actor=world.operator, class_code="NT-1", person_id=person_id, data=data)


def test_a_new_class_counts_no_trainee(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)

    assert counts("NT-1") == (0, 0)


def test_enrolling_counts_the_trainee_and_a_completion_only_when_completed(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)

    enrol(world, world.person_a2.pk)
    enrol(world, world.person_a.pk, NOT_COMPLETED)

    assert counts("NT-1") == (2, 1)


def test_changing_a_result_moves_the_completion_count_and_not_the_trainees(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)
    enrol(world, world.person_a2.pk)

    enrol(world, world.person_a2.pk, NOT_COMPLETED)

    assert counts("NT-1") == (1, 0)


def test_removing_a_trainee_takes_them_out_of_both_counts(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)
    enrol(world, world.person_a2.pk)
    enrol(world, world.person_a.pk, NOT_COMPLETED)

    enrolment_remove(actor=world.operator, class_code="NT-1", person_id=world.person_a2.pk)

    assert counts("NT-1") == (1, 0)


def test_the_check_finds_a_class_whose_counts_drifted_and_a_refresh_repairs_it(world: World):
    class_save(actor=world.operator, code="NT-1", data=AWARENESS)
    enrol(world, world.person_a2.pk)
    assert class_counts_check().ok
    TrainingClass.objects.filter(code="NT-1").update(completed_count=5)

    assert class_counts_disagreements() == 1
    assert class_counts_check().problems == 1

    assert class_counts_refresh() == 1
    assert counts("NT-1") == (1, 1)
    assert class_counts_check().ok


def test_the_demo_classes_carry_the_counts_a_recount_gives(db: None):
    synth = pytest.importorskip("dangvien.synth.writer")
    from dangvien.training.demo import training_demo_seed

    synth.synth_load("commune", 7, accounts=False)
    training_demo_seed(seed=7)

    assert TrainingClass.objects.filter(trainee_count__gt=0).exists()
    assert class_counts_disagreements() == 0
