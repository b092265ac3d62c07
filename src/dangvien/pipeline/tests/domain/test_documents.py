"""Document codes, generated documents and official numbers."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline.domain.documents import (
    DOCUMENT_LABELS,
    RECORDED_BY_STEPS,
    GeneratedDocument,
    official_number,
)
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.rulesets import RULES_2025_07
from dangvien.pipeline.domain.timeliness import check_on_time


def test_every_form_and_extra_document_has_a_label() -> None:
    assert all(form.value in DOCUMENT_LABELS for form in FormCode)
    assert DOCUMENT_LABELS["CN-NTVĐ"].startswith("Giấy chứng nhận")


def test_every_generated_document_is_filled_from_a_step_record() -> None:
    assert {g.source_code for g in GeneratedDocument} <= RECORDED_BY_STEPS
    assert GeneratedDocument.CELL_RESOLUTION.label == FormCode.KND_6.label


def test_a_bare_sequence_gets_the_suffix_and_a_full_number_is_kept() -> None:
    assert official_number("05", "NQ/CB") == "05-NQ/CB"
    assert official_number(" 12-QĐ/ĐU ", "QĐ/ĐU") == "12-QĐ/ĐU"
    assert official_number("", "NQ/CB") == ""


def test_a_late_step_is_refused_without_a_reason_and_accepted_with_one() -> None:
    limit = RULES_2025_07.decision_working_days
    args = {"what": "Quyết định kết nạp", "since": "nghị quyết chi bộ", "limit": limit}
    assert check_on_time(date(2025, 9, 1), date(2025, 9, 1), **args).ok
    refused = check_on_time(date(2025, 9, 2), date(2025, 9, 1), **args)
    assert not refused.ok
    assert "hạn cuối là 01/09/2025" in refused.messages[0]
    assert "nêu lý do chậm" in refused.messages[0]
    accepted = check_on_time(date(2025, 9, 2), date(2025, 9, 1), late_reason="Mưa lũ", **args)
    assert accepted.ok
    assert "lý do chậm: Mưa lũ" in accepted.messages[0]
