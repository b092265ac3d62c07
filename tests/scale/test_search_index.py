"""Name search: the trigram indexes (0003) and the distinct names (0005) find what a scan finds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Concat

from dangvien.accounts.scope import global_scope
from dangvien.core.consistency import search_index_check
from dangvien.core.domain.text import search_key
from dangvien.people.models import Person, SearchName
from dangvien.people.selectors import PersonFilter, people_in_scope, person_list
from dangvien.people.services import PersonInput, person_update
from dangvien.people.tests.test_search import WAYS, all_pages, use_way

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")


def _found(text: str) -> list[int]:
    page = person_list(scope=global_scope(), filters=PersonFilter(q=text), limit=200)
    return [person.pk for person in page.items]


def _found_page_by_page(text: str, limit: int) -> list[int]:
    return [person.pk for person in all_pages(text, limit)]


def _scanned(text: str, limit: int = 200) -> list[int]:
    """Return what a scan of every name finds, in list order (no index can serve it)."""
    bare = Concat("name_key", Value(""), output_field=CharField())
    people = (
        people_in_scope(global_scope())
        .annotate(bare=bare)
        .filter(bare__contains=search_key(text))
        .order_by("sort_key", "pk")
    )
    return list(people.values_list("pk", flat=True)[:limit])


def test_a_search_ignores_diacritics_and_the_d_with_a_bar(world):
    assert _found("dang thi hoa") == [world.person_a2.pk]
    assert _found("Đặng Thị") == [world.person_a2.pk]


def test_a_renamed_person_is_found_by_the_new_name_only(world):
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

    assert _found("lo van khanh") == [person.pk]
    assert _found("duong van binh") == []


def test_a_deleted_person_leaves_the_index(world):
    Person.objects.filter(pk=world.person_b.pk).delete()

    assert _found("duong van binh") == []
    assert search_index_check().ok


@sqlite_only
def test_the_fts5_table_is_kept_by_triggers(world):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'people_person'"
        )
        triggers = {row[0] for row in cursor.fetchall()}

    assert {"people_person_fts_insert", "people_person_fts_delete", "people_person_fts_update"} <= (
        triggers
    )
    assert search_index_check().ok


@postgresql_only
def test_the_trigram_index_exists_and_is_valid(world):
    assert search_index_check().ok


# Last: the module's synthetic commune stays loaded from its first use to the end.
@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    "text", ["nguyễn văn", "NGUYEN VAN A", "thị h", "đặng", "an", "xyzq", "dun", "van"]
)
def test_a_search_finds_exactly_what_a_scan_finds(commune, monkeypatch, way, text):
    use_way(way, monkeypatch)

    assert _found(text) == _scanned(text)


@pytest.mark.parametrize("way", WAYS)
def test_every_page_of_a_common_name_follows_the_scan(commune, monkeypatch, way):
    use_way(way, monkeypatch)
    everyone = _scanned("thi", limit=100_000)

    assert len(everyone) > 200
    assert _found_page_by_page("thi", limit=97) == everyone


@postgresql_only
def test_every_generated_name_is_among_the_distinct_names(commune):
    listed = SearchName.objects.filter(sort_key=OuterRef("sort_key"), name_key=OuterRef("name_key"))

    assert Person.objects.exists()
    assert not Person.objects.exclude(Exists(listed)).exists()
