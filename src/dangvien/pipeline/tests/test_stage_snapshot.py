"""The stage snapshot agrees with a live count of the transition log after every kind of change."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvien.accounts.actor import operator_actor
from dangvien.core.consistency import stage_snapshot_check
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.orgs.services import OrgInput, org_change
from dangvien.people.domain.enums import Status
from dangvien.people.services import person_status_change
from dangvien.pipeline import report_sql, services
from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES
from dangvien.pipeline.models import (
    StageSnapshot,
    StageSnapshotDay,
    StageSnapshotDirty,
    StageTransition,
)
from dangvien.pipeline.stage_snapshot import (
    stage_snapshot_build,
    stage_snapshot_counts,
    stage_snapshot_ready,
)
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import open_and_list, to_probation

DAY = date(2026, 10, 1)


def _root_path(pipe: Pipe) -> str:
    return spans_on(DAY).get(org__code="P01").path


def _live(pipe: Pipe, width: int) -> list[tuple[str, str, int]]:
    units = spans_under([_root_path(pipe)], DAY)
    rows = report_sql.stages_on(units, DAY, width)
    return sorted((group, stage, n) for group, stage, n in rows if stage in OPEN_STAGES)


def _agrees(pipe: Pipe) -> bool:
    """Return whether the snapshot, read for the root and by child, equals a live count."""
    assert stage_snapshot_ready([DAY], build=True)
    path = _root_path(pipe)
    for width in (0, len(path) + 6):
        if sorted(stage_snapshot_counts(DAY, path, width)) != _live(pipe, width):
            return False
    # and every unit's row equals a live count of its own subtree
    for span in spans_on(DAY):
        live = _live_under(span.path)
        stored = dict(
            StageSnapshot.objects.filter(day=DAY, path=span.path).values_list(
                "stage", "candidacies"
            )
        )
        if stored != live:
            return False
    return True


def _live_under(path: str) -> dict[str, int]:
    rows = report_sql.stages_on(spans_under([path], DAY), DAY, 0)
    return {stage: n for _, stage, n in rows if stage in OPEN_STAGES}


def _stored_rows() -> list[tuple[str, str, int]]:
    rows = StageSnapshot.objects.filter(day=DAY).values_list("path", "stage", "candidacies")
    return sorted(rows)


def test_a_new_candidacy_and_its_steps_are_recounted_before_the_next_read(pipe: Pipe):
    # given a snapshot built before any candidacy
    stage_snapshot_build(DAY)
    assert not StageSnapshot.objects.filter(day=DAY).exists()
    # when a candidacy is opened and walked to probation
    to_probation(pipe)
    assert StageSnapshotDirty.objects.filter(day=DAY).exists()
    # then
    assert _agrees(pipe)
    assert not StageSnapshotDirty.objects.filter(day=DAY).exists()
    assert StageSnapshot.objects.filter(day=DAY, stage="du_bi").count() == 3  # cell, commune, root


def test_a_candidacy_moved_with_its_person_counts_in_the_new_cell(pipe: Pipe):
    # given
    open_and_list(pipe)
    stage_snapshot_build(DAY)
    # when the candidate moves to cell A2, in the same commune, then to commune B
    for cell, since in (("CB-A2", date(2026, 9, 1)), ("CB-B1", date(2026, 9, 20))):
        person_status_change(
            actor=pipe.commune if cell == "CB-A2" else pipe.operator,
            person_id=pipe.candidate.pk,
            status=Status.CANDIDATE,
            org_code=cell,
            since=since,
            note="Chuyển nơi cư trú",
        )
        # then
        assert _agrees(pipe)
    assert StageSnapshot.objects.filter(day=DAY, org__code="CB-B1").exists()
    assert not StageSnapshot.objects.filter(day=DAY, org__code="CB-A1").exists()


def test_a_withdrawn_candidacy_leaves_the_counts(pipe: Pipe):
    candidacy = open_and_list(pipe)
    stage_snapshot_build(DAY)
    services.candidacy_withdraw(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.ExitInput(on=date(2026, 9, 15), reason="Xin rút"),
    )
    assert _agrees(pipe)
    assert not StageSnapshot.objects.filter(day=DAY).exists()


def test_transitions_inserted_in_bulk_are_caught_by_the_watermark(pipe: Pipe):
    candidacy = open_and_list(pipe)
    stage_snapshot_build(DAY)
    # when a step is written without the services (as the generator writes them)
    StageTransition.objects.bulk_create(
        [
            StageTransition(
                candidacy=candidacy,
                action="complete_dossier",
                from_stage=candidacy.stage,
                to_stage="lam_ho_so",
                on=date(2026, 5, 1),
                rule_set_code=candidacy.rule_set_code,
            )
        ]
    )
    assert not StageSnapshotDirty.objects.exists()
    # then
    assert _agrees(pipe)
    assert dict(
        StageSnapshot.objects.filter(day=DAY, org__code="P01").values_list("stage", "candidacies")
    ) == {"lam_ho_so": 1}


def test_recounting_twice_changes_nothing(pipe: Pipe):
    candidacy = open_and_list(pipe)
    stage_snapshot_build(DAY)
    before = _stored_rows()
    # when the same cell is marked again, twice, with nothing changed
    for _ in range(2):
        StageSnapshotDirty.objects.create(day=DAY, org_id=candidacy.cell_id)
        assert stage_snapshot_ready([DAY], build=False)
    # then
    assert _stored_rows() == before
    assert _agrees(pipe)


def test_a_tree_change_forgets_the_days_it_covers(pipe: Pipe):
    open_and_list(pipe)
    stage_snapshot_build(DAY)
    org_change(
        actor=operator_actor(),
        org=pipe.world.cell_a1,
        effective=date(2026, 7, 1),
        change="reparent",
        data=OrgInput("Chi bộ thôn Đông", OrgType.CELL, "XA-B"),
    )
    assert not StageSnapshotDay.objects.filter(day=DAY).exists()
    assert _agrees(pipe)  # rebuilt on the new tree


def test_a_ready_day_costs_one_query_and_its_counts_one_more(pipe: Pipe):
    open_and_list(pipe)
    stage_snapshot_build(DAY)
    path = _root_path(pipe)
    with CaptureQueriesContext(connection) as queries:
        assert stage_snapshot_ready([DAY], build=True)
        stage_snapshot_counts(DAY, path, 0)
    assert len(queries.captured_queries) == 2
    with CaptureQueriesContext(connection) as queries:
        stage_snapshot_counts(DAY, path, len(path) + 6)
    assert len(queries.captured_queries) == 2


def test_the_consistency_check_passes_after_steps_and_finds_a_tampered_total(pipe: Pipe):
    stage_snapshot_build(DAY)
    to_probation(pipe)
    assert stage_snapshot_check().problems == 0

    StageSnapshot.objects.filter(day=DAY, org__code="P01").update(candidacies=7)

    assert stage_snapshot_check().problems == 1
