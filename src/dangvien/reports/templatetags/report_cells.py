"""Template filters that write report cells and figures the way the Word download does."""

from __future__ import annotations

from django import template

from dangvien.reports.domain.tables import Cell, Kind
from dangvien.reports.exports.docx import cell_text

register = template.Library()


@register.filter
def cell(value: Cell) -> str:
    """Write a report cell in Vietnamese: 5.348, 61,40%, 05/03/2024."""
    return cell_text(value)


@register.filter
def is_number(value: Cell) -> bool:
    """Return whether the cell is right-aligned (a number or a date)."""
    return value.kind is not Kind.TEXT
