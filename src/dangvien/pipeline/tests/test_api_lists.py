"""The list endpoints: scoped, filtered, a fixed number of queries whatever the page size."""

from __future__ import annotations

from datetime import date

from dangvien.people.domain.enums import Status
from dangvien.pipeline import services
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import open_and_list
from dangvien.testing import make_person

BASE = "/api/v1/candidacies"
GIVEN = ["An", "Bình", "Chi", "Dung", "Giang", "Hà", "Khánh", "Lan"]


def _candidates(pipe: Pipe, count: int) -> None:
    for index in range(count):
        person = make_person(
            pipe.operator,
            f"0013000010{index:02d}",
            f"Ngô Văn {GIVEN[index]}",
            "CB-A1",
            Status.CANDIDATE,
        )
        candidacy = services.candidacy_open(
            actor=pipe.commune,
            person_id=person.pk,
            source_category="khac",
            opened_on=date(2025, 3, 3),
        )
        services.candidacy_list_add(
            actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 3, 10)
        )


def test_the_list_runs_the_same_queries_for_one_or_many_rows(
    pipe: Pipe, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(pipe.world.commune_a_user)
    _candidates(pipe, 1)
    client.get(BASE)
    with django_assert_max_num_queries(12) as one:
        assert len(client.get(BASE).json()["items"]) == 1
    for index in range(6):
        person = make_person(
            pipe.operator,
            f"0013000020{index:02d}",
            f"Lưu Thị {GIVEN[index]}",
            "CB-A2",
            Status.CANDIDATE,
        )
        services.candidacy_open(
            actor=pipe.commune,
            person_id=person.pk,
            source_category="khac",
            opened_on=date(2025, 3, 3),
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get(BASE).json()
    assert len(body["items"]) == 7
    assert all(item["has_overdue"] is not None for item in body["items"])


def test_the_list_filters_by_stage_unit_and_overdue_work(pipe: Pipe, api_client_for):
    client = api_client_for(pipe.world.commune_a_user)
    open_and_list(pipe)
    assert [
        i["full_name"] for i in client.get(BASE, {"stage": "quan_chung_uu_tu"}).json()["items"]
    ] == ["Lê Thị Mai"]
    assert client.get(BASE, {"org": "CB-A2"}).json()["items"] == []
    overdue = client.get(BASE, {"overdue": "true"}).json()["items"]
    assert [i["full_name"] for i in overdue] == ["Lê Thị Mai"]  # evaluations missing since 04/2025
    assert client.get(BASE, {"org": "CB-B1"}).status_code == 404


def test_the_board_counts_every_stage_in_a_fixed_number_of_queries(
    pipe: Pipe, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(pipe.world.commune_a_user)
    _candidates(pipe, 3)
    client.get(f"{BASE}/board")
    with django_assert_max_num_queries(12):
        columns = client.get(f"{BASE}/board").json()
    listed = next(c for c in columns if c["stage"] == "quan_chung_uu_tu")
    assert listed["count"] == 3
    assert len(listed["cards"]) == 3


def test_another_communes_dossier_is_a_404_for_reads_and_steps(pipe: Pipe, api_client_for):
    candidacy = open_and_list(pipe)
    other = api_client_for(pipe.world.commune_b_user)
    assert other.get(f"{BASE}/{candidacy.pk}").status_code == 404
    response = other.post(
        f"{BASE}/{candidacy.pk}/dossier", {"on": "2025-05-05"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy dữ liệu hoặc bạn không có quyền xem."
    viewer = api_client_for(pipe.world.viewer_a)
    assert viewer.get(f"{BASE}/{candidacy.pk}").status_code == 200
    denied = viewer.post(
        f"{BASE}/{candidacy.pk}/dossier", {"on": "2025-05-05"}, content_type="application/json"
    )
    assert denied.status_code == 403


def test_a_stale_version_is_a_409(pipe: Pipe, api_client_for):
    candidacy = open_and_list(pipe)
    client = api_client_for(pipe.world.commune_a_user)
    response = client.post(
        f"{BASE}/{candidacy.pk}/exits/withdraw",
        {"on": "2025-04-01", "reason": "Xin rút", "version": candidacy.version - 1},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "tải lại trang" in response.json()["detail"]


def test_the_worklist_endpoint_rolls_up_the_commune(pipe: Pipe, api_client_for):
    open_and_list(pipe)
    body = api_client_for(pipe.world.commune_a_user).get(f"{BASE}/worklist", {"org": "XA-A"}).json()
    assert body["org"]["counts"]["overdue"] == 1
    cells = {c["code"]: c["counts"]["overdue"] for c in body["children"]}
    assert cells == {"CB-A1": 1, "CB-A2": 0}
    assert body["items"][0]["label"] == "Bình xét hằng tháng"
