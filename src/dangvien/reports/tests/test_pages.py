"""Report pages and downloads: scoped, logged, with the same figures, in few queries."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dangvien.audit.models import AccessLog
from dangvien.conftest import World, login, make_org, make_person
from dangvien.orgs.domain.enums import OrgType
from dangvien.people.domain.enums import Status
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


def test_a_cut_overdue_list_points_to_the_full_list(
    signed_in: Client, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("dangvien.reports.selectors.pipeline.OVERDUE_LISTED", 0)

    page = signed_in.get("/bao-cao/pipeline/", QUERY).content.decode()

    assert "Chỉ liệt kê 0 bước quá hạn lâu nhất trong tổng số 1 bước" in page
    assert 'href="/phat-trien/danh-sach/?overdue=on&amp;org=XA-A"' in page
    full = signed_in.get("/phat-trien/danh-sach/", {"overdue": "on", "org": "XA-A"})
    assert full.status_code == 200
    assert re.search(r'<input[^>]*name="overdue"[^>]* checked', full.content.decode())


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
    # The first visit builds the member snapshot and its cell counters.
    with django_assert_max_num_queries(61):
        signed_in.get("/bao-cao/")
    with django_assert_max_num_queries(45):
        signed_in.get("/bao-cao/")


def _dashboard_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bao-cao/")
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_dashboard_makes_the_same_queries_for_ten_cells_as_for_one(world: World):
    # given: this year commune A has ten cells, each with a quota and an admission;
    # commune B has one. Each has long-standing candidates, so both have the 20 past
    # cases a forecast needs without reading the province's history.
    op = world.operator
    year = date.today().year
    quota_set(actor=op, org_code="XA-A", period=year, number=20)
    quota_set(actor=op, org_code="XA-B", period=year, number=2)
    cells = ["CB-A1", "CB-A2"]
    for n in range(3, 11):
        make_org(op, f"CB-A{n}", f"Chi bộ thôn số {n}", OrgType.CELL, "XA-A")
        cells.append(f"CB-A{n}")
    for code in [*cells, "CB-B1"]:
        quota_set(actor=op, org_code=code, period=year, number=2)
        admit(op, code, date(year, 1, 1), candidate_since=date(year - 1, 10, 1))
    for cid in ["001099000011", "001099000012"]:
        make_person(op, cid, "Lê Văn Chờ", "CB-B1", Status.CANDIDATE)
    many = login(Client(), world.commune_a_user)
    one = login(Client(), world.commune_b_user)
    many.get("/bao-cao/")  # the first reads fill the member-stock cache
    one.get("/bao-cao/")

    # when
    with_ten = _dashboard_queries(many)
    with_one = _dashboard_queries(one)

    # then
    assert with_ten == with_one
    assert with_ten <= 40, with_ten
