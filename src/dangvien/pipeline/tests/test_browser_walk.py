"""One candidate from source to official member through the pages, in Debian's Chromium."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from django.conf import settings
from django.test import Client

from dangvien.pipeline.models import Candidacy, VerificationRequest
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.testing import login

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def tab(pipe: Pipe, live_server: Any) -> Iterator[Any]:
    """A signed-in tab: the session of a test client, carried over as the browser's cookie."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed")
    from playwright.sync_api import sync_playwright

    client = login(Client(), pipe.world.commune_a_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="vi-VN", accept_downloads=True)
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base = live_server.url
        yield page
        browser.close()


def _step(
    page: Any, title: str, fields: dict[str, str], selects: dict[str, str] | None = None
) -> None:
    """Open a step from the candidate page, fill it and record it."""
    page.click(f"a.button:has-text('{title}')")
    page.wait_for_selector("#step-form")
    for name, value in (selects or {}).items():
        page.select_option(f"#id_{name}", value)
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.click("#step-form button[type=submit]")
    page.wait_for_load_state()


def _stage(page: Any) -> str:
    return str(page.inner_text("#stage"))


def _document(page: Any, code: str, day: str) -> None:
    _step(page, "Ghi văn bản của hồ sơ", {"issued_on": day}, {"form_code": code})


def _vote(
    page: Any, title: str, day: str, counts: tuple[int, int, int], number: str, committee: int = 0
) -> None:
    fields = {"held_on": day, "present": str(counts[0]), "in_favour": str(counts[1])}
    fields |= {"against": str(counts[2]), "number": number, "signer": "Nguyễn Văn An"}
    if committee:
        fields["eligible"] = str(committee)
    _step(page, title, fields)


def _to_dossier(page: Any, pipe: Pipe) -> None:
    page.goto(page.base + "/phat-trien/mo-ho-so/")
    page.select_option("#id_person", str(pipe.candidate.pk))
    page.select_option("#id_source_category", "doan_vien_uu_tu")
    page.fill("#id_opened_on", "2025-03-03")
    page.click("#open-form button[type=submit]")
    page.wait_for_selector("#stage")
    assert _stage(page) == "Tạo nguồn"
    _step(page, "Đưa vào danh sách quần chúng ưu tú", {"on": "2025-03-10", "number": "03"})
    _document(page, "CN-NTVĐ", "2025-04-15")
    assert _stage(page) == "Đã học lớp nhận thức về Đảng"
    _step(page, "Bắt đầu làm hồ sơ kết nạp", {"on": "2025-05-05"})
    assert _stage(page) == "Đang hoàn thiện hồ sơ"


def _complete(page: Any, pipe: Pipe) -> None:
    for code in ("1-KNĐ", "2-KNĐ", "5-KNĐ"):
        _document(page, code, "2025-05-08")
    for member in pipe.members[:2]:
        _step(
            page,
            "Ghi người giới thiệu",
            {"months_together": "36", "introduced_on": "2025-05-10"},
            {"kind": "dang_vien", "member": str(member.pk)},
        )
    _step(
        page,
        "Ghi người thân cần thẩm tra",
        {"name": "Lê Thị Mai", "places": "Thôn Đông, xã An Phú"},
    )
    _step(page, "Lập yêu cầu thẩm tra lý lịch", {"on": "2025-05-12"})
    request = VerificationRequest.objects.get(candidacy__person=pipe.candidate)
    _step(
        page,
        "Ghi kết quả thẩm tra lý lịch",
        {"sent_on": "2025-05-12", "returned_on": "2025-06-20", "conclusion": "Lý lịch rõ ràng"},
        {"request": str(request.pk)},
    )


def test_a_candidate_walks_every_stage_through_the_pages(pipe: Pipe, tab: Any):
    _to_dossier(tab, pipe)
    # Voting on an incomplete dossier shows the missing items, in Vietnamese, on the form.
    _vote(tab, "Chi bộ xét kết nạp (6-KNĐ)", "2025-07-01", (6, 5, 1), "07")
    refusal = tab.inner_text(".refusal")
    assert "Thiếu Đơn xin vào Đảng (1-KNĐ)" in refusal
    assert "Chưa đủ người giới thiệu" in refusal
    tab.click("a:has-text('Quay lại')")
    _complete(tab, pipe)
    _vote(tab, "Chi bộ xét kết nạp (6-KNĐ)", "2025-07-01", (6, 5, 1), "07")
    assert _stage(tab) == "Chi bộ đề nghị kết nạp (6-KNĐ)"
    _vote(tab, "Đảng ủy cơ sở xét kết nạp (8-KNĐ)", "2025-07-15", (8, 8, 0), "21", committee=9)
    _step(tab, "Quyết định kết nạp (9-KNĐ)", {"decided_on": "2025-08-01", "number": "112"})
    _step(tab, "Lễ kết nạp", {"held_on": "2025-08-20", "place": "Nhà văn hóa thôn Đông"})
    assert _stage(tab) == "Đảng viên dự bị"
    for code in ("10-KNĐ", "11-KNĐ", "12-KNĐ"):
        _document(tab, code, "2026-08-25")
    _vote(tab, "Chi bộ xét công nhận chính thức (13-KNĐ)", "2026-09-01", (6, 6, 0), "31")
    _vote(
        tab, "Đảng ủy xét công nhận chính thức (15-KNĐ)", "2026-09-10", (8, 8, 0), "40", committee=9
    )
    _step(
        tab,
        "Quyết định công nhận đảng viên chính thức",
        {"decided_on": "2026-09-21", "number": "150"},
    )
    assert _stage(tab) == "Đảng viên chính thức"
    assert Candidacy.objects.get(person=pipe.candidate).official_on.isoformat() == "2026-08-20"
    timeline = tab.inner_text("#timeline")
    assert "Công nhận đảng viên chính thức từ ngày 20/08/2026" in timeline
    with tab.expect_download() as download:
        tab.click("a:has-text('6-KNĐ (.docx)')")
    text = "\n".join(
        p.text
        for p in docx.Document(io.BytesIO(Path(download.value.path()).read_bytes())).paragraphs
    )
    assert "5/6 đồng chí đảng viên chính thức tán thành, đạt 83,33%" in text


def test_the_board_filter_and_the_vote_hint_work_without_inline_script(pipe: Pipe, tab: Any):
    _to_dossier(tab, pipe)
    tab.goto(tab.base + "/phat-trien/")
    tab.fill("[data-board-filter]", "le thi")
    assert tab.is_visible("text=Lê Thị Mai")
    tab.fill("[data-board-filter]", "nguyen")
    assert not tab.is_visible("text=Lê Thị Mai")
    candidacy = Candidacy.objects.get(person=pipe.candidate)
    tab.goto(f"{tab.base}/phat-trien/ho-so/{candidacy.pk}/chi-bo-xet/")
    tab.fill("#id_in_favour", "3")
    assert "Cần ít nhất 4/6 phiếu tán thành" in tab.inner_text(".vote-hint")
    assert "chưa đạt" in tab.inner_text(".vote-hint")
