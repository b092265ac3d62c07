"""Read an import file into raw sheets: .xlsx/.xls/.ods with python-calamine, CSV otherwise.

A folder of CSV files (one per sheet, named like it: NhanSu.csv), a single CSV
file, or a .zip holding such files (how a browser uploads several at once) are
all read the same way. Unreadable input is refused with a Vietnamese message.
"""

from __future__ import annotations

import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.csv_files import read_csv_rows
from dangvien.imports.domain.workbook import RawSheet, RawWorkbook, SourceKind

SPREADSHEETS = {
    ".xlsx": SourceKind.XLSX,
    ".xlsm": SourceKind.XLSX,
    ".xls": SourceKind.XLS,
    ".ods": SourceKind.ODS,
}
ACCEPTED = (*SPREADSHEETS, ".csv", ".zip")
MAX_ZIP_MEMBER = 200 * 1024 * 1024  # a CSV larger than this inside a .zip is refused
_READERS = 2  # threads reading sheets at once


def _unreadable(path: Path, why: str) -> DomainError:
    return DomainError(f"Không đọc được tệp {path.name}: {why}", code="unreadable_file")


def _spreadsheet(path: Path, kind: SourceKind) -> RawWorkbook:
    """Read every sheet, two at a time.

    python-calamine unzips and parses a sheet without holding the interpreter
    lock, so two threads read the people and their histories side by side (the
    100,000-person workbook: about a third less time). Each thread opens the file
    itself: one workbook object is not meant to be read from two threads at once.
    """
    local = threading.local()

    def read(name: str) -> RawSheet:
        book = getattr(local, "book", None)
        if book is None:
            book = local.book = CalamineWorkbook.from_path(str(path))
        return RawSheet(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))

    try:
        names = CalamineWorkbook.from_path(str(path)).sheet_names
        with ThreadPoolExecutor(max_workers=_READERS, thread_name_prefix="read-sheet") as pool:
            sheets = tuple(pool.map(read, names))
    except (CalamineError, OSError, ValueError) as error:
        raise _unreadable(path, "tệp hỏng, có mật khẩu hoặc không phải bảng tính") from error
    return RawWorkbook(sheets, kind)


def _csv_folder(path: Path) -> RawWorkbook:
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise DomainError(
            f"Thư mục {path.name} không có tệp .csv nào (mỗi trang một tệp, ví dụ NhanSu.csv)",
            code="unreadable_file",
        )
    return RawWorkbook(
        tuple(RawSheet(p.stem, read_csv_rows(p.read_bytes())) for p in files), SourceKind.CSV
    )


def _csv_zip(path: Path) -> RawWorkbook:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
            if any(m.file_size > MAX_ZIP_MEMBER for m in members):
                raise _unreadable(path, "một tệp .csv bên trong quá lớn")
            sheets = tuple(
                RawSheet(Path(m.filename).stem, read_csv_rows(archive.read(m))) for m in members
            )
    except zipfile.BadZipFile as error:
        raise _unreadable(path, "tệp .zip hỏng") from error
    if not sheets:
        raise _unreadable(path, "tệp .zip không chứa tệp .csv nào")
    return RawWorkbook(sheets, SourceKind.CSV)


def read_workbook(path: Path) -> RawWorkbook:
    """Return the raw sheets of the file or folder at `path`."""
    if path.is_dir():
        return _csv_folder(path)
    if not path.exists():
        raise DomainError(f"Không tìm thấy tệp {path}", code="file_not_found")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEETS:
        return _spreadsheet(path, SPREADSHEETS[suffix])
    if suffix == ".csv":
        return RawWorkbook((RawSheet(path.stem, read_csv_rows(path.read_bytes())),), SourceKind.CSV)
    if suffix == ".zip":
        return _csv_zip(path)
    accepted = ", ".join(ACCEPTED)
    raise DomainError(
        f"Tệp {path.name} không đúng định dạng: hãy dùng {accepted} hoặc một thư mục tệp .csv",
        code="unsupported_file",
    )
