from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import OPEN_END, Version, compute_spans
from dangvien.synth.domain.rows import Chunk
from dangvien.synth.domain.structure import top_levels

REFORM = date(2025, 7, 1)


def _versions(chunk: Chunk) -> dict[int, list]:
    by_org: dict[int, list] = defaultdict(list)
    for version in chunk.versions:
        by_org[version.org_id].append(version)
    return by_org


def test_districts_end_the_day_before_the_reform(province: Chunk):
    districts = [o for o in province.orgs if o.org_type == OrgType.DISTRICT]
    versions = _versions(province)

    assert districts
    assert all(versions[d.id][-1].valid_to == date(2025, 6, 30) for d in districts)


def test_communes_move_from_their_district_to_the_province_on_1_july_2025(province: Chunk):
    kinds = {o.id: o.org_type for o in province.orgs}
    versions = _versions(province)
    communes = [o for o in province.orgs if o.org_type == OrgType.COMMUNE]

    for commune in communes:
        before, after = versions[commune.id]
        assert kinds[before.parent_id] == OrgType.DISTRICT
        assert before.valid_to == date(2025, 6, 30)
        assert kinds[after.parent_id] == OrgType.PROVINCE
        assert (after.valid_from, after.valid_to, after.change) == (REFORM, OPEN_END, "reparent")
        assert after.decision_number
        assert after.decision_date


def test_the_tree_is_valid_for_the_application_span_builder(province: Chunk):
    codes = {o.id: o.code for o in province.orgs}
    versions = [
        Version(v.org_id, codes[v.org_id], v.parent_id, v.valid_from, v.valid_to)
        for v in province.versions
    ]

    spans = compute_spans(versions)

    assert {s.org_id for s in spans} == set(codes)


def test_a_province_has_about_eighty_communes_and_fifteen_cells_each():
    from dangvien.synth.domain.generate import Generation
    from dangvien.synth.domain.presets import make_plan

    generation = Generation(make_plan("province", seed=1, as_of=date(2026, 1, 1)))

    assert len(generation.communes) == 80
    assert sum(o.org_type == OrgType.COMMUNE for o in generation.top.orgs) == 80


def test_some_grassroots_committees_have_partial_committees_and_admission_power(
    province: Chunk,
):
    kinds = Counter(o.org_type for o in province.orgs)
    committees = {o.id for o in province.orgs if o.org_type == OrgType.GRASSROOTS_COMMITTEE}
    admitting = [v for v in province.versions if v.org_id in committees and v.may_admit]

    assert kinds[OrgType.GRASSROOTS_COMMITTEE] > 0
    assert kinds[OrgType.PARTIAL_COMMITTEE] > 0
    assert kinds[OrgType.GRASSROOTS_CELL] > 0
    assert 0 < len(admitting) < len(committees)


def test_the_national_tree_has_a_central_root_and_34_provinces():
    from dangvien.synth.domain.ids import Ids
    from dangvien.synth.domain.places import province_by_code
    from dangvien.synth.domain.presets import make_plan

    plan = make_plan("national", seed=1, as_of=date(2026, 1, 1), scale=0.01)
    chunk, slots = top_levels(plan, [province_by_code(c) for c in plan.province_codes], Ids())

    assert chunk.orgs[0].code == "TW"
    assert sum(o.org_type == OrgType.PROVINCE for o in chunk.orgs) == 34
    assert len(slots) >= 34


def test_every_commune_has_8_to_25_villages_each_served_by_a_cell(province: Chunk):
    per_commune = Counter(v.commune_id for v in province.localities)
    cells = {o.id for o in province.orgs if o.org_type == OrgType.CELL}

    assert all(8 <= count <= 25 for count in per_commune.values())
    assert all(v.cell_id in cells for v in province.localities)
    independent = sum(v.has_independent_cell for v in province.localities)
    assert independent / len(province.localities) > 0.6
