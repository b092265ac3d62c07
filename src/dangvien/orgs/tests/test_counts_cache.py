"""The home page's subtree counts: cached high in the tree, fresh after every committed change."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from dangvien.accounts.actor import operator_actor
from dangvien.orgs import selectors
from dangvien.orgs.domain.enums import OrgType
from dangvien.people.domain.enums import Status
from dangvien.testing import World, make_org, make_person

pytestmark = pytest.mark.django_db
Commits = Callable[..., AbstractContextManager[Any]]


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.DANGVIEN_COUNTS_CACHE_SECONDS = 600
    cache.clear()  # ids repeat between tests on SQLite: no counts from an earlier test


def _counts(code: str) -> tuple[selectors.Counts, int]:
    scope = operator_actor().scope
    node = selectors.org_get(scope=scope, code=code)
    with CaptureQueriesContext(connection) as queries:
        counts = selectors.subtree_counts(nodes=[node], day=scope.day)[node.id]
    return counts, len(queries)


def test_a_province_is_counted_once_then_read_from_the_cache(world: World):
    first, counted = _counts("P01")
    again, read = _counts("P01")

    assert again == first
    assert (first.cells, first.members, first.candidates) == (3, 2, 1)
    assert read == 1  # the generation only
    assert counted > read


def test_a_committed_new_member_shows_at_once(
    world: World, django_capture_on_commit_callbacks: Commits
):
    _counts("P01")

    with django_capture_on_commit_callbacks(execute=True):
        make_person(world.operator, "001090000999", "Lê Văn Mới", "CB-A1", Status.OFFICIAL)

    assert _counts("P01")[0].members == 3


def test_a_new_cell_shows_at_once(world: World, django_capture_on_commit_callbacks: Commits):
    _counts("P01")

    with django_capture_on_commit_callbacks(execute=True):
        make_org(operator_actor(), "CB-A3", "Chi bộ thôn Mới", OrgType.CELL, "XA-A")

    assert _counts("P01")[0].cells == 4


def test_a_change_rolled_back_leaves_the_next_commit_still_counted(
    world: World, django_capture_on_commit_callbacks: Commits
):
    _counts("P01")
    with transaction.atomic():
        make_person(world.operator, "001090000998", "Lê Văn Lùi", "CB-A1", Status.OFFICIAL)
        transaction.set_rollback(True)

    with django_capture_on_commit_callbacks(execute=True):
        make_person(world.operator, "001090000997", "Lê Văn Tới", "CB-A1", Status.OFFICIAL)

    assert _counts("P01")[0].members == 3


def test_a_commune_is_always_counted_afresh(world: World):
    _counts("XA-A")

    counts, queries = _counts("XA-A")

    assert counts.members == 1
    assert queries > 1
