"""The inside of one commune: villages, the cells that serve them, other units."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.synth.domain.ids import Ids
from dangvien.synth.domain.places import locality_name
from dangvien.synth.domain.presets import Plan
from dangvien.synth.domain.profiles import PROFILES, CellKind
from dangvien.synth.domain.regions import Region
from dangvien.synth.domain.rows import Chunk, LocalityRow
from dangvien.synth.domain.structure import (
    COMMITTEE_KINDS,
    GRASSROOTS_CELL_KINDS,
    Cell,
    CommuneSlot,
    UnitNamer,
    add_org,
)


@dataclass
class Layout:
    """The units and villages of one commune."""

    cells: list[Cell]
    localities: list[LocalityRow]
    sizes: list[int]  # current members per cell, same order as `cells`
    by_id: dict[int, LocalityRow] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {village.id: village for village in self.localities}


def _locality_kind(rng: random.Random, region: Region, urban: bool, upland: bool) -> LocalityType:
    if urban:
        return region.urban_locality
    if upland:
        return rng.choice(region.upland_localities)
    return region.rural_locality


def _counts(rng: random.Random, plan: Plan) -> tuple[int, int, int]:
    """Return (cells, residential cells, villages) for one commune."""
    mean = plan.cells_per_commune
    cells = max(3, round(rng.gauss(mean, mean * 0.2)))
    wanted = round(cells * rng.uniform(0.55, 0.75))
    villages = min(25, max(8, round(wanted * rng.uniform(1.0, 1.25))))
    residential = max(1, min(wanted, villages, cells - 1))
    return cells, residential, villages


def layout_commune(
    rng: random.Random,
    plan: Plan,
    slot: CommuneSlot,
    region: Region,
    upland: bool,
    chunk: Chunk,
    ids: Ids,
) -> Layout:
    """Append the commune's units and villages to `chunk`; return them."""
    total_cells, residential, village_count = _counts(rng, plan)
    villages = _villages(rng, slot, region, upland, village_count, ids)
    cells: list[Cell] = []
    for number, village in enumerate(villages[:residential], start=1):
        label = LocalityType(village.locality_type).label
        name = "Chi bộ " + label.lower() + village.name.removeprefix(label)
        org_id = add_org(chunk, ids, f"{slot.code}-TB{number:02d}", name, OrgType.CELL, slot.org_id)
        cells.append(Cell(org_id, chunk.orgs[-1].code, name, CellKind.RESIDENTIAL, [village.id]))
        village.cell_id, village.has_independent_cell = org_id, True
    for village in villages[residential:]:
        # A small village shares the cell of a neighbour instead of having its own.
        host = rng.choice(cells)
        host.localities.append(village.id)
        village.cell_id = host.org_id
    _other_units(rng, slot, total_cells - residential, chunk, ids, cells)
    chunk.localities.extend(villages)
    return Layout(cells, villages, _sizes(rng, plan, cells))


def _villages(
    rng: random.Random, slot: CommuneSlot, region: Region, upland: bool, count: int, ids: Ids
) -> list[LocalityRow]:
    villages: list[LocalityRow] = []
    used: set[str] = set()
    for number in range(1, count + 1):
        kind = _locality_kind(rng, region, slot.commune.urban, upland)
        name = locality_name(rng, kind, number)
        if name in used:
            name = f"{kind.label} {number}"
        used.add(name)
        villages.append(
            LocalityRow(
                ids.next("locality"),
                f"{slot.code}-DB{number:02d}",
                name,
                kind.value,
                slot.org_id,
                None,
                False,
                None,
                slot.commune.code,
            )
        )
    return villages


def _other_units(
    rng: random.Random, slot: CommuneSlot, count: int, chunk: Chunk, ids: Ids, cells: list[Cell]
) -> None:
    """Append grassroots cells and committees holding `count` cells in all."""
    namer = UnitNamer(slot.commune)
    remaining, number, committees = count, 0, 0
    while remaining > 0:
        # Nearly every commune has at least one grassroots committee with cells.
        committee_odds = 1.0 if committees == 0 else 0.25 if remaining < 15 else 0.6
        if remaining >= 4 and rng.random() < committee_odds:
            committees += 1
            largest = max(3, remaining // 2) if committees == 1 else 10 if remaining < 30 else 18
            size = min(remaining, rng.randint(3, largest))
            _committee(rng, slot, committees, size, namer, chunk, ids, cells)
            remaining -= size
            continue
        kind = GRASSROOTS_CELL_KINDS[number % len(GRASSROOTS_CELL_KINDS)]
        number += 1
        name = namer.cell(rng, kind)
        org_id = add_org(
            chunk, ids, f"{slot.code}-CB{number:02d}", name, OrgType.GRASSROOTS_CELL, slot.org_id
        )
        cells.append(Cell(org_id, chunk.orgs[-1].code, name, kind))
        remaining -= 1


def _committee(
    rng: random.Random,
    slot: CommuneSlot,
    number: int,
    size: int,
    namer: UnitNamer,
    chunk: Chunk,
    ids: Ids,
    cells: list[Cell],
) -> None:
    """Append a grassroots committee with `size` cells, some under partial committees."""
    kind = rng.choice(COMMITTEE_KINDS)
    code = f"{slot.code}-CS{number:02d}"
    committee = add_org(
        chunk,
        ids,
        code,
        namer.committee(rng, kind),
        OrgType.GRASSROOTS_COMMITTEE,
        slot.org_id,
        may_admit=rng.random() < 0.3,
    )
    parents = [(committee, code)]
    if size >= 4 and rng.random() < 0.5:
        for part in range(1, (1 if size < 8 else rng.randint(1, 2)) + 1):
            part_code = f"{code}-BP{part}"
            part_id = add_org(
                chunk, ids, part_code, namer.partial(part), OrgType.PARTIAL_COMMITTEE, committee
            )
            parents.append((part_id, part_code))
    for index in range(size):
        parent, parent_code = parents[index % len(parents)]
        name = namer.sub_cell(rng, index + 1)
        org_id = add_org(chunk, ids, f"{parent_code}-CB{index + 1:02d}", name, OrgType.CELL, parent)
        cells.append(Cell(org_id, chunk.orgs[-1].code, name, kind))


def _sizes(rng: random.Random, plan: Plan, cells: list[Cell]) -> list[int]:
    """Return the number of current members of each cell, around the plan's mean."""
    weights = [PROFILES[cell.kind].size * rng.uniform(0.6, 1.4) for cell in cells]
    total = len(cells) * plan.members_per_cell * rng.uniform(0.85, 1.15)
    scale = total / sum(weights)
    return [max(3, round(weight * scale)) for weight in weights]
