"""Changes to the tree keep the derived spans right, and bad input changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.actor import operator_actor
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.orgs import selectors
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import decode_path
from dangvien.orgs.models import Organization, OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.orgs.services import OrgInput, org_change, org_create, org_rename
from dangvien.orgs.spans import spans_rebuild_all
from dangvien.testing import World

pytestmark = pytest.mark.django_db

REFORM = date(2025, 7, 1)


def _path_ids(org: Organization, day: date) -> list[int]:
    return decode_path(spans_on(day).get(org=org).path)


def test_moving_a_commune_moves_its_cells_from_the_effective_date(world: World):
    # given commune B moves under a new district-level parent from 01/07/2025
    bloc = org_create(
        actor=operator_actor(), code="KHOI", data=OrgInput("Đảng bộ khối", OrgType.BLOC, "P01")
    )
    # when
    org_change(
        actor=operator_actor(),
        org=world.commune_b,
        effective=REFORM,
        change="reparent",
        data=OrgInput("Đảng bộ xã Bình Minh", OrgType.COMMUNE, "KHOI"),
    )
    # then the cell under B is under the bloc from that day, not before
    assert bloc.pk not in _path_ids(world.cell_b1, date(2025, 6, 30))
    assert _path_ids(world.cell_b1, REFORM) == [
        world.province.pk,
        bloc.pk,
        world.commune_b.pk,
        world.cell_b1.pk,
    ]


def test_the_incremental_rebuild_equals_a_full_rebuild(world: World):
    org_change(
        actor=operator_actor(),
        org=world.cell_a2,
        effective=REFORM,
        change="reparent",
        data=OrgInput("Chi bộ thôn Tây", OrgType.CELL, "XA-B"),
    )
    incremental = sorted(OrgSpan.objects.values_list("org_id", "path", "valid_from", "valid_to"))
    spans_rebuild_all()
    full = sorted(OrgSpan.objects.values_list("org_id", "path", "valid_from", "valid_to"))
    assert incremental == full


def test_a_move_under_its_own_descendant_is_refused_and_changes_nothing(world: World):
    before = sorted(OrgSpan.objects.values_list("org_id", "path"))
    with pytest.raises(DomainError) as info:
        org_change(
            actor=operator_actor(),
            org=world.commune_a,
            effective=REFORM,
            change="reparent",
            data=OrgInput("Đảng bộ xã An Phú", OrgType.COMMUNE, "CB-A1"),
        )
    assert info.value.code == "org_cycle"
    assert sorted(OrgSpan.objects.values_list("org_id", "path")) == before


def test_a_duplicate_code_is_refused_with_a_vietnamese_message(world: World):
    with pytest.raises(DomainError, match="đã được dùng"):
        org_create(
            actor=world.operator, code="XA-A", data=OrgInput("Trùng", OrgType.COMMUNE, "P01")
        )


def test_a_code_with_spaces_or_diacritics_is_refused(world: World):
    with pytest.raises(DomainError, match="không hợp lệ"):
        org_create(actor=world.operator, code="Xã A", data=OrgInput("X", OrgType.COMMUNE, "P01"))


def test_a_commune_user_cannot_create_under_another_commune(world: World):
    from dangvien.accounts.actor import Actor
    from dangvien.accounts.scope import scope_for

    actor = Actor(world.commune_a_user, scope_for(world.commune_a_user))
    with pytest.raises(NotFoundError):
        org_create(actor=actor, code="CB-X", data=OrgInput("Chi bộ X", OrgType.CELL, "XA-B"))
    assert not Organization.objects.filter(code="CB-X").exists()


def test_renaming_changes_the_name_shown_today(world: World):
    org_rename(
        actor=world.operator, org=world.cell_a1, name="  Chi bộ  thôn Đông Mới ", may_admit=False
    )
    node = selectors.org_get(scope=operator_actor().scope, code="CB-A1")
    assert node.name == "Chi bộ thôn Đông Mới"


def test_subtree_counts_roll_up_members_and_candidates(world: World):
    scope = operator_actor().scope
    province = selectors.org_get(scope=scope, code="P01")
    counts = selectors.subtree_counts(nodes=[province], day=scope.day)[province.id]
    assert (counts.cells, counts.members, counts.candidates) == (3, 2, 1)
    children = selectors.org_children(scope=scope, node=province)
    per_child = selectors.subtree_counts(nodes=children, day=scope.day)
    by_code = {c.code: per_child[c.id] for c in children}
    assert by_code["XA-A"].members == 1
    assert by_code["XA-A"].candidates == 1
    assert by_code["XA-B"].members == 1
