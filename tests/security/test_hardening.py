"""Response headers, cookies, CSP and the production deploy check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from dangvien.conftest import PASSWORD, World, login

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "dangvien"


def test_pages_carry_a_strict_content_security_policy(world: World, client: Client):
    login(client, world.commune_a_user)
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_pages_refuse_framing_and_sniffing_and_limit_referrers(client: Client):
    response = client.get("/dang-nhap/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_not_readable_by_scripts(world: World, client: Client):
    form = client.get("/dang-nhap/")
    assert form.cookies["csrftoken"]["httponly"]
    response = client.post(
        "/dang-nhap/", {"username": world.viewer_a.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_no_template_has_inline_script_or_style():
    """The CSP forbids them; they would silently stop working in the browser."""
    offenders = []
    pattern = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)|<style\b|\sstyle=|\son[a-z]+=", re.I
    )
    for path in TEMPLATES.rglob("templates/**/*.html"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            snippet = match.group(0)
            if 'type="application/json"' in snippet:
                continue  # data, not code
            offenders.append(f"{path.relative_to(TEMPLATES)}: {snippet.strip()}")
    assert offenders == []


def test_the_production_settings_pass_the_deploy_check(tmp_path: Path):
    env = os.environ | {
        "DANGVIEN_PRODUCTION": "true",
        "DANGVIEN_SECRET_KEY": "k" * 30 + "-unused-in-tests-" + "z" * 30,
        "DANGVIEN_FIELD_KEY": "xKXr1NQ1Q8qkFv6w2lfxgq9YXhL8Hc0Yq3mYyG1m4nE=",
        "DANGVIEN_AUDIT_KEY": "audit-key-for-the-deploy-check-only-0123456789",
        "DANGVIEN_ALLOWED_HOSTS": "dangvien.example.vn",
        "DANGVIEN_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests of this session
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=TEMPLATES.parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_keys(tmp_path: Path):
    env = os.environ | {"DANGVIEN_PRODUCTION": "true", "DANGVIEN_DATA_DIR": str(tmp_path)}
    for name in ("DANGVIEN_SECRET_KEY", "DANGVIEN_FIELD_KEY", "DANGVIEN_AUDIT_KEY"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", "import dangvien.config.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DANGVIEN_SECRET_KEY" in result.stderr
