"""Formula injection in exports, upload checks (type, size, zip bombs) and the attachment view."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.audit.models import AccessLog
from dangvien.conftest import World
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.security_export import (
    csv_row,
    neutralize_formula,
    safe_xlsx_workbook,
    xlsx_write_row,
)
from dangvien.core.security_files import attachment_response, attachment_store
from dangvien.core.security_uploads import WORKBOOK_KINDS, upload_check


@pytest.mark.parametrize("text", ["=1+1", "+84 912", "-2", "@SUM(A1)", '=HYPERLINK("x")'])
def test_formula_like_text_is_neutralised_for_csv(text: str):
    assert neutralize_formula(text) == "'" + text


def test_ordinary_values_pass_unchanged():
    assert csv_row(["Nguyễn Văn An", 5, -3, None]) == ["Nguyễn Văn An", 5, -3, None]


def test_xlsx_cells_keep_formula_like_text_as_text():
    buffer = io.BytesIO()
    workbook = safe_xlsx_workbook(buffer)
    sheet = workbook.add_worksheet()
    xlsx_write_row(sheet, 0, ["=1+1", "@cmd", 42, "https://x.example"])
    workbook.close()
    cells = next(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    assert [c.value for c in cells] == ["=1+1", "@cmd", 42, "https://x.example"]
    assert [c.data_type for c in cells] == ["s", "s", "n", "s"]


def test_a_renamed_file_is_refused():
    fake = io.BytesIO(b"MZ\x90\x00 not really a pdf")
    with pytest.raises(DomainError, match="đổi đuôi"):
        upload_check(fake, "quyet-dinh.pdf")


def test_a_file_type_outside_the_list_is_refused():
    with pytest.raises(DomainError, match="Chỉ nhận"):
        upload_check(io.BytesIO(b"#!/bin/sh"), "script.sh")


def test_an_oversized_file_is_refused():
    with pytest.raises(DomainError, match="quá lớn"):
        upload_check(io.BytesIO(b"%PDF-" + b"0" * 2048), "a.pdf", max_bytes=1024)


def test_a_zip_bomb_disguised_as_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    buffer.seek(0)
    with pytest.raises(DomainError, match="độc hại"):
        upload_check(buffer, "danh-sach.xlsx", allowed=WORKBOOK_KINDS)


def test_a_real_workbook_passes():
    buffer = io.BytesIO()
    workbook = safe_xlsx_workbook(buffer)
    xlsx_write_row(workbook.add_worksheet(), 0, ["Số CCCD", "Họ và tên"])
    workbook.close()
    buffer.seek(0)
    assert upload_check(buffer, "nhap.xlsx", allowed=WORKBOOK_KINDS).extension == "xlsx"


@pytest.mark.django_db
def test_an_attachment_is_served_only_in_scope_and_logged(world: World, settings, tmp_path: Path):
    settings.MEDIA_ROOT = tmp_path
    scan = SimpleUploadedFile("Quyết định.pdf", b"%PDF-1.4 quyet dinh", "application/pdf")
    stored = attachment_store(file=scan, folder="ho-so")
    assert "Quyết" not in stored.path  # random name on disk
    assert (tmp_path / stored.path).read_bytes() == b"%PDF-1.4 quyet dinh"
    own = Actor(world.commune_a_user, scope_for(world.commune_a_user), "web", "127.0.0.1")
    other = Actor(world.commune_b_user, scope_for(world.commune_b_user), "web", "127.0.0.1")
    response = attachment_response(
        actor=own,
        path=stored.path,
        org_id=world.cell_a1.pk,
        object_type="document",
        object_id=7,
        download_name=stored.original_name,
        content_type=stored.content_type,
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 quyet dinh"
    assert AccessLog.objects.filter(action="download", object_id="7").count() == 1
    with pytest.raises(NotFoundError):
        attachment_response(
            actor=other,
            path=stored.path,
            org_id=world.cell_a1.pk,
            object_type="document",
            object_id=7,
            download_name="x.pdf",
        )
    with pytest.raises(NotFoundError):
        attachment_response(
            actor=own,
            path="../secret_key",
            org_id=world.cell_a1.pk,
            object_type="document",
            object_id=7,
            download_name="x",
        )
