"""The import page: upload, preview, confirm, status, error file; the template download."""

from __future__ import annotations

import html
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from dangvien.imports import jobs
from dangvien.imports.models import ImportJob
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, write_xlsx
from dangvien.people.models import Person
from dangvien.testing import World, login

pytestmark = pytest.mark.django_db

GOOD = [
    "001200000001",
    "Trần Thị Bích",
    date(1995, 3, 4),
    "Nữ",
    "Kinh",
    "CB-A1",
    "Dự bị",
    date(2025, 5, 1),
    None,
]


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch: pytest.MonkeyPatch, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "files"
    monkeypatch.setattr(jobs, "RUNNER", jobs.InlineRunner())


def _upload(client: Client, tmp_path: Path, rows: list[list[object]]) -> ImportJob:
    path = write_xlsx(tmp_path / "nhan-su.xlsx", {"NhanSu": [PEOPLE_HEADER, *rows]})
    upload = SimpleUploadedFile("nhan-su.xlsx", path.read_bytes())
    response = client.post("/nhap-du-lieu/", {"file": upload})
    assert response.status_code == 302
    return ImportJob.objects.get()


def test_the_page_offers_the_template_and_the_upload_form(world: World, client: Client):
    login(client, world.commune_a_user)
    body = client.get("/nhap-du-lieu/").content.decode()
    assert "/nhap-du-lieu/mau/" in body
    assert 'id="upload-form"' in body


def test_a_viewer_sees_no_upload_form_and_cannot_upload(
    world: World, client: Client, tmp_path: Path
):
    login(client, world.viewer_a)
    assert 'id="upload-form"' not in client.get("/nhap-du-lieu/").content.decode()
    path = write_xlsx(tmp_path / "a.xlsx", {"NhanSu": [PEOPLE_HEADER, GOOD]})
    upload = SimpleUploadedFile("a.xlsx", path.read_bytes())
    assert client.post("/nhap-du-lieu/", {"file": upload}).status_code == 403


def test_upload_preview_confirm_and_result(world: World, client: Client, tmp_path: Path):
    login(client, world.commune_a_user)
    job = _upload(client, tmp_path, [GOOD])
    assert (job.state, job.ok) == ("checked", True)
    preview = client.get(f"/nhap-du-lieu/{job.pk}/").content.decode()
    assert 'id="confirm-form"' in preview
    assert not Person.objects.filter(full_name="Trần Thị Bích").exists()

    client.post(f"/nhap-du-lieu/{job.pk}/xac-nhan/")

    job.refresh_from_db()
    assert job.state == "done"
    assert Person.objects.filter(full_name="Trần Thị Bích").exists()
    assert "Đã nhập xong 1 dòng." in client.get(f"/nhap-du-lieu/{job.pk}/").content.decode()


def test_a_workbook_with_errors_shows_them_and_offers_the_error_file(
    world: World, client: Client, tmp_path: Path
):
    login(client, world.commune_a_user)
    job = _upload(client, tmp_path, [[*GOOD[:2], "31/02/1995", *GOOD[3:]]])
    page = html.unescape(client.get(f"/nhap-du-lieu/{job.pk}/").content.decode())
    assert 'Ngày "31/02/1995" không tồn tại' in page
    assert 'id="confirm-form"' not in page
    response = client.get(f"/nhap-du-lieu/{job.pk}/tep-loi/")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book["NhanSu"]["C2"].comment.text == 'Lỗi: Ngày "31/02/1995" không tồn tại'
    assert client.post(f"/nhap-du-lieu/{job.pk}/xac-nhan/").status_code == 302
    assert ImportJob.objects.get().state == "checked"


def test_the_status_address_reports_state_and_progress(
    world: World, client: Client, tmp_path: Path
):
    login(client, world.commune_a_user)
    job = _upload(client, tmp_path, [GOOD])
    status = client.get(f"/nhap-du-lieu/{job.pk}/trang-thai/").json()
    assert status == {
        "state": "checked",
        "state_label": "Đã kiểm tra",
        "in_progress": False,
        "stage": "",
        "done": 0,
        "total": 1,
        "percent": 0,
    }


def test_another_user_s_job_does_not_exist_for_them(world: World, client: Client, tmp_path: Path):
    login(client, world.commune_a_user)
    job = _upload(client, tmp_path, [GOOD])
    login(client, world.commune_b_user)
    assert client.get(f"/nhap-du-lieu/{job.pk}/").status_code == 404
    assert client.get(f"/nhap-du-lieu/{job.pk}/trang-thai/").status_code == 404


def test_a_job_left_running_by_a_restart_is_reported_as_interrupted(world: World, client: Client):
    login(client, world.commune_a_user)
    job = ImportJob.objects.create(
        user=world.commune_a_user, original_name="a.xlsx", stored_name="x.xlsx", state="running"
    )
    page = client.get(f"/nhap-du-lieu/{job.pk}/").content.decode()
    assert "bị gián đoạn" in page
    assert ImportJob.objects.get().state == "failed"


def test_a_renamed_file_is_refused(world: World, client: Client):
    login(client, world.commune_a_user)
    upload = SimpleUploadedFile("a.xlsx", b"not really a spreadsheet")
    response = client.post("/nhap-du-lieu/", {"file": upload})
    assert response.status_code == 400
    assert "có thể đã bị đổi đuôi" in response.content.decode()
