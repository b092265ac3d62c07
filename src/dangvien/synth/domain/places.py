"""Real provinces and communes (package vietnam-provinces) and synthetic place names."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

from dangvien.orgs.domain.enums import LocalityType


@dataclass(frozen=True)
class CommuneSite:
    """A commune-level administrative unit (after the 2025 reform)."""

    code: str  # five-digit official code
    name: str  # "Xã Phú Cát", "Phường Hoàn Kiếm", "Đặc khu Phú Quốc"
    urban: bool  # a ward ("phường"): residential groups rather than villages

    @property
    def bare_name(self) -> str:
        """Return the name without its type word ("Phú Cát")."""
        for prefix in ("Phường ", "Xã ", "Đặc khu "):
            if self.name.startswith(prefix):
                return self.name.removeprefix(prefix)
        return self.name

    @property
    def party_name(self) -> str:
        """Return the party committee's name ("Đảng bộ xã Phú Cát")."""
        kind = self.name.removesuffix(self.bare_name).strip().lower()
        return f"Đảng bộ {kind} {self.bare_name}"


@dataclass(frozen=True)
class ProvinceSite:
    """A province-level unit and its communes, in official code order."""

    code: int
    name: str  # "Thái Nguyên", "Thành phố Hà Nội"
    communes: tuple[CommuneSite, ...]

    @property
    def party_name(self) -> str:
        """Return "Đảng bộ tỉnh X" or "Đảng bộ thành phố X"."""
        if self.name.startswith("Thành phố "):
            return f"Đảng bộ thành phố {self.name.removeprefix('Thành phố ')}"
        return f"Đảng bộ tỉnh {self.name}"

    @property
    def address_name(self) -> str:
        """Return the name as written in an address ("Tỉnh Thái Nguyên")."""
        return self.name if self.name.startswith("Thành phố ") else f"Tỉnh {self.name}"

    @property
    def id_prefix(self) -> str:
        """Return the three-digit province code that opens a citizen ID."""
        return f"{self.code:03d}"


@cache
def all_provinces() -> tuple[ProvinceSite, ...]:
    """Return the 34 provinces with their communes."""
    by_province: dict[int, list[CommuneSite]] = {}
    for ward in Ward.iter_all():
        urban = ward.division_type.name == "PHUONG"
        by_province.setdefault(int(ward.province_code.value), []).append(
            CommuneSite(f"{int(ward.code.value):05d}", ward.name, urban)
        )
    return tuple(
        ProvinceSite(
            int(province.code.value),
            province.name,
            tuple(sorted(by_province.get(int(province.code.value), []), key=lambda c: c.code)),
        )
        for province in sorted(Province.iter_all(), key=lambda p: int(p.code.value))
    )


def province_by_code(code: int) -> ProvinceSite:
    """Return one province by its official code, or raise KeyError."""
    for province in all_provinces():
        if province.code == code:
            return province
    raise KeyError(code)


def district_groups(rng: random.Random, communes: list[CommuneSite]) -> list[list[CommuneSite]]:
    """Group consecutive communes into pre-2025 districts of 3 to 8 communes.

    Official codes were assigned district by district, so neighbours in code
    order mostly shared a district before the reform.
    """
    groups: list[list[CommuneSite]] = []
    index = 0
    while index < len(communes):
        size = rng.randint(3, 8)
        groups.append(communes[index : index + size])
        index += size
    if len(groups) > 1 and len(groups[-1]) < 3:
        groups[-2].extend(groups.pop())
    return groups


def district_name(group: list[CommuneSite]) -> str:
    """Return a district committee name for a group of communes."""
    urban = sum(commune.urban for commune in group) * 2 > len(group)
    kind = "thành phố" if urban else "huyện"
    return f"Đảng bộ {kind} {group[0].bare_name}"


_WORDS = (
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "An Lạc",
    "Phú Mỹ",
    "Tân Lập",
    "Đồng Tâm",
    "Hòa Bình",
    "Quyết Tiến",
    "Tiền Phong",
    "Thắng Lợi",
    "Đoàn Kết",
    "Liên Hiệp",
    "Phú Thọ",
    "Xuân Hòa",
    "Hưng Thịnh",
    "Bình Minh",
    "Tân Tiến",
    "Hợp Nhất",
    "Kim Sơn",
)
_SYLLABLES = {
    LocalityType.BAN: (
        ("Nà", "Khuổi", "Pác", "Lũng", "Phiêng", "Nậm", "Cốc", "Pò", "Bó"),
        ("Phặc", "Mí", "Ngòi", "Vài", "Cằm", "Luông", "Slam", "Mu", "Tổng", "Lạn"),
    ),
    LocalityType.BUON: (
        ("Ea", "Ko", "Krông", "Cư", "Tơng"),
        ("Kmar", "Đung", "Trấp", "Jut", "Kroa", "Sup", "Knốp", "Pơng", "Mnur"),
    ),
    LocalityType.LANG: (
        ("Plei", "Kon", "Đăk", "Tơ"),
        ("Ơi", "Rbang", "Klâu", "Hra", "Tu", "Mơ Nang", "Jơ Drâu", "Bông"),
    ),
    LocalityType.SOC: (("Sóc",), ("Tiêm", "Tro", "Ruộng", "Xoài", "Me", "Chà", "Ven", "Cà Lạc")),
}


def locality_name(rng: random.Random, kind: LocalityType, number: int) -> str:
    """Return a plausible name for the `number`-th locality of a kind in a commune."""
    label = kind.label
    if kind in (LocalityType.TO_DAN_PHO, LocalityType.KHU_PHO):
        return f"{label} {number}"
    if kind in _SYLLABLES:
        first, second = _SYLLABLES[kind]
        if kind is LocalityType.SOC:
            return f"Sóc {rng.choice(second)} {number}"
        return f"{label} {rng.choice(first)} {rng.choice(second)}"
    if rng.random() < 0.5:
        return f"{label} {number}"
    return f"{label} {rng.choice(_WORDS)}"
