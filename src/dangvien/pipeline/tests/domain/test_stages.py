"""The transition table: every legal move, every illegal one, and the partial-committee branch."""

from __future__ import annotations

import itertools

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.stages import (
    ACTION_LABELS,
    FINAL_STAGES,
    STAGE_LABELS,
    TRANSITIONS,
    Action,
    Stage,
    allowed_actions,
    next_stage,
)

ILLEGAL_PAIRS = [
    (stage, action)
    for stage, action in itertools.product(Stage, Action)
    if (stage, action) not in TRANSITIONS
]
LEGAL_MOVES = [
    (stage, action, transition.target, has_partial)
    for (stage, action), transition in TRANSITIONS.items()
    for has_partial in (False, True)
    if transition.partial_committee in (None, has_partial)
]


@pytest.mark.parametrize(("stage", "action", "target", "has_partial"), LEGAL_MOVES)
def test_every_move_in_the_table_leads_to_its_target(
    stage: Stage, action: Action, target: Stage, has_partial: bool
) -> None:
    assert next_stage(stage, action, has_partial_committee=has_partial) is target


@pytest.mark.parametrize("has_partial", [False, True])
@pytest.mark.parametrize(("stage", "action"), ILLEGAL_PAIRS)
def test_every_move_outside_the_table_is_refused_in_vietnamese(
    stage: Stage, action: Action, has_partial: bool
) -> None:
    with pytest.raises(DomainError) as caught:
        next_stage(stage, action, has_partial_committee=has_partial)
    assert caught.value.code == "illegal_transition"
    assert f"«{stage.label}»" in caught.value.message
    assert action.label in caught.value.message


def test_a_refusal_names_the_stage_where_the_action_belongs() -> None:
    with pytest.raises(DomainError) as caught:
        next_stage(Stage.CANDIDATE, Action.RECORD_CELL_VOTE, has_partial_committee=False)
    message = caught.value.message
    assert "«Quần chúng ưu tú»" in message
    assert "«Đang hoàn thiện hồ sơ»" in message


def test_a_cell_under_a_partial_committee_cannot_skip_the_appraisal() -> None:
    with pytest.raises(DomainError) as caught:
        next_stage(
            Stage.CELL_RESOLVED, Action.RECORD_GRASSROOTS_RESOLUTION, has_partial_committee=True
        )
    assert f"«{Stage.PARTIAL_APPRAISED.label}»" in caught.value.message
    assert f"«{Stage.CELL_RESOLVED.label}»" in caught.value.message


def test_a_cell_without_a_partial_committee_has_no_appraisal() -> None:
    with pytest.raises(DomainError) as caught:
        next_stage(
            Stage.CELL_RESOLVED, Action.RECORD_PARTIAL_APPRAISAL, has_partial_committee=False
        )
    assert "không trực thuộc đảng ủy bộ phận" in caught.value.message


def test_a_final_stage_says_the_dossier_is_closed() -> None:
    with pytest.raises(DomainError) as caught:
        next_stage(Stage.OFFICIAL, Action.WITHDRAW, has_partial_committee=False)
    assert "đã kết thúc" in caught.value.message


def test_a_failed_cell_vote_keeps_the_dossier_at_its_stage() -> None:
    stage = next_stage(Stage.DOSSIER, Action.RECORD_FAILED_CELL_VOTE, has_partial_committee=False)
    assert stage is Stage.DOSSIER


def test_an_escalated_case_can_return_to_the_cell_or_be_refused() -> None:
    actions = allowed_actions(Stage.ESCALATED, has_partial_committee=False)
    assert Action.RETURN_TO_CELL in actions
    assert Action.REFUSE in actions


def _walk(actions: list[Action], *, has_partial: bool) -> Stage:
    stage = Stage.SOURCE
    for action in actions:
        stage = next_stage(stage, action, has_partial_committee=has_partial)
    return stage


ADMISSION = [
    Action.ADD_TO_LIST,
    Action.RECORD_AWARENESS_CERTIFICATE,
    Action.OPEN_DOSSIER,
    Action.RECORD_FAILED_CELL_VOTE,
    Action.RECORD_CELL_VOTE,
]
RECOGNITION = [
    Action.RECORD_GRASSROOTS_RESOLUTION,
    Action.RECORD_ADMISSION_DECISION,
    Action.HOLD_CEREMONY,
    Action.RECORD_RECOGNITION_CELL_VOTE,
    Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION,
    Action.RECOGNISE,
]


def test_a_candidate_walks_to_official_without_a_partial_committee() -> None:
    assert _walk(ADMISSION + RECOGNITION, has_partial=False) is Stage.OFFICIAL


def test_a_candidate_walks_to_official_through_a_partial_committee() -> None:
    path = [*ADMISSION, Action.RECORD_PARTIAL_APPRAISAL, *RECOGNITION]
    assert _walk(path, has_partial=True) is Stage.OFFICIAL


def test_allowed_actions_depend_on_the_partial_committee() -> None:
    with_partial = allowed_actions(Stage.CELL_RESOLVED, has_partial_committee=True)
    without = allowed_actions(Stage.CELL_RESOLVED, has_partial_committee=False)
    assert Action.RECORD_PARTIAL_APPRAISAL in with_partial
    assert Action.RECORD_GRASSROOTS_RESOLUTION not in with_partial
    assert Action.RECORD_GRASSROOTS_RESOLUTION in without
    assert Action.RECORD_PARTIAL_APPRAISAL not in without


@pytest.mark.parametrize("stage", sorted(FINAL_STAGES))
def test_final_stages_allow_nothing(stage: Stage) -> None:
    assert stage.is_final
    assert allowed_actions(stage, has_partial_committee=True) == ()
    assert allowed_actions(stage, has_partial_committee=False) == ()


@pytest.mark.parametrize("stage", [s for s in Stage if s not in FINAL_STAGES])
def test_every_open_stage_can_be_left_by_transfer(stage: Stage) -> None:
    assert Action.TRANSFER_OUT in allowed_actions(stage, has_partial_committee=False)


def test_every_stage_is_reachable_from_the_source() -> None:
    reached = {Stage.SOURCE}
    frontier = [Stage.SOURCE]
    while frontier:
        stage = frontier.pop()
        for (source, _), transition in TRANSITIONS.items():
            if source is stage and transition.target not in reached:
                reached.add(transition.target)
                frontier.append(transition.target)
    assert reached == set(Stage)


def test_every_stage_and_action_has_a_vietnamese_label() -> None:
    assert set(STAGE_LABELS) == set(Stage)
    assert set(ACTION_LABELS) == set(Action)
