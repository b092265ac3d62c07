"""The person and the earlier records a generated document refers to, as template values."""

from __future__ import annotations

from dangvien.core.domain.text import format_date
from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.people.domain.vocabularies import ETHNIC_GROUPS, OCCUPATIONS
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.rulesets import rule_set_by_code
from dangvien.pipeline.models import Candidacy, Decision, DossierDocument, Vote

BLANK = "……"


def _label(code: str | None, vocabulary: Vocabulary[Term]) -> str:
    if not code:
        return BLANK
    term = vocabulary.find_code(code)
    return term.label if term else code


def candidate_context(candidacy: Candidacy) -> dict[str, object]:
    """Return the person's particulars as they appear in the documents."""
    person = candidacy.person
    introducers = [i.name for i in candidacy.introducers.filter(superseded=False)]
    return {
        "full_name": person.full_name,
        "birth_date": format_date(person.birth_date),
        "gender": person.get_gender_display(),
        "ethnicity": _label(person.ethnicity, ETHNIC_GROUPS),
        "hometown": person.hometown or BLANK,
        "residence": person.residence or BLANK,
        "education": person.general_education or BLANK,
        "occupation": _label(person.occupation, OCCUPATIONS),
        "introducers": ", ".join(introducers) or BLANK,
    }


def _latest(candidacy: Candidacy, form: str) -> DossierDocument | None:
    return (
        candidacy.documents.filter(form_code=form, superseded=False)
        .order_by("-issued_on", "-id")
        .first()
    )


def _resolution(candidacy: Candidacy, form: FormCode, prefix: str) -> dict[str, object]:
    document = _latest(candidacy, form.value)
    if document is None:
        return {f"{prefix}_number": BLANK, f"{prefix}_date": BLANK}
    vote = Vote.objects.filter(document=document).first()
    return {
        f"{prefix}_number": document.number or BLANK,
        f"{prefix}_date": format_date(document.issued_on),
        f"{prefix}_eligible": vote.eligible if vote else BLANK,
        f"{prefix}_in_favour": vote.in_favour if vote else BLANK,
    }


def records_context(candidacy: Candidacy, *, recognition: bool) -> dict[str, object]:
    """Return the earlier resolutions, the decision and the probation dates the text cites.

    `recognition` picks the resolutions a recognition document cites (13-KNĐ, 15-KNĐ)
    instead of the admission ones (6-KNĐ, 8-KNĐ).
    """
    rules = rule_set_by_code(candidacy.rule_set_code)
    cell_form, committee_form = (
        (FormCode.KND_13, FormCode.KND_15) if recognition else (FormCode.KND_6, FormCode.KND_8)
    )
    admission = candidacy.decisions.filter(kind=Decision.Kind.ADMISSION).first()
    return {
        **_resolution(candidacy, cell_form, "cell"),
        **_resolution(candidacy, committee_form, "committee"),
        "rule_set_name": rules.name,
        "probation_months": rules.probation_months.value,
        "ceremony_days": rules.ceremony_working_days.value,
        "decision_number": admission.number if admission else BLANK,
        "decision_date": format_date(admission.decided_on) if admission else BLANK,
        "ceremony_date": format_date(candidacy.ceremony_on) or BLANK,
        "probation_end": format_date(candidacy.probation_ends_on) or BLANK,
        "official_on": format_date(candidacy.official_on or candidacy.probation_ends_on) or BLANK,
    }
