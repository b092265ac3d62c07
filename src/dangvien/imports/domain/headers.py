"""Tolerant matching of a workbook's sheet names and header rows to the specs of `sheets`.

Headers match ignoring case, surrounding and repeated spaces, NFC/NFD, legacy
fonts and a trailing required-marker ("Mã (*)"); failing that, ignoring
diacritics too ("Ma to chuc"), which is safe because no two headers of a sheet
differ only by their diacritics (checked by the tests).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from dangvien.imports.domain.cells import CellValue, fold, parse_text
from dangvien.imports.domain.issues import ImportIssue, Severity
from dangvien.imports.domain.legacy_encoding import Encoding, convert, plausible_encodings
from dangvien.imports.domain.sheets import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    ColumnSpec,
    SheetSpec,
)

# "Mã *", "Mã (*)", "Số CCCD(*)": how users and templates flag required columns.
_REQUIRED_MARKER = re.compile(r"\s*(?:\(\s*\*\s*\)|\*)+\s*$")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def _key(text: str) -> str:
    """Return the comparison key of clean header text."""
    return " ".join(_REQUIRED_MARKER.sub("", text).casefold().split())


def header_key(value: CellValue) -> str:
    """Return the key a header is compared by: clean text, casefolded, marker dropped."""
    return _key(parse_text(value).text)


def _candidate_keys(value: CellValue) -> list[str]:
    """Return the header's key under its detected reading, then under every other plausible one.

    A short header can read validly both as Unicode and as a legacy font ("Sè CCCD"
    is TCVN3 for "Số CCCD"); headers form a closed list, so every reading is tried.
    """
    keys = [header_key(value)]
    if isinstance(value, str):
        readings = sorted(plausible_encodings(value) - {Encoding.UNICODE})
        keys += [_key(parse_text(convert(value, encoding)).text) for encoding in readings]
    return keys


def column_letter(index: int) -> str:
    """Return the Excel letters of a 0-based column index: 0 -> "A", 26 -> "AA"."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _sheet_key(name: str) -> str:
    """Return the key a sheet name is compared by: "Nhân sự", "nhan_su" -> "nhansu"."""
    return _NOT_ALPHANUMERIC.sub("", fold(parse_text(name).text))


_SHEETS_BY_KEY: Mapping[str, SheetSpec] = MappingProxyType(
    {_sheet_key(spec.name): spec for spec in SHEETS}
)


def find_sheet(name: str) -> SheetSpec | None:
    """Return the spec of a sheet named `name` ("NhanSu", "Nhân sự", " nhansu "), None if none."""
    return _SHEETS_BY_KEY.get(_sheet_key(name))


def is_instructions_sheet(name: str) -> bool:
    """Return whether `name` is the template's instructions or lists sheet, which imports skip."""
    return _sheet_key(name) in (_sheet_key(INSTRUCTIONS_SHEET), _sheet_key(LISTS_SHEET))


@dataclass(frozen=True, slots=True)
class SheetPlan:
    """The sheets of a workbook that will be imported, in processing order."""

    sheets: tuple[tuple[SheetSpec, str], ...]  # (spec, the sheet's name in the workbook)
    issues: tuple[ImportIssue, ...]  # unknown sheets (warnings), a kind given twice (errors)


def plan_sheets(names: Iterable[str]) -> SheetPlan:
    """Return the workbook's known sheets in the contract's processing order, and the issues."""
    found: dict[str, str] = {}
    issues: list[ImportIssue] = []
    for name in names:
        spec = find_sheet(name)
        if spec is None:
            if not is_instructions_sheet(name):
                message = f'Trang "{name}" không thuộc mẫu nhập liệu nên bị bỏ qua'
                issues.append(_sheet_issue(name, message, Severity.WARNING, "unknown_sheet"))
        elif spec.name in found:
            message = f'Hai trang "{found[spec.name]}" và "{name}" cùng là trang {spec.name}'
            issues.append(_sheet_issue(name, message, Severity.ERROR, "duplicate_sheet"))
        else:
            found[spec.name] = name
    ordered = tuple((spec, found[spec.name]) for spec in SHEETS if spec.name in found)
    return SheetPlan(ordered, tuple(issues))


