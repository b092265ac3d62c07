"""Attachments (scanned documents): stored outside any served folder, read only through here.

Other apps keep the returned `StoredFile.path` on their own record and serve
it from their own view with `attachment_response`, which checks the actor's
scope on the record's organisation, writes the download to the access log and
sends the file as a download that the browser will not run.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import NotFoundError
from dangvien.core.security_uploads import SCAN_KINDS, upload_check


@dataclass(frozen=True)
class StoredFile:
    """Where an accepted upload was stored, and what to show about it."""

    path: str  # relative to MEDIA_ROOT; keep it on the owning record
    original_name: str
    size: int
    content_type: str
    sha256: str


def attachment_store(
    *, file: UploadedFile[bytes], folder: str, allowed: frozenset[str] = SCAN_KINDS
) -> StoredFile:
    """Check an upload and store it under a random name in MEDIA_ROOT/<folder>/."""
    original = Path(file.name or "tep").name
    kind = upload_check(file, original, allowed=allowed)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    # A random name: the user's file name never reaches the file system.
    name = default_storage.save(f"{folder.strip('/')}/{uuid.uuid4().hex}.{kind.extension}", file)
    return StoredFile(name, original[:200], file.size or 0, kind.content_type, digest.hexdigest())


def _resolve(path: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    if root not in full.parents or not full.is_file():
        raise NotFoundError()
    return full


def attachment_response(
    *,
    actor: Actor,
    path: str,
    org_id: int,
    object_type: str,
    object_id: int | str,
    download_name: str,
    content_type: str = "application/octet-stream",
) -> FileResponse:
    """Return the file as a download if the record's organisation is in scope; log it.

    Outside the scope, or when the file is missing, the answer is the same 404.
    """
    if not actor.scope.covers_org(org_id):
        raise NotFoundError()
    full = _resolve(path)
    audit_record(
        actor=actor,
        action="download",
        object_type=object_type,
        object_id=object_id,
        org_id=org_id,
        detail={"file": download_name[:200]},
    )
    response = FileResponse(
        full.open("rb"), as_attachment=True, filename=download_name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
