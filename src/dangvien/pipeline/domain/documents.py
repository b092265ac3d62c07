"""Documents of a dossier besides the numbered forms, and how official numbers are written."""

from __future__ import annotations

from enum import StrEnum

from dangvien.pipeline.domain.forms import FORM_LABELS, FormCode


class ExtraDocument(StrEnum):
    """A document of the procedure that has no "-KNĐ" form code."""

    NEW_MEMBER_COURSE = "CN-ĐVM"  # Giấy chứng nhận lớp lý luận chính trị cho đảng viên mới
    RECOGNITION_DECISION = "QĐ-CNCT"  # Quyết định công nhận đảng viên chính thức
    REFUSAL = "VB-KKN"  # Văn bản không đồng ý kết nạp
    STRIKE_OFF_DECISION = "QĐ-XT"  # Quyết định xóa tên đảng viên dự bị
    LIST_RESOLUTION = "NQ-DS"  # Nghị quyết chi bộ đưa vào danh sách quần chúng ưu tú
    OTHER = "KHAC"  # Văn bản khác

    @property
    def label(self) -> str:
        return EXTRA_LABELS[self]


EXTRA_LABELS: dict[ExtraDocument, str] = {
    ExtraDocument.NEW_MEMBER_COURSE: "Giấy chứng nhận học lớp bồi dưỡng lý luận chính trị "
    "cho đảng viên mới",
    ExtraDocument.RECOGNITION_DECISION: "Quyết định công nhận đảng viên chính thức",
    ExtraDocument.REFUSAL: "Văn bản không đồng ý kết nạp",
    ExtraDocument.STRIKE_OFF_DECISION: "Quyết định xóa tên đảng viên dự bị",
    ExtraDocument.LIST_RESOLUTION: "Nghị quyết đưa vào danh sách quần chúng ưu tú",
    ExtraDocument.OTHER: "Văn bản khác",
}

# Every code a dossier document may carry, with its label, forms first.
DOCUMENT_LABELS: dict[str, str] = {
    **{form.value: label for form, label in FORM_LABELS.items()},
    **{extra.value: label for extra, label in EXTRA_LABELS.items()},
}

# Forms the pipeline writes itself when a vote, an appraisal or a decision is recorded;
# recording them as plain documents would bypass the vote count and the stage change.
RECORDED_BY_STEPS: frozenset[str] = frozenset(
    {
        FormCode.KND_6.value,
        FormCode.KND_7.value,
        FormCode.KND_8.value,
        FormCode.KND_9.value,
        FormCode.KND_13.value,
        FormCode.KND_15.value,
        ExtraDocument.RECOGNITION_DECISION.value,
        ExtraDocument.REFUSAL.value,
        ExtraDocument.STRIKE_OFF_DECISION.value,
        ExtraDocument.LIST_RESOLUTION.value,
    }
)

# Forms introductions are written on: recorded through the introducer step.
INTRODUCTION_FORMS: frozenset[str] = frozenset(
    {FormCode.KND_3.value, FormCode.KND_4.value, FormCode.KND_4A.value}
)


class GeneratedDocument(StrEnum):
    """A document the system fills from recorded data as a Word file."""

    CELL_RESOLUTION = "6-KND"  # Nghị quyết chi bộ đề nghị kết nạp (6-KNĐ)
    COMMITTEE_RESOLUTION = "8-KND"  # Nghị quyết đảng ủy cơ sở đề nghị kết nạp (8-KNĐ)
    ADMISSION_DECISION = "9-KND"  # Quyết định kết nạp đảng viên (9-KNĐ)
    RECOGNITION_CELL_RESOLUTION = "13-KND"  # Nghị quyết chi bộ đề nghị công nhận (13-KNĐ)
    RECOGNITION_COMMITTEE_RESOLUTION = "15-KND"  # Nghị quyết đảng ủy đề nghị công nhận (15-KNĐ)
    RECOGNITION_DECISION = "QD-CNCT"  # Quyết định công nhận đảng viên chính thức

    @property
    def label(self) -> str:
        return DOCUMENT_LABELS[self.source_code]

    @property
    def source_code(self) -> str:
        """Return the dossier document code whose record fills this document."""
        return GENERATED_SOURCES[self]


GENERATED_SOURCES: dict[GeneratedDocument, str] = {
    GeneratedDocument.CELL_RESOLUTION: FormCode.KND_6.value,
    GeneratedDocument.COMMITTEE_RESOLUTION: FormCode.KND_8.value,
    GeneratedDocument.ADMISSION_DECISION: FormCode.KND_9.value,
    GeneratedDocument.RECOGNITION_CELL_RESOLUTION: FormCode.KND_13.value,
    GeneratedDocument.RECOGNITION_COMMITTEE_RESOLUTION: FormCode.KND_15.value,
    GeneratedDocument.RECOGNITION_DECISION: ExtraDocument.RECOGNITION_DECISION.value,
}


def official_number(number: str, suffix: str) -> str:
    """Return a document number with its suffix: "05" -> "05-NQ/CB"; a full number as typed.

    Users often type only the sequence; a number that already has a "/" (e.g.
    "12-QĐ/ĐU") is kept exactly as written.
    """
    cleaned = " ".join(number.split())
    if not cleaned or "/" in cleaned:
        return cleaned
    return f"{cleaned}-{suffix}"
