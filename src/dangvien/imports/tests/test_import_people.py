"""Importing the NhanSu sheet: tolerant cells, checks with exact messages, idempotency."""

from __future__ import annotations

import gc
import unicodedata
from datetime import date, timedelta

import pytest
from django.utils import timezone

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.audit.models import AccessLog
from dangvien.core.consistency import member_snapshot_check, open_dossiers_check
from dangvien.imports.domain.legacy_encoding import encode_vni
from dangvien.imports.tests.conftest import Importer, located, messages, snapshot
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, headers
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.people.models import CellTally, Membership, Person, StatusPeriod
from dangvien.people.services import digest_of
from dangvien.pipeline.models import Candidacy, Deadline
from dangvien.pipeline.services import candidacy_open
from dangvien.reports.snapshot import snapshot_rebuild
from dangvien.testing import World

pytestmark = pytest.mark.django_db

NEW_ID = "001200000001"


def person(**changes: object) -> list[object]:
    """Return a NhanSu row under PEOPLE_HEADER: a probationary member of CB-A1 by default."""
    values = {
        "citizen_id": NEW_ID,
        "full_name": "Trần Thị Bích",
        "birth_date": date(1995, 3, 4),
        "gender": "Nữ",
        "ethnicity": "Kinh",
        "cell_code": "CB-A1",
        "status": "Dự bị",
        "admission_date": date(2025, 5, 1),
        "official_date": None,
    }
    values.update(changes)
    return list(values.values())


def stored() -> Person:
    return Person.objects.get(citizen_id_digest=digest_of(NEW_ID))


def test_it_creates_a_member_with_her_period_admission_and_tally(
    world: World, run_import: Importer
):
    result = run_import({"NhanSu": [PEOPLE_HEADER, person()]})

    assert result.written
    assert result.counts == {"NhanSu": {"created": 1, "updated": 0, "unchanged": 0}}
    bich = stored()
    assert (bich.full_name, bich.name_key, bich.gender) == ("Trần Thị Bích", "tran thi bich", "nu")
    assert bich.citizen_id == NEW_ID
    assert (bich.current_org_id, bich.current_status) == (world.cell_a1.pk, "du_bi")
    period = StatusPeriod.objects.get(person=bich)
    assert (period.status, period.valid_from, period.valid_to) == (
        "du_bi",
        date(2025, 5, 1),
        OPEN_END,
    )
    assert Membership.objects.get(person=bich).admitted_in_id == world.cell_a1.pk
    assert CellTally.objects.get(org=world.cell_a1, status="du_bi").count == 1


def test_importing_the_same_workbook_twice_changes_nothing(run_import: Importer):
    sheets = {
        "NhanSu": [
            PEOPLE_HEADER,
            person(),
            person(citizen_id="001200000002", full_name="Lê Văn Cường", gender="Nam"),
        ]
    }
    run_import(sheets)
    before = snapshot()
    last = AccessLog.objects.order_by("-seq").values_list("seq", flat=True).first()

    again = run_import(sheets)

    assert again.counts == {"NhanSu": {"created": 0, "updated": 0, "unchanged": 2}}
    assert snapshot() == before
    changes = AccessLog.objects.filter(seq__gt=last, action__in=["create", "update"])
    assert not changes.exists()


