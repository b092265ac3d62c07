"""Parsers of workbook cell values: text, dates, citizen IDs, yes/no, integers, periods, positions.

Each parser takes a cell as python-calamine or the CSV reader returns it and
gives back the value, or raises DomainError with a Vietnamese message that quotes
the value as the user typed it. A blank cell gives None (or the documented
default): whether a column may be blank is for the sheet's column spec to say.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple, TypeAlias

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.legacy_encoding import Encoding, to_unicode

CellValue: TypeAlias = str | int | float | bool | date | datetime | time | timedelta | None

# Pasted text carries invisible characters that would split or glue words.
# The soft hyphen is not among them: in TCVN3 it is the letter "ư".
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# In Unicode text the soft hyphen is invisible noise, and old converters write the
# Icelandic eth for "Đ" (the two look the same on screen).
_UNICODE_CLEANUP = str.maketrans({"Ð": "Đ", "ð": "đ", "\u00ad": None})
_D_BAR_TO_D = str.maketrans({"đ": "d", "Đ": "D"})


def format_cell_value(value: CellValue) -> str:
    """Return a cell value as Excel shows it, for messages: 1234.0 as "1234", dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        shown = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return shown if value.time() == time() else f"{shown} {value:%H:%M:%S}"
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def is_blank(value: CellValue) -> bool:
    """Return whether a cell is empty or holds only spaces."""
    if value is None or value == "":
        return True
    if not isinstance(value, str):
        return False
    # Most cells are plain text: the invisible characters only matter when they are all there is.
    stripped = value.strip()
    return not stripped or (not stripped.isascii() and not stripped.translate(_INVISIBLE).strip())


def fold(text: str) -> str:
    """Return `text` lowercased without diacritics, đ as d, spaces collapsed: "Có " -> "co"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_D_BAR_TO_D).split())


# --- Text --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedText:
    """The clean text of a cell and the encoding it was typed in."""

    text: str
    encoding: Encoding = Encoding.UNICODE

    @property
    def converted(self) -> bool:
        """Return whether the cell was typed with a legacy font and converted."""
        return self.encoding is not Encoding.UNICODE


def parse_text(value: CellValue, *, assume: Encoding | None = None) -> ParsedText:
    """Return the cell as NFC text, trimmed, spaces collapsed, legacy fonts converted.

    `assume` is passed on to the legacy detector for cells that read validly both
    ways (see `legacy_encoding.detect`). Numbers and dates are shown as Excel shows them.
    """
    if not isinstance(value, str):
        return ParsedText(format_cell_value(value))
    text, encoding = to_unicode(value.translate(_INVISIBLE), assume=assume)
    if encoding is Encoding.UNICODE:
        text = text.translate(_UNICODE_CLEANUP)
    return ParsedText(" ".join(text.split()), encoding)


def _clean(value: str) -> str:
    """Return the text of a cell for the typed parsers below."""
    return parse_text(value).text


# --- Dates -------------------------------------------------------------------------------------

MIN_DATE = date(1900, 1, 1)
# Excel's 1900 system counts 29/02/1900, a day that never was (kept from Lotus 1-2-3),
# so from serial 61 (01/03/1900) on, serial n is n days after 30/12/1899.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_PHANTOM_LEAP_DAY = 60

_TIME_OF_DAY = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_DAY_FIRST = re.compile(
    r"([0-9]{1,2}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{4}|[0-9]{2})" + _TIME_OF_DAY
)
_YEAR_FIRST = re.compile(r"([0-9]{4}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,2})" + _TIME_OF_DAY)
# As decisions are dated: "ngày 05 tháng 3 năm 2020" (matched without diacritics).
_SPELLED_OUT = re.compile(r"ngay ?([0-9]{1,2}) ?thang ?([0-9]{1,2}) ?nam ?([0-9]{4})")


def _invalid_date(raw: str) -> DomainError:
    """Return the error for text that is not a date."""
    return DomainError(
        f'Ngày "{raw}" không hợp lệ: hãy nhập theo dạng dd/mm/yyyy (ví dụ 25/12/1990)',
        code="invalid_date",
    )


def _max_date(today: date) -> date:
    """Return the latest acceptable date: one year after `today` (28/02 for a 29/02)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def _expand_year(two_digits: int, today: date) -> int:
    """Return the four-digit year of `two_digits`: this century up to next year, else the last."""
    year = today.year // 100 * 100 + two_digits
    return year if year <= today.year + 1 else year - 100


