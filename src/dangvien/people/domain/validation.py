"""Validation of a person's attributes against the closed vocabularies (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import age_years, normalize
from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.people.domain.vocabularies import (
    ETHNIC_GROUPS,
    OCCUPATIONS,
    QUALIFICATIONS,
    RELIGIONS,
    THEORY_LEVELS,
    parse_general_education,
)

MIN_AGE_ON_RECORD = 14  # youngest plausible candidate-pool entry (Youth Union age)
MAX_AGE_ON_RECORD = 120


@dataclass(frozen=True)
class PersonFacts:
    """The attributes of a person that have rules of their own."""

    full_name: str
    birth_date: date
    ethnicity: str
    religion: str
    general_education: str
    qualification: str
    theory_level: str
    occupation: str


def _code(
    vocabulary: Vocabulary[Term], value: str, what: str, field: str, default: str = ""
) -> str:
    if not value.strip():
        return default
    term = vocabulary.match(value)
    if term is None:
        raise DomainError(f'{what} "{value}" không có trong danh mục.', field=field)
    return str(term.code)


def validate_person(facts: PersonFacts, today: date) -> PersonFacts:
    """Return the facts with names normalised and vocabulary values turned into codes."""
    name = normalize(facts.full_name)
    if not name:
        raise DomainError("Họ và tên không được để trống.", field="full_name")
    if len(name) > 200 or any(ch.isdigit() for ch in name):
        raise DomainError(f'Họ và tên "{name}" không hợp lệ.', field="full_name")
    if facts.birth_date > today:
        raise DomainError("Ngày sinh ở tương lai.", field="birth_date")
    age = age_years(facts.birth_date, today)
    if not MIN_AGE_ON_RECORD <= age <= MAX_AGE_ON_RECORD:
        raise DomainError(
            f"Ngày sinh {facts.birth_date:%d/%m/%Y} không hợp lý ({age} tuổi).", field="birth_date"
        )
    education = facts.general_education.strip()
    return replace(
        facts,
        full_name=name,
        ethnicity=_code(ETHNIC_GROUPS, facts.ethnicity, "Dân tộc", "ethnicity", "kinh"),
        religion=_code(RELIGIONS, facts.religion, "Tôn giáo", "religion", "khong"),
        general_education=parse_general_education(education) or "" if education else "",
        qualification=_code(
            QUALIFICATIONS, facts.qualification, "Chuyên môn", "qualification", "khong"
        ),
        theory_level=_code(
            THEORY_LEVELS, facts.theory_level, "Lý luận chính trị", "theory_level", "khong"
        ),
        occupation=_code(OCCUPATIONS, facts.occupation, "Nghề nghiệp", "occupation"),
    )
