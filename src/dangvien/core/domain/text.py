"""Vietnamese text: normalisation, search and sort keys, number and date formats, ages.

Pure functions, no Django: the views, reports, importer and CLI all format and
parse through here so that a figure reads the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import TypeVar

from dangvien.core.domain.errors import DomainError

# Pasted text (Word, web pages, Excel) carries invisible characters that
# `str.split()` does not treat as whitespace; they must not split or join words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

# Legacy-encoding converters (VNI, TCVN3) often emit the Icelandic eth "Ð/ð"
# instead of the Vietnamese "Đ/đ"; the two look identical on screen.
_ETH_TO_D_BAR = str.maketrans({"Ð": "Đ", "ð": "đ"})

_D_BAR_TO_D = str.maketrans({"đ": "d", "Đ": "D"})

_Word = TypeVar("_Word")


def normalize(text: str) -> str:
    """Return `text` in NFC with surrounding space stripped and inner runs of space collapsed."""
    cleaned = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).translate(_ETH_TO_D_BAR)
    # str.split() without arguments splits on every Unicode space, incl. U+00A0.
    return " ".join(cleaned.split())


def search_key(text: str) -> str:
    """Return `text` lowercased without diacritics, đ as d: "Nguyễn Văn Á" -> "nguyen van a"."""
    decomposed = unicodedata.normalize("NFD", normalize(text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_D_BAR_TO_D).split())


def compact_key(text: str) -> str:
    """Return the search key of `text` keeping only letters and digits ("H'Mông" -> "hmong")."""
    return "".join(ch for ch in search_key(text) if ch.isalnum())


def _split_parts(words: Sequence[_Word]) -> tuple[_Word | None, list[_Word], _Word | None]:
    """Return (family, middle words, given) of a list of name words."""
    if not words:
        return None, [], None
    if len(words) == 1:
        return None, [], words[0]
    return words[0], list(words[1:-1]), words[-1]


def split_name(full_name: str) -> tuple[str, str, str]:
    """Return (family, middle, given) of a Vietnamese full name; a single word is the given name."""
    family, middle, given = _split_parts(normalize(full_name).split())
    return family or "", " ".join(middle), given or ""


# --- Vietnamese sort key -------------------------------------------------------------------

# Vietnamese alphabet order; the foreign letters f, j, w, z take their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# Every code is two decimal digits so that the key sorts the same under any
# collation (PostgreSQL "C" or ICU, SQLite binary, Python): only digits appear.
_LEVEL_END = "00"  # closes the letters level; lower than anything that can follow
_WORD_END = "01"  # closes a word, so "An" sorts before "Anh"
_DIGIT_CODES = {str(digit): f"{digit + 2:02d}" for digit in range(10)}
_LETTER_CODES = {letter: f"{index + 12:02d}" for index, letter in enumerate(_ALPHABET)}
_OTHER_LETTER_CODE = "99"  # letters outside Latin (e.g. Han characters) sort last

# Dictionary order of tones: ngang < huyền < hỏi < ngã < sắc < nặng.
_TONE_DIGITS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_NO_TONE = "0"

SORT_KEY_MAX_LENGTH = 255


def _encode_cluster(base: str, marks: str) -> str | None:
    """Return the code of one letter (base character plus combining marks), None if ignorable."""
    # Breve, circumflex and horn make distinct letters (ă, â, ơ...); tones do not.
    shaped = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in _TONE_DIGITS))
    if shaped in _LETTER_CODES:
        return _LETTER_CODES[shaped]
    if base in _LETTER_CODES:  # a foreign accent such as ü or ç: fall back on the base letter
        return _LETTER_CODES[base]
    if base in _DIGIT_CODES:
        return _DIGIT_CODES[base]
    if base.isalnum():
        return _OTHER_LETTER_CODE
    return None  # apostrophes, hyphens, dots: "H'Hen" sorts as "Hhen"


@lru_cache(maxsize=16384)
def _encode_word(word: str) -> tuple[str, str] | None:
    """Return (letter codes, tone digit) of one word, None if it has no letters or digits.

    Cached: names are made of a few thousand distinct words.
    """
    codes: list[str] = []
    tone = _NO_TONE
    clusters: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and clusters:
            clusters[-1] = (clusters[-1][0], clusters[-1][1] + ch)
        else:
            clusters.append((ch, ""))
    for base, marks in clusters:
        code = _encode_cluster(base, marks)
        if code is None:
            continue
        codes.append(code)
        # A syllable carries one tone; the first mark wins, so "hòa" and "hoà" sort alike.
        if tone == _NO_TONE:
            tone = next((_TONE_DIGITS[m] for m in marks if m in _TONE_DIGITS), _NO_TONE)
    if not codes:
        return None
    return "".join(codes), tone


def sort_key(full_name: str) -> str:
    """Return an ASCII-digit key that orders names the Vietnamese way under plain comparison.

    Order: given name, then family name, then middle names, letter by letter in
    the Vietnamese alphabet (d < đ, a < ă < â); tones (ngang < huyền < hỏi < ngã
    < sắc < nặng) only break ties between otherwise equal keys. Case, extra
    spaces, NFC/NFD and punctuation inside words do not matter. Truncated to 255
    characters, which can make very long names tie but never reverses an order.
    """
    encoded = [w for w in map(_encode_word, normalize(full_name).casefold().split()) if w]
    family, middle, given = _split_parts(encoded)
    ordered = [w for w in (given, family, *middle) if w is not None]
    letters = "".join(codes + _WORD_END for codes, _ in ordered)
    tones = "".join(tone for _, tone in ordered)
    return (letters + _LEVEL_END + tones)[:SORT_KEY_MAX_LENGTH]


# --- Numbers -------------------------------------------------------------------------------


def _quantize(value: float | Decimal | int, places: int) -> Decimal:
    """Return `value` as a Decimal rounded half away from zero to `places` decimals."""
    if places < 0:
        raise ValueError("places must not be negative")
    # str() gives the shortest repr, so 61.395 stays 61.395 instead of 61.39499...
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    if not exact.is_finite():
        raise ValueError(f"cannot round a non-finite number: {value!r}")
    with localcontext() as context:
        # Room for every integer digit, or quantize() fails on large values.
        context.prec = max(28, exact.adjusted() + places + 3)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_half_up(value: float | Decimal | int, places: int = 2) -> float:
    """Return `value` rounded half away from zero (like Excel's ROUND): 61.395 -> 61.4."""
    return float(_quantize(value, places))


def percent(part: int, whole: int) -> float | None:
    """Return 100 * part / whole rounded half-up to 2 decimals, None when `whole` is 0."""
    if whole == 0:
        return None
    return round_half_up(Decimal(100 * part) / Decimal(whole), 2)


def _separators(lang: str) -> tuple[str, str]:
    """Return (thousands, decimal) separators for a language code such as "vi" or "en-US"."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    if primary == "vi":
        return ".", ","
    if primary == "en":
        return ",", "."
    raise ValueError(f"unsupported language: {lang!r}")


def format_number(value: float | Decimal | int, decimals: int = 0, lang: str = "vi") -> str:
    """Return `value` rounded half-up and grouped: vi "1.234,50", en "1,234.50"."""
    thousands, point = _separators(lang)
    rounded = _quantize(value, decimals)
    # Python's "," grouping and "." point, then swapped in one pass for Vietnamese.
    text = f"{abs(rounded):,.{decimals}f}"
    text = text.translate(str.maketrans(",.", thousands + point))
    return f"-{text}" if rounded < 0 else text


def format_percent(value: float | Decimal | None, lang: str = "vi") -> str:
    """Return a percentage with two decimals: vi "61,40%", en "61.40%", None as "—"."""
    if value is None:
        return "—"
    return f"{format_number(value, 2, lang)}%"


# --- Dates ---------------------------------------------------------------------------------


def format_date(value: date | None) -> str:
    """Return `value` as dd/mm/yyyy (a datetime shows its own date), "" for None."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_YEAR_FIRST = re.compile(r"([0-9]{4})([/.-])([0-9]{1,2})\2([0-9]{1,2})")


def _expand_year(two_digits: int, today: date) -> int:
    """Return the four-digit year of `two_digits`: up to next year, else the previous century."""
    century = today.year // 100 * 100
    if two_digits <= today.year % 100 + 1:
        return century + two_digits
    return century - 100 + two_digits


def parse_date(text: str, *, today: date | None = None) -> date:
    """Return the date written as dd/mm/yyyy, d/m/yy or yyyy-mm-dd ("/", "-" or "." between).

    `today` only decides the century of two-digit years (default: the system date).
    """
    stripped = text.strip()
    day_first = _DAY_FIRST.fullmatch(stripped)
    year_first = _YEAR_FIRST.fullmatch(stripped)
    try:
        if day_first:
            day, _, month, year_text = day_first.groups()
            year = int(year_text)
            if len(year_text) == 2:
                year = _expand_year(year, today or date.today())
            return date(year, int(month), int(day))
        if year_first:
            year_text, _, month, day = year_first.groups()
            return date(int(year_text), int(month), int(day))
    except ValueError:
        pass  # a well-formed but impossible date such as 31/02/2024
    raise DomainError(
        f'Ngày không hợp lệ: "{stripped}" (định dạng dd/mm/yyyy)', code="invalid_date"
    )


def months_between(start: date, end: date) -> int:
    """Return the whole months completed from `start` to `end` (negative if `end` is earlier).

    A month is completed on the same day-of-month; when that day does not exist
    (31 Jan -> February, 29 Feb in a common year) it is completed on the 1st of
    the following month. So someone born 29/02/2008 is 18 on 01/03/2026, not on
    28/02/2026: the conservative reading, which never admits anyone a day early.
    """
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def age_months(birth: date, on: date) -> int:
    """Return the age in whole months on `on`."""
    return months_between(birth, on)


def age_years(birth: date, on: date) -> int:
    """Return the age in whole years on `on` (negative before birth)."""
    months = months_between(birth, on)
    # Truncate toward zero so ages before birth mirror ages after it.
    return months // 12 if months >= 0 else -(-months // 12)
