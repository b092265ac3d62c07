"""Versioned rule sets: every threshold of the admission procedure as data, with its source.

The rules were re-issued three times in five years; each dossier records the rule
set it was processed under. The numbers have not changed between the three
versions, only the texts that carry them, so one builder states the shared values
once and each version names its own texts. A future version that changes a
number is `dataclasses.replace(previous, field=RuleValue(...))`.

Citations name the Party Charter ("Điều lệ Đảng") article where the number is in
the Charter itself; where the article or point of an implementing text could not
be confirmed the citation says "(cần xác minh)".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Generic, TypeVar

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date
from dangvien.pipeline.domain.facts import EducationLevel, SpecialArea
from dangvien.pipeline.domain.forms import FormCode

T = TypeVar("T")

UNVERIFIED = "(cần xác minh)"


@dataclass(frozen=True)
class RuleValue(Generic[T]):
    """A threshold and the text it comes from."""

    value: T
    citation: str


@dataclass(frozen=True)
class RuleSet:
    """The thresholds of one version of the admission rules."""

    code: str
    name: str
    effective_from: date

    # Eligibility at the date of the cell vote.
    min_age_months: RuleValue[int]
    max_age_months: RuleValue[int]
    over_max_age_with_consent: RuleValue[bool]  # province standing committee may agree
    min_education: RuleValue[EducationLevel]
    exception_min_education: RuleValue[EducationLevel]
    exception_areas: RuleValue[frozenset[SpecialArea]]
    fisherman_exception: RuleValue[bool]
    village_elder_exception_with_consent: RuleValue[bool]
    certificate_validity_months: RuleValue[int]

    # Dossier contents.
    cell_vote_forms: RuleValue[tuple[FormCode, ...]]  # besides introductions and CN-NTVĐ
    recognition_vote_forms: RuleValue[tuple[FormCode, ...]]

    # Introductions.
    member_introducers: RuleValue[int]  # official members needed without a union resolution
    member_introducers_with_union: RuleValue[int]  # official members needed with one
    introducer_min_months_together: RuleValue[int]

    # Votes.
    cell_vote_threshold: RuleValue[Fraction]  # of the cell's official members
    committee_vote_threshold: RuleValue[Fraction]  # of the committee's members
    max_failed_cell_votes: RuleValue[int]

    # Time limits.
    decision_working_days: RuleValue[int]
    decision_extension_working_days: RuleValue[int]
    ceremony_working_days: RuleValue[int]
    probation_months: RuleValue[int]
    recognition_cell_working_days: RuleValue[int]
    recognition_decision_working_days: RuleValue[int]
    dossier_stale_months: RuleValue[int]

    # Background verification.
    verification_required: RuleValue[bool]  # every request answered before the cell votes
    adult_age_months: RuleValue[int]  # children from this age are verified
    exempt_declared_member_relatives: RuleValue[bool]


@dataclass(frozen=True)
class _Texts:
    """The texts a rule set version cites: implementing regulation and guidance."""

    regulation: str  # e.g. "Quy định 294-QĐ/TW"
    guidance: str  # e.g. "Hướng dẫn 06-HD/TW"


CHARTER = "Điều lệ Đảng"
PROFESSIONAL_GUIDANCE = "Hướng dẫn 12-HD/BTCTW"
CIVIL_CODE_ADULT = "Bộ luật Dân sự 2015, Điều 20"


def _on(texts: _Texts, charter_article: int) -> str:
    """Return the citation of the regulation's guidance on a Charter article, point unverified."""
    return f"{texts.regulation}, hướng dẫn Điều {charter_article} {CHARTER} {UNVERIFIED}"