def test_an_edited_workbook_updates_exactly_what_changed_and_logs_old_and_new(
    run_import: Importer,
):
    run_import({"NhanSu": [PEOPLE_HEADER, person()]})
    version = stored().version

    result = run_import({"NhanSu": [PEOPLE_HEADER, person(ethnicity="Tày")]})

    assert result.counts["NhanSu"] == {"created": 0, "updated": 1, "unchanged": 0}
    bich = stored()
    assert (bich.ethnicity, bich.version) == ("tay", version + 1)
    entry = AccessLog.objects.filter(action="update", object_type="person").latest("seq")
    assert entry.object_id == str(bich.pk)
    assert entry.detail["changes"] == {"ethnicity": {"old": "kinh", "new": "tay"}}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Hmông", "mong"),
        ("H'Mông", "mong"),
        ("Mông", "mong"),
        ("Êđê", "e_de"),
        ("Ê Đê", "e_de"),
        ("dân tộc Kinh", "kinh"),
        ("TÀY", "tay"),
    ],
)
def test_it_accepts_common_spellings_of_ethnic_groups(run_import: Importer, typed: str, code: str):
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(ethnicity=typed)]}).written
    assert stored().ethnicity == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Dự bị", "du_bi"),
        ("dự bị", "du_bi"),
        ("Đảng viên dự bị", "du_bi"),
        ("ĐVDB", "du_bi"),
        ("DU BI", "du_bi"),
    ],
)
def test_it_accepts_common_spellings_of_statuses(run_import: Importer, typed: str, code: str):
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(status=typed)]}).written
    assert stored().current_status == code


@pytest.mark.parametrize(
    "typed",
    [
        date(1995, 3, 4),
        "04/03/1995",
        "4/3/1995",
        "4/3/95",
        "1995-03-04",
        34762,
        "ngày 04 tháng 03 năm 1995",
        " 04.03.1995 ",
    ],
)
def test_it_reads_every_form_of_date(run_import: Importer, typed: object):
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(birth_date=typed)]}).written
    assert stored().birth_date == date(1995, 3, 4)


def test_it_refuses_a_date_that_does_not_exist(run_import: Importer):
    result = run_import({"NhanSu": [PEOPLE_HEADER, person(birth_date="31/02/1995")]})
    assert located(result) == [("NhanSu", 2, "Ngày sinh", 'Ngày "31/02/1995" không tồn tại')]
    assert not Person.objects.filter(citizen_id_digest=digest_of(NEW_ID)).exists()


def test_it_restores_the_leading_zero_excel_dropped_from_a_citizen_id(run_import: Importer):
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(citizen_id=12345678901)]}).written
    assert Person.objects.get(citizen_id_digest=digest_of("012345678901")).citizen_id == (
        "012345678901"
    )


def test_it_refuses_a_citizen_id_that_lost_too_many_zeros(run_import: Importer):
    before = snapshot()
    result = run_import({"NhanSu": [PEOPLE_HEADER, person(citizen_id=1200000)]})
    assert messages(result) == [
        'Số CCCD "1200000" không hợp lệ: phải gồm đúng 12 chữ số. Excel đã lưu ô này dạng số nên '
        "bỏ mất các chữ số 0 ở đầu; hệ thống chỉ tự thêm lại khi thiếu đúng một chữ số, ở đây "
        "thiếu 5 nên không đoán được. Hãy định dạng cột là Văn bản (Text) rồi nhập đủ 12 chữ số"
    ]
    assert snapshot() == before


@pytest.mark.parametrize("typed", ["NguyÔn V¨n An", encode_vni("Nguyễn Văn An")])
def test_it_converts_names_typed_with_legacy_fonts(run_import: Importer, typed: str):
    result = run_import({"NhanSu": [PEOPLE_HEADER, person(full_name=typed, gender="Nam")]})
    assert result.written
    assert result.converted == 1
    assert stored().full_name == "Nguyễn Văn An"


def test_it_stores_decomposed_text_in_composed_form(run_import: Importer):
    typed = unicodedata.normalize("NFD", "Trần Thị Bích")
    assert run_import({"NhanSu": [PEOPLE_HEADER, person(full_name=typed)]}).written
    assert stored().full_name == unicodedata.normalize("NFC", "Trần Thị Bích")


