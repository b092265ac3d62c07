"""Regional differences: which minorities live where, village types, religions.

Shares are rough orders of magnitude for party members, not census figures:
they only have to make the demo data look like the country.
"""

from __future__ import annotations

from dataclasses import dataclass

from dangvien.orgs.domain.enums import LocalityType

Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Region:
    """What a group of provinces has in common for synthetic data."""

    name: str
    upland_share: float  # share of rural communes where minorities are the majority
    minorities: Weighted  # ethnic group codes living in those communes
    rural_locality: LocalityType
    upland_localities: tuple[LocalityType, ...]
    urban_locality: LocalityType
    religions: Weighted  # religion codes among religious members
    religious_share: float  # share of members who follow a religion
    south: bool  # Huỳnh/Võ rather than Hoàng/Vũ


_T = LocalityType
REGIONS: dict[str, Region] = {
    "northeast": Region(
        "northeast",
        0.55,
        (
            ("tay", 35),
            ("nung", 25),
            ("dao", 15),
            ("mong", 12),
            ("san_chay", 5),
            ("san_diu", 4),
            ("giay", 2),
            ("hoa", 2),
        ),
        _T.THON,
        (_T.THON, _T.BAN),
        _T.TO_DAN_PHO,
        (("phat_giao", 5), ("cong_giao", 2), ("tin_lanh", 2)),
        0.02,
        south=False,
    ),
    "northwest": Region(
        "northwest",
        0.75,
        (
            ("thai", 45),
            ("mong", 30),
            ("kho_mu", 8),
            ("dao", 7),
            ("ha_nhi", 4),
            ("muong", 4),
            ("la_ha", 2),
        ),
        _T.THON,
        (_T.BAN, _T.BAN, _T.THON),
        _T.TO_DAN_PHO,
        (("tin_lanh", 3), ("phat_giao", 2), ("cong_giao", 1)),
        0.02,
        south=False,
    ),
    "red_delta": Region(
        "red_delta",
        0.04,
        (("muong", 70), ("tay", 15), ("nung", 15)),
        _T.THON,
        (_T.THON,),
        _T.TO_DAN_PHO,
        (("phat_giao", 6), ("cong_giao", 5)),
        0.04,
        south=False,
    ),
    "north_central": Region(
        "north_central",
        0.3,
        (("thai", 45), ("muong", 35), ("kho_mu", 8), ("mong", 8), ("tho", 4)),
        _T.THON,
        (_T.BAN, _T.THON),
        _T.TO_DAN_PHO,
        (("cong_giao", 5), ("phat_giao", 4)),
        0.04,
        south=False,
    ),
    "south_central": Region(
        "south_central",
        0.25,
        (
            ("xo_dang", 25),
            ("hre", 25),
            ("ba_na", 20),
            ("co_tu", 15),
            ("gie_trieng", 10),
            ("raglay", 5),
        ),
        _T.THON,
        (_T.LANG, _T.THON),
        _T.TO_DAN_PHO,
        (("phat_giao", 6), ("cong_giao", 3), ("cao_dai", 1)),
        0.04,
        south=False,
    ),
    "highlands": Region(
        "highlands",
        0.5,
        (
            ("e_de", 30),
            ("gia_rai", 30),
            ("ba_na", 12),
            ("mnong", 10),
            ("co_ho", 12),
            ("xo_dang", 6),
        ),
        _T.THON,
        (_T.BUON, _T.LANG, _T.THON),
        _T.TO_DAN_PHO,
        (("cong_giao", 5), ("tin_lanh", 4), ("phat_giao", 4)),
        0.05,
        south=False,
    ),
    "southeast": Region(
        "southeast",
        0.1,
        (("hoa", 40), ("xtieng", 25), ("cho_ro", 20), ("khmer", 15)),
        _T.AP,
        (_T.AP,),
        _T.KHU_PHO,
        (("phat_giao", 6), ("cong_giao", 5), ("cao_dai", 2)),
        0.05,
        south=True,
    ),
    "mekong": Region(
        "mekong",
        0.25,
        (("khmer", 85), ("hoa", 13), ("cham", 2)),
        _T.AP,
        (_T.SOC, _T.AP),
        _T.KHU_PHO,
        (("phat_giao", 8), ("hoa_hao", 3), ("cao_dai", 2), ("cong_giao", 2)),
        0.06,
        south=True,
    ),
}

# Province code (2025 numbering) -> region.
_PROVINCE_REGION = {
    4: "northeast",
    8: "northeast",
    15: "northeast",
    19: "northeast",
    20: "northeast",
    22: "northeast",
    25: "northeast",
    11: "northwest",
    12: "northwest",
    14: "northwest",
    1: "red_delta",
    24: "red_delta",
    31: "red_delta",
    33: "red_delta",
    37: "red_delta",
    38: "north_central",
    40: "north_central",
    42: "north_central",
    44: "north_central",
    46: "north_central",
    48: "south_central",
    51: "south_central",
    56: "south_central",
    52: "highlands",
    66: "highlands",
    68: "highlands",
    75: "southeast",
    79: "southeast",
    80: "southeast",
    82: "mekong",
    86: "mekong",
    91: "mekong",
    92: "mekong",
    96: "mekong",
}


def region_of(province_code: int) -> Region:
    """Return the region of a province (the delta's if the code is unknown)."""
    return REGIONS[_PROVINCE_REGION.get(province_code, "red_delta")]