def excel_serial_to_date(serial: float) -> date:
    """Return the date of an Excel serial number (1900 system); the fraction, a time, is dropped."""
    raw = format_cell_value(serial)
    if not math.isfinite(serial) or serial < 1:
        raise DomainError(f"Giá trị {raw} không phải là ngày hợp lệ", code="invalid_date")
    days = int(serial)
    if days == _EXCEL_PHANTOM_LEAP_DAY:
        raise DomainError(
            "Ngày 29/02/1900 không tồn tại (số ngày 60 của Excel, do lỗi năm nhuận 1900)",
            code="invalid_date",
        )
    if days < _EXCEL_PHANTOM_LEAP_DAY:
        days += 1  # before the phantom day the count has one day less
    try:
        return _EXCEL_EPOCH + timedelta(days=days)
    except OverflowError:
        raise DomainError(f"Giá trị {raw} không phải là ngày hợp lệ", code="invalid_date") from None


def _parse_date_text(text: str, today: date) -> date:
    """Return the date written as dd/mm/yyyy, d/m/yy, yyyy-mm-dd or "ngày d tháng m năm yyyy"."""
    if match := _DAY_FIRST.fullmatch(text):
        day, _, month, year_text = match.groups()
        year = int(year_text)
        if len(year_text) == 2:
            year = _expand_year(year, today)
    elif match := _YEAR_FIRST.fullmatch(text):
        year_text, _, month, day = match.groups()
        year = int(year_text)
    elif match := _SPELLED_OUT.fullmatch(fold(text)):
        day, month, year_text = match.groups()
        year = int(year_text)
    else:
        raise _invalid_date(text)
    try:
        return date(year, int(month), int(day))
    except ValueError:
        raise DomainError(f'Ngày "{text}" không tồn tại', code="invalid_date") from None


