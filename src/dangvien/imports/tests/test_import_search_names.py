"""Importing people keeps them findable by name over the whole tree (PostgreSQL's names table)."""

from __future__ import annotations

import pytest
from django.db import connection

from dangvien.accounts.scope import global_scope
from dangvien.imports.tests.conftest import Importer
from dangvien.imports.tests.test_import_people import person
from dangvien.imports.tests.workbooks import PEOPLE_HEADER
from dangvien.people import search
from dangvien.people.selectors import PersonFilter, person_list
from dangvien.testing import World

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SearchName is PostgreSQL's"),
]


def _found(text: str) -> list[str]:
    page = person_list(scope=global_scope(), filters=PersonFilter(q=text))
    return [p.full_name for p in page.items]


def test_people_imported_and_renamed_by_import_are_found_through_the_names(
    world: World, run_import: Importer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(search, "SMALL_SCOPE_UNITS", 0)  # search through the names

    # given a new person written by the import's COPY
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(full_name="Trần Thị Bích")]}).written
    assert _found("thi bich") == ["Trần Thị Bích"]

    # when the next import renames her (a bulk UPDATE)
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(full_name="Trần Thị Ngọc Bích")]}).written

    # then the new name finds her and the old one no longer does
    assert _found("ngoc bich") == ["Trần Thị Ngọc Bích"]
    assert _found("tran thi bich") == []
