"""Organisation and locality types (domain.md §2)."""

from __future__ import annotations

from enum import StrEnum


class OrgType(StrEnum):
    """The kind of a node in the party organisation tree."""

    CENTRAL = "trung_uong"  # Trung ương: the national root
    PROVINCE = "dang_bo_tinh"  # Đảng bộ tỉnh/thành phố
    BLOC = "dang_bo_khoi"  # Đảng bộ khối (cơ quan, doanh nghiệp, quân đội, công an)
    DISTRICT = "dang_bo_huyen"  # Đảng bộ huyện: abolished 01/07/2025, kept for history
    COMMUNE = "dang_bo_xa"  # Đảng bộ xã/phường/đặc khu
    GRASSROOTS_COMMITTEE = "dang_bo_co_so"  # Đảng bộ cơ sở
    GRASSROOTS_CELL = "chi_bo_co_so"  # Chi bộ cơ sở: a grassroots organisation that is a cell
    PARTIAL_COMMITTEE = "dang_uy_bo_phan"  # Đảng ủy bộ phận
    CELL = "chi_bo"  # Chi bộ trực thuộc: a cell under a committee

    @property
    def label(self) -> str:
        return ORG_TYPE_LABELS[self]

    @property
    def is_cell(self) -> bool:
        """Return whether members are attached to this node directly."""
        return self in (OrgType.CELL, OrgType.GRASSROOTS_CELL)


ORG_TYPE_LABELS: dict[OrgType, str] = {
    OrgType.CENTRAL: "Trung ương",
    OrgType.PROVINCE: "Đảng bộ tỉnh",
    OrgType.BLOC: "Đảng bộ khối",
    OrgType.DISTRICT: "Đảng bộ huyện",
    OrgType.COMMUNE: "Đảng bộ xã",
    OrgType.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
    OrgType.GRASSROOTS_CELL: "Chi bộ cơ sở",
    OrgType.PARTIAL_COMMITTEE: "Đảng ủy bộ phận",
    OrgType.CELL: "Chi bộ",
}


class LocalityType(StrEnum):
    """Village and residential-group types ("địa bàn dân cư")."""

    THON = "thon"  # Thôn
    LANG = "lang"  # Làng
    BUON = "buon"  # Buôn
    BAN = "ban"  # Bản
    AP = "ap"  # Ấp
    SOC = "soc"  # Sóc
    TO_DAN_PHO = "to_dan_pho"  # Tổ dân phố
    KHU_PHO = "khu_pho"  # Khu phố

    @property
    def label(self) -> str:
        return LOCALITY_TYPE_LABELS[self]


LOCALITY_TYPE_LABELS: dict[LocalityType, str] = {
    LocalityType.THON: "Thôn",
    LocalityType.LANG: "Làng",
    LocalityType.BUON: "Buôn",
    LocalityType.BAN: "Bản",
    LocalityType.AP: "Ấp",
    LocalityType.SOC: "Sóc",
    LocalityType.TO_DAN_PHO: "Tổ dân phố",
    LocalityType.KHU_PHO: "Khu phố",
}
