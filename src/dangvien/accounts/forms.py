"""Forms of the account pages: second-factor codes and API tokens."""

from __future__ import annotations

from django import forms


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    otp_token = forms.CharField(
        label="Mã xác thực",
        max_length=20,
        strip=True,
        error_messages={"required": "Hãy nhập mã xác thực."},
    )


class TokenForm(forms.Form):
    """A new API token's name and lifetime."""

    name = forms.CharField(label="Tên gợi nhớ", max_length=100, strip=True)
    days = forms.IntegerField(
        label="Số ngày hiệu lực",
        min_value=1,
        max_value=365,
        initial=90,
        error_messages={
            "min_value": "Số ngày hiệu lực phải từ 1 đến 365.",
            "max_value": "Số ngày hiệu lực phải từ 1 đến 365.",
        },
    )
