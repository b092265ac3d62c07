"""Importing the ToChuc and DiaBan sheets: the effective-dated tree, scope, localities."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.core.consistency import (
    cell_snapshot_check,
    cube_check,
    member_snapshot_check,
    stage_snapshot_check,
)
from dangvien.imports.tests.conftest import Importer, located, messages, snapshot
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, headers
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.orgs.models import Locality, Organization, OrgSpan, OrgVersion
from dangvien.people.models import Person
from dangvien.pipeline.stage_snapshot import stage_snapshot_ready
from dangvien.reports.snapshot import snapshot_ready
from dangvien.testing import World

pytestmark = pytest.mark.django_db

ORGS = headers("ToChuc")
PLACES = headers("DiaBan")


def commune_user(world: World) -> Actor:
    return Actor(world.commune_a_user, scope_for(world.commune_a_user), "web")


def test_it_creates_a_cell_and_a_person_in_it_from_one_workbook(world: World, run_import: Importer):
    row = [
        "001200000009",
        "Võ Văn Em",
        date(1990, 1, 1),
        "Nam",
        "Kinh",
        "CB-A3",
        "Dự bị",
        date(2025, 1, 2),
        None,
    ]
    result = run_import(
        {
            "ToChuc": [ORGS, ["CB-A3", "Chi bộ thôn Nam", "Chi bộ", "XA-A", None, None, "Không"]],
            "NhanSu": [PEOPLE_HEADER, row],
        },
        actor=commune_user(world),
    )

    assert result.written, result.issues
    cell = Organization.objects.get(code="CB-A3")
    span = OrgSpan.objects.get(org=cell)
    assert span.path.startswith(OrgSpan.objects.get(org=world.commune_a).path)
    assert Person.objects.get(full_name="Võ Văn Em").current_org == cell


def test_a_unit_moves_under_a_new_parent_from_a_date(world: World, run_import: Importer):
    result = run_import(
        {
            "ToChuc": [
                ORGS,
                ["CB-A2", "Chi bộ thôn Tây", "Chi bộ", "XA-A", None, date(2025, 6, 30), "Không"],
                ["CB-A2", "Chi bộ thôn Tây", "Chi bộ", "XA-B", date(2025, 7, 1), None, "Không"],
            ]
        }
    )

    assert result.counts["ToChuc"] == {"created": 1, "updated": 1, "unchanged": 0}
    versions = OrgVersion.objects.filter(org=world.cell_a2).order_by("valid_from")
    assert [(v.parent_id, v.valid_to) for v in versions] == [
        (world.commune_a.pk, date(2025, 6, 30)),
        (world.commune_b.pk, OPEN_END),
    ]
    assert OrgSpan.objects.filter(org=world.cell_a2).count() == 2


def test_a_row_starting_inside_a_recorded_period_ends_it_the_day_before(
    world: World, run_import: Importer
):
    run_import({"ToChuc": [ORGS, ["CB-A2", "Chi bộ thôn Tây", "Chi bộ", "XA-B", "01/07/2025"]]})
    versions = OrgVersion.objects.filter(org=world.cell_a2).order_by("valid_from")
    assert [(v.parent_id, v.valid_to) for v in versions] == [
        (world.commune_a.pk, date(2025, 6, 30)),
        (world.commune_b.pk, OPEN_END),
    ]


def test_it_refuses_a_cycle_in_the_tree(world: World, run_import: Importer):
    before = snapshot()
    result = run_import({"ToChuc": [ORGS, ["XA-A", "Đảng bộ xã An Phú", "Đảng bộ xã", "CB-A1"]]})
    assert located(result) == [
        (
            "ToChuc",
            2,
            "Mã cấp trên",
            "Cây tổ chức bị vòng lặp tại XA-A: một tổ chức không thể nằm dưới chính nó",
        )
    ]
    assert snapshot() == before


def test_it_refuses_an_unknown_parent(run_import: Importer):
    result = run_import({"ToChuc": [ORGS, ["CB-X", "Chi bộ X", "Chi bộ", "KHONG-CO"]]})
    assert messages(result) == [
        'Không tìm thấy tổ chức có mã "KHONG-CO" (trong hệ thống hoặc trang ToChuc)'
    ]


def test_it_refuses_a_parent_that_does_not_exist_for_the_whole_period(run_import: Importer):
    result = run_import(
        {
            "ToChuc": [
                ORGS,
                ["XA-M", "Đảng bộ xã Mới", "Đảng bộ xã", "P01", "01/01/2020", None],
                ["CB-M", "Chi bộ Mới", "Chi bộ", "XA-M", "01/01/2019", None],
            ]
        }
    )
    assert messages(result) == [
        'Tổ chức cấp trên "XA-M" không tồn tại vào ngày 01/01/2019 (trong thời kỳ từ '
        "01/01/2019 của CB-M)"
    ]


def test_it_refuses_overlapping_periods_of_one_code(run_import: Importer):
    result = run_import(
        {
            "ToChuc": [
                ORGS,
                ["CB-M", "Chi bộ Mới", "Chi bộ", "XA-A", "01/01/2019", "31/12/2021"],
                ["CB-M", "Chi bộ Mới", "Chi bộ", "XA-B", "01/01/2021", None],
            ]
        }
    )
    assert messages(result) == [
        "Tổ chức CB-M: thời kỳ từ 01/01/2021 chồng lên thời kỳ ở dòng 2 (đến 31/12/2021)"
    ]


def test_a_commune_user_cannot_move_a_cell_into_another_commune(world: World, run_import: Importer):
    before = snapshot()
    result = run_import(
        {"ToChuc": [ORGS, ["CB-A1", "Chi bộ thôn Đông", "Chi bộ", "XA-B"]]},
        actor=commune_user(world),
    )
    assert located(result) == [
        ("ToChuc", 2, "Mã cấp trên", 'Tổ chức cấp trên "XA-B" nằm ngoài phạm vi bạn được quyền sửa')
    ]
    assert snapshot() == before


def test_only_the_operator_creates_a_root(world: World, run_import: Importer):
    result = run_import(
        {"ToChuc": [ORGS, ["P02", "Đảng bộ tỉnh Mới", "Đảng bộ tỉnh"]]}, actor=commune_user(world)
    )
    assert messages(result) == [
        "Chỉ quản trị máy chủ (dòng lệnh) mới tạo được tổ chức gốc; hãy ghi mã cấp trên"
    ]
    assert run_import({"ToChuc": [ORGS, ["P02", "Đảng bộ tỉnh Mới", "Đảng bộ tỉnh"]]}).written


def test_it_creates_and_updates_localities_with_their_head(world: World, run_import: Importer):
    rows = [
        PLACES,
        ["TH-NAM", "Thôn Nam", "Thôn", "XA-A", "CB-A1", "x", "001090000001"],
        ["TH-DONG", "Thôn Đông Mới", "Thôn", "XA-A", "CB-A1", "Có", ""],
    ]
    result = run_import({"DiaBan": rows})

    assert result.counts["DiaBan"] == {"created": 1, "updated": 1, "unchanged": 0}
    nam = Locality.objects.get(code="TH-NAM")
    assert (nam.head_id, nam.has_independent_cell, nam.cell_id) == (
        world.person_a.pk,
        True,
        world.cell_a1.pk,
    )
    assert Locality.objects.get(code="TH-DONG").name == "Thôn Đông Mới"
    assert run_import({"DiaBan": rows}).counts["DiaBan"]["unchanged"] == 2


def test_a_locality_s_cell_must_be_a_cell(run_import: Importer):
    result = run_import({"DiaBan": [PLACES, ["TH-NAM", "Thôn Nam", "Thôn", "XA-A", "XA-A"]]})
    assert messages(result) == ['Đơn vị "XA-A" không phải là chi bộ']


def test_pre_aggregates_equal_a_recount_after_an_imported_move_and_head(
    world: World, run_import: Importer
):
    for day in (date(2025, 12, 31), date.today()):
        snapshot_ready(day, build=True)
    stage_snapshot_ready([date(2025, 12, 31)], build=True)

    moved = run_import(
        {
            "ToChuc": [
                ORGS,
                ["CB-A2", "Chi bộ thôn Tây", "Chi bộ", "XA-A", None, date(2025, 6, 30), "Không"],
                ["CB-A2", "Chi bộ thôn Tây", "Chi bộ", "XA-B", date(2025, 7, 1), None, "Không"],
            ],
            "DiaBan": [
                PLACES,
                ["TH-NAM", "Thôn Nam", "Thôn", "XA-A", "CB-A1", "x", "001090000001"],
            ],
        }
    )

    assert moved.written, moved.issues
    checks = (member_snapshot_check, cell_snapshot_check, cube_check, stage_snapshot_check)
    findings = {f.name: f.problems for f in (check() for check in checks)}
    assert findings == dict.fromkeys(findings, 0)
