"""Template filters that format numbers, percents and dates the Vietnamese way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.utils.translation import get_language

from dangvien.core.domain.text import format_date, format_number, format_percent
from dangvien.orgs.domain.tree import BEGINNING, OPEN_END

register = template.Library()


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@register.filter
def vnnum(value: int | float | Decimal | None) -> str:
    """Format a number as 5.348."""
    return "" if value is None else format_number(value, lang=_lang())


@register.filter
def vnpct(value: float | Decimal | None) -> str:
    """Format a percent as 61,40%."""
    return format_percent(value, lang=_lang())


@register.filter
def vndate(value: date | None) -> str:
    """Format a date as 05/03/2024; the open-ended sentinels read as words."""
    if value == OPEN_END:
        return "nay"
    if value == BEGINNING:
        return "—"
    return format_date(value)
