"""The Python-written drop-down gives exactly the markup of Django's own templates."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from dangvien.core.forms_renderer import InlineOptionsRenderer

CHOICES = [
    ("", "— Tất cả —"),
    ("kinh", "Kinh"),
    ("hmong", "H'Mông <script>"),
    ("Nhóm", [("a", "Ê Đê"), ("b", "Chăm & Khơ-me")]),
]


class _Filters(forms.Form):
    ethnicity = forms.ChoiceField(choices=CHOICES, required=False)
    stages = forms.MultipleChoiceField(choices=CHOICES[1:3], required=False)
    org = forms.ChoiceField(
        choices=[("X01", "Xã 1")], required=False, widget=forms.Select(attrs={"disabled": True})
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"ethnicity": "hmong"}, {"ethnicity": "b", "stages": ["kinh", "hmong"]}, {"org": "X01"}],
)
def test_selects_render_as_django_renders_them(data: dict[str, object]):
    ours = _Filters(data=data, renderer=InlineOptionsRenderer())
    django = _Filters(data=data, renderer=DjangoTemplates())

    for name in ("ethnicity", "stages", "org"):
        assert str(ours[name]) == str(django[name])
    assert "H&#x27;Mông &lt;script&gt;" in str(ours["ethnicity"])  # labels stay escaped
