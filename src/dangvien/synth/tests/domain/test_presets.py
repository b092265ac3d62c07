from __future__ import annotations

from datetime import date

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.synth.domain.presets import Preset, make_plan

DAY = date(2026, 1, 1)


def test_the_scale_shrinks_the_number_of_communes_but_keeps_at_least_one():
    plan = make_plan("province", seed=1, as_of=DAY, scale=0.02)

    assert plan.communes_in(92) == 2
    assert make_plan("province", seed=1, as_of=DAY, scale=0.001).communes_in(92) == 1


def test_the_national_preset_is_about_five_point_six_million_members():
    plan = make_plan("national", seed=1, as_of=DAY)

    assert plan.preset is Preset.NATIONAL
    assert 5_400_000 <= plan.expected_members(3321) <= 5_800_000
    assert 290_000 <= 3321 * plan.cells_per_commune <= 310_000


def test_an_unknown_preset_is_refused_in_vietnamese():
    with pytest.raises(DomainError, match="Không có mẫu dữ liệu"):
        make_plan("world", seed=1, as_of=DAY)


def test_a_scale_outside_zero_to_one_is_refused():
    with pytest.raises(DomainError, match="Hệ số quy mô"):
        make_plan("province", seed=1, as_of=DAY, scale=2)
