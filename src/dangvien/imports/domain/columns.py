"""Column-at-a-time parsing of a sheet's cells: typed values, errors, legacy-font cells.

A sheet is parsed one column at a time because the cells of a column share a
kind, a vocabulary and usually a font: the dominant legacy encoding of a column
settles cells that read validly both as Unicode and as that font ("Cã" is
TCVN3 for "Có"). Results are cached per distinct text, since most columns hold
a handful of values repeated over thousands of rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.imports.domain.cells import (
    CellValue,
    ParsedText,
    format_cell_value,
    is_blank,
    parse_citizen_id,
    parse_date_cell,
    parse_int,
    parse_period,
    parse_text,
    parse_yes_no,
)
from dangvien.imports.domain.legacy_encoding import Encoding
from dangvien.imports.domain.sheets import ColumnKind, ColumnSpec

Vocabularies = Mapping[str, Vocabulary[Term]]
_T = TypeVar("_T")

_TEXT_KINDS = frozenset({ColumnKind.TEXT, ColumnKind.CODE, ColumnKind.CHOICE})
_POSITION_SEPARATORS = re.compile(r"[;\n\r]")
_MAX_QUOTA = 10_000_000


@dataclass(slots=True)
class ColumnResult:
    """The parsed cells of one column, in row order."""

    values: list[object]  # the typed value of each cell; None when blank or refused
    errors: dict[int, DomainError] = field(default_factory=dict)  # position -> refusal
    converted: int = 0  # cells typed with a legacy font and converted to Unicode


def _texts(cells: Sequence[CellValue]) -> tuple[list[ParsedText], int]:
    """Return each cell as clean text, legacy fonts converted under the column's main font.

    Also return how many cells were converted from a legacy font. Each distinct
    text is parsed once: a column repeats a handful of values over many rows.
    """
    unicode = Encoding.UNICODE
    parsed = {cell: parse_text(cell) for cell in set(cells) if isinstance(cell, str)}
    texts = [parsed[cell] if cell.__class__ is str else parse_text(cell) for cell in cells]
    # Only text can be in a legacy font: numbers and dates are shown as Excel shows them.
    if all(text.encoding is unicode for text in parsed.values()):
        return texts, 0
    fonts: Counter[Encoding] = Counter(
        text.encoding for text in texts if text.encoding is not unicode
    )
    dominant = fonts.most_common(1)[0][0]
    texts = [
        parse_text(cell, assume=dominant)
        if text.encoding is unicode and isinstance(cell, str) and not cell.isascii()
        else text
        for cell, text in zip(cells, texts, strict=True)
    ]
    return texts, sum(text.encoding is not unicode for text in texts)


def _choice(vocabulary: Vocabulary[Term]) -> Callable[[str], object]:
    """Return a parser of clean text into a vocabulary code; blank gives the default or None."""

    def parse(text: str) -> object:
        if not text:
            return vocabulary.default.code if vocabulary.default is not None else None
        return vocabulary.parse(text).code

    return parse


def _outcome(parse: Callable[[_T], object], value: _T) -> object:
    """Return `parse(value)`, or the refusal it raised."""
    try:
        return parse(value)
    except DomainError as refusal:
        return refusal


def _result(values: list[object]) -> ColumnResult:
    """Return the column result of parsed values, refusals moved to the errors."""
    result = ColumnResult(values)
    for position, value in enumerate(values):
        if isinstance(value, DomainError):
            result.errors[position] = value
            values[position] = None
    return result


def _apply(texts: Sequence[str], parse: Callable[[str], object]) -> ColumnResult:
    """Return `parse` applied to each distinct text once, refusals recorded by position."""
    outcomes = {text: _outcome(parse, text) for text in set(texts)}
    values = [outcomes[text] for text in texts]
    if any(isinstance(value, DomainError) for value in outcomes.values()):
        return _result(values)
    return ColumnResult(values)


def _text_column(
    column: ColumnSpec, cells: Sequence[CellValue], vocabularies: Vocabularies
) -> ColumnResult:
    """Parse a free-text, code or vocabulary column."""
    texts, converted = _texts(cells)
    parse: Callable[[str], object] = str
    if column.kind is ColumnKind.CHOICE:
        parse = _choice(vocabularies[column.vocabulary or ""])
    result = _apply([text.text for text in texts], parse)
    result.converted = converted
    return result


def _positions_column(cells: Sequence[CellValue], vocabulary: Vocabulary[Term]) -> ColumnResult:
    """Parse a list of positions: each piece matched to a term, or kept as written.

    A position outside the vocabulary is not an error: `PositionHeld` keeps its
    label as written under the code "khac" (other).
    """
    result = ColumnResult([])
    # Most people hold no position and the rest a few common ones: parse each distinct
    # cell once (keyed by type too, since 1 == 1.0 == True as keys but not as cells).
    parsed: dict[tuple[type, CellValue], tuple[tuple[tuple[str, str], ...], int]] = {}
    for cell in cells:
        key = (cell.__class__, cell)
        found = parsed.get(key)
        if found is None:
            found = parsed[key] = _positions_cell(cell, vocabulary)
        result.values.append(found[0])
        result.converted += found[1]
    return result


def _positions_cell(
    cell: CellValue, vocabulary: Vocabulary[Term]
) -> tuple[tuple[tuple[str, str], ...], int]:
    """Return the (code, label) pairs of one positions cell and its count of legacy-font pieces."""
    raw = cell if isinstance(cell, str) else format_cell_value(cell)
    found: dict[str, tuple[str, str]] = {}
    converted = 0
    for piece in _POSITION_SEPARATORS.split(raw):
        text = parse_text(piece)
        converted += text.encoding is not Encoding.UNICODE
        if text.text:
            term = vocabulary.match(text.text)
            label = term.label if term is not None else text.text
            code = term.code if term is not None else "khac"
            found.setdefault(label.casefold(), (code, label))
    return tuple(found.values()), converted


def _cell_parser(column: ColumnSpec, today: date) -> Callable[[CellValue], object]:
    """Return the parser of one raw cell of a column that is not text-like."""
    if column.kind is ColumnKind.DATE:
        return lambda cell: parse_date_cell(cell, today=today)
    if column.kind is ColumnKind.CITIZEN_ID:
        return parse_citizen_id
    if column.kind is ColumnKind.YES_NO:
        return parse_yes_no
    if column.kind is ColumnKind.INTEGER:
        return lambda cell: parse_int(cell, minimum=0, maximum=_MAX_QUOTA)
    if column.kind is ColumnKind.PERIOD:
        return parse_period
    raise ValueError(f"no cell parser for {column.kind}")


# Numbers and booleans are equal across types as dict keys (1 == 1.0 == True) but not as cells.
_NUMERIC = frozenset({int, float, bool})


def _raw_column(column: ColumnSpec, cells: Sequence[CellValue], today: date) -> ColumnResult:
    """Parse a date, citizen-ID, yes/no, integer or period column, once per distinct cell."""
    parse = _cell_parser(column, today)
    outcomes = {
        cell: _outcome(parse, cell) for cell in set(cells) if cell.__class__ not in _NUMERIC
    }
    numbers: dict[tuple[type, CellValue], object] = {}
    values = [
        outcomes[cell] if cell.__class__ not in _NUMERIC else _number_outcome(numbers, parse, cell)
        for cell in cells
    ]
    refused = (*outcomes.values(), *numbers.values())
    if any(isinstance(value, DomainError) for value in refused):
        return _result(values)
    return ColumnResult(values)


def _number_outcome(
    cache: dict[tuple[type, CellValue], object],
    parse: Callable[[CellValue], object],
    cell: CellValue,
) -> object:
    """Return the parse of a numeric cell, cached by type and value."""
    key = (cell.__class__, cell)
    if key not in cache:
        cache[key] = _outcome(parse, cell)
    return cache[key]


def parse_column(
    column: ColumnSpec, cells: Sequence[CellValue], *, vocabularies: Vocabularies, today: date
) -> ColumnResult:
    """Return the typed values of a column's cells, the refusals and the converted count.

    Blank cells give None (a vocabulary's default for a choice, False for yes/no,
    an empty string for text, an empty tuple for positions).
    """
    if column.kind in _TEXT_KINDS:
        return _text_column(column, cells, vocabularies)
    if column.kind is ColumnKind.POSITIONS:
        return _positions_column(cells, vocabularies[column.vocabulary or ""])
    return _raw_column(column, cells, today)


def row_is_blank(row: Sequence[CellValue], positions: Sequence[int]) -> bool:
    """Return whether every cell of `row` at `positions` is empty."""
    width = len(row)
    for index in positions:
        if index < width:
            cell = row[index]
            # Checked inline: this runs for every cell of every row of a large file.
            if cell is not None and cell != "" and not is_blank(cell):
                return False
    return True
