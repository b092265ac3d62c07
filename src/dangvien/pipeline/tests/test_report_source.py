"""The pipeline report reads candidacies once any exists, and the people records before."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.pipeline import report_source
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.models import Deadline
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import to_probation
from dangvien.plans.domain.forecast import CaseCount
from dangvien.reports.domain.pipeline import ExitCount, OpenStep, summarise_overdue
from dangvien.reports.pipeline_source import PeopleRecordsSource
from dangvien.reports.selectors import report_build


def _units(pipe: Pipe, day: date) -> QuerySet[OrgSpan]:
    return spans_on(day).filter(org_id=pipe.world.cell_a1.pk)


def test_without_candidacies_the_people_records_are_the_source(pipe: Pipe):
    assert isinstance(report_source.SOURCE, PeopleRecordsSource)


def test_the_candidacy_source_counts_stages_stays_and_overdue_steps(pipe: Pipe):
    to_probation(pipe)
    source = report_source.SOURCE
    assert isinstance(source, report_source.CandidacySource)
    july, october = date(2025, 7, 10), date(2026, 10, 15)
    assert list(source.stage_counts(_units(pipe, july), july)) == [("", "chi_bo_de_nghi", 1)]
    assert list(source.stage_counts(_units(pipe, october), october)) == [("", "du_bi", 1)]
    stays = source.exit_counts(_units(pipe, july), date(2025, 7, 1), date(2025, 7, 31))
    assert sorted(stays, key=lambda s: s.days) == [
        ExitCount("chi_bo_de_nghi", 14, True, 1),  # 01/07 to 15/07
        ExitCount("lam_ho_so", 57, True, 1),  # 05/05 to 01/07
    ]
    overdue = source.overdue(_units(pipe, october), october)
    assert [(s.stage, s.step, s.due_on) for s in overdue.steps] == [
        ("du_bi", "cho_chi_bo_xet_chinh_thuc", date(2026, 10, 5))
    ]
    assert (overdue.by_stage, overdue.truncated) == ({"du_bi": 1}, False)
    on_the_day = source.overdue(_units(pipe, october), date(2026, 10, 5))  # due that day
    assert (on_the_day.count, on_the_day.steps) == (0, ())
    end = date(2025, 12, 31)
    cases = [case for _, case in source.history_counts(_units(pipe, end), date(2025, 1, 1), end)]
    assert sorted(cases, key=lambda c: c.stage) == [
        CaseCount("chi_bo_de_nghi", 31, 1),  # seen 01/07, decided 01/08
        CaseCount("quan_chung_uu_tu", 122, 1),  # seen 01/04
    ]


def test_the_candidacy_source_groups_by_the_units_path_prefix(pipe: Pipe):
    to_probation(pipe)
    source = report_source.SOURCE
    day = date(2025, 7, 10)
    units = spans_on(day).filter(org_id=pipe.world.cell_a1.pk)
    path = units.get().path

    counts = list(source.stage_counts(units, day, width=len(path)))
    cases = list(source.history_counts(units, date(2025, 1, 1), day, width=len(path)))

    assert counts == [(path, "chi_bo_de_nghi", 1)]
    assert {group for group, _ in cases} == {path}


def _pipeline_queries(pipe: Pipe, code: str, as_of: date | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        report_build(
            scope=pipe.world.operator.scope,
            kind="pipeline",
            code=code,
            date_from=date(2025, 1, 1),
            date_to=date(2025, 12, 31),
            as_of=as_of,
        )
    return len(queries.captured_queries)


def test_the_pipeline_report_makes_the_same_queries_for_a_cell_a_commune_and_a_province(
    pipe: Pipe,
):
    # given: a candidacy in probation, so every part of the report has something to count
    to_probation(pipe)
    _pipeline_queries(pipe, "P01")  # the first report fills the admissions cube

    # when
    counts = {code: _pipeline_queries(pipe, code) for code in ("CB-A1", "XA-A", "P01")}

    # then: tallied by the database, whatever the number of units; the cell and the
    # commune have too few past cases and also read their parent's history, once; every
    # level checks the stage snapshot and the history edition the first report built, then
    # reads them (one query more per history read than a live count); the root and its
    # children read their stays from an edition likewise (one query more), a cell live
    assert counts == {"CB-A1": 17, "XA-A": 18, "P01": 16}, counts
    assert _pipeline_queries(pipe, "P01", as_of=date(2025, 12, 31)) <= 16


@pytest.mark.parametrize("wide", [False, True])
def test_the_database_lists_the_most_overdue_steps_in_the_domain_order(pipe: Pipe, wide: bool):
    to_probation(pipe)
    source = report_source.SOURCE
    assert isinstance(source, report_source.CandidacySource)
    deadline = Deadline.objects.get(kind=WorkKind.RECOGNITION_CELL_PENDING.value)
    due = date(2026, 3, 2)
    # Ties on the day. A language collation skips underscores and would put "chia_x"
    # before "chi_bo_de_nghi"; bytes (and Python) put it after.
    for stage, kind in [
        ("chia_x", WorkKind.DECISION_PENDING),
        ("du_bi", WorkKind.CEREMONY_PENDING),
        ("du_bi", WorkKind.EVALUATION_MISSING),
        ("chi_bo_de_nghi", WorkKind.DOSSIER_STALE),
    ]:
        Deadline.objects.create(
            candidacy=deadline.candidacy,
            cell=deadline.cell,
            kind=kind.value,
            due_on=due,
            stage=stage,
        )
    day = date(2026, 10, 15)
    units = _units(pipe, day)
    every = [
        OpenStep(d.stage, d.kind, d.due_on, str(d.candidacy_id))
        for d in Deadline.objects.filter(kind__in=report_source.OVERDUE_KINDS)
    ]

    listed = source.overdue(units, day, limit=4, wide=wide)

    assert listed == summarise_overdue(every, day, limit=4)
    assert [s.stage for s in listed.steps] == ["chi_bo_de_nghi", "chia_x", "du_bi", "du_bi"]
    assert (listed.count, listed.truncated) == (5, True)
