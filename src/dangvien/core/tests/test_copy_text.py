"""The COPY text format of bulk writes: escaping, NULL, dates, booleans, wrapped integers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from psycopg.types.numeric import Int4

from dangvien.core.copy_text import copy_lines, copy_text
from dangvien.people.domain.enums import Status


def test_values_are_written_as_postgresql_reads_them():
    assert copy_text(None) == "\\N"
    assert copy_text(True) == "t"
    assert copy_text(False) == "f"
    assert copy_text(12) == "12"
    assert copy_text(Int4(1)) == "1"
    assert copy_text(date(2025, 7, 1)) == "2025-07-01"
    assert copy_text(datetime(2025, 7, 1, 8, 30, tzinfo=UTC)) == "2025-07-01T08:30:00+00:00"
    assert copy_text(Status.OFFICIAL) == Status.OFFICIAL.value


def test_tabs_line_breaks_and_backslashes_are_escaped():
    assert copy_text("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"


def test_a_value_of_another_type_is_refused():
    with pytest.raises(TypeError):
        copy_text(1.5)


def test_lines_carry_the_constant_columns_and_escape_only_what_needs_it():
    rows = [(1, "Nguyễn Văn An", None), (2, "a\\b", date(2025, 1, 2))]
    assert "".join(copy_lines(rows, "\tx\n")) == (
        "1\tNguyễn Văn An\t\\N\tx\n2\ta\\\\b\t2025-01-02\tx\n"
    )
