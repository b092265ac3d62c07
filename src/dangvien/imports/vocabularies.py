"""The closed vocabularies behind the workbook's drop-down columns, by the specs' names.

All but the quota categories are fixed in code; quota categories are rows of the
plans app (committees may add their own), so they are read from the database.
"""

from __future__ import annotations

from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.imports.domain.columns import Vocabularies
from dangvien.people.domain import vocabularies as people
from dangvien.plans.domain.quotas import TOTAL_CATEGORY
from dangvien.plans.models import QuotaCategory
from dangvien.training.domain.enums import ClassType, TraineeResult

_CLASS_TYPES_EN = {
    ClassType.AWARENESS: "Party awareness",
    ClassType.NEW_MEMBER_THEORY: "Political theory for new members",
    ClassType.ELEMENTARY_THEORY: "Elementary political theory",
}

CLASS_TYPES: Vocabulary[Term] = Vocabulary(
    "loại lớp",
    (
        Term(kind.value, kind.label, _CLASS_TYPES_EN[kind], order=index)
        for index, kind in enumerate(ClassType)
    ),
    prefixes=("Lớp", "Lớp bồi dưỡng"),
)

TRAINEE_RESULTS: Vocabulary[Term] = Vocabulary(
    "kết quả",
    (
        Term(TraineeResult.COMPLETED.value, "Hoàn thành", "Completed", ("Đạt", "HT"), order=0),
        Term(
            TraineeResult.NOT_COMPLETED.value,
            "Không hoàn thành",
            "Not completed",
            ("Không đạt", "Chưa hoàn thành", "KHT"),
            order=1,
        ),
    ),
    default=TraineeResult.COMPLETED.value,
)

STATIC: dict[str, Vocabulary[Term]] = {
    "org_types": people.ORG_TYPES,
    "locality_types": people.LOCALITY_TYPES,
    "genders": people.GENDERS,
    "ethnic_groups": people.ETHNIC_GROUPS,
    "religions": people.RELIGIONS,
    "qualifications": people.QUALIFICATIONS,
    "theory_levels": people.THEORY_LEVELS,
    "occupations": people.OCCUPATIONS,
    "positions": people.POSITIONS,
    "statuses": people.STATUSES,
    "source_categories": people.SOURCE_CATEGORIES,
    "class_types": CLASS_TYPES,
    "trainee_results": TRAINEE_RESULTS,
}


def category_code(pk: int) -> str:
    """Return the vocabulary code of a quota category row (its id, so any name works)."""
    return f"c{pk}"


def category_pk(code: str) -> int:
    """Return the QuotaCategory id behind a vocabulary code."""
    return int(code.removeprefix("c"))


def quota_categories() -> Vocabulary[Term]:
    """Return the quota categories in the database as a vocabulary; blank means `Tổng số`."""
    terms: list[Term] = []
    default = None
    for index, (pk, code, name) in enumerate(
        QuotaCategory.objects.order_by("order", "code").values_list("pk", "code", "name")
    ):
        terms.append(Term(category_code(pk), name, name, (code,), order=index))
        if name == TOTAL_CATEGORY:
            default = category_code(pk)
    return Vocabulary("nhóm chỉ tiêu", terms, default=default)


def vocabularies() -> Vocabularies:
    """Return every vocabulary the sheet specs name."""
    return {**STATIC, "quota_categories": quota_categories()}