def test_it_refuses_one_citizen_id_for_two_people_and_writes_nothing(run_import: Importer):
    before = snapshot()
    other = person(full_name="Lê Văn Cường", birth_date=date(1980, 1, 1), gender="Nam")
    result = run_import({"NhanSu": [PEOPLE_HEADER, person(), other]})
    assert located(result) == [
        (
            "NhanSu",
            3,
            "Số CCCD",
            "Số CCCD 001200000001 đã dùng ở dòng 2 cho người khác (Trần Thị Bích, sinh "
            "04/03/1995); hai người không thể cùng một số CCCD",
        )
    ]
    assert snapshot() == before


def test_it_refuses_a_citizen_id_the_database_gives_to_someone_else(
    world: World, run_import: Importer
):
    before = snapshot()
    result = run_import({"NhanSu": [PEOPLE_HEADER, person(citizen_id="001090000001")]})
    assert messages(result) == [
        "Số CCCD 001090000001 đã thuộc về một người khác trong hệ thống (khác cả họ tên và ngày "
        "sinh); hãy kiểm tra lại số CCCD"
    ]
    assert snapshot() == before


def test_it_refuses_a_row_outside_the_user_s_scope_and_writes_nothing(
    world: World, run_import: Importer
):
    before = snapshot()
    actor = Actor(world.commune_b_user, scope_for(world.commune_b_user), "web")
    result = run_import({"NhanSu": [PEOPLE_HEADER, person()]}, actor=actor)
    assert located(result) == [
        ("NhanSu", 2, "Mã chi bộ", 'Tổ chức "CB-A1" nằm ngoài phạm vi bạn được quyền sửa')
    ]
    assert snapshot() == before


def test_it_refuses_to_change_a_person_outside_the_user_s_scope(world: World, run_import: Importer):
    actor = Actor(world.commune_b_user, scope_for(world.commune_b_user), "web")
    row = person(
        citizen_id="001090000001",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 5, 17),
        gender="Nam",
        cell_code="CB-B1",
        status="Chính thức",
        admission_date=date(2015, 1, 1),
    )
    result = run_import({"NhanSu": [PEOPLE_HEADER, row]}, actor=actor)
    assert messages(result) == [
        "Số CCCD 001090000001 đã có trong hồ sơ của một người thuộc đơn vị ngoài phạm vi bạn "
        "được quyền sửa"
    ]


def test_it_requires_an_admission_date_for_a_member(run_import: Importer):
    result = run_import(
        {"NhanSu": [PEOPLE_HEADER, person(status="Chính thức", admission_date=None)]}
    )
    assert located(result) == [
        (
            "NhanSu",
            2,
            "Ngày quyết định kết nạp",
            "Đảng viên (trạng thái Chính thức) phải có ngày quyết định kết nạp",
        )
    ]


def test_it_refuses_a_member_s_dates_out_of_order(run_import: Importer):
    row = person(status="Chính thức", official_date=date(2025, 4, 1))
    result = run_import({"NhanSu": [PEOPLE_HEADER, row]})
    assert messages(result) == [
        "Ngày công nhận chính thức (01/04/2025) phải sau ngày quyết định kết nạp (01/05/2025)"
    ]


def test_it_refuses_a_term_outside_a_vocabulary_and_lists_the_valid_ones(run_import: Importer):
    result = run_import({"NhanSu": [PEOPLE_HEADER, person(status="Đang chờ")]})
    assert messages(result) == [
        'Không nhận ra trạng thái: "Đang chờ". Giá trị hợp lệ: Quần chúng ưu tú, Dự bị, '
        "Chính thức, Miễn sinh hoạt, Đã chuyển đi, Xóa tên, Khai trừ, Xin ra khỏi Đảng, Từ trần."
    ]


def test_it_reports_a_missing_required_column(run_import: Importer):
    header = [h for h in PEOPLE_HEADER if h != "Số CCCD"]
    result = run_import({"NhanSu": [header, person()[1:]]})
    assert located(result) == [("NhanSu", 1, "Số CCCD", 'Thiếu cột bắt buộc "Số CCCD"')]


