"""Whether a candidate may be considered on the date of the cell vote: age, education, extras.

Every check runs and every failure is reported, never only the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dangvien.core.domain.text import age_months, format_date, months_between
from dangvien.pipeline.domain.dates import format_age
from dangvien.pipeline.domain.deadlines import certificate_expires_on
from dangvien.pipeline.domain.decisions import Decision, Reason, combine
from dangvien.pipeline.domain.facts import AttributeValue, CandidateFacts, Consent
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.local_criteria import LocalCriterion
from dangvien.pipeline.domain.rulesets import RuleSet

PROVINCE_STANDING_COMMITTEE = "Ban Thường vụ Tỉnh ủy, Thành ủy"


def check_age(candidate: CandidateFacts, *, vote_on: date, rule_set: RuleSet) -> Decision:
    """Decide the age window, counted in whole months on the day of the cell vote."""
    months = age_months(candidate.birth_date, vote_on)
    when = f"tại ngày chi bộ xét ({format_date(vote_on)})"
    low, high = rule_set.min_age_months, rule_set.max_age_months
    if months < low.value:
        text = f"Chưa đủ {format_age(low.value)} {when}: {format_age(months)}"
        return Decision.from_checks([Reason.cite("age_below_minimum", text, low.citation)])
    if months <= high.value:
        return Decision(ok=True)
    text = f"Quá {format_age(high.value)} {when}: {format_age(months)}"
    consent = rule_set.over_max_age_with_consent
    if not consent.value:
        return Decision.from_checks([Reason.cite("age_above_maximum", text, high.citation)])
    if Consent.OVER_MAX_AGE in candidate.consents:
        note = f"{text}; đã có văn bản đồng ý của {PROVINCE_STANDING_COMMITTEE}"
        return Decision.from_checks(
            [], [Reason.cite("age_above_maximum_consented", note, consent.citation)]
        )
    text += f"; cần văn bản đồng ý của {PROVINCE_STANDING_COMMITTEE}"
    return Decision.from_checks([Reason.cite("age_above_maximum", text, consent.citation)])


def education_exception_path(candidate: CandidateFacts, rule_set: RuleSet) -> str | None:
    """Return, in Vietnamese, why the lowered education requirement applies, or None."""
    areas = sorted(area.label for area in candidate.special_areas & rule_set.exception_areas.value)
    if areas:
        return f"người ở {', '.join(areas)}"
    if candidate.is_fisherman and rule_set.fisherman_exception.value:
        return "ngư dân thường xuyên làm việc trên biển"
    return None


def check_education(candidate: CandidateFacts, *, rule_set: RuleSet) -> Decision:
    """Decide the education requirement with its exception paths (areas, fishermen, elders)."""
    required = rule_set.min_education
    if candidate.education.at_least(required.value):
        return Decision(ok=True)
    path = education_exception_path(candidate, rule_set)
    lowered = rule_set.exception_min_education
    if path and candidate.education.at_least(lowered.value):
        note = f"Áp dụng yêu cầu trình độ {lowered.value.label} trở lên cho {path}"
        return Decision.from_checks(
            [], [Reason.cite("education_exception", note, lowered.citation)]
        )
    elder = rule_set.village_elder_exception_with_consent
    elder_path = candidate.is_village_elder and elder.value
    if elder_path and Consent.VILLAGE_ELDER_EDUCATION in candidate.consents:
        note = f"Già làng: {PROVINCE_STANDING_COMMITTEE} đã đồng ý bằng văn bản về trình độ học vấn"
        return Decision.from_checks(
            [], [Reason.cite("education_elder_consented", note, elder.citation)]
        )
    minimum = lowered if path else required
    text = (
        f"Trình độ học vấn chưa đạt: {candidate.education.label}, "
        f"yêu cầu {minimum.value.label} trở lên" + (f" (áp dụng cho {path})" if path else "")
    )
    if elder_path:
        text += f"; già làng cần văn bản đồng ý của {PROVINCE_STANDING_COMMITTEE}"
    return Decision.from_checks([Reason.cite("education_insufficient", text, minimum.citation)])


def check_certificate(issued_on: date | None, *, on: date, rule_set: RuleSet) -> Decision:
    """Decide whether the awareness certificate (CN-NTVĐ) exists and is valid on `on`."""
    validity = rule_set.certificate_validity_months
    form = FormCode.CN_NTVD
    if issued_on is None:
        text = "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (CN-NTVĐ)"
        return Decision.from_checks(
            [Reason.cite("certificate_missing", text, validity.citation, form=form)]
        )
    if issued_on > on:
        issued, considered = format_date(issued_on), format_date(on)
        text = f"Giấy chứng nhận CN-NTVĐ cấp ngày {issued}, sau ngày xét {considered}"
        return Decision.from_checks(
            [Reason.cite("certificate_future", text, validity.citation, form=form)]
        )
    expires_on = certificate_expires_on(issued_on, rule_set=rule_set)
    if on <= expires_on:
        return Decision(ok=True)
    text = (
        f"Giấy chứng nhận CN-NTVĐ cấp ngày {format_date(issued_on)} đã hết hạn ngày "
        f"{format_date(expires_on)} (giá trị {validity.value} tháng; đến ngày {format_date(on)} "
        f"là {months_between(issued_on, on)} tháng): cần học lại lớp nhận thức về Đảng"
    )
    return Decision.from_checks(
        [Reason.cite("certificate_expired", text, validity.citation, form=form)]
    )


def candidate_attributes(candidate: CandidateFacts, on: date) -> dict[str, AttributeValue]:
    """Return the attributes local criteria may test; computed ones win over recorded ones."""
    months = age_months(candidate.birth_date, on)
    return {
        **candidate.attributes,
        "age_months": months,
        "age_years": months // 12,
        "education": candidate.education.value,
        "youth_union_member": candidate.youth_union_member,
        "trade_union_member": candidate.trade_union_member,
        "is_fisherman": candidate.is_fisherman,
        "is_village_elder": candidate.is_village_elder,
    }


def check_local_criteria(
    candidate: CandidateFacts, criteria: Iterable[LocalCriterion], *, on: date
) -> Decision:
    """Decide the organisation's extra criteria, reporting every one that is not met."""
    attributes = candidate_attributes(candidate, on)
    failures = [reason for criterion in criteria if (reason := criterion.check(attributes))]
    return Decision.from_checks(failures)


def check_eligibility(
    candidate: CandidateFacts,
    *,
    vote_on: date,
    rule_set: RuleSet,
    local_criteria: Iterable[LocalCriterion] = (),
) -> Decision:
    """Decide age, education and local criteria on the day of the cell vote, all at once."""
    return combine(
        check_age(candidate, vote_on=vote_on, rule_set=rule_set),
        check_education(candidate, rule_set=rule_set),
        check_local_criteria(candidate, local_criteria, on=vote_on),
    )
