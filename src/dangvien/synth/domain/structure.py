"""The organisation tree: the top levels and the units inside one commune.

Before 1 July 2025 communes sit under districts; from that day districts end
and communes sit directly under the province (a second version of each
commune with a re-parenting decision). Inside a commune: residential cells
serving villages, grassroots cells (schools, police...), and grassroots
committees with cells and sometimes partial committees under them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import BEGINNING, OPEN_END
from dangvien.synth.domain.history import REFORM_DAY
from dangvien.synth.domain.ids import Ids, stream
from dangvien.synth.domain.places import (
    CommuneSite,
    ProvinceSite,
    district_groups,
    district_name,
)
from dangvien.synth.domain.presets import Plan
from dangvien.synth.domain.profiles import CellKind
from dangvien.synth.domain.rows import Chunk, OrgRow, OrgVersionRow

_CREATE = "create"
_REPARENT = "reparent"


@dataclass(frozen=True)
class CommuneSlot:
    """A commune to generate, with the ids of the units above it."""

    province: ProvinceSite
    commune: CommuneSite
    org_id: int
    code: str


@dataclass
class Cell:
    """A unit members belong to, with what it is attached to."""

    org_id: int
    code: str
    name: str
    kind: CellKind
    localities: list[int] = field(default_factory=list)  # ids of the villages it serves


def add_org(
    chunk: Chunk,
    ids: Ids,
    code: str,
    name: str,
    org_type: OrgType,
    parent: int | None,
    *,
    may_admit: bool = False,
) -> int:
    """Append a unit with one version valid for all time; return its id."""
    org_id = ids.next("org")
    chunk.orgs.append(OrgRow(org_id, code, name, org_type.value))
    chunk.versions.append(
        OrgVersionRow(
            ids.next("version"),
            org_id,
            name,
            org_type.value,
            parent,
            may_admit,
            BEGINNING,
            OPEN_END,
            _CREATE,
        )
    )
    return org_id


def top_levels(
    plan: Plan, provinces: list[ProvinceSite], ids: Ids
) -> tuple[Chunk, list[CommuneSlot]]:
    """Return the central, province, district and commune units, and the communes to fill."""
    chunk = Chunk()
    root = (
        add_org(chunk, ids, "TW", "Đảng Cộng sản Việt Nam", OrgType.CENTRAL, None)
        if plan.central_root
        else None
    )
    slots: list[CommuneSlot] = []
    for province in provinces:
        rng = stream(plan.seed, "tree", province.code)
        code = f"T{province.code:02d}"
        province_id = add_org(chunk, ids, code, province.party_name, OrgType.PROVINCE, root)
        chosen = sorted(
            rng.sample(province.communes, plan.communes_in(len(province.communes))),
            key=lambda commune: commune.code,
        )
        for number, group in enumerate(district_groups(rng, chosen), start=1):
            district = add_org(
                chunk,
                ids,
                f"{code}-H{number:02d}",
                district_name(group),
                OrgType.DISTRICT,
                province_id,
            )
            chunk.versions[-1].valid_to = REFORM_DAY - timedelta(days=1)
            for commune in group:
                org_id = _commune(chunk, ids, commune, district, province_id, province)
                slots.append(CommuneSlot(province, commune, org_id, f"X{commune.code}"))
    return chunk, slots


def _commune(
    chunk: Chunk,
    ids: Ids,
    commune: CommuneSite,
    district: int,
    province_id: int,
    province: ProvinceSite,
) -> int:
    """Append a commune with its pre- and post-reform versions; return its id."""
    org_id = add_org(chunk, ids, f"X{commune.code}", commune.party_name, OrgType.COMMUNE, district)
    before = chunk.versions[-1]
    before.valid_to = REFORM_DAY - timedelta(days=1)
    chunk.versions.append(
        OrgVersionRow(
            ids.next("version"),
            org_id,
            commune.party_name,
            OrgType.COMMUNE.value,
            province_id,
            False,
            REFORM_DAY,
            OPEN_END,
            _REPARENT,
            decision_number=f"{int(commune.code) % 900 + 100}-QĐ/TU",
            decision_date=date(2025, 6, 27),
            decision_body=f"Ban Thường vụ {province.party_name.replace('Đảng bộ', 'Tỉnh ủy', 1)}",
        )
    )
    return org_id


GRASSROOTS_CELL_KINDS = (
    CellKind.AGENCY,
    CellKind.POLICE,
    CellKind.MILITARY,
    CellKind.SCHOOL,
    CellKind.HEALTH,
    CellKind.SCHOOL,
    CellKind.AGENCY,
    CellKind.SCHOOL,
    CellKind.SCHOOL,
    CellKind.ENTERPRISE,
)
COMMITTEE_KINDS = (
    CellKind.ENTERPRISE,
    CellKind.ENTERPRISE,
    CellKind.ENTERPRISE,
    CellKind.HEALTH,
    CellKind.SCHOOL,
)


class UnitNamer:
    """Names of the units of one commune, unique within it."""

    _SCHOOLS = ("Mầm non", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông")
    _AGENCIES = (
        "Cơ quan Đảng ủy",
        "Ủy ban nhân dân",
        "Mặt trận Tổ quốc và các đoàn thể",
        "Trung tâm Phục vụ hành chính công",
    )
    _FIRMS = ("Công ty cổ phần", "Công ty TNHH", "Hợp tác xã", "Công ty TNHH một thành viên")
    _FIRM_WORDS = (
        "Sông Công",
        "Thành Đạt",
        "Hưng Phát",
        "Minh Long",
        "Tân Phong",
        "An Phú",
        "Việt Tiến",
        "Hoàng Gia",
        "Đại Thành",
        "Phú Cường",
        "Bình An",
        "Hòa Phát",
    )
    _DEPARTMENTS = (
        "Phòng Kế toán",
        "Phòng Kỹ thuật",
        "Phòng Kinh doanh",
        "Phòng Hành chính",
        "Khoa Nội",
        "Khoa Ngoại",
        "Tổ Toán - Tin",
        "Tổ Ngữ văn",
        "Đội Sản xuất",
    )

    def __init__(self, commune: CommuneSite) -> None:
        self.commune = commune
        self.used: dict[str, int] = {}

    def _unique(self, name: str) -> str:
        count = self.used.get(name, 0) + 1
        self.used[name] = count
        return name if count == 1 else f"{name} số {count}"

    def cell(self, rng: random.Random, kind: CellKind) -> str:
        """Return the name of a grassroots cell of `kind` in this commune."""
        place = self.commune.bare_name
        kind_word = self.commune.name.removesuffix(place).strip().lower()
        if kind is CellKind.SCHOOL:
            school = self._SCHOOLS[self.used.get("school", 0) % len(self._SCHOOLS)]
            self.used["school"] = self.used.get("school", 0) + 1
            return self._unique(f"Chi bộ Trường {school} {place}")
        names = {
            CellKind.AGENCY: f"Chi bộ {rng.choice(self._AGENCIES)} {kind_word}",
            CellKind.POLICE: f"Chi bộ Công an {kind_word} {place}",
            CellKind.MILITARY: f"Chi bộ Quân sự {kind_word} {place}",
            CellKind.HEALTH: f"Chi bộ Trạm Y tế {kind_word} {place}",
            CellKind.ENTERPRISE: f"Chi bộ {rng.choice(self._FIRMS)} {rng.choice(self._FIRM_WORDS)}",
        }
        return self._unique(names.get(kind, f"Chi bộ {place}"))

    def committee(self, rng: random.Random, kind: CellKind) -> str:
        """Return the name of a grassroots committee."""
        if kind is CellKind.HEALTH:
            return self._unique(f"Đảng bộ Bệnh viện đa khoa khu vực {self.commune.bare_name}")
        if kind is CellKind.SCHOOL:
            return self._unique(f"Đảng bộ Trường Cao đẳng {self.commune.bare_name}")
        return self._unique(f"Đảng bộ {rng.choice(self._FIRMS)} {rng.choice(self._FIRM_WORDS)}")

    def sub_cell(self, rng: random.Random, number: int) -> str:
        """Return the name of a cell under a committee."""
        if rng.random() < 0.5:
            return self._unique(f"Chi bộ {rng.choice(self._DEPARTMENTS)}")
        return self._unique(f"Chi bộ Phân xưởng {number}")

    def partial(self, number: int) -> str:
        """Return the name of a partial committee."""
        return self._unique(f"Đảng ủy bộ phận Nhà máy số {number}")
