"""Votes of the cell and the committees, and the two-thirds thresholds they must reach."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.decisions import Decision, Reason
from dangvien.pipeline.domain.rulesets import RuleSet, RuleValue
from dangvien.pipeline.domain.stages import Action


class VoteMethod(StrEnum):
    """How the members voted."""

    SECRET_BALLOT = "bo_phieu_kin"  # Bỏ phiếu kín
    SHOW_OF_CARDS = "gio_the"  # Biểu quyết giơ thẻ đảng viên

    @property
    def label(self) -> str:
        return "Bỏ phiếu kín" if self is VoteMethod.SECRET_BALLOT else "Biểu quyết giơ thẻ"


class VotingBody(StrEnum):
    """Who votes, which decides the threshold and how voters are named in messages."""

    CELL = "chi_bo"  # Chi bộ: its official members (probationary members do not count)
    COMMITTEE = "cap_uy"  # Cấp ủy (đảng ủy cơ sở, đảng ủy bộ phận): its members

    @property
    def voters(self) -> str:
        return "đảng viên chính thức" if self is VotingBody.CELL else "cấp ủy viên"


@dataclass(frozen=True)
class VoteRecord:
    """The recorded count of one vote; `eligible` is computed by the caller, never typed in.

    Raises DomainError on construction when the counts are inconsistent.
    """

    eligible: int  # official members of the cell (or members of the committee) on the vote date
    present: int
    in_favour: int
    against: int
    method: VoteMethod

    def __post_init__(self) -> None:
        problems = vote_problems(self)
        if problems:
            field_name, _ = problems[0]
            message = "; ".join(text for _, text in problems)
            raise DomainError(
                f"Số liệu biểu quyết không hợp lệ: {message}.",
                code="invalid_vote",
                field=field_name,
            )

    @property
    def not_agreeing(self) -> int:
        """Return the present members who neither agreed nor disagreed (blank or spoilt ballots)."""
        return self.present - self.in_favour - self.against


def vote_problems(record: VoteRecord) -> list[tuple[str, str]]:
    """Return every inconsistency of the counts as (field, Vietnamese text)."""
    problems = [
        (name, f"{label} không được âm")
        for name, label, value in (
            ("eligible", "số người có quyền biểu quyết", record.eligible),
            ("present", "số người có mặt", record.present),
            ("in_favour", "số tán thành", record.in_favour),
            ("against", "số không tán thành", record.against),
        )
        if value < 0
    ]
    if record.eligible == 0:
        problems.append(("eligible", "không có ai có quyền biểu quyết"))
    if record.present > record.eligible:
        problems.append(
            (
                "present",
                f"số có mặt ({record.present}) lớn hơn số có quyền biểu quyết ({record.eligible})",
            )
        )
    if record.in_favour + record.against > record.present:
        problems.append(
            (
                "in_favour",
                f"số tán thành và không tán thành ({record.in_favour} + {record.against}) "
                f"lớn hơn số có mặt ({record.present})",
            )
        )
    return problems


def required_for(eligible: int, threshold: Fraction) -> int:
    """Return the fewest votes in favour reaching `threshold` of `eligible`: ceil(threshold × n)."""
    # Integer ceiling division keeps the count exact for any fraction a rule set may hold.
    return -(-eligible * threshold.numerator // threshold.denominator)


def passes(record: VoteRecord, threshold: RuleValue[Fraction], *, body: VotingBody) -> Decision:
    """Decide whether the votes in favour reach the threshold of all eligible voters."""
    needed = required_for(record.eligible, threshold.value)
    share = f"{threshold.value.numerator}/{threshold.value.denominator}"
    counts = (
        f"{record.in_favour}/{record.eligible} {body.voters} tán thành, cần ít nhất {needed} "
        f"({share} của {record.eligible})"
    )
    if record.in_favour >= needed:
        return Decision.from_checks(
            [], [Reason.cite("vote_passed", f"Đạt: {counts}", threshold.citation)]
        )
    return Decision.from_checks(
        [Reason.cite("vote_failed", f"Không đạt: {counts}", threshold.citation)]
    )


def cell_vote_passes(record: VoteRecord, rule_set: RuleSet) -> Decision:
    """Decide a cell vote (6-KNĐ, 13-KNĐ) against two-thirds of its official members."""
    return passes(record, rule_set.cell_vote_threshold, body=VotingBody.CELL)


def committee_vote_passes(record: VoteRecord, rule_set: RuleSet) -> Decision:
    """Decide a committee vote (8-KNĐ, 15-KNĐ) against two-thirds of its members."""
    return passes(record, rule_set.committee_vote_threshold, body=VotingBody.COMMITTEE)


def cell_vote_action(*, passed: bool, failed_before: int, rule_set: RuleSet) -> Action:
    """Return the action that records a cell admission vote, escalating at the failure limit.

    `failed_before` counts the earlier failed votes on this dossier. A pass records the
    resolution; a failure below the limit keeps the dossier with the cell; the failure
    that reaches the limit sends the case to the committee above.
    """
    if passed:
        return Action.RECORD_CELL_VOTE
    if failed_before + 1 >= rule_set.max_failed_cell_votes.value:
        return Action.ESCALATE
    return Action.RECORD_FAILED_CELL_VOTE
