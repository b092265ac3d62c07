"""The generator's entry point: a plan in, chunks of rows out, one commune at a time."""

from __future__ import annotations

import random
from collections.abc import Iterator

from dangvien.synth.domain.commune import layout_commune
from dangvien.synth.domain.ids import CitizenIds, Ids, stream
from dangvien.synth.domain.people import CommuneContext, PeopleFactory
from dangvien.synth.domain.places import all_provinces, province_by_code
from dangvien.synth.domain.positions import fill_positions
from dangvien.synth.domain.presets import Plan
from dangvien.synth.domain.profiles import Chooser
from dangvien.synth.domain.regions import Weighted, region_of
from dangvien.synth.domain.rows import Chunk
from dangvien.synth.domain.structure import CommuneSlot, top_levels


class Generation:
    """One seeded run: the top levels first, then one chunk per commune.

    The same plan always yields the same rows: every commune draws from its
    own random stream, named after the seed and the commune's code.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.ids = Ids()
        provinces = [province_by_code(code) for code in plan.province_codes]
        self.top, self.communes = top_levels(plan, provinces, self.ids)
        offset = stream(plan.seed, "citizen-ids").randrange(1_000_000)
        self.factory = PeopleFactory(plan, self.ids, CitizenIds(offset), all_provinces())
        self._chooser = Chooser()

    def chunks(self) -> Iterator[Chunk]:
        """Yield the top levels, then each commune's units, villages and people."""
        yield self.top
        for slot in self.communes:
            yield self.commune(slot)

    def commune(self, slot: CommuneSlot) -> Chunk:
        """Return the rows of one commune."""
        rng = stream(self.plan.seed, slot.code)
        region = region_of(slot.province.code)
        upland = not slot.commune.urban and rng.random() < region.upland_share
        chunk = Chunk()
        layout = layout_commune(rng, self.plan, slot, region, upland, chunk, self.ids)
        context = CommuneContext(
            slot,
            region,
            upland,
            female=rng.uniform(0.36, 0.48),
            minority=rng.uniform(0.45, 0.9) if upland else rng.uniform(0.0, 0.04),
            groups=self._groups(rng, region.minorities),
            layout=layout,
        )
        residents = self.factory.fill(rng, context, chunk)
        fill_positions(rng, layout.localities, residents, self.plan.as_of, self.ids, chunk)
        return chunk

    def _groups(self, rng: random.Random, minorities: Weighted) -> Weighted:
        """Return one to three of the region's groups, the first the most numerous here."""
        chosen: list[str] = []
        for _ in range(rng.randint(1, 3)):
            code = self._chooser.pick(rng, minorities)
            if code not in chosen:
                chosen.append(code)
        return tuple((code, 3.0 / (index + 1)) for index, code in enumerate(chosen))
