"""Write a report as a Word document in the layout of Party documents (Hướng dẫn 36-HD/VPTW).

A4, margins 20/20/30/15 mm, Times New Roman; the issuing body and "ĐẢNG CỘNG SẢN VIỆT
NAM" side by side, place and date, the title, the narrative, then the tables with
numbers written the Vietnamese way.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from dangvien.core.domain.text import format_date, format_number, format_percent
from dangvien.reports.domain.tables import Cell, Kind, Table

FONT = "Times New Roman"


def cell_text(cell: Cell) -> str:
    """Return a cell as Vietnamese text: 5.348, 29,33, 61,40%, 05/03/2024; empty stays empty."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if cell.kind is Kind.PERCENT:
            return format_percent(value)
        return format_number(value, 2 if cell.kind is Kind.DECIMAL else 0)
    return str(value)


def _base_style(document: Any) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _heading_block(document: Any, issuer: str, place_date: str) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for cell, lines in ((left, [issuer.upper(), "*"]), (right, ["ĐẢNG CỘNG SẢN VIỆT NAM"])):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(lines):
            run = paragraph.add_run(("\n" if i else "") + line)
            run.bold = True
    dated = right.add_paragraph()
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated.add_run(place_date).italic = True


def _table(document: Any, table: Table) -> None:
    document.add_paragraph().add_run(table.title).bold = True
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for target, value in zip(cells, row, strict=True):
            paragraph = target.paragraphs[0]
            paragraph.add_run(cell_text(value))
            if value.kind is not Kind.TEXT:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.note:
        document.add_paragraph().add_run(table.note).italic = True


def write_docx(
    tables: Sequence[Table], *, issuer: str, title: str, subtitle: str, narrative: str, on: date
) -> bytes:
    """Return the Word document: heading block, title, the narrative paragraph, the tables."""
    document = Document()
    _base_style(document)
    _heading_block(document, issuer, f"ngày {on.day:02d} tháng {on.month:02d} năm {on.year}")
    for text, size in ((title, 15), (subtitle, 13)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    body = document.add_paragraph(narrative)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)
    for table in tables:
        _table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
