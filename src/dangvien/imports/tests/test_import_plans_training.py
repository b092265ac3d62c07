"""Importing the ChiTieu, LopHoc and HocVien sheets through the plans and training services."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.imports.tests.conftest import Importer, located, messages, snapshot
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, headers
from dangvien.plans.models import Quota, QuotaChange
from dangvien.testing import World
from dangvien.training.models import Enrolment, TrainingClass

pytestmark = pytest.mark.django_db

QUOTAS = headers("ChiTieu")
CLASSES = headers("LopHoc", "class_code", "class_type", "org_code", "start_date", "end_date")
TRAINEES = headers("HocVien")


def test_it_sets_quotas_of_a_parent_and_its_children_in_any_row_order(run_import: Importer):
    rows = [QUOTAS, ["XA-A", 2026, None, 6], ["XA-B", "2026", "Tổng số", 4], ["P01", 2026, "", 10]]
    result = run_import({"ChiTieu": rows})

    assert result.written, result.issues
    numbers = dict(Quota.objects.values_list("org__code", "number"))
    assert numbers == {"P01": 10, "XA-A": 6, "XA-B": 4}
    assert QuotaChange.objects.count() == 3
    assert run_import({"ChiTieu": rows}).counts["ChiTieu"]["unchanged"] == 3


def test_it_refuses_quotas_over_the_parent_s_and_writes_nothing(run_import: Importer):
    before = snapshot()
    rows = [QUOTAS, ["P01", 2026, None, 10], ["XA-A", 2026, None, 6], ["XA-B", 2026, None, 5]]
    result = run_import({"ChiTieu": rows})
    assert located(result) == [
        (
            "ChiTieu",
            2,
            "Chỉ tiêu",
            "Tổng chỉ tiêu giao cho đơn vị cấp dưới (11) vượt chỉ tiêu của Đảng bộ tỉnh Thử Nghiệm "
            "(10) năm 2026. Chỉ được giao vượt khi ghi số và ngày của quyết định cho phép.",
        )
    ]
    assert snapshot() == before


def test_lowering_a_parent_below_its_children_stored_quotas_is_refused(run_import: Importer):
    run_import({"ChiTieu": [QUOTAS, ["P01", 2026, None, 10], ["XA-A", 2026, None, 6]]})
    result = run_import({"ChiTieu": [QUOTAS, ["P01", 2026, None, 5]]})
    assert messages(result) == [
        "Tổng chỉ tiêu giao cho đơn vị cấp dưới (6) vượt chỉ tiêu của Đảng bộ tỉnh Thử Nghiệm "
        "(5) năm 2026. Chỉ được giao vượt khi ghi số và ngày của quyết định cho phép."
    ]


def test_a_sub_target_cannot_exceed_the_unit_s_total(run_import: Importer):
    rows = [QUOTAS, ["XA-A", "2026", None, 5], ["XA-A", "2026", "Nữ", 7]]
    assert messages(run_import({"ChiTieu": rows})) == [
        "Chỉ tiêu nhóm “Nữ” (7) lớn hơn chỉ tiêu tổng số của XA-A (5) năm 2026."
    ]


def test_a_commune_cannot_set_its_own_quota(world: World, run_import: Importer):
    actor = Actor(world.commune_a_user, scope_for(world.commune_a_user), "web")
    result = run_import({"ChiTieu": [QUOTAS, ["XA-A", 2026, None, 5]]}, actor=actor)
    assert messages(result) == ["Chỉ cấp ủy cấp trên mới giao được chỉ tiêu cho đơn vị này"]


def test_it_creates_a_class_and_enrols_people_known_and_new(world: World, run_import: Importer):
    new_person = [
        "001200000007",
        "Mai Thị Lan",
        date(2000, 2, 2),
        "Nữ",
        "Kinh",
        "CB-A2",
        "Quần chúng ưu tú",
        None,
        None,
    ]
    result = run_import(
        {
            "NhanSu": [PEOPLE_HEADER, new_person],
            "LopHoc": [CLASSES, ["NT-01", "Nhận thức về Đảng", "XA-A", "10/03/2025", "14/03/2025"]],
            "HocVien": [
                TRAINEES,
                ["NT-01", "001095000002", "", "125/CN-NTVĐ", "15/03/2025"],
                ["NT-01", "001200000007", "Không hoàn thành", "", None],
            ],
        }
    )

    assert result.written, result.issues
    assert TrainingClass.objects.get(code="NT-01").organiser_id == world.commune_a.pk
    results = dict(Enrolment.objects.values_list("person__full_name", "result"))
    assert results == {"Đặng Thị Hoa": "hoan_thanh", "Mai Thị Lan": "khong_hoan_thanh"}


def test_a_trainee_who_did_not_complete_gets_no_certificate(run_import: Importer):
    result = run_import(
        {
            "LopHoc": [CLASSES, ["NT-01", "Nhận thức về Đảng", "XA-A", "10/03/2025", None]],
            "HocVien": [TRAINEES, ["NT-01", "001095000002", "Không hoàn thành", "125/CN", None]],
        }
    )
    assert located(result) == [
        (
            "HocVien",
            2,
            "Số giấy chứng nhận",
            "Học viên không hoàn thành lớp học thì không được cấp giấy chứng nhận",
        )
    ]


def test_a_trainee_must_be_a_known_person_of_a_known_class(run_import: Importer):
    result = run_import({"HocVien": [TRAINEES, ["NT-99", "001200000008"]]})
    assert messages(result) == [
        "Không tìm thấy lớp có mã “NT-99” (trong hệ thống hoặc trang LopHoc)",
        "Không tìm thấy người có số CCCD 001200000008 (trong hệ thống hoặc trang NhanSu)",
    ]
