"""Forms that parse and validate query strings of the people pages."""

from __future__ import annotations

from django import forms

from dangvien.people.domain.enums import Gender, Status
from dangvien.people.domain.vocabularies import ETHNIC_GROUPS
from dangvien.people.selectors import AGE_BANDS

AGE_BAND_LABELS = {
    "duoi-18": "Dưới 18",
    "18-30": "Từ 18 đến 30",
    "31-45": "Từ 31 đến 45",
    "46-60": "Từ 46 đến 60",
    "61+": "Trên 60",
}


class PersonFilterForm(forms.Form):
    """The member list's search box and filters."""

    q = forms.CharField(label="Tìm theo tên hoặc số CCCD", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), ("dang_vien", "Đảng viên (dự bị và chính thức)")]
        + [(s.value, s.label) for s in Status],
    )
    gender = forms.ChoiceField(
        label="Giới tính",
        required=False,
        choices=[("", "Tất cả")] + [(g.value, g.label) for g in Gender],
    )
    ethnicity = forms.ChoiceField(label="Dân tộc", required=False)
    age = forms.ChoiceField(
        label="Độ tuổi",
        required=False,
        choices=[("", "Tất cả")] + [(k, AGE_BAND_LABELS[k]) for k in AGE_BANDS],
    )
    org = forms.ChoiceField(label="Chi bộ / đơn vị", required=False)

    def __init__(self, *args: object, org_choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["ethnicity"].choices = [("", "Tất cả")] + [  # type: ignore[attr-defined]
            (t.code, t.label) for t in ETHNIC_GROUPS
        ]
        self.fields["org"].choices = [("", "Toàn bộ phạm vi")] + org_choices  # type: ignore[attr-defined]
