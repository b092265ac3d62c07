"""PostgreSQL's COPY text format, built in Python in large blocks.

psycopg's `write_row` formats and sends one row per call; for hundreds of
thousands of rows, joining the text lines here and sending them in blocks costs
a fraction of that. Used by the import's bulk writes and the data generator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_NULL = "\\N"
COPY_BLOCK = 5000  # rows per write to the COPY stream


def _copy_bool(value: bool) -> str:
    return "t" if value else "f"


_COPY_FORMATS: dict[type, Callable[[Any], str]] = {
    str: lambda text: text.translate(_COPY_ESCAPES),
    int: int.__repr__,
    bool: _copy_bool,
    date: date.isoformat,
    datetime: datetime.isoformat,
}


def copy_text(value: object) -> str:
    """Return a value as one field of PostgreSQL's COPY text format."""
    if value is None:
        return _COPY_NULL
    format_ = _COPY_FORMATS.get(value.__class__)
    if format_ is not None:
        return format_(value)
    if isinstance(value, str):  # a str subclass, such as a StrEnum member
        return str.translate(value, _COPY_ESCAPES)
    if isinstance(value, int) and not isinstance(value, bool):  # psycopg's Int4 and the like
        return int.__repr__(value)
    raise TypeError(f"cannot COPY a {type(value).__name__}")


def copy_lines(rows: Iterable[Sequence[object]], suffix: str) -> Iterator[str]:
    """Yield blocks of COPY text lines, each row followed by the preformatted `suffix`."""
    block: list[str] = []
    for row in rows:
        # Inline fast path: most values are text that needs no escaping.
        fields = [
            value
            if value.__class__ is str and value.isprintable() and "\\" not in value
            else copy_text(value)
            for value in row
        ]
        block.append("\t".join(fields) + suffix)
        if len(block) >= COPY_BLOCK:
            yield "".join(block)
            block = []
    if block:
        yield "".join(block)
