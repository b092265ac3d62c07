"""The stays' pre-aggregate agrees with a live count after every kind of change."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvien.accounts.actor import operator_actor
from dangvien.core.consistency import stay_snapshot_check
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.orgs.services import OrgInput, org_change
from dangvien.people.domain.enums import Status
from dangvien.people.services import person_status_change
from dangvien.pipeline import report_sql, services
from dangvien.pipeline.models import (
    StageTransition,
    StaySnapshot,
    StaySnapshotDirty,
    StaySnapshotEdition,
)
from dangvien.pipeline.report_source import CandidacySource
from dangvien.pipeline.stay_snapshot import stay_snapshot_counts, stay_snapshot_warm
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import open_and_list, to_probation
from dangvien.reports.domain.pipeline import ExitCount

FIRST = date(2025, 1, 1)
LAST = date(2026, 10, 1)


def _path(code: str) -> str:
    return spans_on(LAST).get(org__code=code).path


def _live(path: str) -> list[tuple[str, int, str, int]]:
    return sorted(report_sql.stays_ended(spans_under([path], LAST), FIRST, LAST))


def _stored(path: str) -> list[tuple[str, int, str, int]]:
    rows = stay_snapshot_counts(FIRST, LAST, path)
    assert rows is not None
    return sorted(rows)


def _agrees() -> bool:
    """Return whether the root and every commune read from the edition equal a live count."""
    return all(_stored(_path(code)) == _live(_path(code)) for code in ("P01", "XA-A", "XA-B"))


def _stays_at_root() -> int:
    return sum(StaySnapshot.objects.filter(org__code="P01").values_list("stays", flat=True))


def test_an_edition_is_built_for_the_root_and_its_children_only(pipe: Pipe):
    # given a candidacy walked to probation: every stay on its way ended in the period
    to_probation(pipe)
    # when the root's stays are read
    rows = _stored(_path("P01"))
    # then the edition was built once, equals the live count, and holds no cell
    assert StaySnapshotEdition.objects.count() == 1
    assert rows
    assert all(n == 1 for *_, n in rows)
    assert _agrees()
    assert set(StaySnapshot.objects.values_list("org__code", flat=True)) == {"P01", "XA-A"}


def test_a_cell_is_counted_live_and_builds_nothing(pipe: Pipe):
    to_probation(pipe)
    assert stay_snapshot_counts(FIRST, LAST, _path("CB-A1")) is None
    assert not StaySnapshotEdition.objects.exists()


def test_a_step_recorded_after_the_build_is_recounted_before_the_next_read(pipe: Pipe):
    # given an edition built before any candidacy
    stay_snapshot_warm([LAST])
    edition = StaySnapshotEdition.objects.get()
    assert (edition.first_day, edition.last_day) == (date(2026, 1, 1), LAST)
    year = edition.first_day
    assert stay_snapshot_counts(year, LAST, _path("P01")) == []
    # when a candidacy is walked to probation (its steps in 2025)
    to_probation(pipe)
    assert StaySnapshotDirty.objects.exists()
    # then the 2025-to-date edition, built on first read, and the warm one agree with a recount
    assert _agrees()
    assert stay_snapshot_counts(year, LAST, _path("P01")) == sorted(
        report_sql.stays_ended(spans_under([_path("P01")], LAST), year, LAST)
    )
    assert not StaySnapshotDirty.objects.exists()
    assert stay_snapshot_check().problems == 0


def test_a_candidacy_moved_with_its_person_counts_in_the_new_commune(pipe: Pipe):
    open_and_list(pipe)
    assert _agrees()
    assert StaySnapshot.objects.filter(org__code="XA-A").exists()
    person_status_change(
        actor=pipe.operator,
        person_id=pipe.candidate.pk,
        status=Status.CANDIDATE,
        org_code="CB-B1",
        since=date(2026, 9, 20),
        note="Chuyển nơi cư trú",
    )
    assert _agrees()
    assert StaySnapshot.objects.filter(org__code="XA-B").exists()
    assert not StaySnapshot.objects.filter(org__code="XA-A").exists()


def test_a_withdrawn_candidacy_adds_its_last_stay(pipe: Pipe):
    candidacy = open_and_list(pipe)
    assert _agrees()
    before = _stays_at_root()
    services.candidacy_withdraw(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.ExitInput(on=date(2025, 5, 15), reason="Xin rút"),
    )
    assert _agrees()
    assert _stays_at_root() == before + 1


def test_transitions_inserted_in_bulk_are_caught_by_the_watermark(pipe: Pipe):
    candidacy = open_and_list(pipe)
    assert _agrees()
    StageTransition.objects.bulk_create(
        [
            StageTransition(
                candidacy=candidacy,
                action="complete_dossier",
                from_stage=candidacy.stage,
                to_stage="lam_ho_so",
                on=date(2025, 6, 1),
                entered_on=date(2025, 3, 10),
                rule_set_code=candidacy.rule_set_code,
            )
        ]
    )
    assert not StaySnapshotDirty.objects.exists()
    assert _agrees()
    assert StaySnapshot.objects.filter(org__code="P01", to_stage="lam_ho_so", days=83).exists()


def test_a_tree_change_forgets_the_editions_it_covers(pipe: Pipe):
    to_probation(pipe)
    assert _agrees()
    org_change(
        actor=operator_actor(),
        org=pipe.world.cell_a1,
        effective=date(2026, 7, 1),
        change="reparent",
        data=OrgInput("Chi bộ thôn Đông", OrgType.CELL, "XA-B"),
    )
    assert not StaySnapshotEdition.objects.exists()
    assert _agrees()  # rebuilt on the new tree: the stays now count under XA-B
    assert StaySnapshot.objects.filter(org__code="XA-B").exists()


def test_a_ready_edition_costs_one_query_and_its_rows_one_more(pipe: Pipe):
    to_probation(pipe)
    root = _path("P01")
    stay_snapshot_counts(FIRST, LAST, root)
    with CaptureQueriesContext(connection) as queries:
        stay_snapshot_counts(FIRST, LAST, root)
    assert len(queries.captured_queries) == 2


def test_the_report_source_reads_the_edition_only_for_a_subtree(pipe: Pipe):
    to_probation(pipe)
    source = CandidacySource()
    units = spans_under([_path("P01")], LAST)

    def exits(subtree: str | None = None) -> list[ExitCount]:
        found = source.exit_counts(units, FIRST, LAST, subtree=subtree)
        return sorted(found, key=lambda e: (e.stage, e.days, e.advanced, e.count))

    live = exits()
    assert exits(_path("P01")) == live
    assert StaySnapshotEdition.objects.count() == 1
    StaySnapshot.objects.filter(org__code="P01").update(stays=5)
    # a restated report (no subtree) still counts live; the tampered edition is found
    assert exits() == live
    assert stay_snapshot_check().problems > 0
