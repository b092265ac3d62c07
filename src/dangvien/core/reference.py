"""Load the reference vocabularies and administrative units into the database.

Called by data migrations, so every install has the same lists at the same
schema version; a later change to a vocabulary ships with a new migration
that calls `reference_sync` again.
"""

from __future__ import annotations

from typing import Any

from dangvien.core.domain.vocabulary import Vocabulary
from dangvien.people.domain import vocabularies as people_vocab
from dangvien.people.domain.ethnic_groups import ETHNIC_GROUPS

VOCABULARIES: dict[str, Vocabulary[Any]] = {
    "ethnicity": ETHNIC_GROUPS,
    "religion": people_vocab.RELIGIONS,
    "qualification": people_vocab.QUALIFICATIONS,
    "theory_level": people_vocab.THEORY_LEVELS,
    "occupation": people_vocab.OCCUPATIONS,
    "position": people_vocab.POSITIONS,
    "source_category": people_vocab.SOURCE_CATEGORIES,
    "status": people_vocab.STATUSES,
    "gender": people_vocab.GENDERS,
    "org_type": people_vocab.ORG_TYPES,
    "locality_type": people_vocab.LOCALITY_TYPES,
}


def reference_sync(term_model: Any, unit_model: Any) -> None:
    """Insert or update every vocabulary term and administrative unit (idempotent)."""
    for name, vocabulary in VOCABULARIES.items():
        for index, term in enumerate(vocabulary):
            term_model.objects.update_or_create(
                vocabulary=name,
                code=term.code,
                defaults={
                    "label": term.label,
                    "label_en": term.label_en,
                    "variants": list(term.variants),
                    "sort_order": index,
                },
            )
    _sync_units(unit_model)


def _sync_units(unit_model: Any) -> None:
    from vietnam_provinces import Province, Ward

    existing = set(unit_model.objects.values_list("code", flat=True))
    rows = []
    for province in Province.iter_all():
        code = f"{int(province.code):02d}"
        rows.append(
            unit_model(
                code=code,
                name=province.name,
                level="province",
                division_type=str(province.division_type.value),
                province_code="",
            )
        )
    for ward in Ward.iter_all():
        rows.append(
            unit_model(
                code=f"{int(ward.code):05d}",
                name=ward.name,
                level="commune",
                division_type=str(ward.division_type.value),
                province_code=f"{int(ward.province_code):02d}",
            )
        )
    unit_model.objects.bulk_create([r for r in rows if r.code not in existing], batch_size=2000)
