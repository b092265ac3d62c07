"""The three sizes of synthetic data and the plan derived from a preset and a scale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dangvien.core.domain.errors import DomainError
from dangvien.synth.domain.places import all_provinces

DEMO_PROVINCE = 19  # Thái Nguyên: towns, lowland and upland communes, Tày, Nùng, Dao, Mông


class Preset(StrEnum):
    """A named size of synthetic data."""

    COMMUNE = "commune"  # one commune: about 1,500 members in 30 cells
    PROVINCE = "province"  # about 80 communes, 1,200 cells, 60,000 members
    NATIONAL = "national"  # 34 provinces, 3,321 communes, ~300,000 cells, ~5.6 million members


@dataclass(frozen=True)
class Plan:
    """Everything the generator needs to know about the size and shape to produce."""

    preset: Preset
    seed: int
    as_of: date  # the generated history ends the day before
    province_codes: tuple[int, ...]  # in generation order
    communes_per_province: int | None  # None: every real commune
    scale: float
    cells_per_commune: float  # mean
    members_per_cell: float  # mean, current members only
    central_root: bool
    candidate_share: float = 0.04  # candidates per current member
    former_share: float = 0.035  # records of people who left (dead, transferred...) per member

    def communes_in(self, available: int) -> int:
        """Return how many of a province's `available` communes to generate."""
        wanted = available if self.communes_per_province is None else self.communes_per_province
        return max(1, min(available, round(wanted * self.scale)))

    def expected_members(self, communes: int) -> int:
        """Return the expected number of current members for that many communes."""
        return round(communes * self.cells_per_commune * self.members_per_cell)


def make_plan(preset: str, *, seed: int, as_of: date, scale: float = 1.0) -> Plan:
    """Return the plan of a preset at a scale (the scale multiplies the number of communes)."""
    try:
        chosen = Preset(preset)
    except ValueError:
        names = ", ".join(p.value for p in Preset)
        raise DomainError(
            f'Không có mẫu dữ liệu "{preset}" (chọn một trong: {names}).', field="preset"
        ) from None
    if not 0 < scale <= 1:
        raise DomainError("Hệ số quy mô phải lớn hơn 0 và không quá 1.", field="scale")
    if chosen is Preset.COMMUNE:
        return Plan(chosen, seed, as_of, (DEMO_PROVINCE,), 1, 1.0, 30, 50, central_root=False)
    if chosen is Preset.PROVINCE:
        return Plan(chosen, seed, as_of, (DEMO_PROVINCE,), 80, scale, 15, 50, central_root=False)
    # 300,000 cells over 3,321 communes; 5.6 million members over those cells.
    codes = tuple(province.code for province in all_provinces())
    return Plan(chosen, seed, as_of, codes, None, scale, 90.3, 18.7, central_root=True)