def _sheet_issue(sheet: str, message: str, severity: Severity, code: str) -> ImportIssue:
    """Return an issue about a whole sheet."""
    return ImportIssue(
        sheet=sheet, row=None, column=None, value="", message=message, severity=severity, code=code
    )


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """How a sheet's header row lines up with its spec."""

    spec: SheetSpec
    positions: Mapping[str, int]  # column key -> 0-based index in the sheet
    missing: tuple[ColumnSpec, ...]  # required columns not found
    unknown: tuple[tuple[int, str], ...]  # (index, header as typed) of columns not in the spec
    duplicates: tuple[tuple[ColumnSpec, int], ...]  # (column, index) of each repeat of a column

    @property
    def ok(self) -> bool:
        """Return whether the rows can be read: nothing required missing, nothing repeated."""
        return not self.missing and not self.duplicates

    def issues(self, sheet: str, *, header_row: int = 1) -> list[ImportIssue]:
        """Return the issues of the header row (`header_row`: its Excel row number)."""
        issues = [
            ImportIssue(
                sheet=sheet,
                row=header_row,
                column=column.header,
                value="",
                message=f'Thiếu cột bắt buộc "{column.header}"',
                code="missing_column",
            )
            for column in self.missing
        ]
        for column, index in self.duplicates:
            first, repeat = column_letter(self.positions[column.key]), column_letter(index)
            issues.append(
                ImportIssue(
                    sheet=sheet,
                    row=header_row,
                    column=column.header,
                    value=column.header,
                    message=f'Cột "{column.header}" có hai lần (cột {first} và cột {repeat}); '
                    "hãy giữ lại một cột",
                    column_index=index,
                    code="duplicate_column",
                )
            )
        issues.extend(
            ImportIssue(
                sheet=sheet,
                row=header_row,
                column=typed,
                value=typed,
                message=f'Cột "{typed}" không có trong mẫu nên bị bỏ qua',
                severity=Severity.WARNING,
                column_index=index,
                code="unknown_column",
            )
            for index, typed in self.unknown
        )
        return issues


def _lookup(spec: SheetSpec) -> tuple[dict[str, ColumnSpec], dict[str, ColumnSpec]]:
    """Return the spec's columns by exact header key and by key without diacritics."""
    exact = {header_key(column.header): column for column in spec.columns}
    loose = {fold(key): column for key, column in exact.items()}
    return exact, loose


def match_headers(spec: SheetSpec, header_cells: Sequence[CellValue]) -> HeaderMatch:
    """Return how the cells of a header row map to the columns of `spec`, skipping blanks."""
    exact, loose = _lookup(spec)
    positions: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    duplicates: list[tuple[ColumnSpec, int]] = []
    for index, cell in enumerate(header_cells):
        keys = _candidate_keys(cell)
        if not keys[0]:
            continue
        found = [exact.get(key) for key in keys] + [loose.get(fold(key)) for key in keys]
        column = next((column for column in found if column is not None), None)
        if column is None:
            unknown.append((index, parse_text(cell).text))
        elif column.key in positions:
            duplicates.append((column, index))
        else:
            positions[column.key] = index
    missing = tuple(column for column in spec.required_columns if column.key not in positions)
    return HeaderMatch(
        spec, MappingProxyType(positions), missing, tuple(unknown), tuple(duplicates)
    )


def locate_header_row(
    rows: Iterable[Sequence[CellValue]], spec: SheetSpec, *, scan: int = 10
) -> int | None:
    """Return the 0-based index of the header row among the first `scan` rows, None if none.

    Real files often put a title or the unit's name above the table; the header
    row is the one naming the most columns of the spec (at least two, or one for
    a one-column spec), the first of equals.
    """
    best_index, best_count = None, min(2, len(spec.columns)) - 1
    for index, row in enumerate(rows):
        if index >= scan:
            break
        count = len(match_headers(spec, row).positions)
        if count > best_count:
            best_index, best_count = index, count
    return best_index
