"""Votes: consistent counts, the two-thirds threshold in integers, escalation after failures."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.rulesets import RULES_2025_07
from dangvien.pipeline.domain.stages import Action
from dangvien.pipeline.domain.votes import (
    VoteMethod,
    VoteRecord,
    cell_vote_action,
    cell_vote_passes,
    committee_vote_passes,
    required_for,
)

RULES = RULES_2025_07
TWO_THIRDS = Fraction(2, 3)
FEW = settings(max_examples=100, deadline=None)


def vote(
    eligible: int, in_favour: int, *, present: int | None = None, against: int = 0
) -> VoteRecord:
    """Return a secret-ballot record, everyone present unless said otherwise."""
    return VoteRecord(
        eligible=eligible,
        present=eligible if present is None else present,
        in_favour=in_favour,
        against=against,
        method=VoteMethod.SECRET_BALLOT,
    )


@pytest.mark.parametrize(
    ("eligible", "needed"), [(26, 18), (3, 2), (9, 6), (1, 1), (2, 2), (4, 3), (0, 0)]
)
def test_two_thirds_is_rounded_up(eligible: int, needed: int) -> None:
    assert required_for(eligible, TWO_THIRDS) == needed


def test_18_of_26_official_members_pass_and_the_message_shows_the_numbers() -> None:
    decision = cell_vote_passes(vote(26, 18, against=8), RULES)
    assert decision.ok
    (reason,) = decision.reasons
    assert reason.message.startswith(
        "Đạt: 18/26 đảng viên chính thức tán thành, cần ít nhất 18 (2/3 của 26)"
    )
    assert reason.citation == RULES.cell_vote_threshold.citation


def test_17_of_26_official_members_fail() -> None:
    decision = cell_vote_passes(vote(26, 17, against=9), RULES)
    assert not decision.ok
    assert decision.messages[0].startswith("Không đạt: 17/26 đảng viên chính thức tán thành")


def test_absent_members_count_against_the_threshold() -> None:
    # 18 present all agreeing pass; 17 present all agreeing do not: the base is 26.
    assert cell_vote_passes(vote(26, 18, present=18), RULES).ok
    assert not cell_vote_passes(vote(26, 17, present=17), RULES).ok


def test_a_committee_vote_speaks_of_committee_members() -> None:
    decision = committee_vote_passes(vote(9, 6, against=3), RULES)
    assert decision.ok
    assert "6/9 cấp ủy viên tán thành" in decision.messages[0]


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        (
            {"eligible": 5, "present": 6, "in_favour": 4, "against": 0},
            "present",
            "số có mặt (6) lớn hơn",
        ),
        ({"eligible": 5, "present": 4, "in_favour": 3, "against": 2}, "in_favour", "(3 + 2)"),
        (
            {"eligible": 5, "present": 5, "in_favour": -1, "against": 0},
            "in_favour",
            "không được âm",
        ),
        ({"eligible": 0, "present": 0, "in_favour": 0, "against": 0}, "eligible", "không có ai"),
    ],
)
def test_inconsistent_counts_are_refused_in_vietnamese(
    fields: dict[str, int], field: str, fragment: str
) -> None:
    with pytest.raises(DomainError) as caught:
        VoteRecord(**fields, method=VoteMethod.SHOW_OF_CARDS)
    assert caught.value.code == "invalid_vote"
    assert caught.value.field == field
    assert fragment in caught.value.message


def test_every_inconsistency_is_listed_at_once() -> None:
    with pytest.raises(DomainError) as caught:
        VoteRecord(eligible=3, present=4, in_favour=4, against=1, method=VoteMethod.SHOW_OF_CARDS)
    assert "lớn hơn số có quyền" in caught.value.message
    assert "lớn hơn số có mặt" in caught.value.message


def test_blank_ballots_are_neither_for_nor_against() -> None:
    assert vote(10, 6, present=9, against=2).not_agreeing == 1


@pytest.mark.parametrize(
    ("passed", "failed_before", "action"),
    [
        (True, 0, Action.RECORD_CELL_VOTE),
        (True, 2, Action.RECORD_CELL_VOTE),
        (False, 0, Action.RECORD_FAILED_CELL_VOTE),
        (False, 1, Action.RECORD_FAILED_CELL_VOTE),
        (False, 2, Action.ESCALATE),
    ],
)
def test_the_third_failed_vote_escalates(passed: bool, failed_before: int, action: Action) -> None:
    assert cell_vote_action(passed=passed, failed_before=failed_before, rule_set=RULES) is action


def test_method_labels_are_vietnamese() -> None:
    assert VoteMethod.SECRET_BALLOT.label == "Bỏ phiếu kín"
    assert VoteMethod.SHOW_OF_CARDS.label == "Biểu quyết giơ thẻ"


@FEW
@given(st.integers(min_value=0, max_value=10_000))
def test_required_for_is_the_smallest_integer_reaching_two_thirds(eligible: int) -> None:
    needed = required_for(eligible, TWO_THIRDS)
    assert 3 * needed >= 2 * eligible
    assert 3 * (needed - 1) < 2 * eligible


@FEW
@given(
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=50),
    st.integers(min_value=1, max_value=50),
)
def test_required_for_is_exact_for_any_fraction(eligible: int, p: int, q: int) -> None:
    threshold = Fraction(min(p, q), q)
    needed = required_for(eligible, threshold)
    assert needed >= threshold * eligible > needed - 1


@FEW
@given(st.integers(min_value=1, max_value=500), st.data())
def test_a_vote_passes_exactly_when_two_thirds_agree(eligible: int, data: st.DataObject) -> None:
    in_favour = data.draw(st.integers(min_value=0, max_value=eligible))
    decision = cell_vote_passes(vote(eligible, in_favour), RULES)
    assert decision.ok is (3 * in_favour >= 2 * eligible)
