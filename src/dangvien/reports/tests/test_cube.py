"""The admissions cube stays equal to a full recount whatever changes and however it arrives."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from dangvien.conftest import World
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.services import OrgInput, org_change
from dangvien.people.domain.enums import Gender
from dangvien.people.models import Membership, Person
from dangvien.people.services import MembershipInput, PersonInput, membership_save, person_update
from dangvien.reports.cube import (
    _fill_in_parallel,
    _fill_in_sql,
    _insert,
    _placed,
    cube_ensure_fresh,
    cube_rebuild,
)
from dangvien.reports.domain.cube import fold_admissions
from dangvien.reports.models import AdmissionDay, AdmissionDirty
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db


def snapshot() -> set[tuple[object, ...]]:
    cube_ensure_fresh()
    return set(
        AdmissionDay.objects.values_list(
            "path",
            "day",
            "own",
            "admitted",
            "age_sum",
            "women",
            "age_18_30",
            "ethnic_minority",
        )
    )


def recounted() -> set[tuple[object, ...]]:
    cube_rebuild()
    return snapshot()


def test_a_new_admission_adds_to_every_unit_on_its_path(world: World):
    admit(world.operator, "CB-A1", date(2023, 3, 1))

    rows = snapshot()

    assert {(day, own, n) for _, day, own, n, *_ in rows} == {
        (date(2023, 3, 1), False, 1),
        (date(2023, 3, 1), True, 1),
    }
    assert len(rows) == 4  # province, commune, cell; and the cell's own row
    assert not AdmissionDirty.objects.exists()


def test_a_corrected_person_changes_the_categories_of_past_admissions(world: World):
    person = admit(world.operator, "CB-A1", date(2023, 3, 1))
    snapshot()
    data = PersonInput(
        citizen_id="001099000123",
        full_name=person.full_name,
        birth_date=date(2001, 1, 1),
        gender=Gender.FEMALE,
        ethnicity="tay",
    )

    person_update(
        actor=world.operator,
        person_id=person.pk,
        data=data,
        expected_version=Person.objects.get(pk=person.pk).version,
    )

    rows = snapshot()
    assert {(w, y, e) for *_, w, y, e in rows} == {(1, 1, 1)}
    assert rows == recounted()


def test_a_moved_decision_date_moves_the_admission(world: World):
    person = admit(world.operator, "CB-A1", date(2023, 3, 1))
    snapshot()
    membership = Membership.objects.get(person=person)

    membership_save(
        actor=world.operator,
        person_id=person.pk,
        membership_id=membership.pk,
        data=MembershipInput(decision_date=date(2023, 4, 2)),
    )

    assert {day for _, day, *_ in snapshot()} == {date(2023, 4, 2)}


def test_a_change_in_the_tree_moves_past_admissions_to_their_new_place(world: World):
    admit(world.operator, "CB-A1", date(2023, 3, 1))
    admit(world.operator, "CB-A1", date(2023, 9, 1))
    before = snapshot()

    org_change(
        actor=world.operator,
        org=world.cell_a1,
        effective=date(2023, 6, 1),
        data=OrgInput("Chi bộ thôn Đông", OrgType.CELL, "XA-B"),
        change="reparent",
    )

    after = snapshot()
    assert after != before
    assert after == recounted()


def test_memberships_loaded_in_bulk_are_caught_by_the_watermark(world: World):
    admit(world.operator, "CB-A1", date(2023, 3, 1))
    snapshot()
    person = Person.objects.get(pk=world.person_b.pk)
    Membership.objects.bulk_create(
        [
            Membership(person=person, decision_date=date(2010, 5, 5), admitted_in=world.cell_b1),
        ]
    )

    rows = snapshot()

    assert date(2010, 5, 5) in {day for _, day, *_ in rows}
    assert rows == recounted()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQL fold is PostgreSQL's rebuild path"
)
def test_the_sql_fold_gives_exactly_the_rows_of_the_python_fold(world: World):
    # Ages on and around birthdays (29 February included), every category, two cells.
    admit(world.operator, "CB-A1", date(2024, 2, 28), birth_date=date(2004, 2, 29))
    admit(world.operator, "CB-A1", date(2024, 3, 1), birth_date=date(2004, 2, 29))
    admit(world.operator, "CB-A1", date(2024, 3, 1), birth_date=date(1993, 3, 1), ethnicity="tay")
    admit(
        world.operator,
        "CB-A2",
        date(2024, 3, 1),
        birth_date=date(1993, 3, 2),
        gender=Gender.FEMALE,
        religion="phat_giao",
        youth_union=True,
        qualification="dai_hoc",
    )
    first, last = date(2024, 1, 1), date(2024, 12, 31)
    AdmissionDay.objects.all().delete()

    _fill_in_sql(first, last)
    in_sql = rows()
    AdmissionDay.objects.all().delete()
    _fill_in_parallel(first, last)
    through_scratch_table = rows()
    AdmissionDay.objects.all().delete()
    _insert(fold_admissions(_placed(first, last)))

    assert in_sql == rows()
    assert through_scratch_table == in_sql
    # 28/02: province, commune, cell, own row; 01/03: the same and the second cell, two own rows.
    assert len(in_sql) == 4 + 6


def rows() -> set[tuple[object, ...]]:
    fields = [f.attname for f in AdmissionDay._meta.fields if f.name != "id"]
    return set(AdmissionDay.objects.values_list(*fields))
