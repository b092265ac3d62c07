"""End to end through the API: one candidate from source to official member, with documents."""

from __future__ import annotations

import io
from typing import Any

import docx
from django.test import Client

from dangvien.pipeline.tests.conftest import Pipe

BASE = "/api/v1/candidacies"


def _post(client: Client, path: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == status, response.content.decode()
    return response.json()


def _docx_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return "\n".join(parts)


def _walk_to_dossier(client: Client, pipe: Pipe) -> int:
    body = {
        "person_id": pipe.candidate.pk,
        "source_category": "Đoàn viên ưu tú",
        "opened_on": "2025-03-03",
    }
    one = _post(client, BASE, body)
    cid = one["id"]
    assert one["stage"] == "tao_nguon"
    assert one["rule_set_code"] == "232-QĐ/TW (01/2025)"
    _post(client, f"{BASE}/{cid}/list", {"on": "2025-03-10", "number": "03"}, 200)
    for month in ("2025-04-01", "2025-05-01", "2025-06-01"):
        _post(client, f"{BASE}/{cid}/evaluations", {"month": month, "result": "tot"})
    cert = {"form_code": "CN-NTVĐ", "issued_on": "2025-04-15", "number": "125"}
    assert _post(client, f"{BASE}/{cid}/documents", cert)["stage"] == "da_hoc_nhan_thuc"
    _post(client, f"{BASE}/{cid}/dossier", {"on": "2025-05-05"}, 200)
    return cid


def _complete_dossier(client: Client, pipe: Pipe, cid: int) -> None:
    for form in ("1-KNĐ", "2-KNĐ", "5-KNĐ"):
        _post(client, f"{BASE}/{cid}/documents", {"form_code": form, "issued_on": "2025-05-08"})
    for member in pipe.members[:2]:
        intro = {
            "kind": "dang_vien",
            "introduced_on": "2025-05-10",
            "member_id": member.pk,
            "months_together": 30,
        }
        _post(client, f"{BASE}/{cid}/introducers", intro)
    relative = {"kind": "ban_than", "name": "Lê Thị Mai", "places": ["Thôn Đông, xã An Phú"]}
    _post(client, f"{BASE}/{cid}/relatives", relative)
    _post(client, f"{BASE}/{cid}/verifications/plan", {"on": "2025-05-12"}, 200)


def test_one_candidate_walks_every_stage_and_gets_every_document(pipe: Pipe, api_client_for):
    client = api_client_for(pipe.world.commune_a_user)
    cid = _walk_to_dossier(client, pipe)
    _complete_dossier(client, pipe, cid)
    detail = client.get(f"{BASE}/{cid}").json()
    (vote_check,) = [c for c in detail["checklist"] if c["action"] == "record_cell_vote"]
    # Checked on today (15/10/2026): the reply is missing, and the dossier opened in
    # 05/2025 is past its 12 months; the vote itself is recorded with its own date below.
    assert [m["code"] for m in vote_check["missing"]] == ["verification_pending", "dossier_stale"]
    from dangvien.pipeline.models import VerificationRequest

    (request_id,) = VerificationRequest.objects.filter(candidacy_id=cid).values_list(
        "pk", flat=True
    )
    reply = {
        "sent_on": "2025-05-12",
        "returned_on": "2025-06-20",
        "responding_committee": "Đảng ủy xã An Phú",
        "conclusion": "Rõ ràng",
    }
    response = client.put(
        f"{BASE}/verifications/{request_id}", reply, content_type="application/json"
    )
    assert response.status_code == 200
    vote = {
        "held_on": "2025-07-01",
        "present": 6,
        "in_favour": 5,
        "against": 1,
        "method": "bo_phieu_kin",
        "number": "07",
        "signer": "Nguyễn Văn An",
    }
    after = _post(client, f"{BASE}/{cid}/cell-votes", vote)
    assert after["stage"] == "chi_bo_de_nghi"
    assert after["votes"][0]["eligible"] == 6
    assert after["votes"][0]["required"] == 4
    committee = {
        "held_on": "2025-07-15",
        "eligible": 9,
        "present": 8,
        "in_favour": 8,
        "against": 0,
        "method": "gio_the",
        "number": "21",
        "signer": "Trần Quốc Huy",
    }
    _post(client, f"{BASE}/{cid}/committee-votes", committee)
    decision = {
        "decided_on": "2025-08-01",
        "number": "112",
        "signer": "Trần Quốc Huy",
        "received_on": "2025-08-04",
    }
    assert _post(client, f"{BASE}/{cid}/decision", decision)["stage"] == "co_quyet_dinh_ket_nap"
    _post(
        client,
        f"{BASE}/{cid}/ceremony",
        {"held_on": "2025-08-20", "place": "Nhà văn hóa thôn Đông"},
    )
    helper = _post(
        client,
        f"{BASE}/{cid}/helpers",
        {"member_id": pipe.members[2].pk, "assigned_on": "2025-08-20"},
    )
    assert helper["warnings"] == []
    for form in ("10-KNĐ", "11-KNĐ", "12-KNĐ"):
        _post(client, f"{BASE}/{cid}/documents", {"form_code": form, "issued_on": "2026-08-25"})
    recognition = {**vote, "held_on": "2026-09-01", "in_favour": 6, "against": 0, "number": "31"}
    _post(client, f"{BASE}/{cid}/recognition/cell-votes", recognition)
    _post(
        client,
        f"{BASE}/{cid}/recognition/committee-votes",
        {**committee, "held_on": "2026-09-10", "number": "40"},
    )
    final = _post(
        client,
        f"{BASE}/{cid}/recognition/decision",
        {"decided_on": "2026-09-21", "number": "150", "signer": "Trần Quốc Huy"},
    )
    assert final["stage"] == "chinh_thuc"
    assert final["official_on"] == "2026-08-20"
    urls = {g["kind"]: g["url"] for g in final["generated"]}
    assert set(urls) == {"6-KND", "8-KND", "9-KND", "13-KND", "15-KND", "QD-CNCT"}

    cell = _docx_text(client, urls["6-KND"])
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cell
    assert "CHI BỘ THÔN ĐÔNG" in cell
    assert "Số 07-NQ/CB" in cell
    assert "An Phú, ngày 01 tháng 07 năm 2025" in cell
    assert "5/6 đồng chí đảng viên chính thức tán thành, đạt 83,33%" in cell
    assert "Lê Thị Mai" in cell
    assert "Nguyễn Văn An" in cell
    committee_text = _docx_text(client, urls["8-KND"])
    assert "Số 21-NQ/ĐU" in committee_text
    assert "8/9 đồng chí tán thành, đạt 88,89%" in committee_text
    admission = _docx_text(client, urls["9-KND"])
    assert "Số 112-QĐ/ĐU" in admission
    assert "Nghị quyết số 07-NQ/CB ngày 01/07/2025" in admission
    assert "Nghị quyết số 21-NQ/ĐU ngày 15/07/2025" in admission
    recognition_text = _docx_text(client, urls["13-KND"])
    assert "thời kỳ dự bị hết ngày 20/08/2026" in recognition_text
    assert "6/6" in recognition_text
    assert "Số 40-NQ/ĐU" in _docx_text(client, urls["15-KND"])
    official = _docx_text(client, urls["QD-CNCT"])
    assert "là đảng viên chính thức kể từ ngày 20/08/2026" in official
    assert "Tuổi đảng của đồng chí tính từ ngày 01/08/2025" in official


def test_a_step_at_the_wrong_stage_is_a_vietnamese_400_naming_the_stage(pipe: Pipe, api_client_for):
    client = api_client_for(pipe.world.commune_a_user)
    cid = _walk_to_dossier(client, pipe)
    response = client.post(
        f"{BASE}/{cid}/ceremony", {"held_on": "2025-08-20"}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert "Không thể ghi lễ kết nạp" in body["detail"]
    assert "Có quyết định kết nạp (9-KNĐ)" in body["detail"]


def test_an_incomplete_dossier_is_refused_with_every_missing_item(pipe: Pipe, api_client_for):
    client = api_client_for(pipe.world.commune_a_user)
    cid = _walk_to_dossier(client, pipe)
    vote = {
        "held_on": "2025-07-01",
        "present": 6,
        "in_favour": 5,
        "against": 1,
        "method": "bo_phieu_kin",
        "number": "07",
    }
    response = client.post(f"{BASE}/{cid}/cell-votes", vote, content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Thiếu Đơn xin vào Đảng (1-KNĐ)" in detail
    assert "Chưa đủ người giới thiệu" in detail
    assert "Điều lệ Đảng, Điều 4" in detail


def test_bad_input_is_a_vietnamese_422(pipe: Pipe, api_client_for):
    client = api_client_for(pipe.world.commune_a_user)
    response = client.post(
        BASE, {"person_id": "x", "opened_on": "hôm qua"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."
