"""The PostgreSQL sink sends text blocks when it can, psycopg's rows when it cannot."""

from __future__ import annotations

from datetime import UTC, date, datetime

from psycopg.types.json import Jsonb
from psycopg.types.numeric import Int4

from dangvien.synth.sinks import _copy_text_takes


def test_rows_of_numbers_text_dates_and_nulls_go_as_text_blocks():
    stamp = datetime(2025, 1, 2, tzinfo=UTC)
    row = (1, Int4(2), "Nguyễn Văn An", None, True, date(2025, 1, 2), stamp)

    assert _copy_text_takes(row)


def test_a_row_with_a_json_value_goes_through_psycopg():
    assert not _copy_text_takes((1, "a", Jsonb({"x": 1})))