def _build(code: str, name: str, effective_from: date, texts: _Texts) -> RuleSet:
    """Return a rule set with the values shared by every version, citing `texts`."""
    article_1 = _on(texts, 1)
    article_4 = _on(texts, 4)
    article_5 = _on(texts, 5)
    guidance = f"{texts.guidance} {UNVERIFIED}"
    return RuleSet(
        code=code,
        name=name,
        effective_from=effective_from,
        min_age_months=RuleValue(18 * 12, f"{CHARTER}, Điều 1; {article_1}"),
        max_age_months=RuleValue(60 * 12, article_1),
        over_max_age_with_consent=RuleValue(True, article_1),
        min_education=RuleValue(EducationLevel.LOWER_SECONDARY, article_1),
        exception_min_education=RuleValue(EducationLevel.PRIMARY, article_1),
        exception_areas=RuleValue(frozenset(SpecialArea), article_1),
        fisherman_exception=RuleValue(True, article_1),
        village_elder_exception_with_consent=RuleValue(True, article_1),
        certificate_validity_months=RuleValue(60, guidance),
        cell_vote_forms=RuleValue(
            (FormCode.KND_1, FormCode.KND_2, FormCode.KND_5), f"{CHARTER}, Điều 4; {article_4}"
        ),
        recognition_vote_forms=RuleValue(
            (FormCode.KND_10, FormCode.KND_11, FormCode.KND_12), article_5
        ),
        member_introducers=RuleValue(2, f"{CHARTER}, Điều 4"),
        member_introducers_with_union=RuleValue(1, f"{CHARTER}, Điều 4"),
        introducer_min_months_together=RuleValue(12, f"{CHARTER}, Điều 4; {article_4}"),
        cell_vote_threshold=RuleValue(Fraction(2, 3), f"{CHARTER}, Điều 4"),
        committee_vote_threshold=RuleValue(Fraction(2, 3), f"{CHARTER}, Điều 4"),
        max_failed_cell_votes=RuleValue(3, article_4),
        decision_working_days=RuleValue(60, article_4),
        decision_extension_working_days=RuleValue(30, article_4),
        ceremony_working_days=RuleValue(30, article_4),
        probation_months=RuleValue(12, f"{CHARTER}, Điều 5"),
        recognition_cell_working_days=RuleValue(30, article_5),
        recognition_decision_working_days=RuleValue(30, article_5),
        dossier_stale_months=RuleValue(12, guidance),
        verification_required=RuleValue(True, f"{PROFESSIONAL_GUIDANCE} {UNVERIFIED}"),
        adult_age_months=RuleValue(18 * 12, CIVIL_CODE_ADULT),
        exempt_declared_member_relatives=RuleValue(True, f"{PROFESSIONAL_GUIDANCE} {UNVERIFIED}"),
    )


RULES_2021 = _build(
    "24-QĐ/TW (2021)",
    "Quy định 24-QĐ/TW (2021) thi hành Điều lệ Đảng",
    date(2021, 7, 28),
    _Texts(regulation="Quy định 24-QĐ/TW", guidance="Hướng dẫn 01-HD/TW"),
)
RULES_2025_01 = _build(
    "232-QĐ/TW (01/2025)",
    "Quy định 232-QĐ/TW (01/2025) thi hành Điều lệ Đảng",
    date(2025, 1, 20),
    _Texts(regulation="Quy định 232-QĐ/TW", guidance="Hướng dẫn 06-HD/TW"),
)
RULES_2025_07 = _build(
    "294-QĐ/TW (07/2025)",
    "Quy định 294-QĐ/TW (07/2025) thi hành Điều lệ Đảng",
    date(2025, 7, 1),
    _Texts(regulation="Quy định 294-QĐ/TW", guidance="Hướng dẫn 06-HD/TW"),
)

# Oldest first; each version applies from its effective date until the next one's.
RULE_SETS: tuple[RuleSet, ...] = (RULES_2021, RULES_2025_01, RULES_2025_07)


def rule_set_for(on: date) -> RuleSet:
    """Return the rule set in force on `on`."""
    in_force = [rules for rules in RULE_SETS if rules.effective_from <= on]
    if not in_force:
        raise DomainError(
            f"Chưa có bộ quy tắc kết nạp nào có hiệu lực vào ngày {format_date(on)} "
            f"(bộ sớm nhất áp dụng từ {format_date(RULE_SETS[0].effective_from)}).",
            code="no_rule_set",
        )
    return max(in_force, key=lambda rules: rules.effective_from)


def rule_set_by_code(code: str) -> RuleSet:
    """Return the rule set recorded on a dossier under `code`."""
    for rules in RULE_SETS:
        if rules.code == code:
            return rules
    known = ", ".join(rules.code for rules in RULE_SETS)
    raise DomainError(
        f'Không có bộ quy tắc "{code}"; các bộ hiện có: {known}.', code="unknown_rule_set"
    )
