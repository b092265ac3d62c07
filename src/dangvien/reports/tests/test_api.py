"""`GET /api/v1/reports/KIND`: the same JSON as the selectors, scoped, with Vietnamese errors."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.conftest import World
from dangvien.plans.services import quota_set
from dangvien.reports.selectors import report_build
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db

KINDS = ["admissions", "training", "coverage", "cells", "pipeline", "members"]
PERIOD = {"from": "2023-01-01", "to": "2023-12-31"}
# Queries per request, authentication and scope included; pinned so reports stay set-based.
MAX_QUERIES = {
    "admissions": 15,  # one more: is there a member snapshot of the first day?
    "training": 9,
    "coverage": 12,
    "cells": 11,
    "pipeline": 32,  # the pipeline app's source checks which records to read
    "members": 11,  # the first request builds the day's member snapshot
}


@pytest.fixture
def admitted(world: World) -> World:
    op = world.operator
    quota_set(actor=op, org_code="XA-A", period=2023, number=4)
    admit(op, "CB-A1", date(2023, 3, 1))
    admit(op, "CB-A2", date(2023, 4, 1))
    return world


@pytest.mark.parametrize("kind", KINDS)
def test_the_api_returns_the_reports_json(admitted: World, api_client_for, kind: str):
    api = api_client_for(admitted.commune_a_user)

    response = api.get(f"/api/v1/reports/{kind}", {"org": "XA-A", **PERIOD})

    expected = report_build(
        scope=admitted.operator.scope,
        kind=kind,
        code="XA-A",
        date_from=date(2023, 1, 1),
        date_to=date(2023, 12, 31),
    ).to_json()
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_endpoint_runs_a_fixed_number_of_queries(
    admitted: World, api_client_for, django_assert_max_num_queries, kind: str
):
    api = api_client_for(admitted.commune_a_user)
    api.get(f"/api/v1/reports/{kind}", {"org": "XA-A", **PERIOD})  # warms the cube

    with django_assert_max_num_queries(MAX_QUERIES[kind]):
        api.get(f"/api/v1/reports/{kind}", {"org": "XA-A", **PERIOD})
    with django_assert_max_num_queries(MAX_QUERIES[kind]):
        api.get(f"/api/v1/reports/{kind}", {"org": "P01", **PERIOD} | {"as_of": "2024-01-01"})


def test_the_admissions_quota_and_percent_come_through(admitted: World, api_client_for):
    api = api_client_for(admitted.commune_a_user)

    data = api.get("/api/v1/reports/admissions", {"org": "XA-A", **PERIOD}).json()

    assert (data["admitted"], data["quota"], data["quota_percent"]) == (2, 4, 50.0)


def test_another_communes_unit_answers_404(admitted: World, api_client_for):
    api = api_client_for(admitted.commune_a_user)

    for code in ("XA-B", "CB-B1", "P01"):
        response = api.get("/api/v1/reports/admissions", {"org": code, **PERIOD})
        assert response.status_code == 404
        assert "Không tìm thấy" in response.json()["detail"]


def test_a_bad_date_answers_400_in_vietnamese(admitted: World, api_client_for):
    api = api_client_for(admitted.commune_a_user)

    response = api.get(
        "/api/v1/reports/admissions", {"org": "XA-A", "from": "2023-02-30", "to": "2023-12-31"}
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("“Từ ngày” (from) không hợp lệ")
    assert response.json()["field"] == "from"


def test_a_missing_org_or_reversed_period_answers_400(admitted: World, api_client_for):
    api = api_client_for(admitted.commune_a_user)

    missing = api.get("/api/v1/reports/members", PERIOD)
    reversed_ = api.get(
        "/api/v1/reports/members", {"org": "XA-A", "from": "2023-12-31", "to": "2023-01-01"}
    )

    assert (missing.status_code, missing.json()["detail"]) == (400, "Thiếu mã đơn vị (org).")
    assert reversed_.status_code == 400
    assert "sau ngày kết thúc" in reversed_.json()["detail"]


def test_an_unknown_report_answers_404_with_the_known_kinds(admitted: World, api_client_for):
    api = api_client_for(admitted.commune_a_user)

    response = api.get("/api/v1/reports/budget", {"org": "XA-A", **PERIOD})

    assert response.status_code == 404
    assert "admissions, training" in response.json()["detail"]


def test_without_a_token_the_api_answers_401(admitted: World, client):
    assert client.get("/api/v1/reports/admissions", {"org": "XA-A", **PERIOD}).status_code == 401
