"""The training report from classes and enrolments, and the pipeline report from people records."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.conftest import World
from dangvien.people.domain.enums import Status
from dangvien.people.models import Membership
from dangvien.reports.selectors import report_build
from dangvien.reports.tests.factories import add_person, admit
from dangvien.training.domain.enums import ClassType, TraineeResult
from dangvien.training.services import ClassInput, EnrolmentInput, class_save, enrolment_save

pytestmark = pytest.mark.django_db


def build(world: World, kind: str, code: str, first: date, last: date) -> dict:
    return report_build(
        scope=world.operator.scope, kind=kind, code=code, date_from=first, date_to=last
    ).to_json()


def test_training_counts_classes_started_in_the_period_by_type(world: World):
    # given: two awareness classes in 2023 (three trainees, one not completed), one in 2024
    op = world.operator
    people = [
        world.person_a2.pk,
        *(
            add_person(op, "CB-A1", status=Status.CANDIDATE, since=date(2022, 1, 1)).pk
            for _ in range(2)
        ),
    ]
    for code, start in (
        ("NT-1", date(2023, 3, 6)),
        ("NT-2", date(2023, 9, 4)),
        ("NT-3", date(2024, 1, 8)),
    ):
        class_save(actor=op, code=code, data=ClassInput(ClassType.AWARENESS, "XA-A", start))
    enrolment_save(actor=op, class_code="NT-1", person_id=people[0], data=EnrolmentInput())
    enrolment_save(
        actor=op,
        class_code="NT-1",
        person_id=people[1],
        data=EnrolmentInput(TraineeResult.NOT_COMPLETED),
    )
    enrolment_save(actor=op, class_code="NT-2", person_id=people[2], data=EnrolmentInput())
    enrolment_save(actor=op, class_code="NT-3", person_id=people[1], data=EnrolmentInput())
    class_save(
        actor=op,
        code="SC-1",
        data=ClassInput(ClassType.ELEMENTARY_THEORY, "XA-B", date(2023, 5, 5)),
    )

    # when
    commune = build(world, "training", "XA-A", date(2023, 1, 1), date(2023, 12, 31))
    province = build(world, "training", "P01", date(2023, 1, 1), date(2023, 12, 31))

    # then
    assert commune["by_type"] == [
        {"type": "Nhận thức về Đảng", "classes": 2, "trainees": 3, "completed": 2},
        {
            "type": "Lý luận chính trị cho đảng viên mới",
            "classes": 0,
            "trainees": 0,
            "completed": 0,
        },
        {"type": "Sơ cấp lý luận chính trị", "classes": 0, "trainees": 0, "completed": 0},
    ]
    assert (province["classes"], province["trainees"], province["completed"]) == (3, 3, 2)


def test_the_pipeline_shows_candidates_waiting_decisions_and_overdue_ceremonies(world: World):
    # given: Hoa is a candidate; one person decided in March 2023 without a ceremony yet
    op = world.operator
    waiting = admit(op, "CB-A1", date(2023, 3, 1), candidate_since=date(2022, 3, 1))
    sworn = admit(op, "CB-A2", date(2023, 2, 1), candidate_since=date(2022, 2, 1))
    Membership.objects.filter(person=sworn).update(ceremony_date=date(2023, 2, 20))

    # when
    report = build(world, "pipeline", "XA-A", date(2023, 1, 1), date(2023, 6, 30))

    # then
    assert report["candidates"] == 3
    assert report["by_stage"] == {
        "quan_chung_uu_tu": 1,
        "co_quyet_dinh_ket_nap": 1,
        "du_bi": 1,
    }
    assert report["conversions"][0] == {
        "from": "quan_chung_uu_tu",
        "to": "co_quyet_dinh_ket_nap",
        "left": 2,
        "advanced": 2,
        "percent": 100.0,
    }
    assert report["median_days"]["quan_chung_uu_tu"] == 364.0
    assert report["overdue"]["count"] == 1
    assert report["overdue"]["steps"][0]["ref"] == str(waiting.pk)
    assert report["outlook"]["period"] == "2023"
