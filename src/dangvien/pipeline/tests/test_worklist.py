"""Work lists roll overdue and due-soon work up the tree; calendar edits move the due dates."""

from __future__ import annotations

from datetime import date

from django.test import Client

from dangvien.accounts.actor import Actor, operator_actor
from dangvien.orgs.selectors import org_get
from dangvien.people.domain.enums import Status
from dangvien.pipeline import services
from dangvien.pipeline.models import Deadline
from dangvien.pipeline.tests.conftest import Pipe, actor_for
from dangvien.pipeline.tests.walk import to_probation
from dangvien.pipeline.worklist import worklist_items, worklist_rollup
from dangvien.testing import login, make_person


def _candidate_in_b(pipe: Pipe) -> None:
    person = make_person(pipe.operator, "001300000777", "Kiều Thị Bắc", "CB-B1", Status.CANDIDATE)
    actor = actor_for(pipe.world.commune_b_user)
    candidacy = services.candidacy_open(
        actor=actor, person_id=person.pk, source_category="khac", opened_on=date(2026, 9, 1)
    )
    services.candidacy_list_add(actor=actor, candidacy_id=candidacy.pk, on=date(2026, 9, 2))


def test_the_province_sees_each_communes_counts_in_one_grouped_query(
    pipe: Pipe, django_assert_max_num_queries
):
    to_probation(pipe)  # recognition vote due 05/10/2026: overdue on 15/10/2026
    _candidate_in_b(pipe)  # listed 02/09/2026: October's evaluation due 31/10, soon
    scope = operator_actor().scope
    province = org_get(scope=scope, code="P01")
    with django_assert_max_num_queries(3):
        rollup = worklist_rollup(scope=scope, node=province)
    counts = {node.code: (c.overdue, c.soon) for node, c in rollup.children}
    assert counts == {"XA-A": (1, 0), "XA-B": (0, 1)}
    assert (rollup.total.overdue, rollup.total.soon) == (1, 1)


def test_a_commune_sees_only_its_own_items_earliest_first(pipe: Pipe):
    to_probation(pipe)
    _candidate_in_b(pipe)
    actor: Actor = pipe.commune
    items = worklist_items(scope=actor.scope)
    assert [(i.person_name, i.kind.value) for i in items] == [
        ("Lê Thị Mai", "cho_chi_bo_xet_chinh_thuc")
    ]


def test_a_calendar_day_off_moves_every_open_due_date(pipe: Pipe):
    candidacy = to_probation(pipe)
    before = Deadline.objects.get(candidacy=candidacy, kind="cho_chi_bo_xet_chinh_thuc").due_on
    admin = actor_for(pipe.world.admin)
    services.calendar_day_edit(actor=admin, day=date(2026, 9, 15), kind="day_off", note="Nghỉ bù")
    after = Deadline.objects.get(candidacy=candidacy, kind="cho_chi_bo_xet_chinh_thuc").due_on
    # 30 working days after 20/08/2026, skipping 01-02/09/2026, then one more day off.
    assert (before, after) == (date(2026, 10, 5), date(2026, 10, 6))
    services.calendar_day_remove(actor=admin, day=date(2026, 9, 15))
    assert (
        Deadline.objects.get(candidacy=candidacy, kind="cho_chi_bo_xet_chinh_thuc").due_on == before
    )


def test_the_worklist_page_lists_the_overdue_item(pipe: Pipe):
    to_probation(pipe)
    page = login(Client(), pipe.world.commune_a_user).get(
        "/phat-trien/viec-can-lam/", {"qua_han": "1"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    items = body.split('id="work-items"')[1]
    assert "Lê Thị Mai" in items
    assert "Chi bộ xét công nhận chính thức" in items
