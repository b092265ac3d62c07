"""Person records: creation, updates, status changes, tallies; bad input changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangvien.audit.models import AccessLog
from dangvien.core.consistency import open_dossiers_check
from dangvien.core.domain.errors import DomainError
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.models import CellTally, Person, StatusPeriod
from dangvien.people.services import (
    MembershipInput,
    PersonInput,
    membership_save,
    person_create,
    person_status_change,
    person_update,
    tally_rebuild,
)
from dangvien.pipeline.services import candidacy_open
from dangvien.testing import World

pytestmark = pytest.mark.django_db

BASE = PersonInput(
    citizen_id="034199001234",
    full_name="Lò Văn Páo",
    birth_date=date(1999, 1, 2),
    gender=Gender.MALE,
    ethnicity="Thái",
    religion="",
    qualification="Đại học",
)


def _tallies() -> dict[tuple[str, str], int]:
    return {(t.org.code, t.status): t.count for t in CellTally.objects.select_related("org")}


def test_a_new_person_gets_codes_keys_a_period_and_a_tally(world: World):
    person = person_create(
        actor=world.operator,
        data=BASE,
        org_code="CB-A1",
        status=Status.CANDIDATE,
        since=date(2024, 5, 1),
    )
    assert (person.ethnicity, person.qualification) == ("thai", "dai_hoc")
    assert person.name_key == "lo van pao"
    assert StatusPeriod.objects.get(person=person).status == Status.CANDIDATE
    assert _tallies()[("CB-A1", Status.CANDIDATE)] == 1
    assert AccessLog.objects.filter(action="create", object_id=str(person.pk)).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"citizen_id": "12345"}, "phải gồm đúng 12 chữ số"),
        ({"full_name": "   "}, "không được để trống"),
        ({"ethnicity": "Người sao Hỏa"}, "không có trong danh mục"),
        ({"birth_date": date(2030, 1, 1)}, "tương lai"),
        ({"citizen_id": "001090000001"}, "đã có trong hồ sơ"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(world: World, change, message):
    before = Person.objects.count()
    with pytest.raises(DomainError, match=message):
        person_create(
            actor=world.operator,
            data=replace(BASE, **change),
            org_code="CB-A1",
            status=Status.CANDIDATE,
            since=date(2024, 5, 1),
        )
    assert Person.objects.count() == before


def test_a_person_cannot_be_placed_in_a_commune_instead_of_a_cell(world: World):
    with pytest.raises(DomainError, match="không phải là chi bộ"):
        person_create(
            actor=world.operator,
            data=BASE,
            org_code="XA-A",
            status=Status.CANDIDATE,
            since=date(2024, 5, 1),
        )


def test_an_update_from_a_stale_version_is_refused(world: World):
    person = world.person_a
    person_update(
        actor=world.operator,
        person_id=person.pk,
        expected_version=person.version,
        data=replace(BASE, citizen_id=person.citizen_id, full_name="Nguyễn Văn Ân"),
    )
    with pytest.raises(DomainError, match="người khác sửa") as info:
        person_update(
            actor=world.operator,
            person_id=person.pk,
            expected_version=person.version,
            data=replace(BASE, citizen_id=person.citizen_id, full_name="Nguyễn Văn Ẩn"),
        )
    assert info.value.code == "conflict"
    assert Person.objects.get(pk=person.pk).full_name == "Nguyễn Văn Ân"


def test_an_update_logs_old_and_new_values(world: World):
    person = world.person_a
    person_update(
        actor=world.operator,
        person_id=person.pk,
        expected_version=person.version,
        data=replace(BASE, citizen_id=person.citizen_id, full_name="Nguyễn Văn Ân"),
    )
    entry = AccessLog.objects.filter(action="update", object_id=str(person.pk)).latest("id")
    assert entry.detail["changes"]["full_name"] == {"old": "Nguyễn Văn An", "new": "Nguyễn Văn Ân"}


def test_moving_to_another_cell_closes_the_period_and_moves_the_tally(world: World):
    person_status_change(
        actor=world.operator,
        person_id=world.person_a.pk,
        status=Status.OFFICIAL,
        org_code="CB-B1",
        since=date(2024, 9, 1),
        note="Chuyển sinh hoạt",
    )
    periods = list(StatusPeriod.objects.filter(person=world.person_a).order_by("valid_from"))
    assert periods[0].valid_to == date(2024, 8, 31)
    assert periods[1].org.code == "CB-B1"
    assert _tallies()[("CB-A1", Status.OFFICIAL)] == 0
    assert _tallies()[("CB-B1", Status.OFFICIAL)] == 2


def test_moving_a_candidate_to_another_cell_takes_her_open_dossier_along(world: World):
    # given Hoa, a candidate of A2 with an open dossier
    candidacy = candidacy_open(
        actor=world.operator,
        person_id=world.person_a2.pk,
        source_category="doan_vien_uu_tu",
        opened_on=date(2025, 3, 3),
    )
    # when she moves to A1
    person_status_change(
        actor=world.operator,
        person_id=world.person_a2.pk,
        status=Status.CANDIDATE,
        org_code="CB-A1",
        since=date(2025, 6, 1),
    )
    # then the dossier is in A1 too, and the consistency check agrees
    candidacy.refresh_from_db()
    assert candidacy.cell_id == world.cell_a1.pk
    assert candidacy.transitions.latest("id").action == "follow_person"
    assert open_dossiers_check().problems == 0


def test_an_illegal_status_change_is_refused(world: World):
    person_status_change(
        actor=world.operator,
        person_id=world.person_b.pk,
        status=Status.DECEASED,
        org_code="CB-B1",
        since=date(2024, 1, 1),
    )
    with pytest.raises(DomainError, match="trạng thái cuối"):
        person_status_change(
            actor=world.operator,
            person_id=world.person_b.pk,
            status=Status.OFFICIAL,
            org_code="CB-B1",
            since=date(2024, 6, 1),
        )


def test_membership_dates_must_be_in_order(world: World):
    bad = MembershipInput(decision_date=date(2020, 5, 1), ceremony_date=date(2020, 4, 1))
    with pytest.raises(DomainError, match="không thể trước ngày quyết định"):
        membership_save(actor=world.operator, person_id=world.person_a.pk, data=bad)


def test_the_tally_rebuild_matches_the_maintained_tallies(world: World):
    person_status_change(
        actor=world.operator,
        person_id=world.person_a2.pk,
        status=Status.PROBATIONARY,
        org_code="CB-A2",
        since=date(2024, 3, 1),
    )
    maintained = {k: v for k, v in _tallies().items() if v}
    tally_rebuild()
    assert _tallies() == maintained
