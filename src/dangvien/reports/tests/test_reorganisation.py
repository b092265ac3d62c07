"""Reports across the 1 July 2025 reorganisation: events where they happened, or restated."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.actor import operator_actor
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import Organization
from dangvien.orgs.services import OrgInput, org_change, org_create
from dangvien.reports.selectors import report_build
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db

REFORM = date(2025, 7, 1)


@pytest.fixture
def reorganised(db: None) -> None:
    """Province T, district H, commune X under H then (from 01/07/2025) under T, cells X1, X2.

    District H keeps existing without units under it, as after the reform; commune Y is
    created on the reform day.
    """
    op = operator_actor()
    org_create(actor=op, code="T", data=OrgInput("Đảng bộ tỉnh T", OrgType.PROVINCE, None))
    op = operator_actor()
    org_create(actor=op, code="H", data=OrgInput("Đảng bộ huyện H", OrgType.DISTRICT, "T"))
    org_create(
        actor=op, code="Y", data=OrgInput("Đảng ủy xã Y", OrgType.COMMUNE, "T", valid_from=REFORM)
    )
    org_create(actor=op, code="X", data=OrgInput("Đảng bộ xã X", OrgType.COMMUNE, "H"))
    org_create(actor=op, code="X1", data=OrgInput("Chi bộ thôn 1", OrgType.CELL, "X"))
    org_create(actor=op, code="X2", data=OrgInput("Chi bộ thôn 2", OrgType.CELL, "X"))
    org_change(
        actor=op,
        org=Organization.objects.get(code="X"),
        effective=REFORM,
        data=OrgInput("Đảng ủy xã X", OrgType.COMMUNE, "T"),
        change="reparent",
    )
    admit(op, "X1", date(2025, 3, 10))
    admit(op, "X2", date(2025, 5, 20))
    admit(op, "X1", date(2025, 9, 1))


def build(code: str, as_of: date | None = None) -> dict:
    op = operator_actor()
    return report_build(
        scope=op.scope,
        kind="admissions",
        code=code,
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
        as_of=as_of,
    ).to_json()


def test_the_province_counts_each_admission_under_the_unit_of_its_day(reorganised: None):
    report = build("T")

    assert report["admitted"] == 3
    assert [(c["org"]["code"], c["org"]["name"], c["admitted"]) for c in report["children"]] == [
        ("H", "Đảng bộ huyện H", 2),
        ("X", "Đảng ủy xã X", 1),
        ("Y", "Đảng ủy xã Y", 0),
    ]


def test_restated_on_todays_tree_the_commune_takes_the_whole_year(reorganised: None):
    report = build("T", as_of=date(2025, 12, 31))

    assert report["as_of"] == "2025-12-31"
    assert report["admitted"] == 3
    assert [(c["org"]["code"], c["admitted"]) for c in report["children"]] == [
        ("H", 0),
        ("X", 3),
        ("Y", 0),
    ]


def test_the_abolished_district_reports_its_half_year(reorganised: None):
    report = build("H")

    assert report["admitted"] == 2
    assert report["org"] == {"code": "H", "name": "Đảng bộ huyện H"}
    assert [(c["org"]["code"], c["admitted"]) for c in report["children"]] == [("X", 2)]


def test_the_commune_keeps_its_admissions_through_the_change_of_parent(reorganised: None):
    report = build("X")

    assert report["admitted"] == 3
    assert [(c["org"]["code"], c["admitted"]) for c in report["children"]] == [("X1", 2), ("X2", 1)]


def test_the_district_restated_after_the_reform_has_nothing_under_it(reorganised: None):
    report = build("H", as_of=REFORM)

    assert (report["admitted"], report["children"]) == (0, [])


def test_a_restatement_before_the_unit_existed_is_refused_in_vietnamese(reorganised: None):
    from dangvien.core.domain.errors import DomainError

    with pytest.raises(DomainError, match="không tồn tại vào ngày 30/06/2025"):
        build("Y", as_of=date(2025, 6, 30))


@pytest.mark.parametrize("kind", ["admissions", "members"])
@pytest.mark.parametrize("as_of", [date(2025, 6, 30), REFORM, date(2025, 12, 31)])
def test_restating_by_moved_blocks_equals_placing_each_unit_at_every_level(
    reorganised: None, monkeypatch: pytest.MonkeyPatch, kind: str, as_of: date
):
    from dangvien.reports.selectors import restated

    op = operator_actor()
    for code in ["T", "H", "X", "X1"]:
        reports = []
        for depth in (0, 99):  # 0: unit by unit; 99: by blocks at every level
            monkeypatch.setattr(restated, "BLOCKS_MAX_DEPTH", depth)
            reports.append(
                report_build(
                    scope=op.scope,
                    kind=kind,
                    code=code,
                    date_from=date(2025, 1, 1),
                    date_to=date(2025, 12, 31),
                    as_of=as_of,
                ).to_json()
            )
        assert reports[0] == reports[1], code