def test_it_collects_every_error_not_just_the_first(run_import: Importer):
    rows = [PEOPLE_HEADER, person(birth_date="x"), person(citizen_id="001200000002", gender="?")]
    result = run_import({"NhanSu": rows})
    assert [(row, column) for _, row, column, _ in located(result)] == [
        (2, "Ngày sinh"),
        (3, "Giới tính"),
    ]


def test_a_candidate_admitted_later_gets_a_new_period_and_the_tallies_move(
    world: World, run_import: Importer
):
    header = headers(
        "NhanSu",
        "citizen_id",
        "full_name",
        "birth_date",
        "gender",
        "ethnicity",
        "cell_code",
        "status",
        "admission_date",
    )
    hoa = ["001095000002", "Đặng Thị Hoa", date(2001, 3, 2), "Nữ", "Kinh", "CB-A2"]
    admitted = timezone.localdate() - timedelta(days=10)

    result = run_import({"NhanSu": [header, [*hoa, "Dự bị", admitted]]})

    assert result.counts["NhanSu"]["updated"] == 1
    periods = list(StatusPeriod.objects.filter(person=world.person_a2).order_by("valid_from"))
    assert [(p.status, p.valid_to) for p in periods] == [
        ("quan_chung", admitted - timedelta(days=1)),
        ("du_bi", OPEN_END),
    ]
    assert CellTally.objects.get(org=world.cell_a2, status="quan_chung").count == 0
    assert CellTally.objects.get(org=world.cell_a2, status="du_bi").count == 1


def test_a_dry_run_reports_the_counts_and_writes_nothing(run_import: Importer):
    before = snapshot()
    result = run_import({"NhanSu": [PEOPLE_HEADER, person()]}, dry_run=True)
    assert (result.ok, result.written) == (True, False)
    assert result.counts["NhanSu"]["created"] == 1
    assert snapshot() == before


def test_a_candidate_s_source_opens_a_candidacy_once(world: World, run_import: Importer):
    header = [*PEOPLE_HEADER[:8], "Nguồn"]
    row = [*person(status="Quần chúng ưu tú", admission_date=None)[:8], "Bộ đội xuất ngũ"]

    assert run_import({"NhanSu": [header, row]}).written
    again = run_import({"NhanSu": [header, row]})

    candidacy = Candidacy.objects.get(person=stored())
    assert (candidacy.source_category, candidacy.is_open) == ("quan_nhan_xuat_ngu", True)
    assert again.counts["NhanSu"]["unchanged"] == 1


MOVE_HEADER = [*PEOPLE_HEADER[:7], "Ngày bắt đầu trạng thái"]
HOA = ["001095000002", "Đặng Thị Hoa", date(2001, 3, 2), "Nữ", "Kinh"]
MOVED_ON = date(2025, 6, 2)


def _open_dossier_of_hoa(world: World) -> Candidacy:
    return candidacy_open(
        actor=world.operator,
        person_id=world.person_a2.pk,
        source_category="doan_vien_uu_tu",
        opened_on=date(2025, 3, 3),
    )


def test_moving_a_candidate_to_another_cell_moves_her_open_dossier(
    world: World, run_import: Importer
):
    # given Hoa, a candidate of A2 with an open dossier
    candidacy = _open_dossier_of_hoa(world)
    moved = [MOVE_HEADER, [*HOA, "CB-A1", "Quần chúng ưu tú", MOVED_ON]]
    # when a workbook puts her in A1
    result = run_import({"NhanSu": moved})
    # then the person, the dossier and its due dates are in A1, and the check finds nothing
    assert result.written
    candidacy.refresh_from_db()
    assert Person.objects.get(pk=world.person_a2.pk).current_org_id == world.cell_a1.pk
    assert candidacy.cell_id == world.cell_a1.pk
    assert set(Deadline.objects.filter(candidacy=candidacy).values_list("cell_id", flat=True)) <= {
        world.cell_a1.pk
    }
    line = candidacy.transitions.latest("id")
    assert (line.action, line.on, line.channel) == ("follow_person", MOVED_ON, "cli")
    assert open_dossiers_check().problems == 0
    # and importing the same workbook again changes nothing
    assert run_import({"NhanSu": moved}).counts["NhanSu"]["unchanged"] == 1
    assert candidacy.transitions.filter(action="follow_person").count() == 1


