"""The unit drop-down: bounded whatever the scope, one query, any unit reachable by its code."""

from __future__ import annotations

import pytest

from dangvien.accounts.scope import scope_for
from dangvien.core.domain.errors import NotFoundError
from dangvien.orgs import selectors
from dangvien.orgs.domain.enums import OrgType
from dangvien.testing import World, make_org

pytestmark = pytest.mark.django_db


def _codes(choices: selectors.UnitChoices) -> list[str]:
    return [node.code for node in choices.nodes]


def test_a_small_scope_lists_its_units_and_cells_in_tree_order(world: World):
    choices = selectors.unit_choices(scope=scope_for(world.admin))

    assert _codes(choices) == ["P01", "XA-A", "CB-A1", "CB-A2", "XA-B", "CB-B1"]
    assert not choices.truncated
    assert choices.selected is None


def test_a_commune_committee_sees_only_its_own_commune_and_cells(world: World):
    choices = selectors.unit_choices(scope=scope_for(world.commune_a_user))

    assert _codes(choices) == ["XA-A", "CB-A1", "CB-A2"]


def test_too_many_cells_leaves_them_out_and_says_so(world: World):
    choices = selectors.unit_choices(scope=scope_for(world.admin), limit=2)

    assert _codes(choices) == ["P01", "XA-A", "XA-B"]
    assert choices.truncated


def test_grandchildren_stay_when_few_even_if_the_cells_are_too_many(world: World):
    # given a partial committee under commune A, with two cells of its own
    op = world.operator
    make_org(op, "BP-A", "Đảng ủy bộ phận thôn Nam", OrgType.PARTIAL_COMMITTEE, "XA-A")
    make_org(op, "CB-A3", "Chi bộ xóm 1", OrgType.CELL, "BP-A")
    make_org(op, "CB-A4", "Chi bộ xóm 2", OrgType.CELL, "BP-A")

    # when the province's five cells are over the limit but its four grandchildren are not
    choices = selectors.unit_choices(scope=scope_for(world.admin), limit=4)

    # then the cells under the partial committee are left out, the grandchildren listed
    assert _codes(choices) == ["P01", "XA-A", "CB-A1", "CB-A2", "BP-A", "XA-B", "CB-B1"]
    assert choices.truncated


def test_a_unit_asked_for_is_included_and_selected_even_when_left_out(world: World):
    choices = selectors.unit_choices(scope=scope_for(world.admin), selected="CB-B1", limit=2)

    assert _codes(choices) == ["P01", "XA-A", "XA-B", "CB-B1"]
    assert choices.selected is not None
    assert choices.selected.code == "CB-B1"
    assert choices.truncated


def test_a_unit_outside_the_scope_is_not_found(world: World):
    with pytest.raises(NotFoundError):
        selectors.unit_choices(scope=scope_for(world.commune_a_user), selected="CB-B1")


def test_an_unknown_unit_is_not_found(world: World):
    with pytest.raises(NotFoundError):
        selectors.unit_choices(scope=scope_for(world.admin), selected="KHONG-CO")


def test_it_makes_one_query_for_a_part_and_for_the_whole(world: World, django_assert_num_queries):
    small = scope_for(world.commune_a_user)
    whole = scope_for(world.admin)

    with django_assert_num_queries(1):
        selectors.unit_choices(scope=small, selected="CB-A1")
    with django_assert_num_queries(1):
        selectors.unit_choices(scope=whole, selected="CB-A1", limit=1)