def _to_date(value: CellValue, today: date) -> date | None:
    """Return the date a cell holds, before any range check."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool | time | timedelta):
        raise _invalid_date(format_cell_value(value))
    if isinstance(value, int | float):
        return excel_serial_to_date(value)
    text = _clean(value) if value is not None else ""
    return _parse_date_text(text, today) if text else None


def parse_date_cell(value: CellValue, *, today: date | None = None) -> date | None:
    """Return the date in a cell: a real Excel date, an Excel serial or text; None if blank.

    Accepted: 01/01/1900 to one year after `today` (default: the system date),
    which also decides the century of two-digit years.
    """
    today = today or date.today()
    parsed = _to_date(value, today)
    if parsed is None:
        return None
    latest = _max_date(today)
    if not MIN_DATE <= parsed <= latest:
        shown, first, last = map(format_cell_value, (parsed, MIN_DATE, latest))
        raise DomainError(
            f"Ngày {shown} nằm ngoài khoảng cho phép (từ {first} đến {last})",
            code="date_out_of_range",
        )
    return parsed


# --- Citizen IDs ---------------------------------------------------------------------------

CITIZEN_ID_LENGTH = 12
_ID_SEPARATORS = str.maketrans("", "", " .\u00a0")


def _invalid_citizen_id(raw: str) -> DomainError:
    """Return the error for a value that is not a 12-digit citizen ID."""
    return DomainError(
        f'Số CCCD "{raw}" không hợp lệ: phải gồm đúng {CITIZEN_ID_LENGTH} chữ số',
        code="invalid_citizen_id",
    )


def _citizen_id_from_number(number: int | float) -> str:
    """Return the ID of a cell Excel stored as a number, restoring one lost leading zero."""
    raw = format_cell_value(number)
    if isinstance(number, float) and (not math.isfinite(number) or not number.is_integer()):
        raise _invalid_citizen_id(raw)
    digits = str(int(number))
    if not digits.isdigit() or len(digits) > CITIZEN_ID_LENGTH:
        raise _invalid_citizen_id(raw)
    if len(digits) >= CITIZEN_ID_LENGTH - 1:
        # A number cannot start with 0, so 11 digits means exactly one zero was lost.
        return digits.zfill(CITIZEN_ID_LENGTH)
    missing = CITIZEN_ID_LENGTH - len(digits)
    raise DomainError(
        f'Số CCCD "{digits}" không hợp lệ: phải gồm đúng {CITIZEN_ID_LENGTH} chữ số. '
        "Excel đã lưu ô này dạng số nên bỏ mất các chữ số 0 ở đầu; hệ thống chỉ tự thêm lại "
        f"khi thiếu đúng một chữ số, ở đây thiếu {missing} nên không đoán được. "
        f"Hãy định dạng cột là Văn bản (Text) rồi nhập đủ {CITIZEN_ID_LENGTH} chữ số",
        code="invalid_citizen_id",
    )


def parse_citizen_id(value: CellValue) -> str | None:
    """Return a citizen ID (số CCCD) as 12 digits of text; None if blank.

    Spaces and dots are dropped ("001 234.567 890"). A number Excel made of the
    ID gets back its leading zero when it has 11 digits; with 10 or fewer the
    number of lost zeros would be a guess, so it is refused.
    """
    if isinstance(value, str) and len(value) == CITIZEN_ID_LENGTH and value.isdigit():
        if value.isascii():
            return value  # the usual case: twelve digits typed in a text cell
    if isinstance(value, bool | date | time | timedelta):
        raise _invalid_citizen_id(format_cell_value(value))
    if isinstance(value, int | float):
        return _citizen_id_from_number(value)
    text = _clean(value) if value is not None else ""
    if not text:
        return None
    # A leading apostrophe is how Excel marks text; it survives in some CSV exports.
    digits = text.removeprefix("'").translate(_ID_SEPARATORS)
    if len(digits) == CITIZEN_ID_LENGTH and digits.isascii() and digits.isdigit():
        return digits
    raise _invalid_citizen_id(text)


# --- Yes/no, integers --------------------------------------------------------------------------

_YES = frozenset({"co", "x", "1", "true", "yes", "✓", "✔"})
_NO = frozenset({"khong", "0", "false", "no", ""})
# TCVN3 "Cã" is "Có", but also a well-formed Unicode syllable the detector leaves alone.
_YES_UNFOLDED = frozenset({"cã"})


def parse_yes_no(value: CellValue) -> bool:
    """Return a yes/no cell: Có/Không, x or blank, 1/0, TRUE/FALSE, in any case, accents or not."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return value == 1
    text = parse_text(value).text
    if fold(text) in _YES or text.casefold() in _YES_UNFOLDED:
        return True
    if fold(text) in _NO:
        return False
    raise DomainError(
        f'Giá trị "{format_cell_value(value)}" không hợp lệ: chỉ nhận Có hoặc Không '
        "(có thể ghi x thay cho Có, để trống thay cho Không)",
        code="invalid_yes_no",
    )


_INTEGER = re.compile(r"[+-]?[0-9]+")
# Thousands grouped with dots, commas or spaces: "1.234", "12,345", "1 234 567".
_GROUPED_INTEGER = re.compile(r"[+-]?[0-9]{1,3}(?:([., ])[0-9]{3})(?:\1[0-9]{3})*")


def _to_int(value: CellValue) -> int | None:
    """Return the integer a cell holds, before any bound check."""
    raw = format_cell_value(value)
    not_integer = DomainError(f'Giá trị "{raw}" không phải là số nguyên', code="invalid_integer")
    if isinstance(value, bool | date | time | timedelta):
        raise not_integer
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise not_integer
        return int(value)
    text = _clean(value) if value is not None else ""
    if not text:
        return None
    if _INTEGER.fullmatch(text) or _GROUPED_INTEGER.fullmatch(text):
        return int(re.sub(r"[., ]", "", text))
    raise not_integer


