"""The pipeline report reads candidacies once any exists, and the people records before."""

from __future__ import annotations

from datetime import date

from dangvien.orgs.models import Organization
from dangvien.pipeline import report_source
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import to_probation
from dangvien.reports.pipeline_source import PeopleRecordsSource


def _units(pipe: Pipe):  # type: ignore[no-untyped-def]
    return Organization.objects.filter(pk=pipe.world.cell_a1.pk).values("pk")


def test_without_candidacies_the_people_records_are_the_source(pipe: Pipe):
    assert isinstance(report_source.SOURCE, PeopleRecordsSource)


def test_the_candidacy_source_counts_stages_stays_and_overdue_steps(pipe: Pipe):
    to_probation(pipe)
    source = report_source.SOURCE
    assert isinstance(source, report_source.CandidacySource)
    units = _units(pipe)
    assert list(source.candidates(units, date(2025, 7, 10))) == [
        (pipe.world.cell_a1.pk, "chi_bo_de_nghi")
    ]
    assert list(source.candidates(units, date(2026, 10, 15))) == [(pipe.world.cell_a1.pk, "du_bi")]
    stays = list(source.exits(units, date(2025, 7, 1), date(2025, 7, 31)))
    assert [(s.stage, s.entered_on, s.left_on, s.advanced) for s in stays] == [
        ("lam_ho_so", date(2025, 5, 5), date(2025, 7, 1), True),
        ("chi_bo_de_nghi", date(2025, 7, 1), date(2025, 7, 15), True),
    ]
    steps = list(source.open_steps(units, date(2026, 10, 15)))
    assert [(s.stage, s.step) for s in steps] == [("du_bi", "cho_chi_bo_xet_chinh_thuc")]
    cases = [case for _, case in source.history(units, date(2025, 1, 1), date(2025, 12, 31))]
    assert [(c.stage, c.observed_on, c.decided_on) for c in cases] == [
        ("quan_chung_uu_tu", date(2025, 4, 1), date(2025, 8, 1)),
        ("chi_bo_de_nghi", date(2025, 7, 1), date(2025, 8, 1)),
    ]
