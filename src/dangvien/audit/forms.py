"""The auditor's search form and the consent form."""

from __future__ import annotations

from django import forms

from dangvien.audit.models import AccessLog, Consent

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class AuditSearchForm(forms.Form):
    """Search the access log by person, user, organisation, date and action."""

    person = forms.IntegerField(label="Mã hồ sơ (người)", required=False, min_value=1)
    user = forms.CharField(label="Tên đăng nhập", required=False, max_length=150)
    org = forms.CharField(label="Mã đơn vị", required=False, max_length=40)
    date_from = forms.DateField(label="Từ ngày", required=False, input_formats=DATE_INPUTS)
    date_to = forms.DateField(label="Đến ngày", required=False, input_formats=DATE_INPUTS)
    action = forms.ChoiceField(
        label="Thao tác", required=False, choices=[("", "Tất cả"), *AccessLog.Action.choices]
    )


class ConsentForm(forms.Form):
    """A consent given on paper, as recorded by the cell."""

    purpose = forms.ChoiceField(label="Mục đích", choices=Consent.Purpose.choices)
    given_on = forms.DateField(label="Ngày đồng ý", input_formats=DATE_INPUTS)
    text_version = forms.CharField(label="Văn bản đã ký", required=False, max_length=60)
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)
