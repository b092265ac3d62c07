"""An open dossier follows its person to another cell, and stays with its cell when units move."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.actor import operator_actor
from dangvien.audit.models import AccessLog
from dangvien.core.consistency import deadlines_check, open_dossiers_check
from dangvien.core.domain.errors import PermissionDeniedError
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.services import OrgInput, org_change
from dangvien.people.domain.enums import Status
from dangvien.people.models import Person, StatusPeriod
from dangvien.people.services import person_status_change
from dangvien.pipeline import services
from dangvien.pipeline.detail import candidacy_view
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy, Deadline, HelperAssignment, StageTransition
from dangvien.pipeline.tests.conftest import Pipe, actor_for
from dangvien.pipeline.tests.walk import open_and_list

MOVED_ON = date(2026, 9, 1)


def _move(pipe: Pipe, *, to: str = "CB-A2", since: date = MOVED_ON) -> None:
    person_status_change(
        actor=pipe.commune,
        person_id=pipe.candidate.pk,
        status=Status.CANDIDATE,
        org_code=to,
        since=since,
        note="Chuyển nơi cư trú",
    )


def test_moving_a_candidate_takes_her_open_dossier_and_its_due_dates_along(pipe: Pipe):
    # given a listed candidate of A1 with work due in A1
    candidacy = open_and_list(pipe)
    due = Deadline.objects.filter(candidacy=candidacy).count()
    assert due > 0
    # when the person record moves her to A2
    _move(pipe)
    # then the dossier, its due dates and the check agree with her new cell
    moved = Candidacy.objects.get(pk=candidacy.pk)
    a2 = pipe.world.cell_a2
    assert (moved.cell_id, moved.stage, moved.version) == (a2.pk, Stage.CANDIDATE, 3)
    assert (
        list(Deadline.objects.filter(candidacy=candidacy).values_list("cell_id", flat=True))
        == [a2.pk] * due
    )
    assert open_dossiers_check().problems == 0
    assert deadlines_check().problems == 0


def test_deadlines_repeat_the_stage_and_the_check_finds_one_that_does_not(pipe: Pipe):
    candidacy = open_and_list(pipe)
    stages = set(Deadline.objects.filter(candidacy=candidacy).values_list("stage", flat=True))
    assert stages == {candidacy.stage}
    assert deadlines_check().problems == 0

    Deadline.objects.filter(candidacy=candidacy).update(stage="lam_ho_so")

    assert deadlines_check().problems == Deadline.objects.filter(candidacy=candidacy).count()


def test_the_move_is_a_line_of_the_transition_log_and_of_the_access_log(pipe: Pipe):
    candidacy = open_and_list(pipe)
    _move(pipe)
    line = StageTransition.objects.filter(candidacy=candidacy).latest("id")
    assert (line.action, line.from_stage, line.to_stage, line.on, line.username) == (
        "follow_person",
        Stage.CANDIDATE,
        Stage.CANDIDATE,
        MOVED_ON,
        "xa.anphu",
    )
    assert (
        line.note == "Chuyển theo người từ Chi bộ thôn Đông sang Chi bộ thôn Tây từ ngày 01/09/2026"
    )
    entry = AccessLog.objects.filter(object_type="candidacy", object_id=str(candidacy.pk)).latest(
        "id"
    )
    assert entry.org_id == pipe.world.cell_a2.pk
    assert entry.detail["event"] == "follow_person"
    assert entry.detail["cell"] == {"old": "CB-A1", "new": "CB-A2"}
    timeline = candidacy_view(Candidacy.objects.get(pk=candidacy.pk), today=MOVED_ON).timeline
    assert "Chuyển chi bộ — Quần chúng ưu tú" in [item.title for item in timeline]


def test_a_move_dated_before_the_current_stage_is_logged_on_the_stage_s_day(pipe: Pipe):
    candidacy = open_and_list(pipe)  # listed 10/03/2025
    _move(pipe, since=date(2025, 1, 6))
    line = StageTransition.objects.filter(candidacy=candidacy).latest("id")
    assert line.on == date(2025, 3, 10)
    assert line.note.endswith("từ ngày 06/01/2025")


def test_helpers_left_in_the_old_cell_stop_helping_on_the_day_of_the_move(pipe: Pipe):
    candidacy = open_and_list(pipe)
    services.helper_assign(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        member_id=pipe.members[1].pk,
        assigned_on=date(2025, 3, 12),
    )
    _move(pipe)
    assert HelperAssignment.objects.get(candidacy=candidacy).ended_on == MOVED_ON


def test_a_dossier_in_a_cell_outside_the_user_s_scope_stops_the_whole_move(pipe: Pipe):
    # given a dossier left behind in commune B's cell (data from before the fix)
    candidacy = open_and_list(pipe)
    Candidacy.objects.filter(pk=candidacy.pk).update(cell=pipe.world.cell_b1)
    periods = StatusPeriod.objects.count()
    # when commune A's committee moves the person within commune A
    with pytest.raises(
        PermissionDeniedError, match="thuộc chi bộ ngoài phạm vi bạn được quyền sửa"
    ):
        _move(pipe)
    # then nothing changed: not the person, not the dossier
    assert Person.objects.get(pk=pipe.candidate.pk).current_org_id == pipe.world.cell_a1.pk
    assert StatusPeriod.objects.count() == periods
    assert Candidacy.objects.get(pk=candidacy.pk).cell_id == pipe.world.cell_b1.pk


def test_nothing_moves_without_an_open_dossier_elsewhere(pipe: Pipe):
    candidacy = open_and_list(pipe)
    a1, a2 = pipe.world.cell_a1.pk, pipe.world.cell_a2.pk
    follow = services.candidacy_follow_person
    assert (
        follow(actor=pipe.commune, person_id=pipe.members[1].pk, cell_id=a2, since=MOVED_ON) is None
    )
    assert (
        follow(actor=pipe.commune, person_id=pipe.candidate.pk, cell_id=a1, since=MOVED_ON) is None
    )
    assert StageTransition.objects.filter(candidacy=candidacy, action="follow_person").count() == 0


def test_an_open_dossier_moves_with_its_cell_when_the_cell_changes_commune(pipe: Pipe):
    # given a dossier in A1, outside commune B's scope
    candidacy = open_and_list(pipe)
    assert not actor_for(pipe.world.commune_b_user).scope.covers_org(candidacy.cell_id)
    # when A1 is moved under commune B
    org_change(
        actor=operator_actor(),
        org=pipe.world.cell_a1,
        effective=date(2026, 7, 1),
        change="reparent",
        data=OrgInput("Chi bộ thôn Đông", OrgType.CELL, "XA-B"),
    )
    # then the dossier is still the person's cell's, now under commune B
    assert Candidacy.objects.get(pk=candidacy.pk).cell_id == pipe.world.cell_a1.pk
    assert actor_for(pipe.world.commune_b_user).scope.covers_org(candidacy.cell_id)
    assert open_dossiers_check().problems == 0
