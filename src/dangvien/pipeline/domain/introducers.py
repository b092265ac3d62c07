"""Who may introduce an applicant: two official members, or one plus a union resolution."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dangvien.people.domain.enums import FULL_MEMBER_STATUSES
from dangvien.pipeline.domain.decisions import Decision, Reason
from dangvien.pipeline.domain.facts import CandidateFacts, IntroducerFacts, IntroducerKind
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.rulesets import RuleSet

_UNION_NAMES: dict[IntroducerKind, str] = {
    IntroducerKind.YOUTH_UNION: "Ban Chấp hành Đoàn cơ sở",
    IntroducerKind.TRADE_UNION: "Ban Chấp hành Công đoàn cơ sở",
}


@dataclass(frozen=True)
class _Tally:
    """The valid introductions found, and the problems of the invalid ones."""

    members: int
    unions: int
    problems: tuple[Reason, ...]


def member_introducer_problems(introducer: IntroducerFacts, rule_set: RuleSet) -> list[Reason]:
    """Return why a member introducer does not qualify: not official, or too short together."""
    problems = []
    who = f"Người giới thiệu {introducer.name}"
    rule = rule_set.member_introducers
    if introducer.status not in FULL_MEMBER_STATUSES:
        status = introducer.status.label if introducer.status else "chưa ghi"
        text = f"{who} không phải đảng viên chính thức tại ngày giới thiệu (tình trạng: {status})"
        problems.append(
            Reason.cite("introducer_not_official", text, rule.citation, form=FormCode.KND_3)
        )
    minimum = rule_set.introducer_min_months_together
    months = introducer.months_together
    if months is None:
        text = f"{who}: chưa ghi thời gian cùng công tác hoặc cư trú với người vào Đảng"
        problems.append(Reason.cite("introducer_months_missing", text, minimum.citation))
    elif months < minimum.value:
        text = (
            f"{who} mới cùng công tác hoặc cư trú với người vào Đảng {months} tháng, "
            f"cần ít nhất {minimum.value} tháng"
        )
        problems.append(
            Reason.cite("introducer_too_short", text, minimum.citation, form=FormCode.KND_3)
        )
    return problems


def _union_problem(
    introducer: IntroducerFacts, candidate: CandidateFacts, rule_set: RuleSet
) -> Reason | None:
    """Return why a union resolution cannot introduce this applicant, or None if it can."""
    is_member = (
        candidate.youth_union_member
        if introducer.kind is IntroducerKind.YOUTH_UNION
        else candidate.trade_union_member
    )
    if is_member:
        return None
    union = (
        "đoàn viên Đoàn Thanh niên"
        if introducer.kind is IntroducerKind.YOUTH_UNION
        else "đoàn viên công đoàn"
    )
    text = (
        f"Người vào Đảng không phải {union} nên không dùng được nghị quyết giới thiệu của "
        f"{_UNION_NAMES[introducer.kind]} ({introducer.kind.form})"
    )
    return Reason.cite(
        "union_introduction_invalid",
        text,
        rule_set.member_introducers_with_union.citation,
        form=introducer.kind.form,
    )


def _tally(
    introducers: Iterable[IntroducerFacts], candidate: CandidateFacts, rule_set: RuleSet
) -> _Tally:
    """Count the valid member and union introductions, collecting every problem."""
    members = unions = 0
    problems: list[Reason] = []
    for introducer in introducers:
        if introducer.kind is IntroducerKind.PARTY_MEMBER:
            found = member_introducer_problems(introducer, rule_set)
            members += not found
        else:
            problem = _union_problem(introducer, candidate, rule_set)
            found = [problem] if problem else []
            unions += not found
        problems.extend(found)
    return _Tally(members=members, unions=unions, problems=tuple(problems))


def check_introducers(
    introducers: Iterable[IntroducerFacts], candidate: CandidateFacts, rule_set: RuleSet
) -> Decision:
    """Decide whether the introductions suffice, listing every faulty introduction if not."""
    tally = _tally(introducers, candidate, rule_set)
    alone = rule_set.member_introducers
    with_union = rule_set.member_introducers_with_union
    if tally.members >= alone.value:
        text = f"Đủ người giới thiệu: {tally.members} đảng viên chính thức"
        return Decision.from_checks([], [Reason.cite("introducers_ok", text, alone.citation)])
    if tally.unions and tally.members >= with_union.value:
        text = (
            f"Đủ người giới thiệu: {tally.members} đảng viên chính thức và nghị quyết "
            "giới thiệu của tổ chức đoàn thể"
        )
        return Decision.from_checks([], [Reason.cite("introducers_ok", text, with_union.citation)])
    summary = (
        f"Chưa đủ người giới thiệu: cần {alone.value} đảng viên chính thức, hoặc "
        f"{with_union.value} đảng viên chính thức và nghị quyết giới thiệu của Ban Chấp hành "
        f"Đoàn cơ sở (4-KNĐ) hoặc Công đoàn cơ sở (4A-KNĐ); hiện có {tally.members} đảng viên "
        f"và {tally.unions} nghị quyết hợp lệ"
    )
    insufficient = Reason.cite(
        "introducers_insufficient", summary, alone.citation, form=FormCode.KND_3
    )
    return Decision.from_checks([*tally.problems, insufficient])
