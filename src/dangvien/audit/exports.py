"""Spreadsheet exports of the access log and of one person's data (streamed, formula-safe)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import UTC
from typing import IO, Any

from django.utils import timezone

from dangvien.audit.models import AccessLog
from dangvien.core.security_export import safe_xlsx_workbook, xlsx_write_row

LOG_HEADERS = [
    "STT chuỗi",
    "Thời điểm",
    "Người dùng",
    "Thao tác",
    "Đối tượng",
    "Mã đối tượng",
    "Mã đơn vị",
    "Địa chỉ IP",
    "Kênh",
    "Chi tiết",
]


def _log_row(entry: AccessLog) -> list[Any]:
    local = timezone.localtime(entry.at).replace(tzinfo=None)
    return [
        entry.seq,
        local,
        entry.username,
        entry.get_action_display(),
        entry.object_type,
        entry.object_id,
        entry.org_id,
        entry.ip or "",
        entry.channel,
        str(entry.detail) if entry.detail else "",
    ]


def access_log_xlsx(entries: Iterable[AccessLog]) -> IO[bytes]:
    """Write the entries to a temporary xlsx file, one row at a time; return it rewound."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (returned open)
    workbook = safe_xlsx_workbook(handle, tmpdir=tempfile.gettempdir())
    sheet = workbook.add_worksheet("NhatKy")
    bold = workbook.add_format({"bold": True})
    when = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    xlsx_write_row(sheet, 0, LOG_HEADERS, cell_format=bold)
    sheet.set_column(1, 1, 20)
    sheet.set_column(9, 9, 60)
    for row, entry in enumerate(entries, start=1):
        xlsx_write_row(sheet, row, _log_row(entry), date_format=when)
    workbook.close()
    handle.seek(0)
    return handle


def person_data_xlsx(data: dict[str, Any]) -> IO[bytes]:
    """Write a subject-access export: one sheet per section, a table or key/value pairs."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (returned open)
    workbook = safe_xlsx_workbook(handle)
    bold = workbook.add_format({"bold": True})
    for section, content in data.items():
        sheet = workbook.add_worksheet(section[:31])
        if isinstance(content, dict):
            for row, (key, value) in enumerate(content.items()):
                xlsx_write_row(sheet, row, [key, _cell(value)])
        elif isinstance(content, list) and content and isinstance(content[0], dict):
            headers = list(content[0])
            xlsx_write_row(sheet, 0, headers, cell_format=bold)
            for row, item in enumerate(content, start=1):
                xlsx_write_row(sheet, row, [_cell(item.get(h)) for h in headers])
        elif isinstance(content, list):
            for row, item in enumerate(content):
                xlsx_write_row(sheet, row, [_cell(item)])
    workbook.close()
    handle.seek(0)
    return handle


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return str(value)
    return value


def utc_stamp() -> str:
    """Return a timestamp for export file names."""
    return timezone.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")
