"""Forms of the pipeline pages: filters, opening a dossier, and the simple dated steps."""

from __future__ import annotations

from typing import Any

from django import forms

from dangvien.people.domain.vocabularies import SOURCE_CATEGORIES
from dangvien.pipeline.domain.facts import SPECIAL_AREA_LABELS, Consent
from dangvien.pipeline.domain.stages import Stage

CONSENT_LABELS = {
    Consent.OVER_MAX_AGE: "Ban Thường vụ Tỉnh ủy đồng ý kết nạp người trên 60 tuổi",
    Consent.VILLAGE_ELDER_EDUCATION: (
        "Ban Thường vụ Tỉnh ủy đồng ý về trình độ học vấn của già làng"
    ),
}


class DateInput(forms.DateInput):
    """A browser date picker; it sends yyyy-mm-dd, which the Vietnamese formats accept."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def text_field(label: str, *, required: bool = False, max_length: int = 255) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length)


def note_field(label: str, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class VersionedForm(forms.Form):
    """Carries the version the user saw, so a change made meanwhile is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CandidacyFilterForm(forms.Form):
    """The candidacy table's filters."""

    q = forms.CharField(label="Tìm theo tên", required=False, max_length=100)
    org = forms.ChoiceField(label="Đơn vị", required=False)
    stage = forms.ChoiceField(
        label="Bước",
        required=False,
        choices=[("", "Tất cả hồ sơ đang mở")] + [(s.value, s.label) for s in Stage],
    )
    source = forms.ChoiceField(
        label="Nguồn", required=False, choices=[("", "Tất cả")] + SOURCE_CATEGORIES.choices()
    )
    overdue = forms.BooleanField(label="Chỉ hồ sơ có việc quá hạn", required=False)

    def __init__(self, *args: Any, org_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", "Toàn bộ phạm vi"), *org_choices]  # type: ignore[attr-defined]


class OpenForm(forms.Form):
    """Open a candidacy for a person on a cell's candidate list."""

    person = forms.TypedChoiceField(label="Người vào Đảng", coerce=int)
    source_category = forms.ChoiceField(label="Nguồn", choices=SOURCE_CATEGORIES.choices())
    opened_on = date_field("Ngày tạo nguồn")

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people  # type: ignore[attr-defined]


class FactsForm(VersionedForm):
    """What the eligibility rules read beyond the person record."""

    special_areas = forms.MultipleChoiceField(
        label="Địa bàn được áp dụng yêu cầu học vấn thấp hơn",
        required=False,
        choices=[(area.value, label) for area, label in SPECIAL_AREA_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    is_fisherman = forms.BooleanField(
        label="Ngư dân thường xuyên làm việc trên biển", required=False
    )
    is_village_elder = forms.BooleanField(label="Già làng, trưởng bản có uy tín", required=False)
    consents = forms.MultipleChoiceField(
        label="Văn bản đồng ý đã có",
        required=False,
        choices=[(c.value, label) for c, label in CONSENT_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    attributes = forms.CharField(
        label="Thông tin cho tiêu chí bổ sung (mỗi dòng: tên=giá trị)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: study_result=kha",
    )

    def clean_attributes(self) -> dict[str, str | int]:
        values: dict[str, str | int] = {}
        for line in str(self.cleaned_data.get("attributes") or "").splitlines():
            if not line.strip():
                continue
            name, sep, value = line.partition("=")
            if not sep or not name.strip():
                raise forms.ValidationError(f'Dòng "{line.strip()}" phải có dạng tên=giá trị.')
            raw = value.strip()
            values[name.strip()] = int(raw) if raw.isdigit() else raw
        return values


class DatedForm(VersionedForm):
    """A step that only needs its date, and optionally a number and a note."""

    on = date_field("Ngày")
    number = text_field("Số văn bản (nếu có)", max_length=60)
    note = note_field("Ghi chú")


class PlannedVoteForm(VersionedForm):
    """The day the cell plans to consider the dossier."""

    planned_on = date_field("Ngày chi bộ dự kiến xét", required=False)


class ExitForm(VersionedForm):
    """Why and when a candidacy ends."""

    on = date_field("Ngày")
    reason = note_field("Lý do", required=True)
    number = text_field("Số quyết định, văn bản (nếu có)", max_length=60)
    signer = text_field("Người ký", max_length=200)
