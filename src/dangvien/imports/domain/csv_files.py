"""Reading the CSV form of the import: one .csv file per sheet, named like the sheet.

Office programs write CSV in several ways: UTF-8 with or without a byte-order
mark, UTF-16 (Excel's "Unicode Text"), or the Windows code page, which on
Vietnamese Windows is 1258 and writes most toned letters as a base letter plus
a combining tone mark. The delimiter is "," or ";" (";" where the decimal
separator is a comma), sometimes a tab. Standard library only.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_DELIMITERS = (",", ";", "\t")
# Excel honours a first line "sep=;" naming the delimiter, and writes one on request.
_SEPARATOR_HINT = "sep="


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The rows of a CSV file and how it was read."""

    rows: list[list[str]]  # one list per line; a blank line is [] so row numbers match the file
    encoding: str  # the Python codec that decoded the file
    delimiter: str


# Letters of the TCVN3 fonts that Vietnamese text in Windows-1258 has no use for.
_TCVN3_SIGNS = frozenset("§¨ª¬µ¶¸¹¼½¾")


def _misread_as_cp1258(text: str) -> bool:
    """Return whether text decoded as Windows-1258 was in fact written by a Western Windows.

    Either tone marks are left on nothing after NFC (1258 writes them after vowels
    only), or the text is TCVN3: a font trick on top of Windows-1252, whose bytes
    1258 would turn into other letters ("ChÝnh" into "ChƯnh").
    """
    if any(unicodedata.combining(char) for char in text):
        return True
    return sum(char in _TCVN3_SIGNS for char in text) >= 2


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return the NFC text of a CSV file and the codec that read it.

    Tried in order: a UTF-8 or UTF-16 byte-order mark, UTF-8, Windows-1258, then
    Windows-1252 (Latin-1 if even that fails) when the file does not read as
    Windows-1258 Vietnamese. TCVN3 text is returned as its Latin-1 characters:
    converting it is the cell parser's job.
    """
    if data.startswith(codecs.BOM_UTF8):
        attempts = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts = ["utf-16"]
    else:
        attempts = []
    for codec in [*attempts, "utf-8", "cp1258"]:
        try:
            text = unicodedata.normalize("NFC", data.decode(codec))
        except UnicodeDecodeError:
            continue
        if codec != "cp1258" or not _misread_as_cp1258(text):
            return text, codec
    try:
        return unicodedata.normalize("NFC", data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        return unicodedata.normalize("NFC", data.decode("latin-1")), "latin-1"


def _count_unquoted(line: str, delimiter: str) -> int:
    """Return how often `delimiter` occurs in `line` outside double quotes."""
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """Return the delimiter used most in the first non-blank line (the header); "," by default."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: _count_unquoted(first_line, delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=counts.__getitem__)  # on a tie, the first listed
    return best if counts[best] else ","


def split_rows(text: str) -> tuple[list[list[str]], str]:
    """Return the rows of decoded CSV text and the delimiter, honouring a leading "sep=X" line."""
    first_line, _, rest = text.partition("\n")
    hint = first_line.strip()
    if hint.lower().startswith(_SEPARATOR_HINT) and len(hint) == len(_SEPARATOR_HINT) + 1:
        delimiter, text = hint[-1], rest
    else:
        delimiter = sniff_delimiter(text)
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return rows, delimiter


def parse_csv_bytes(data: bytes) -> CsvTable:
    """Return the rows of a CSV file's bytes, with the codec and delimiter found."""
    text, encoding = decode_csv_bytes(data)
    rows, delimiter = split_rows(text)
    return CsvTable(rows, encoding, delimiter)


def read_csv_rows(data: bytes) -> list[list[str]]:
    """Return the rows of a CSV file's bytes as lists of strings."""
    return parse_csv_bytes(data).rows


def read_csv_file(path: Path) -> CsvTable:
    """Return the rows of the CSV file at `path`."""
    return parse_csv_bytes(path.read_bytes())
