"""Consistent backup and verified restore of the whole installation (database and files).

A backup is one gzip'd tar file holding `manifest.json`, the database (SQLite
copied with its online backup API, or a `pg_dump -Fc` archive) and the
uploaded files. The manifest records the row count of every table, taken from
the same snapshot as the copy, a SHA-256 of every member, the migrations
applied and fingerprints of the keys the data needs. Restore refuses a file
whose checksums, database kind, schema or keys do not match, and compares the
row counts after loading.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from dangvien.core.domain.errors import DomainError

FORMAT = "dangvien-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
FILES_PREFIX = "files/"


@dataclass(frozen=True)
class BackupResult:
    """What a backup or restore did: where, how many tables and rows."""

    path: Path
    tables: int
    rows: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def key_fingerprint(key: str | bytes) -> str:
    """Return a short, non-reversible name of a key, to tell keys apart."""
    raw = key.encode() if isinstance(key, str) else key
    return hashlib.sha256(b"dangvien-key-id:" + raw).hexdigest()[:16]


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationLoader(connection).applied_migrations):
        applied.setdefault(app, []).append(name)
    return applied


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names())


def _count_rows(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        # Only table names from the database's own catalogue, quoted; no user input.
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608  # nosec B608
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or ""),
            "PGPORT": str(db.get("PORT") or ""),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": str(db.get("NAME") or ""),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return {k: v for k, v in env.items() if v != ""}


def _run(command: list[str]) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise DomainError(f"Không tìm thấy chương trình {command[0]} (cài gói postgresql-client).")
    # A fixed program found on PATH, an argument list, no shell.
    result = subprocess.run(  # noqa: S603  # nosec B603
        [tool, *command[1:]], env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DomainError(f"{command[0]} thất bại: {result.stderr.strip()[:500]}")


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    source = connection.connection
    with sqlite3.connect(target) as copy:
        source.backup(copy)  # consistent online copy, even while others write
        tables = [t for t in _tables() if not t.startswith("sqlite_")]
        return _count_rows(copy.cursor(), tables)


def _dump_postgresql(target: Path) -> dict[str, int]:
    # Count rows and dump from one exported snapshot so both see the same data.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count_rows(cursor, _tables())
            _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
        finally:
            cursor.execute("ROLLBACK")
    return counts


def _media_files() -> Iterator[tuple[Path, str]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path, FILES_PREFIX + path.relative_to(root).as_posix()


def _manifest(vendor: str, counts: dict[str, int], members: dict[str, str]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "migrations": _applied_migrations(),
        "tables": counts,
        "members": members,
        "keys": {
            "field": key_fingerprint(settings.DANGVIEN_FIELD_KEYS[0]),
            "audit": key_fingerprint(settings.DANGVIEN_AUDIT_KEY),
        },
    }


def backup_create(target: Path) -> BackupResult:
    """Write a backup of the database and uploaded files to `target` (replaced atomically)."""
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise DomainError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        member = SQLITE_MEMBER if vendor == "sqlite" else PG_MEMBER
        dump = Path(work) / member
        counts = _dump_sqlite(dump) if vendor == "sqlite" else _dump_postgresql(dump)
        files = list(_media_files())
        members = {member: _sha256(dump)} | {name: _sha256(path) for path, name in files}
        manifest = Path(work) / MANIFEST
        manifest.write_text(json.dumps(_manifest(vendor, counts, members), indent=2))
        partial = Path(work) / "backup.partial"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest, MANIFEST)
            archive.add(dump, member)
            for path, name in files:
                archive.add(path, name)
        partial.chmod(0o600)
        partial.replace(target)
    return BackupResult(target, len(counts), sum(counts.values()))


@contextmanager
def _opened(source: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    """Unpack a backup into a temporary folder after checking every member; yield its manifest."""
    if not source.is_file():
        raise DomainError(f"Không tìm thấy tệp sao lưu {source}.")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(folder, filter="data")  # refuses links and ../ paths
            manifest = json.loads((folder / MANIFEST).read_text())
        except (tarfile.TarError, OSError, EOFError, ValueError, zlib.error) as exc:
            raise DomainError("Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu dangvien.") from exc
        _check_manifest(manifest, folder)
        yield manifest, folder


def _check_manifest(manifest: dict[str, Any], folder: Path) -> None:
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise DomainError("Tệp không phải là bản sao lưu dangvien (hoặc phiên bản không hỗ trợ).")
    members: dict[str, str] = manifest.get("members") or {}
    for name, expected in members.items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected:
            raise DomainError(f"Tệp sao lưu bị hỏng: thành phần {name} không khớp mã kiểm tra.")
    if manifest.get("vendor") != connection.vendor:
        raise DomainError(
            f"Bản sao lưu của cơ sở dữ liệu {manifest.get('vendor')} không khôi phục được vào "
            f"{connection.vendor}."
        )
    known = {(app, name) for app, name in MigrationLoader(None).disk_migrations}
    backed = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    if backed - known:
        raise DomainError(
            "Bản sao lưu được tạo bởi phiên bản dangvien mới hơn; hãy nâng cấp trước."
        )
    keys = manifest.get("keys") or {}
    if keys.get("field") not in {key_fingerprint(k) for k in settings.DANGVIEN_FIELD_KEYS}:
        raise DomainError(
            "Khóa mã hóa DANGVIEN_FIELD_KEY hiện tại khác khóa của bản sao lưu: dữ liệu sẽ không "
            "đọc được. Hãy đặt đúng khóa rồi khôi phục lại."
        )
    if keys.get("audit") != key_fingerprint(settings.DANGVIEN_AUDIT_KEY):
        raise DomainError("Khóa nhật ký DANGVIEN_AUDIT_KEY hiện tại khác khóa của bản sao lưu.")


def _load_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)  # replaces every page of the live database


def _load_postgresql(dump: Path) -> None:
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(dump),
        ]
    )


def _load_files(folder: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    restored = folder / FILES_PREFIX.rstrip("/")
    if root.exists():
        shutil.rmtree(root)
    if restored.is_dir():
        shutil.copytree(restored, root)


def backup_restore(source: Path) -> BackupResult:
    """Replace the database and uploaded files with a checked backup; verify the row counts."""
    with _opened(source.resolve()) as (manifest, folder):
        if connection.vendor == "sqlite":
            _load_sqlite(folder / SQLITE_MEMBER)
        else:
            _load_postgresql(folder / PG_MEMBER)
        _load_files(folder)
    expected: dict[str, int] = manifest["tables"]
    with connection.cursor() as cursor:
        actual = _count_rows(cursor, sorted(expected))
    wrong = [t for t in expected if actual.get(t) != expected[t]]
    if wrong:
        raise DomainError(
            "Khôi phục không khớp số dòng ở bảng: " + ", ".join(wrong[:10]) + ". Hãy kiểm tra lại."
        )
    return BackupResult(source, len(expected), sum(expected.values()))
