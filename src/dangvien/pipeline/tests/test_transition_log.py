"""Each step records when the stage it leaves began, also when a step is entered late."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline.models import Candidacy, StageTransition
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import to_probation
from dangvien.pipeline.transition_log import entered_refresh


def _entered(candidacy: Candidacy) -> list[tuple[str, str, date, date | None]]:
    steps = StageTransition.objects.filter(candidacy=candidacy).order_by("on", "id")
    return [(t.from_stage, t.to_stage, t.on, t.entered_on) for t in steps]


def test_every_change_of_stage_records_the_day_the_stage_it_leaves_began(pipe: Pipe):
    to_probation(pipe)
    steps = _entered(Candidacy.objects.get())

    assert steps[0][3] is None  # the opening step leaves no stage
    changes = [s for s in steps if s[0] != s[1]]
    for before, after in zip(changes, changes[1:], strict=False):
        assert after[3] == before[2]


def test_a_step_entered_with_an_earlier_date_ends_the_stay_its_successor_began(pipe: Pipe):
    to_probation(pipe)
    candidacy = Candidacy.objects.get()
    first, second = [s for s in _entered(candidacy) if s[0] != s[1]][1:3]
    middle = first[2] + (second[2] - first[2]) / 2
    assert first[2] < middle < second[2]
    late = StageTransition.objects.create(
        candidacy=candidacy,
        action="ghi_bo_sung",
        from_stage=first[1],
        to_stage=first[1] + "_x",
        on=middle,  # between two steps, recorded after both
        rule_set_code=candidacy.rule_set_code,
    )

    assert entered_refresh([candidacy.pk]) >= 1

    late.refresh_from_db()
    assert late.entered_on == first[2]
    following = StageTransition.objects.get(candidacy=candidacy, on=second[2], to_stage=second[1])
    assert following.entered_on == middle  # its stay now starts at the late step
    assert entered_refresh([candidacy.pk]) == 0  # nothing left to change
    assert entered_refresh([]) == 0


def test_a_move_to_another_cell_records_no_stay(pipe: Pipe):
    to_probation(pipe)
    candidacy = Candidacy.objects.get()
    stage = candidacy.stage
    StageTransition.objects.create(
        candidacy=candidacy,
        action="theo_nguoi",
        from_stage=stage,
        to_stage=stage,
        on=date(2026, 11, 1),
        rule_set_code=candidacy.rule_set_code,
    )

    entered_refresh()

    move = StageTransition.objects.get(candidacy=candidacy, action="theo_nguoi")
    assert move.entered_on is None
