"""Name search: what a typed name finds, in which order, for whom, whichever way it runs."""

from __future__ import annotations

import unicodedata

import pytest
from django.db import connection

from dangvien.accounts.scope import Scope, global_scope, scope_for
from dangvien.people import search
from dangvien.people.domain.enums import Status
from dangvien.people.models import Person, SearchName
from dangvien.people.selectors import PersonFilter, person_list
from dangvien.people.services import PersonInput, person_update
from dangvien.synth.reset import data_truncate
from dangvien.testing import World, make_person

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SearchName")


WAYS = ["within the people", "through the names", "through the names, collected"]


def use_way(way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make name search run one way; the ways through the names exist on PostgreSQL only."""
    if way == "within the people":
        return
    if connection.vendor != "postgresql":
        pytest.skip("the distinct names exist on PostgreSQL only")
    # Every scope counts as large, and one name per round exercises the rounds.
    monkeypatch.setattr(search, "SMALL_SCOPE_UNITS", 0)
    monkeypatch.setattr(search, "NAME_BATCH_FIRST", 1)
    if way.endswith("collected"):
        # A window of two names: the matches after it are collected and sorted.
        monkeypatch.setattr(search, "WALK_WINDOW", 2)


@pytest.fixture(params=WAYS)
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test each way name search can go."""
    use_way(request.param, monkeypatch)
    return str(request.param)


def _names(text: str, scope: Scope | None = None, limit: int = 50) -> list[str]:
    page = person_list(scope=scope or global_scope(), filters=PersonFilter(q=text), limit=limit)
    return [person.full_name for person in page.items]


def all_pages(text: str, limit: int) -> list[Person]:
    """Return everyone a search finds, following the cursor page by page."""
    found: list[Person] = []
    cursor = ""
    while True:
        page = person_list(
            scope=global_scope(), filters=PersonFilter(q=text), cursor=cursor, limit=limit
        )
        found += page.items
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


def _all_pages(text: str, limit: int) -> list[str]:
    return [person.full_name for person in all_pages(text, limit)]


def test_a_plain_d_finds_the_d_with_a_stroke(world: World, way: str):
    make_person(world.operator, "001090000011", "Đinh Công Đức", "CB-A1", Status.OFFICIAL)

    assert _names("dinh cong duc") == ["Đinh Công Đức"]
    assert _names("Đức") == ["Đinh Công Đức"]


def test_a_decomposed_query_finds_the_composed_name(world: World, way: str):
    typed = unicodedata.normalize("NFD", "Đặng Thị Hoa")

    assert typed != "Đặng Thị Hoa"
    assert _names(typed) == ["Đặng Thị Hoa"]


def test_part_of_a_given_name_finds_it_anywhere_in_the_name(world: World, way: str):
    make_person(world.operator, "001090000012", "Bình Văn Tú", "CB-A2", Status.OFFICIAL)

    # In list order: given name first, so Tú (Bình Văn) comes after Bình (Dương Văn).
    assert _names("bin") == ["Dương Văn Bình", "Bình Văn Tú"]
    assert _names("van b") == ["Dương Văn Bình"]


def test_a_search_finds_nobody_outside_the_users_part_of_the_tree(world: World, way: str):
    commune_a = scope_for(world.commune_a_user)

    assert _names("van", commune_a) == ["Nguyễn Văn An"]
    assert _names("binh", commune_a) == []
    assert _names("van") == ["Nguyễn Văn An", "Dương Văn Bình"]


def test_the_pages_of_a_search_follow_each_other_in_list_order(world: World, way: str):
    for index, name in enumerate(["Trần Dũng", "Lê Văn Dũng", "Phạm Văn Dụng", "Lê Văn Dung"]):
        make_person(world.operator, f"00109000002{index}", name, "CB-B1", Status.OFFICIAL)
    make_person(world.operator, "001090000029", "Lê Văn Dũng", "CB-A1", Status.OFFICIAL)

    # Given name, then family, then middle; tones only break ties (Dung < Dũng).
    expected = ["Lê Văn Dung", "Lê Văn Dũng", "Lê Văn Dũng", "Phạm Văn Dụng", "Trần Dũng"]
    assert _names("dung") == expected
    for limit in (1, 2, 3):
        assert _all_pages("dung", limit) == expected


def test_a_renamed_person_is_found_by_the_new_name_only(world: World, way: str):
    person = world.person_b
    data = PersonInput(
        citizen_id=person.citizen_id,
        full_name="Lò Văn Khánh",
        birth_date=person.birth_date,
        gender=person.gender,
    )
    person_update(
        actor=world.operator, person_id=person.pk, data=data, expected_version=person.version
    )

    assert _names("lo van khanh") == ["Lò Văn Khánh"]
    assert _names("duong van binh") == []


def test_a_commune_searches_within_its_people_and_the_whole_tree_through_the_names(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    commune_a = scope_for(world.commune_a_user)
    monkeypatch.setattr(search, "SMALL_SCOPE_UNITS", 3)

    # Commune A has 3 units (itself and two cells); the province has 6.
    assert search.walks_names(commune_a, "") is False
    assert search.walks_names(global_scope(), "") is (connection.vendor == "postgresql")
    # Filtered down to one commune, the national administrator's search is a commune's.
    assert search.walks_names(global_scope(), commune_a.prefixes[0]) is False


@postgresql_only
def test_every_name_written_is_among_the_distinct_names(world: World):
    names = set(SearchName.objects.values_list("name_key", flat=True))

    assert {"nguyen van an", "dang thi hoa", "duong van binh"} <= names


@postgresql_only
def test_a_rename_by_a_bulk_update_adds_the_new_name(world: World):
    Person.objects.filter(pk=world.person_a.pk).update(
        name_key="nguyen van anh", sort_key="renamed-key"
    )

    assert SearchName.objects.filter(name_key="nguyen van anh", sort_key="renamed-key").exists()
    # The old name stays: it finds nobody, and nobody is lost by removing too early.
    assert SearchName.objects.filter(name_key="nguyen van an").exists()


@postgresql_only
def test_the_generators_reset_empties_the_distinct_names(world: World):
    data_truncate()

    assert not SearchName.objects.exists()
