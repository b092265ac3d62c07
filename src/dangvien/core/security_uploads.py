"""Checks on uploaded files: size, real type by content, and zip bombs in Office files.

Call `upload_check` before storing or parsing any uploaded file; it raises a
DomainError with a Vietnamese message when the file is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings

from dangvien.core.domain.errors import DomainError

# Office Open XML and OpenDocument files are zip archives: their expanded size
# and compression ratio are bounded so a small upload cannot fill memory or disk.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000
RATIO_CHECK_FROM = 10 * 1024 * 1024  # small archives cannot hurt, whatever their ratio


@dataclass(frozen=True)
class FileKind:
    """A file type we accept: extension, what its content starts with, MIME type."""

    extension: str
    magic: tuple[bytes, ...]
    content_type: str
    is_zip: bool = False


KINDS = {
    kind.extension: kind
    for kind in (
        FileKind("pdf", (b"%PDF-",), "application/pdf"),
        FileKind("jpg", (b"\xff\xd8\xff",), "image/jpeg"),
        FileKind("jpeg", (b"\xff\xd8\xff",), "image/jpeg"),
        FileKind("png", (b"\x89PNG\r\n\x1a\n",), "image/png"),
        FileKind(
            "xlsx",
            (b"PK\x03\x04",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            is_zip=True,
        ),
        FileKind(
            "docx",
            (b"PK\x03\x04",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            is_zip=True,
        ),
        FileKind(
            "ods", (b"PK\x03\x04",), "application/vnd.oasis.opendocument.spreadsheet", is_zip=True
        ),
        FileKind("xls", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",), "application/vnd.ms-excel"),
        FileKind("csv", (), "text/csv"),
    )
}
SCAN_KINDS = frozenset({"pdf", "jpg", "jpeg", "png"})  # scanned documents attached to records
WORKBOOK_KINDS = frozenset({"xlsx", "xls", "ods", "csv"})  # import files


def upload_check(
    file: IO[bytes],
    name: str,
    *,
    allowed: frozenset[str] = SCAN_KINDS,
    max_bytes: int | None = None,
) -> FileKind:
    """Return the file's kind if it is allowed, small enough and what it claims to be."""
    limit = max_bytes or settings.DANGVIEN_UPLOAD_MAX_BYTES
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = KINDS.get(extension)
    if kind is None or extension not in allowed:
        shown = ", ".join(sorted(allowed))
        raise DomainError(f"Chỉ nhận tệp có đuôi: {shown}.", field="file")
    size = _size(file)
    if size > limit:
        raise DomainError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB); tối đa {limit // 1048576} MB.", field="file"
        )
    head = file.read(16)
    file.seek(0)
    if kind.magic and not head.startswith(kind.magic):
        raise DomainError(
            f"Nội dung tệp không phải là tệp .{extension} thật (có thể đã bị đổi đuôi).",
            field="file",
        )
    if kind.extension == "csv" and b"\x00" in head:
        raise DomainError("Tệp .csv chứa dữ liệu nhị phân.", field="file")
    if kind.is_zip:
        _check_zip(file)
    return kind


def _size(file: IO[bytes]) -> int:
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    return size


def _check_zip(file: IO[bytes]) -> None:
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DomainError("Tệp bị hỏng hoặc không đúng định dạng.", field="file") from exc
    finally:
        file.seek(0)
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    too_dense = expanded > RATIO_CHECK_FROM and expanded / packed > MAX_RATIO
    if len(members) > MAX_MEMBERS or expanded > MAX_EXPANDED_BYTES or too_dense:
        raise DomainError(
            "Tệp bị từ chối: nội dung giải nén quá lớn so với kích thước tệp (nghi tệp độc hại).",
            field="file",
        )
