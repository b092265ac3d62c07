"""The forecast history's pre-aggregate agrees with a live count after every kind of change."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvien.accounts.actor import operator_actor
from dangvien.core.consistency import history_snapshot_check
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.orgs.services import OrgInput, org_change
from dangvien.people.domain.enums import Status
from dangvien.people.services import person_status_change
from dangvien.pipeline import report_sql, services
from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES
from dangvien.pipeline.editions import tree_period
from dangvien.pipeline.history_snapshot import history_snapshot_counts, history_snapshot_warm
from dangvien.pipeline.models import (
    HistorySnapshot,
    HistorySnapshotDirty,
    HistorySnapshotEdition,
    StageTransition,
)
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import open_and_list, to_probation
from dangvien.plans.domain.forecast import history_start

DAY = date(2026, 10, 1)
FIRST = history_start(DAY)

Row = tuple[str, str, int | None, int]


def _root_path() -> str:
    return spans_on(DAY).get(org__code="P01").path


def _live(path: str, width: int) -> list[Row]:
    days = report_sql.quarter_starts(FIRST, DAY)
    rows = report_sql.observations(spans_under([path], DAY), days, width)
    return sorted(row for row in rows if row[1] in OPEN_STAGES)


def _stored(path: str, width: int) -> list[Row]:
    rows = history_snapshot_counts(FIRST, DAY, path, width)
    assert rows is not None
    return sorted(rows)


def _agrees() -> bool:
    """Return whether every unit's history, read whole and by child, equals a live count."""
    for span in spans_on(DAY):
        for width in (0, len(span.path) + 6):
            if _stored(span.path, width) != _live(span.path, width):
                return False
    return True


def _cases_at_root() -> int:
    return sum(HistorySnapshot.objects.filter(org__code="P01").values_list("cases", flat=True))


def test_an_edition_is_built_for_the_root_and_read_for_every_unit(pipe: Pipe):
    # given a candidacy walked to probation (observed on 1/4 and 1/7/2025, decided 1/8/2025)
    to_probation(pipe)
    # when the root's history is read
    rows = _stored(_root_path(), 0)
    # then it was built once and equals the live count, at every level
    assert HistorySnapshotEdition.objects.count() == 1
    assert [days for _, _, days, _ in rows] == [31, 122]
    assert _agrees()


def test_a_step_recorded_after_the_build_is_recounted_before_the_next_read(pipe: Pipe):
    # given an edition built before any candidacy
    history_snapshot_warm([DAY])
    assert not HistorySnapshot.objects.exists()
    # when a candidacy is opened and walked to its decision
    to_probation(pipe)
    assert HistorySnapshotDirty.objects.exists()
    # then the decision shows in every observation
    assert _agrees()
    assert not HistorySnapshotDirty.objects.exists()
    assert not HistorySnapshot.objects.filter(days=-1).exists()


def test_a_candidacy_moved_with_its_person_counts_in_the_new_cell(pipe: Pipe):
    open_and_list(pipe)
    history_snapshot_warm([DAY])
    person_status_change(
        actor=pipe.operator,
        person_id=pipe.candidate.pk,
        status=Status.CANDIDATE,
        org_code="CB-B1",
        since=date(2026, 9, 20),
        note="Chuyển nơi cư trú",
    )
    assert _agrees()
    assert HistorySnapshot.objects.filter(org__code="CB-B1").exists()
    assert not HistorySnapshot.objects.filter(org__code="CB-A1").exists()


def test_a_withdrawn_candidacy_is_no_longer_observed_after_it_closed(pipe: Pipe):
    candidacy = open_and_list(pipe)
    history_snapshot_warm([DAY])
    before = _cases_at_root()
    services.candidacy_withdraw(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.ExitInput(on=date(2025, 5, 15), reason="Xin rút"),
    )
    assert _agrees()
    assert _cases_at_root() < before


def test_transitions_inserted_in_bulk_are_caught_by_the_watermark(pipe: Pipe):
    candidacy = open_and_list(pipe)
    history_snapshot_warm([DAY])
    StageTransition.objects.bulk_create(
        [
            StageTransition(
                candidacy=candidacy,
                action="complete_dossier",
                from_stage=candidacy.stage,
                to_stage="lam_ho_so",
                on=date(2025, 6, 1),
                rule_set_code=candidacy.rule_set_code,
            )
        ]
    )
    assert not HistorySnapshotDirty.objects.exists()
    assert _agrees()
    assert HistorySnapshot.objects.filter(org__code="P01", stage="lam_ho_so").exists()


def test_one_edition_serves_every_day_with_the_same_quarters_on_the_same_tree(pipe: Pipe):
    open_and_list(pipe)
    history_snapshot_warm([DAY])
    edition = HistorySnapshotEdition.objects.get()
    # 2/10/2026 observes the same quarter starts as 1/10 and the tree did not change
    later = date(2026, 10, 2)
    assert report_sql.quarter_starts(history_start(later), later) == report_sql.quarter_starts(
        FIRST, DAY
    )
    assert edition.tree_from <= later <= edition.tree_to
    assert history_snapshot_counts(history_start(later), later, _root_path(), 0) is not None
    assert HistorySnapshotEdition.objects.count() == 1


def test_the_tree_period_ends_where_a_unit_changes(pipe: Pipe):
    low, high = tree_period(DAY)
    org_change(
        actor=operator_actor(),
        org=pipe.world.cell_a1,
        effective=date(2026, 12, 1),
        change="reparent",
        data=OrgInput("Chi bộ thôn Đông", OrgType.CELL, "XA-B"),
    )
    assert tree_period(DAY) == (low, date(2026, 11, 30))
    assert high > date(2026, 11, 30)


def test_a_tree_change_forgets_the_editions_it_covers(pipe: Pipe):
    open_and_list(pipe)
    history_snapshot_warm([DAY])
    org_change(
        actor=operator_actor(),
        org=pipe.world.cell_a1,
        effective=date(2026, 7, 1),
        change="reparent",
        data=OrgInput("Chi bộ thôn Đông", OrgType.CELL, "XA-B"),
    )
    assert not HistorySnapshotEdition.objects.exists()
    assert _agrees()  # rebuilt on the new tree


def test_a_unit_below_a_province_without_an_edition_is_counted_live(pipe: Pipe):
    open_and_list(pipe)
    cell = spans_on(DAY).get(org__code="CB-A1").path  # depth 3: root, commune, cell
    assert history_snapshot_counts(FIRST, DAY, cell, 0) is None
    assert not HistorySnapshotEdition.objects.exists()


def test_a_ready_edition_costs_one_query_and_its_rows_one_more(pipe: Pipe):
    open_and_list(pipe)
    history_snapshot_warm([DAY])
    path = _root_path()
    for width in (0, len(path) + 6):
        with CaptureQueriesContext(connection) as queries:
            history_snapshot_counts(FIRST, DAY, path, width)
        assert len(queries.captured_queries) == 2


def test_the_consistency_check_passes_after_steps_and_finds_a_tampered_total(pipe: Pipe):
    history_snapshot_warm([DAY])
    to_probation(pipe)
    assert history_snapshot_check().problems == 0

    HistorySnapshot.objects.filter(org__code="P01", days=31).update(cases=7)

    assert history_snapshot_check().problems == 1
