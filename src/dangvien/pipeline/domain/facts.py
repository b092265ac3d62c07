"""The facts about a candidate and a dossier that the rule checks read, as plain values.

Selectors build these from the database; the checks never look anything up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dangvien.core.domain.errors import DomainError
from dangvien.people.domain.enums import Status
from dangvien.pipeline.domain.forms import FormCode


class EducationLevel(StrEnum):
    """General education completed ("trình độ giáo dục phổ thông"), lowest first."""

    BELOW_PRIMARY = "duoi_tieu_hoc"  # Chưa tốt nghiệp tiểu học
    PRIMARY = "tieu_hoc"  # Tiểu học
    LOWER_SECONDARY = "thcs"  # Trung học cơ sở
    UPPER_SECONDARY = "thpt"  # Trung học phổ thông

    @property
    def label(self) -> str:
        return EDUCATION_LABELS[self]

    @property
    def rank(self) -> int:
        """Return the position of the level, so levels compare by rank."""
        return list(EducationLevel).index(self)

    def at_least(self, other: EducationLevel) -> bool:
        """Return whether this level is `other` or higher."""
        return self.rank >= other.rank


EDUCATION_LABELS: dict[EducationLevel, str] = {
    EducationLevel.BELOW_PRIMARY: "Chưa tốt nghiệp tiểu học",
    EducationLevel.PRIMARY: "Tiểu học",
    EducationLevel.LOWER_SECONDARY: "Trung học cơ sở",
    EducationLevel.UPPER_SECONDARY: "Trung học phổ thông",
}

# Grades that complete each level, per school system: the 12-year system and the
# 10-year system of the North before 1981 (so "7/10" is lower secondary).
_LEVEL_GRADES: dict[int, tuple[tuple[int, EducationLevel], ...]] = {
    12: (
        (12, EducationLevel.UPPER_SECONDARY),
        (9, EducationLevel.LOWER_SECONDARY),
        (5, EducationLevel.PRIMARY),
    ),
    10: (
        (10, EducationLevel.UPPER_SECONDARY),
        (7, EducationLevel.LOWER_SECONDARY),
        (4, EducationLevel.PRIMARY),
    ),
}
_GRADE = re.compile(r"\s*([0-9]{1,2})\s*/\s*(10|12)\s*")


def education_from_grade(text: str) -> EducationLevel:
    """Return the level completed for a grade written as in the personal history: "9/12", "7/10"."""
    match = _GRADE.fullmatch(text)
    grade = int(match.group(1)) if match else -1
    system = int(match.group(2)) if match else 0
    if not match or not 0 <= grade <= system:
        raise DomainError(
            f'Trình độ giáo dục phổ thông không hợp lệ: "{text.strip()}" (ví dụ: 9/12, 7/10)',
            code="invalid_education",
            field="education",
        )
    for completing_grade, level in _LEVEL_GRADES[system]:
        if grade >= completing_grade:
            return level
    return EducationLevel.BELOW_PRIMARY


class SpecialArea(StrEnum):
    """An area where the education requirement is lowered to primary school."""

    REMOTE = "vung_sau_vung_xa"  # Vùng sâu, vùng xa
    BORDER = "bien_gioi"  # Biên giới
    ISLAND = "hai_dao"  # Hải đảo
    ETHNIC_MINORITY = "vung_dong_bao_dtts"  # Vùng đồng bào dân tộc thiểu số

    @property
    def label(self) -> str:
        return SPECIAL_AREA_LABELS[self]


SPECIAL_AREA_LABELS: dict[SpecialArea, str] = {
    SpecialArea.REMOTE: "vùng sâu, vùng xa",
    SpecialArea.BORDER: "biên giới",
    SpecialArea.ISLAND: "hải đảo",
    SpecialArea.ETHNIC_MINORITY: "vùng đồng bào dân tộc thiểu số",
}


class Consent(StrEnum):
    """A written agreement of the province standing committee recorded for an exception."""

    OVER_MAX_AGE = "tren_tuoi"  # Đồng ý kết nạp người trên 60 tuổi
    VILLAGE_ELDER_EDUCATION = "gia_lang"  # Đồng ý kết nạp già làng chưa đủ trình độ học vấn


AttributeValue = str | int | bool | None


@dataclass(frozen=True)
class CandidateFacts:
    """What the eligibility rules need to know about a candidate."""

    birth_date: date
    education: EducationLevel
    special_areas: frozenset[SpecialArea] = frozenset()
    is_fisherman: bool = False  # ngư dân thường xuyên làm việc trên biển
    is_village_elder: bool = False  # già làng, trưởng bản có uy tín
    youth_union_member: bool = False  # đoàn viên Đoàn TNCS Hồ Chí Minh
    trade_union_member: bool = False  # đoàn viên công đoàn
    consents: frozenset[Consent] = frozenset()
    awareness_certificate_on: date | None = None  # ngày cấp giấy chứng nhận CN-NTVĐ
    # Further attributes that local criteria may test, e.g. {"study_result": "kha"}.
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict, hash=False)


class IntroducerKind(StrEnum):
    """Who introduces the applicant, and on which form."""

    PARTY_MEMBER = "dang_vien"  # Đảng viên chính thức (3-KNĐ)
    YOUTH_UNION = "doan_thanh_nien"  # Ban Chấp hành Đoàn cơ sở (4-KNĐ)
    TRADE_UNION = "cong_doan"  # Ban Chấp hành Công đoàn cơ sở (4A-KNĐ)

    @property
    def form(self) -> FormCode:
        """Return the form the introduction is written on."""
        return INTRODUCER_FORMS[self]


INTRODUCER_FORMS: dict[IntroducerKind, FormCode] = {
    IntroducerKind.PARTY_MEMBER: FormCode.KND_3,
    IntroducerKind.YOUTH_UNION: FormCode.KND_4,
    IntroducerKind.TRADE_UNION: FormCode.KND_4A,
}


@dataclass(frozen=True)
class IntroducerFacts:
    """One introduction: a member's (3-KNĐ) or a union committee's resolution (4-KNĐ, 4A-KNĐ).

    `status` and `months_together` describe a member introducer on the introduction
    date; they are None for a union resolution, or when not recorded yet.
    """

    kind: IntroducerKind
    name: str
    status: Status | None = None
    months_together: int | None = None  # months worked or lived together with the applicant


@dataclass(frozen=True)
class DossierFacts:
    """The state of an admission or recognition dossier that readiness checks read."""

    candidate: CandidateFacts
    opened_on: date | None = None
    # When introductions were redone after the dossier went stale: the clock restarts.
    introductions_redone_on: date | None = None
    documents: frozenset[FormCode] = frozenset()
    introducers: tuple[IntroducerFacts, ...] = ()
    pending_verifications: int = 0  # background-verification requests without a reply
    planned_vote_on: date | None = None  # the cell meeting planned to consider the dossier
    probation_ends_on: date | None = None  # for recognition dossiers

    @property
    def staleness_clock_start(self) -> date | None:
        """Return the date from which the stale-dossier period runs."""
        return self.introductions_redone_on or self.opened_on
