"""Build the packaged Word templates with python-docx (reproducible, committed output).

Run `uv run python -m dangvien.pipeline.templates_docx.build [DIR]`.

The layout follows the presentation of party documents: the issuing body's name
top left with a "*" below it and the number, the party's name ("ĐẢNG CỘNG SẢN
VIỆT NAM", underlined) top right with the place and date line in italics, a
bold centred title, a justified body, the signature block on the right and the
recipients on the left. Times New Roman 14 pt on A4, margins 2/2/3/2 cm.
An administrator may replace any file: see docs/pipeline.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from dangvien.pipeline.templates_docx.texts import TEXTS, DocumentText

FONT = "Times New Roman"
HERE = Path(__file__).resolve().parent


def _new_document() -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    # East-Asian font slot too, so Word does not substitute for Vietnamese letters.
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT
    )
    style.paragraph_format.space_after = Pt(3)
    return document


def _line(
    target: _Cell | DocumentObject,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float = 14,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    paragraph = target.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    # One run per line keeps every {{ placeholder }} whole for docxtpl.
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def _header(document: DocumentObject) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    _line(left, "{{ superior_upper }}", size=13)
    _line(left, "{{ issuer_upper }}", bold=True, size=13)
    _line(left, "*")
    _line(left, "Số {{ number }}", size=13)
    _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=14)
    _line(right, "")
    _line(
        right,
        "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}",
        italic=True,
        size=13,
    )


def _body(document: DocumentObject, text: DocumentText) -> None:
    _line(document, "")
    _line(document, text.title, bold=True, size=15)
    _line(document, text.subtitle, bold=True)
    _line(document, "-----", size=12)
    for line in text.preamble:
        paragraph = _line(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
    for line in text.body:
        heading = line.isupper() or line.startswith("BAN THƯỜNG VỤ")
        paragraph = _line(
            document,
            line,
            bold=heading,
            align=WD_ALIGN_PARAGRAPH.CENTER if heading else WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
        paragraph.paragraph_format.space_before = Pt(6)
        if not heading:
            paragraph.paragraph_format.first_line_indent = Cm(1)


def _footer(document: DocumentObject, text: DocumentText) -> None:
    _line(document, "")
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    for cell in (left, right):
        cell.paragraphs[0].text = ""
    _line(left, "Nơi nhận:", bold=True, underline=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in text.recipients:
        _line(left, recipient, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for title in text.signature:
        _line(right, title, bold=True)
    for _ in range(3):
        _line(right, "")
    _line(right, "{{ signer }}", bold=True)


def build(target: Path = HERE) -> list[Path]:
    """Write every template into `target`; return the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in TEXTS.items():
        document = _new_document()
        _header(document)
        _body(document, text)
        _footer(document, text)
        path = target / f"{name}.docx"
        document.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in build(out):
        print(path)  # noqa: T201 - a developer's build script reports what it wrote
