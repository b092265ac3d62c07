"""A small generated province shared by the domain tests (generation is deterministic)."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.synth.domain.generate import Generation
from dangvien.synth.domain.presets import make_plan
from dangvien.synth.domain.rows import Chunk

AS_OF = date(2026, 3, 15)


def generate_all(preset: str, *, seed: int = 7, scale: float = 1.0) -> Chunk:
    """Return every row of a preset in one chunk."""
    everything = Chunk()
    for chunk in Generation(make_plan(preset, seed=seed, as_of=AS_OF, scale=scale)).chunks():
        everything.extend(chunk)
    return everything


@pytest.fixture(scope="session")
def province() -> Chunk:
    """Return the province preset at a quarter of its size (20 communes, ~15,000 members)."""
    return generate_all("province", scale=0.25)
