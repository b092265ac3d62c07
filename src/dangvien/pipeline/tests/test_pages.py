"""Pipeline pages: board, table, candidate page, step forms, work list; Vietnamese refusals."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.test import Client

from dangvien.audit.models import AccessLog
from dangvien.orgs import selectors as org_selectors
from dangvien.pipeline import services
from dangvien.pipeline.models import Candidacy
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import complete_dossier, open_and_list, to_dossier, to_probation
from dangvien.testing import login


@pytest.fixture
def client_a(pipe: Pipe) -> Client:
    return login(Client(), pipe.world.commune_a_user)


def test_the_board_shows_the_candidate_in_the_column_of_its_stage(pipe: Pipe, client_a: Client):
    open_and_list(pipe)
    response = client_a.get("/phat-trien/")
    assert response.status_code == 200
    body = response.content.decode()
    column = body.split('id="col-quan_chung_uu_tu"')[1].split("</section>")[0]
    assert "Lê Thị Mai" in column
    assert "pipeline/pipeline.js" in body


def test_the_table_filters_by_stage_and_name_without_diacritics(pipe: Pipe, client_a: Client):
    open_and_list(pipe)
    found = client_a.get("/phat-trien/danh-sach/", {"q": "le thi mai", "stage": "quan_chung_uu_tu"})
    assert "Lê Thị Mai" in found.content.decode()
    empty = client_a.get("/phat-trien/danh-sach/", {"stage": "du_bi"})
    assert "Lê Thị Mai" not in empty.content.decode()


def test_the_candidate_page_lists_what_is_missing_for_the_cell_vote(pipe: Pipe, client_a: Client):
    candidacy = to_dossier(pipe)
    response = client_a.get(f"/phat-trien/ho-so/{candidacy.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    checklist = body.split('id="checklist-record_cell_vote"')[1].split("</div>")[0]
    assert "Thiếu Đơn xin vào Đảng (1-KNĐ)" in checklist
    assert "Chưa đủ người giới thiệu: cần 2 đảng viên chính thức" in checklist
    assert "Điều lệ Đảng, Điều 4" in checklist
    assert AccessLog.objects.filter(object_type="candidacy", action="view").exists()


def test_a_refused_vote_is_shown_on_the_form_in_vietnamese_not_as_an_error_page(
    pipe: Pipe, client_a: Client
):
    candidacy = to_dossier(pipe)
    form = {
        "version": candidacy.version,
        "held_on": "2025-07-01",
        "present": "6",
        "in_favour": "5",
        "against": "1",
        "method": "bo_phieu_kin",
        "number": "07",
    }
    response = client_a.post(f"/phat-trien/ho-so/{candidacy.pk}/chi-bo-xet/", form)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="msg error refusal"' in body
    assert "Chưa đủ người giới thiệu" in body
    assert Candidacy.objects.get(pk=candidacy.pk).stage == "lam_ho_so"


def test_an_expired_certificate_is_explained_when_the_dossier_is_opened(
    pipe: Pipe, client_a: Client
):
    candidacy = open_and_list(pipe)
    # Issued 01/09/2020: valid 60 months, to 01/09/2025 included.
    services.document_record(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        form_code="CN-NTVĐ",
        issued_on=date(2020, 9, 1),
        number="9",
    )
    candidacy.refresh_from_db()
    response = client_a.post(
        f"/phat-trien/ho-so/{candidacy.pk}/lam-ho-so/",
        {"version": candidacy.version, "on": "2025-09-02"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Giấy chứng nhận CN-NTVĐ cấp ngày 01/09/2020 đã hết hạn ngày 01/09/2025" in body
    assert "cần học lại lớp nhận thức về Đảng" in body
    assert Candidacy.objects.get(pk=candidacy.pk).stage == "da_hoc_nhan_thuc"


def test_an_introducer_with_11_months_together_is_refused_with_the_rule(
    pipe: Pipe, client_a: Client
):
    candidacy = to_dossier(pipe)
    response = client_a.post(
        f"/phat-trien/ho-so/{candidacy.pk}/gioi-thieu/",
        {
            "version": candidacy.version,
            "kind": "dang_vien",
            "member": str(pipe.members[1].pk),
            "months_together": "11",
            "introduced_on": "2025-05-10",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "mới cùng công tác hoặc cư trú với người vào Đảng 11 tháng, cần ít nhất 12 tháng" in body


def test_a_stale_version_is_refused_with_a_reload_message(pipe: Pipe, client_a: Client):
    candidacy = open_and_list(pipe)
    response = client_a.post(
        f"/phat-trien/ho-so/{candidacy.pk}/rut-ho-so/",
        {"version": candidacy.version - 1, "on": "2025-04-01", "reason": "Xin rút"},
    )
    assert response.status_code == 400
    assert "hãy tải lại trang" in response.content.decode()


def test_exits_ask_for_confirmation_before_submitting(pipe: Pipe, client_a: Client):
    candidacy = open_and_list(pipe)
    body = client_a.get(f"/phat-trien/ho-so/{candidacy.pk}/rut-ho-so/").content.decode()
    assert 'data-confirm="Thao tác này kết thúc hồ sơ' in body


def test_another_communes_candidacy_is_a_404(pipe: Pipe):
    candidacy = open_and_list(pipe)
    client_b = login(Client(), pipe.world.commune_b_user)
    assert client_b.get(f"/phat-trien/ho-so/{candidacy.pk}/").status_code == 404
    assert client_b.get(f"/phat-trien/ho-so/{candidacy.pk}/lam-ho-so/").status_code == 404
    assert client_b.get(f"/phat-trien/ho-so/{candidacy.pk}/van-ban/6-KND/").status_code == 404


def test_the_filled_resolution_downloads_as_a_word_file(pipe: Pipe, client_a: Client):
    candidacy = complete_dossier(pipe)
    from dangvien.pipeline.tests.walk import cell_vote

    services.cell_vote_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=cell_vote())
    response = client_a.get(f"/phat-trien/ho-so/{candidacy.pk}/van-ban/6-KND/")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "5/6 đồng chí đảng viên chính thức tán thành" in text


def test_the_worklist_counts_overdue_work_under_each_cell(pipe: Pipe, client_a: Client):
    to_probation(pipe)
    response = client_a.get("/phat-trien/viec-can-lam/", {"org": "XA-A"})
    body = response.content.decode()
    assert response.status_code == 200
    row = body.split('id="rollup-XA-A"')[1].split("</tr>", 2)[1]
    assert "Chi bộ thôn Đông" in row
    assert "Chi bộ xét công nhận chính thức" in body


def test_only_administrators_edit_the_calendar(pipe: Pipe, client_a: Client):
    assert client_a.get("/phat-trien/lich-lam-viec/").status_code == 403
    admin = login(Client(), pipe.world.admin)
    response = admin.post(
        "/phat-trien/lich-lam-viec/", {"day": "2026-12-26", "kind": "make_up", "note": "Làm bù"}
    )
    assert response.status_code == 302
    page = admin.get("/phat-trien/lich-lam-viec/?nam=2026").content.decode()
    assert "26/12/2026" in page
    refused = admin.post("/phat-trien/lich-lam-viec/", {"day": "2026-12-23", "kind": "make_up"})
    assert "chỉ thứ Bảy, Chủ nhật mới khai là ngày làm bù" in refused.content.decode()


HINT = "Chọn đơn vị cấp dưới từ cây tổ chức"


@pytest.fixture
def two_cells(pipe: Pipe, monkeypatch: pytest.MonkeyPatch) -> Client:
    """Candidacies in cells A1 (Lê Thị Mai) and A2 (Đặng Thị Hoa); too many cells to list."""
    open_and_list(pipe)
    services.candidacy_open(
        actor=pipe.commune,
        person_id=pipe.world.person_a2.pk,
        source_category="doan_vien_uu_tu",
        opened_on=date(2025, 3, 3),
    )
    monkeypatch.setattr(org_selectors, "UNIT_CHOICE_LIMIT", 2)
    return login(Client(), pipe.world.admin)


@pytest.mark.parametrize(
    ("url", "asked", "other", "shown", "hidden"),
    [
        ("/phat-trien/", "CB-A1", "CB-A2", "Lê Thị Mai", "Đặng Thị Hoa"),
        ("/phat-trien/danh-sach/", "CB-A2", "CB-A1", "Đặng Thị Hoa", "Lê Thị Mai"),
    ],
)
def test_the_board_and_table_leave_out_the_cells_yet_filter_by_one_asked_for(
    two_cells: Client, url: str, asked: str, other: str, shown: str, hidden: str
):
    everything = two_cells.get(url).content.decode()
    assert f'value="{asked}"' not in everything
    assert HINT in everything

    body = two_cells.get(url, {"org": asked}).content.decode()

    assert f'<option value="{asked}" selected>' in body
    assert f'value="{other}"' not in body
    assert shown in body
    assert hidden not in body


def test_a_unit_above_the_cells_filters_the_table_to_its_whole_subtree(two_cells: Client):
    body = two_cells.get("/phat-trien/danh-sach/", {"org": "XA-A"}).content.decode()

    assert "Đặng Thị Hoa" in body
    assert "Lê Thị Mai" in body


def test_a_cell_outside_the_scope_is_a_404_on_the_board_and_the_table(pipe: Pipe, client_a: Client):
    assert client_a.get("/phat-trien/", {"org": "CB-B1"}).status_code == 404
    assert client_a.get("/phat-trien/danh-sach/", {"org": "CB-B1"}).status_code == 404
