"""Work items: which due dates each stage yields, counted on the Vietnamese calendar."""

from __future__ import annotations

from datetime import date

from dangvien.core.domain.calendar import vietnam_calendar
from dangvien.pipeline.domain.deadlines import decision_due, extended_decision_due
from dangvien.pipeline.domain.rulesets import RULES_2025_07
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.domain.worklist import PipelineDates, WorkKind, work_items

CALENDAR = vietnam_calendar(years=range(2024, 2028))
RULES = RULES_2025_07


def _kinds(dates: PipelineDates) -> dict[WorkKind, date]:
    return {item.kind: item.due_on for item in work_items(dates, calendar=CALENDAR, rule_set=RULES)}


def test_a_listed_candidate_owes_the_first_unevaluated_month_by_its_last_day() -> None:
    dates = PipelineDates(
        stage=Stage.CANDIDATE,
        listed_on=date(2025, 8, 10),
        evaluated_months=frozenset({date(2025, 9, 1)}),
    )
    assert _kinds(dates) == {WorkKind.EVALUATION_MISSING: date(2025, 10, 31)}


def test_a_dossier_owes_an_evaluation_a_valid_certificate_and_a_vote_before_it_goes_stale() -> None:
    dates = PipelineDates(
        stage=Stage.DOSSIER,
        listed_on=date(2025, 1, 10),
        certificate_on=date(2021, 3, 1),
        staleness_clock_start=date(2025, 2, 28),
    )
    kinds = _kinds(dates)
    assert kinds[WorkKind.CERTIFICATE_EXPIRY] == date(2026, 3, 1)
    assert kinds[WorkKind.DOSSIER_STALE] == date(2026, 2, 28)
    assert WorkKind.EVALUATION_MISSING in kinds


def test_a_certificate_expiring_before_the_planned_vote_says_so() -> None:
    dates = PipelineDates(
        stage=Stage.DOSSIER, certificate_on=date(2021, 3, 1), planned_vote_on=date(2026, 3, 10)
    )
    (item,) = [
        i
        for i in work_items(dates, calendar=CALENDAR, rule_set=RULES)
        if i.kind is WorkKind.CERTIFICATE_EXPIRY
    ]
    assert "hết hạn trước ngày chi bộ dự kiến xét 10/03/2026" in item.note


def test_the_decision_is_due_60_working_days_after_the_cell_resolution_or_90_if_extended() -> None:
    base = PipelineDates(stage=Stage.GRASSROOTS_RESOLVED, cell_resolved_on=date(2025, 9, 5))
    assert _kinds(base) == {
        WorkKind.DECISION_PENDING: decision_due(date(2025, 9, 5), calendar=CALENDAR, rule_set=RULES)
    }
    extended = PipelineDates(
        stage=Stage.CELL_RESOLVED, cell_resolved_on=date(2025, 9, 5), decision_extended=True
    )
    assert _kinds(extended)[WorkKind.DECISION_PENDING] == extended_decision_due(
        date(2025, 9, 5), calendar=CALENDAR, rule_set=RULES
    )


def test_an_admitted_person_owes_the_ceremony_within_30_working_days_of_receiving_it() -> None:
    dates = PipelineDates(stage=Stage.ADMITTED, decision_received_on=date(2025, 12, 22))
    # 30 working days after 22/12/2025 cross New Year's Day 2026.
    assert _kinds(dates) == {WorkKind.CEREMONY_PENDING: date(2026, 2, 3)}


def test_probation_yields_the_milestone_and_the_recognition_vote_due_date() -> None:
    dates = PipelineDates(stage=Stage.PROBATION, probation_ends_on=date(2026, 3, 15))
    kinds = _kinds(dates)
    assert kinds[WorkKind.PROBATION_ENDING] == date(2026, 3, 15)
    assert kinds[WorkKind.RECOGNITION_CELL_PENDING] > date(2026, 3, 15)
    assert not WorkKind.PROBATION_ENDING.can_be_overdue
    assert WorkKind.RECOGNITION_CELL_PENDING.can_be_overdue


def test_the_recognition_decision_is_due_after_the_cell_resolution() -> None:
    dates = PipelineDates(
        stage=Stage.RECOGNITION_GRASSROOTS_RESOLVED, recognition_cell_resolved_on=date(2026, 4, 1)
    )
    assert set(_kinds(dates)) == {WorkKind.RECOGNITION_DECISION_PENDING}


def test_final_stages_owe_nothing() -> None:
    for stage in (Stage.OFFICIAL, Stage.REFUSED, Stage.WITHDRAWN):
        assert _kinds(PipelineDates(stage=stage, listed_on=date(2025, 1, 1))) == {}
