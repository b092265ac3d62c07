"""A commune user uploads a workbook, sees the preview, confirms, watches progress, sees the end."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from dangvien.conftest import PASSWORD, World
from dangvien.imports import jobs
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, write_xlsx
from dangvien.people.models import Person
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    ["001200000001", "Trần Thị Bích", date(1995, 3, 4), "Nữ", "Kinh", "CB-A1", "Dự bị",
     date(2025, 5, 1), None],
    ["001200000002", "NguyÔn V¨n Nam", "12/07/1992", "Nam", "Tày", "CB-A2", "Quần chúng ưu tú",
     None, None],
]  # fmt: skip


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    # The import runs in a thread with its own connection, as on a server. SQLite's
    # shared in-memory test database refuses a second writer at once instead of
    # waiting; a SQLite file (DANGVIEN_TEST_DB_NAME) or PostgreSQL waits like production.
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs PostgreSQL or a SQLite file test database (DANGVIEN_TEST_DB_NAME)")
    settings.MEDIA_ROOT = tmp_path / "files"
    return tmp_path


@pytest.fixture
def slow_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make each progress step of a job take a moment, so the page shows the bar moving."""
    report_of = jobs._reporter

    def slow(job_id):  # type: ignore[no-untyped-def]
        report = report_of(job_id)

        def pause_and_report(stage: str, done: int, total: int) -> None:
            time.sleep(0.25)
            report(stage, done, total)

        return pause_and_report

    monkeypatch.setattr(jobs, "_reporter", slow)


def test_upload_preview_confirm_progress_and_result(
    world: World, live_server, page, media: Path, slow_jobs: None
):  # type: ignore[no-untyped-def]
    workbook = write_xlsx(media / "nhan-su.xlsx", {"NhanSu": [PEOPLE_HEADER, *ROWS]})
    sign_in(page, live_server.url, world.commune_a_user.username, PASSWORD)
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    page.set_input_files("#id_file", str(workbook))
    page.click("button:has-text('Tải lên và kiểm tra')")

    page.wait_for_selector("#confirm-form")
    counts = page.inner_text("#counts")
    assert "NhanSu" in counts
    assert "2" in counts
    assert "Đã chuyển 1 ô gõ bằng phông TCVN3/VNI sang Unicode." in page.inner_text("main")
    assert not Person.objects.filter(full_name="Nguyễn Văn Nam").exists()

    page.click("button:has-text('Xác nhận nhập dữ liệu')")
    page.wait_for_selector("#progress-bar")
    assert page.inner_text("#job-state") == "Đang nhập"
    page.wait_for_selector("#done", timeout=30_000)
    assert "Đã nhập xong 2 dòng." in page.inner_text("#done")
    assert page.inner_text("#job-state") == "Đã nhập xong"
    assert Person.objects.filter(full_name="Nguyễn Văn Nam").exists()


def test_errors_are_listed_with_the_error_file_and_no_confirm_button(
    world: World, live_server, page, media: Path
):  # type: ignore[no-untyped-def]
    bad = [[*ROWS[0][:2], "31/02/1995", *ROWS[0][3:]]]
    workbook = write_xlsx(media / "loi.xlsx", {"NhanSu": [PEOPLE_HEADER, *bad]})
    sign_in(page, live_server.url, world.commune_a_user.username, PASSWORD)
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    page.set_input_files("#id_file", str(workbook))
    page.click("button:has-text('Tải lên và kiểm tra')")

    page.wait_for_selector("#errors")
    assert 'Ngày "31/02/1995" không tồn tại' in page.inner_text("#errors")
    assert page.is_visible("#error-file")
    assert not page.is_visible("#confirm-form")
