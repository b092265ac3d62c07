"""The checklist before a step: missing forms, introducers, verification, staleness, certificate."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from dangvien.people.domain.enums import Status
from dangvien.pipeline.domain.facts import (
    CandidateFacts,
    DossierFacts,
    EducationLevel,
    IntroducerFacts,
    IntroducerKind,
)
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.readiness import readiness_for
from dangvien.pipeline.domain.rulesets import RULES_2025_07
from dangvien.pipeline.domain.stages import Action

RULES = RULES_2025_07
TODAY = date(2026, 3, 10)
INTRODUCERS = (
    IntroducerFacts(IntroducerKind.PARTY_MEMBER, "Nguyễn Văn An", Status.OFFICIAL, 24),
    IntroducerFacts(IntroducerKind.PARTY_MEMBER, "Trần Thị Bình", Status.OFFICIAL, 12),
)
READY = DossierFacts(
    candidate=CandidateFacts(
        birth_date=date(2000, 5, 1),
        education=EducationLevel.UPPER_SECONDARY,
        awareness_certificate_on=date(2025, 6, 1),
    ),
    opened_on=date(2025, 9, 1),
    documents=frozenset({FormCode.KND_1, FormCode.KND_2, FormCode.KND_5}),
    introducers=INTRODUCERS,
)


def dossier(**changes: Any) -> DossierFacts:
    """Return the complete dossier with `changes` applied."""
    return dataclasses.replace(READY, **changes)


def candidate(**changes: Any) -> CandidateFacts:
    """Return the dossier's candidate with `changes` applied."""
    return dataclasses.replace(READY.candidate, **changes)


def codes(facts: DossierFacts, action: Action = Action.RECORD_CELL_VOTE) -> list[str]:
    return [r.code for r in readiness_for(action, facts, RULES, on=TODAY).missing]


def test_a_complete_dossier_is_ready_for_the_cell_vote() -> None:
    readiness = readiness_for(Action.RECORD_CELL_VOTE, READY, RULES, on=TODAY)
    assert readiness.ready
    assert readiness.missing == ()
    assert readiness.warnings == ()


def test_missing_forms_are_listed_by_code() -> None:
    readiness = readiness_for(
        Action.RECORD_CELL_VOTE, dossier(documents=frozenset({FormCode.KND_2})), RULES, on=TODAY
    )
    assert [r.form for r in readiness.missing] == [FormCode.KND_1, FormCode.KND_5]
    assert readiness.missing[0].message.startswith("Thiếu Đơn xin vào Đảng (1-KNĐ)")


def test_insufficient_introducers_block_the_vote() -> None:
    assert codes(dossier(introducers=INTRODUCERS[:1])) == ["introducers_insufficient"]


def test_pending_background_verification_blocks_the_vote() -> None:
    readiness = readiness_for(
        Action.RECORD_CELL_VOTE, dossier(pending_verifications=2), RULES, on=TODAY
    )
    assert [r.code for r in readiness.missing] == ["verification_pending"]
    assert "Còn 2 yêu cầu thẩm tra lý lịch" in readiness.missing[0].message


def test_a_dossier_is_not_stale_on_the_last_day_of_its_12_months() -> None:
    assert codes(dossier(opened_on=date(2025, 3, 10))) == []


def test_a_dossier_goes_stale_the_day_after_and_introductions_must_be_redone() -> None:
    readiness = readiness_for(
        Action.RECORD_CELL_VOTE, dossier(opened_on=date(2025, 3, 9)), RULES, on=TODAY
    )
    (reason,) = readiness.missing
    assert reason.code == "dossier_stale"
    assert "phải làm lại giấy giới thiệu" in reason.message
    assert "hết ngày 09/03/2026" in reason.message


def test_redone_introductions_restart_the_staleness_clock() -> None:
    redone = dossier(opened_on=date(2024, 1, 1), introductions_redone_on=date(2025, 12, 1))
    assert codes(redone) == []


def test_the_certificate_is_checked_on_the_planned_vote_date() -> None:
    expiring = dossier(
        candidate=candidate(awareness_certificate_on=date(2021, 4, 1)),
        planned_vote_on=date(2026, 4, 2),
    )
    assert codes(expiring) == ["certificate_expired"]


def test_a_certificate_expiring_within_30_days_is_a_warning_not_a_blocker() -> None:
    expiring = dossier(candidate=candidate(awareness_certificate_on=date(2021, 4, 1)))
    readiness = readiness_for(Action.RECORD_CELL_VOTE, expiring, RULES, on=TODAY)
    assert readiness.ready
    assert [r.code for r in readiness.warnings] == ["certificate_expiring"]
    assert "01/04/2026" in readiness.warnings[0].message


def test_eligibility_is_part_of_the_cell_vote_checklist() -> None:
    young = dossier(candidate=candidate(birth_date=date(2008, 3, 11)))
    assert codes(young) == ["age_below_minimum"]


def test_everything_missing_is_listed_at_once() -> None:
    empty = DossierFacts(
        candidate=CandidateFacts(birth_date=date(2009, 1, 1), education=EducationLevel.PRIMARY),
        opened_on=date(2024, 1, 1),
        pending_verifications=1,
    )
    assert codes(empty) == [
        "missing_knd_1",
        "missing_knd_2",
        "missing_knd_5",
        "introducers_insufficient",
        "verification_pending",
        "dossier_stale",
        "certificate_missing",
        "age_below_minimum",
        "education_insufficient",
    ]


def test_opening_a_dossier_needs_a_valid_certificate() -> None:
    without = dossier(candidate=candidate(awareness_certificate_on=None))
    assert codes(without, Action.OPEN_DOSSIER) == ["certificate_missing"]
    assert codes(READY, Action.OPEN_DOSSIER) == []


def test_the_recognition_vote_waits_for_the_end_of_probation() -> None:
    probationary = dossier(
        probation_ends_on=date(2026, 3, 11),
        documents=frozenset({FormCode.KND_10, FormCode.KND_11, FormCode.KND_12}),
    )
    assert codes(probationary, Action.RECORD_RECOGNITION_CELL_VOTE) == ["probation_not_ended"]
    ended = dataclasses.replace(probationary, probation_ends_on=TODAY)
    assert codes(ended, Action.RECORD_RECOGNITION_CELL_VOTE) == []


def test_the_recognition_vote_needs_its_forms_and_a_ceremony_date() -> None:
    assert codes(READY, Action.RECORD_RECOGNITION_CELL_VOTE) == [
        "probation_unknown",
        "missing_knd_10",
        "missing_knd_11",
        "missing_knd_12",
    ]


def test_an_action_without_prerequisites_is_always_ready() -> None:
    readiness = readiness_for(Action.ADD_TO_LIST, READY, RULES, on=TODAY)
    assert readiness.ready
    assert readiness.action is Action.ADD_TO_LIST
