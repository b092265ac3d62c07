"""Read the database into the domain's facts: the candidate, the dossier, the vote's voters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dangvien.core.domain.errors import DomainError
from dangvien.orgs.domain.tree import decode_path
from dangvien.orgs.paths import spans_on
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, Status
from dangvien.people.models import StatusPeriod
from dangvien.pipeline.domain.decisions import Reason
from dangvien.pipeline.domain.facts import (
    AttributeValue,
    CandidateFacts,
    Consent,
    DossierFacts,
    EducationLevel,
    IntroducerFacts,
    IntroducerKind,
    SpecialArea,
    education_from_grade,
)
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.local_criteria import LocalCriterion
from dangvien.pipeline.models import Candidacy, DossierDocument, LocalCriterionRecord

_FULL = [s.value for s in FULL_MEMBER_STATUSES]


def official_members_on(cell_id: int, day: date) -> int:
    """Count the official members of a cell on `day` (exempt ones included, probationary not)."""
    return StatusPeriod.objects.filter(
        org_id=cell_id, valid_from__lte=day, valid_to__gte=day, status__in=_FULL
    ).count()


def status_on(person_id: int, day: date) -> StatusPeriod | None:
    """Return the status period of a person on `day`, if any."""
    return (
        StatusPeriod.objects.filter(person_id=person_id, valid_from__lte=day, valid_to__gte=day)
        .select_related("org")
        .first()
    )


def certificate_on(candidacy: Candidacy) -> date | None:
    """Return the date of the latest awareness certificate (CN-NTVĐ) recorded, if any."""
    return (
        DossierDocument.objects.filter(
            candidacy=candidacy, form_code=FormCode.CN_NTVD.value, superseded=False
        )
        .order_by("-issued_on")
        .values_list("issued_on", flat=True)
        .first()
    )


def education_of(general_education: str) -> tuple[EducationLevel, Reason | None]:
    """Return the education level of a person record, or a reason when it is not recorded."""
    try:
        return education_from_grade(general_education), None
    except DomainError:
        text = (
            "Chưa ghi trình độ giáo dục phổ thông của người vào Đảng (ví dụ 9/12, 12/12) "
            "trong hồ sơ nhân sự"
        )
        return EducationLevel.BELOW_PRIMARY, Reason("education_missing", text)


def candidate_facts(candidacy: Candidacy) -> tuple[CandidateFacts, list[Reason]]:
    """Return what the eligibility rules need about the candidate, and what is not recorded."""
    person = candidacy.person
    education, problem = education_of(person.general_education)
    attributes: dict[str, AttributeValue] = {
        "occupation": person.occupation or None,
        "qualification": person.qualification,
        "ethnicity": person.ethnicity,
        "source_category": candidacy.source_category,
        **candidacy.attributes,
    }
    facts = CandidateFacts(
        birth_date=person.birth_date,
        education=education,
        special_areas=frozenset(SpecialArea(a) for a in candidacy.special_areas),
        is_fisherman=candidacy.is_fisherman,
        is_village_elder=candidacy.is_village_elder,
        youth_union_member=person.youth_union,
        trade_union_member=person.trade_union,
        consents=frozenset(Consent(c) for c in candidacy.consents),
        awareness_certificate_on=certificate_on(candidacy),
        attributes=attributes,
    )
    return facts, [problem] if problem else []


def introducer_facts(candidacy: Candidacy) -> tuple[IntroducerFacts, ...]:
    """Return the current (not superseded) introductions of a dossier."""
    return tuple(
        IntroducerFacts(
            kind=IntroducerKind(row.kind),
            name=row.name,
            status=Status(row.member_status) if row.member_status else None,
            months_together=row.months_together,
        )
        for row in candidacy.introducers.filter(superseded=False)
    )


def dossier_facts(
    candidacy: Candidacy, *, planned_vote_on: date | None = None
) -> tuple[DossierFacts, list[Reason]]:
    """Return the dossier's facts for the readiness checks, and what is not recorded."""
    candidate, problems = candidate_facts(candidacy)
    documents = frozenset(
        FormCode(code)
        for code in candidacy.documents.filter(superseded=False).values_list("form_code", flat=True)
        if code in FormCode._value2member_map_
    )
    pending = candidacy.verifications.filter(exempt=False, returned_on__isnull=True).count()
    facts = DossierFacts(
        candidate=candidate,
        opened_on=candidacy.dossier_opened_on,
        introductions_redone_on=candidacy.introductions_redone_on,
        documents=documents,
        introducers=introducer_facts(candidacy),
        pending_verifications=pending,
        planned_vote_on=planned_vote_on or candidacy.planned_vote_on,
        probation_ends_on=candidacy.probation_ends_on,
    )
    return facts, problems


def local_criteria_for(cell_id: int, day: date) -> list[LocalCriterion]:
    """Return the active local criteria of the cell and every unit above it."""
    path = spans_on(day).filter(org_id=cell_id).values_list("path", flat=True).first()
    if path is None:
        return []
    rows = LocalCriterionRecord.objects.filter(org_id__in=decode_path(path), active=True)
    return [LocalCriterion.from_data(row.data) for row in rows.order_by("id")]


def in_full_status(periods: Iterable[StatusPeriod]) -> bool:
    """Return whether any of the periods is an official (or exempt) membership."""
    return any(Status(p.status) in FULL_MEMBER_STATUSES for p in periods)