def parse_int(
    value: CellValue, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """Return a whole number, within [minimum, maximum] when given; None if blank."""
    number = _to_int(value)
    if number is not None and minimum is not None and number < minimum:
        raise DomainError(f"Giá trị {number} phải từ {minimum} trở lên", code="out_of_range")
    if number is not None and maximum is not None and number > maximum:
        raise DomainError(f"Giá trị {number} không được lớn hơn {maximum}", code="out_of_range")
    return number


# --- Periods, positions ------------------------------------------------------------------------

MIN_YEAR, MAX_YEAR = 1930, 2100  # from the founding of the Party
MAX_TERM_YEARS = 10

_YEAR = re.compile(r"[0-9]{4}")
_TERM = re.compile(r"([0-9]{4}) ?[-–—/] ?([0-9]{4}|[0-9]{2})")
_PERIOD_PREFIXES = re.compile(r"^(?:nhiem ky|giai doan|nam) ?")


class PeriodKind(StrEnum):
    """Whether a quota period is one calendar year or a congress term."""

    YEAR = "year"  # Năm: one calendar year
    TERM = "term"  # Nhiệm kỳ: a congress term, usually five years


class Period(NamedTuple):
    """A quota period (`Kỳ`): ("year", 2020, 2020) or ("term", 2020, 2025)."""

    kind: PeriodKind
    start_year: int
    end_year: int


def _invalid_period(raw: str) -> DomainError:
    """Return the error for text that is neither a year nor a term."""
    return DomainError(
        f'Kỳ "{raw}" không hợp lệ: hãy ghi một năm (ví dụ 2020) '
        "hoặc một nhiệm kỳ (ví dụ 2020-2025)",
        code="invalid_period",
    )


def _check_years(raw: str, start: int, end: int) -> None:
    """Raise unless both years are sane and a term runs forward for at most ten years."""
    for year in (start, end):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DomainError(
                f"Năm {year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR})",
                code="invalid_period",
            )
    if end < start:
        raise DomainError(
            f'Nhiệm kỳ "{raw}" không hợp lệ: năm kết thúc phải sau năm bắt đầu',
            code="invalid_period",
        )
    if end - start > MAX_TERM_YEARS:
        raise DomainError(
            f'Nhiệm kỳ "{raw}" không hợp lệ: dài quá {MAX_TERM_YEARS} năm', code="invalid_period"
        )


def parse_period(value: CellValue) -> Period | None:
    """Return a year ("2020") or a term ("2020-2025", "2020–2025", "2020 - 2025"); None if blank."""
    if isinstance(value, bool | date | time | timedelta):
        raise _invalid_period(format_cell_value(value))
    text = parse_text(value).text
    if not text:
        return None
    key = _PERIOD_PREFIXES.sub("", fold(text))
    if _YEAR.fullmatch(key):
        _check_years(text, int(key), int(key))
        return Period(PeriodKind.YEAR, int(key), int(key))
    match = _TERM.fullmatch(key)
    if match is None:
        raise _invalid_period(text)
    start, end_text = int(match.group(1)), match.group(2)
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if start == end:
        raise DomainError(
            f'Nhiệm kỳ "{text}" không hợp lệ: năm kết thúc phải sau năm bắt đầu',
            code="invalid_period",
        )
    _check_years(text, start, end)
    return Period(PeriodKind.TERM, start, end)


def parse_positions(value: CellValue) -> tuple[str, ...]:
    """Return the positions listed in a cell, split on ";", trimmed, blanks and repeats dropped.

    A line break inside the cell (Alt+Enter) separates positions too.
    """
    raw = value if isinstance(value, str) else format_cell_value(value)
    positions: dict[str, str] = {}
    for piece in re.split(r"[;\n\r]", raw):
        text = _clean(piece)
        if text:
            positions.setdefault(text.casefold(), text)
    return tuple(positions.values())
