"""Report pages and downloads: scoped, logged, with the same figures, in few queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from dangvien.audit.models import AccessLog
from dangvien.conftest import World, login
from dangvien.plans.services import quota_set
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db

QUERY = {"org": "XA-A", "from": "2023-01-01", "to": "2023-12-31"}
KINDS = ["admissions", "training", "coverage", "cells", "pipeline", "members"]


@pytest.fixture
def signed_in(world: World, client: Client) -> Client:
    quota_set(actor=world.operator, org_code="P01", period=2023, number=10)
    quota_set(actor=world.operator, org_code="XA-A", period=2023, number=4)
    admit(world.operator, "CB-A1", date(2023, 3, 1))
    return login(client, world.commune_a_user)


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_page_shows_its_paragraph_and_tables(signed_in: Client, kind: str):
    response = signed_in.get(f"/bao-cao/{kind}/", QUERY)

    assert response.status_code == 200
    assert "Đảng bộ xã An Phú" in response.content.decode()
    assert 'data-testid="narrative"' in response.content.decode()


def test_the_admissions_page_reads_the_figures_the_vietnamese_way(signed_in: Client):
    page = signed_in.get("/bao-cao/admissions/", QUERY).content.decode()

    assert "đạt 25,00% chỉ tiêu được giao (4 đảng viên)" in page
    assert "<svg" in page


def test_a_bad_date_shows_the_form_with_a_vietnamese_message(signed_in: Client):
    response = signed_in.get("/bao-cao/members/", {**QUERY, "to": "31-31-2023"})

    assert response.status_code == 400
    assert "“Đến ngày” (to) không hợp lệ" in response.content.decode()


def test_pages_and_downloads_of_another_commune_answer_404(signed_in: Client):
    other = {**QUERY, "org": "XA-B"}

    assert signed_in.get("/bao-cao/admissions/", other).status_code == 404
    assert signed_in.get("/bao-cao/admissions/tai-ve.xlsx", other).status_code == 404
    assert signed_in.get("/bao-cao/", {"org": "XA-B"}).status_code == 404
    assert signed_in.get("/bao-cao/budget/", QUERY).status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_every_download_is_logged(signed_in: Client, fmt: str):
    response = signed_in.get(f"/bao-cao/admissions/tai-ve.{fmt}", QUERY)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-ket-nap-XA-A-2023-01-01-2023-12-31.{fmt}"'
    )
    entry = AccessLog.objects.filter(action="export").get()
    assert (entry.object_type, entry.object_id, entry.detail["format"]) == (
        "report",
        "admissions",
        fmt,
    )


def test_the_dashboard_shows_progress_children_and_the_forecast(signed_in: Client):
    page = signed_in.get("/bao-cao/").content.decode()

    assert "Chỉ tiêu và tiến độ kết nạp" in page
    assert "Chi bộ thôn Đông" in page
    assert "Dự báo cộng số đã kết nạp" in page


def test_page_queries_are_pinned(signed_in: Client, django_assert_max_num_queries):
    signed_in.get("/bao-cao/admissions/", QUERY)

    with django_assert_max_num_queries(20):
        signed_in.get("/bao-cao/admissions/", QUERY)
    with django_assert_max_num_queries(24):
        signed_in.get("/bao-cao/admissions/tai-ve.xlsx", QUERY)
    with django_assert_max_num_queries(52):
        signed_in.get("/bao-cao/")
