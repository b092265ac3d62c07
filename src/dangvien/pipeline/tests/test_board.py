"""The board selector: each stage's longest-waiting cards, in a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvien.accounts.scope import scope_for
from dangvien.people.domain.enums import Status
from dangvien.pipeline import selectors, services
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.testing import make_person

GIVEN = ["An", "Bình", "Chi", "Dung"]


def _listed_on(pipe: Pipe, days: list[date]) -> list[int]:
    ids = []
    for index, day in enumerate(days):
        person = make_person(
            pipe.operator,
            f"0013000020{index:02d}",
            f"Ngô Văn {GIVEN[index]}",
            "CB-A1",
            Status.CANDIDATE,
        )
        candidacy = services.candidacy_open(
            actor=pipe.commune,
            person_id=person.pk,
            source_category="khac",
            opened_on=date(2025, 3, 3),
        )
        services.candidacy_list_add(actor=pipe.commune, candidacy_id=candidacy.pk, on=day)
        ids.append(candidacy.pk)
    return ids


def test_each_column_shows_the_longest_waiting_and_counts_the_rest(pipe: Pipe) -> None:
    # given three candidates listed on different days
    ids = _listed_on(pipe, [date(2025, 3, 12), date(2025, 3, 10), date(2025, 3, 11)])

    # when the board shows two cards a column
    columns = selectors.board(scope=scope_for(pipe.world.admin), per_stage=2)

    # then the column counts all three and shows the two listed first
    listed = next(c for c in columns if c.stage is Stage.CANDIDATE)
    assert listed.count == 3
    assert [card.pk for card in listed.cards] == [ids[1], ids[2]]
    assert listed.hidden == 1


def test_the_board_makes_the_same_queries_for_the_whole_tree_and_one_unit(
    pipe: Pipe, django_assert_num_queries: Any
) -> None:
    _listed_on(pipe, [date(2025, 3, 10), date(2025, 3, 11)])
    scope = scope_for(pipe.world.admin)

    with django_assert_num_queries(3):
        selectors.board(scope=scope)
    with django_assert_num_queries(3):
        selectors.board(scope=scope, org_path=scope.prefixes[0])
