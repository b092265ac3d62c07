"""Background verification: one request per relative and place, with the member exemption."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline.domain.rulesets import RULES_2025_07
from dangvien.pipeline.domain.verification import (
    Relative,
    RelativeKind,
    VerificationRequest,
    plan_verification,
)

RULES = RULES_2025_07
ON = date(2026, 3, 10)
APPLICANT = Relative(RelativeKind.APPLICANT, "Lê Văn Cường", ("Xã Tân Lập, tỉnh Phú Thọ",))


def plan(*relatives: Relative) -> list[tuple[RelativeKind, str]]:
    result = plan_verification([APPLICANT, *relatives], on=ON, rule_set=RULES)
    return [(r.kind, r.place) for r in result.requests]


def test_the_applicant_and_close_relatives_are_each_verified() -> None:
    requests = plan(
        Relative(RelativeKind.FATHER, "Lê Văn Dũng", ("Xã A",)),
        Relative(RelativeKind.MOTHER, "Phạm Thị Hoa", ("Xã A",)),
        Relative(RelativeKind.SPOUSE, "Đỗ Thị Lan", ("Phường B",)),
        Relative(RelativeKind.FATHER_IN_LAW, "Đỗ Văn Minh", ("Phường B",)),
        Relative(RelativeKind.MOTHER_IN_LAW, "Vũ Thị Nga", ("Phường B",)),
    )
    assert [kind for kind, _ in requests] == [
        RelativeKind.APPLICANT,
        RelativeKind.FATHER,
        RelativeKind.MOTHER,
        RelativeKind.SPOUSE,
        RelativeKind.FATHER_IN_LAW,
        RelativeKind.MOTHER_IN_LAW,
    ]


def test_one_request_is_made_per_place_ignoring_spelling_of_spaces_and_case() -> None:
    father = Relative(RelativeKind.FATHER, "Lê Văn Dũng", ("Xã A", "  xã  a ", "Công ty X"))
    result = plan_verification([APPLICANT, father], on=ON, rule_set=RULES)
    assert result.requests[1:] == (
        VerificationRequest(RelativeKind.FATHER, "Lê Văn Dũng", "Xã A"),
        VerificationRequest(RelativeKind.FATHER, "Lê Văn Dũng", "Công ty X"),
    )


def test_a_guardian_is_verified() -> None:
    assert (RelativeKind.GUARDIAN, "Xã C") in plan(
        Relative(RelativeKind.GUARDIAN, "Hà Văn Sơn", ("Xã C",))
    )


def test_an_adult_child_is_verified_from_the_18th_birthday() -> None:
    adult = Relative(RelativeKind.CHILD, "Lê Minh", ("Xã A",), birth_date=date(2008, 3, 10))
    minor = Relative(RelativeKind.CHILD, "Lê Hà", ("Xã A",), birth_date=date(2008, 3, 11))
    assert plan(adult, minor) == [
        (RelativeKind.APPLICANT, "Xã Tân Lập, tỉnh Phú Thọ"),
        (RelativeKind.CHILD, "Xã A"),
    ]


def test_a_fully_declared_member_relative_is_exempt_with_a_reason() -> None:
    father = Relative(
        RelativeKind.FATHER, "Lê Văn Dũng", ("Xã A",), is_party_member=True, fully_declared=True
    )
    result = plan_verification([APPLICANT, father], on=ON, rule_set=RULES)
    assert [r.kind for r in result.requests] == [RelativeKind.APPLICANT]
    (exemption,) = result.exemptions
    assert exemption.code == "verification_exempt"
    assert "Miễn thẩm tra cha Lê Văn Dũng: là đảng viên" in exemption.message


def test_a_member_relative_not_fully_declared_is_still_verified() -> None:
    father = Relative(RelativeKind.FATHER, "Lê Văn Dũng", ("Xã A",), is_party_member=True)
    assert (RelativeKind.FATHER, "Xã A") in plan(father)


def test_the_applicant_is_never_exempt() -> None:
    member_like = Relative(
        RelativeKind.APPLICANT, "Lê Văn Cường", ("Xã A",), is_party_member=True, fully_declared=True
    )
    result = plan_verification([member_like], on=ON, rule_set=RULES)
    assert result.exemptions == ()
    assert len(result.requests) == 1


def test_missing_information_is_reported_instead_of_guessing() -> None:
    child = Relative(RelativeKind.CHILD, "Lê An", ("Xã A",))
    mother = Relative(RelativeKind.MOTHER, "Phạm Thị Hoa", ("  ",))
    result = plan_verification([child, mother], on=ON, rule_set=RULES)
    assert not result.complete
    assert [r.code for r in result.problems] == [
        "verification_applicant_missing",
        "verification_birth_date_missing",
        "verification_place_missing",
    ]
    assert result.requests == ()


def test_a_plan_with_everything_recorded_is_complete() -> None:
    assert plan_verification([APPLICANT], on=ON, rule_set=RULES).complete