def test_a_move_to_a_cell_outside_the_user_s_scope_is_refused_and_the_dossier_stays(
    world: World, run_import: Importer
):
    candidacy = _open_dossier_of_hoa(world)
    before = snapshot()
    actor = Actor(world.commune_a_user, scope_for(world.commune_a_user), "web")
    moved = [MOVE_HEADER, [*HOA, "CB-B1", "Quần chúng ưu tú", MOVED_ON]]

    result = run_import({"NhanSu": moved}, actor=actor)

    assert located(result) == [
        ("NhanSu", 2, "Mã chi bộ", 'Tổ chức "CB-B1" nằm ngoài phạm vi bạn được quyền sửa')
    ]
    assert snapshot() == before
    assert Candidacy.objects.get(pk=candidacy.pk).cell_id == world.cell_a2.pk


def test_a_dossier_the_user_may_not_move_refuses_the_row_and_writes_nothing(
    world: World, run_import: Importer
):
    # given Hoa's open dossier left behind in commune B's cell (data from before the fix)
    candidacy = _open_dossier_of_hoa(world)
    Candidacy.objects.filter(pk=candidacy.pk).update(cell=world.cell_b1)
    before = snapshot()
    actor = Actor(world.commune_a_user, scope_for(world.commune_a_user), "web")
    # when commune A moves her within commune A
    result = run_import(
        {"NhanSu": [MOVE_HEADER, [*HOA, "CB-A1", "Quần chúng ưu tú", MOVED_ON]]}, actor=actor
    )
    # then the row is refused with the reason and nothing is written
    assert (result.written, located(result)) == (
        False,
        [
            (
                "NhanSu",
                2,
                "Mã chi bộ",
                "Hồ sơ phát triển đảng viên đang mở của Đặng Thị Hoa thuộc chi bộ ngoài phạm vi "
                "bạn được quyền sửa, nên không chuyển theo người sang chi bộ mới được.",
            )
        ],
    )
    assert snapshot() == before
    assert Candidacy.objects.get(pk=candidacy.pk).cell_id == world.cell_b1.pk


def test_the_garbage_collector_runs_again_after_an_import(run_import: Importer):
    # given: the collector is paused while an import runs (see core.gc_pause.gc_paused)
    assert gc.isenabled()

    # when
    written = run_import({"NhanSu": [PEOPLE_HEADER, person()]})
    refused = run_import({"NhanSu": [PEOPLE_HEADER, person(birth_date="không phải ngày")]})

    # then
    assert written.written
    assert not refused.written
    assert gc.isenabled()


def test_an_import_that_moves_a_member_keeps_the_member_snapshot_right(
    world: World, run_import: Importer
):
    # given a member snapshot of today, counting An in A1
    today = timezone.localdate()
    snapshot_rebuild([today])
    header = headers(
        "NhanSu",
        "citizen_id",
        "full_name",
        "birth_date",
        "gender",
        "ethnicity",
        "cell_code",
        "status",
        "admission_date",
        "status_since",
    )
    an = ["001090000001", "Nguyễn Văn An", date(1990, 5, 17), "Nam", "Kinh", "CB-B1"]
    moved = [header, [*an, "Chính thức", date(2015, 3, 2), today - timedelta(days=3)]]
    # when a workbook moves him to B1 (bulk writes, no signals)
    result = run_import({"NhanSu": moved})
    assert result.written, messages(result)
    # then his admission is placed in A1, where he was in 2015, though the workbook does
    # not name A1; and his old cell and his new one are recounted before the next read
    assert Membership.objects.get(person=world.person_a).admitted_in_id == world.cell_a1.pk
    assert member_snapshot_check().problems == 0
