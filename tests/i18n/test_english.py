"""With English chosen, pages and the command line speak English (source strings are Vietnamese)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

from dangvien.cli import main
from dangvien.testing import World, login

pytestmark = pytest.mark.django_db

LOGIN_URL = "/dang-nhap/"


@pytest.fixture(autouse=True)
def _keep_the_active_language() -> Iterator[None]:
    """The CLI activates its language for the thread: give the next test back the one it had."""
    with translation.override(translation.get_language()):
        yield


def english_client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_login_page_is_vietnamese_by_default(client: Client):
    html = client.get(LOGIN_URL).content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Đăng nhập</h1>" in html


def test_an_english_browser_still_gets_vietnamese_pages_until_english_is_chosen():
    browser = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    html = browser.get(LOGIN_URL).content.decode()

    assert '<html lang="vi">' in html
    assert "<h1>Đăng nhập</h1>" in html


def test_the_login_page_in_english(client: Client):
    html = english_client().get(LOGIN_URL).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Sign in</h1>" in html
    assert "Username" in html
    assert "Every access is logged." in html
    assert "Đăng nhập" not in html
    assert "Mật khẩu" not in html


def test_the_login_template_renders_english_while_english_is_active():
    request = RequestFactory().get(LOGIN_URL)
    request.user = AnonymousUser()
    with translation.override("en"):
        html = render_to_string("accounts/login.html", {}, request=request)
    assert "<h1>Sign in</h1>" in html
    assert "Đăng nhập" not in html


def test_the_footer_switch_turns_the_pages_english(client: Client):
    response = client.post("/ngon-ngu/", {"language": "en", "next": LOGIN_URL}, follow=True)
    html = response.content.decode()
    assert "<h1>Sign in</h1>" in html
    assert "Confidential data — for Party work only" in html


def test_a_signed_in_page_and_its_menu_in_english(world: World):
    client = login(english_client(), world.commune_a_user)
    html = client.get("/").content.decode()
    assert "<h1>Overview</h1>" in html
    assert "Sign out" in html
    assert "Outstanding candidates" in html
    assert "Đăng xuất" not in html
    assert "Cây tổ chức" not in html


def createuser(lang: str, org: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Run `dangvien --lang LANG createuser` in-process, the password piped on stdin."""
    monkeypatch.setattr("sys.stdin", io.StringIO("Mat-khau-rat-dai-2026\n"))
    return main(["--lang", lang, "createuser", "moi.nguoi", "--role", "viewer", "--org", org])


def test_the_cli_prefixes_a_refusal_with_error_in_english(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    code = createuser("en", "KHONG-CO", monkeypatch)
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Error: ")
    assert "Lỗi" not in err
    assert "KHONG-CO" in err  # the service's own message is not translated yet


def test_the_cli_refusal_stays_vietnamese_with_lang_vi(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    code = createuser("vi", "KHONG-CO", monkeypatch)
    assert code == 1
    assert capsys.readouterr().err.startswith("Lỗi: ")


def test_a_cli_message_is_english_end_to_end(world: World, capsys: pytest.CaptureFixture[str]):
    code = main(["--lang", "en", "token", "create", "xa.anphu", "--days", "0"])
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "Error: The validity period must be between 1 and 3650 days."
    )


def test_a_cli_success_message_in_english(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    code = createuser("en", "XA-A", monkeypatch)
    assert code == 0
    assert "Created account moi.nguoi" in capsys.readouterr().out
