from __future__ import annotations

from datetime import date

import pytest

from dangvien.synth.domain.generate import Generation
from dangvien.synth.domain.presets import make_plan
from dangvien.synth.pipeline import batches

AS_OF = date(2026, 3, 15)


def _plan():
    return make_plan("province", seed=2, as_of=AS_OF, scale=0.05)


def test_batches_generated_ahead_hold_the_same_rows_as_inline_ones():
    ahead = [b.rows for b in batches(Generation(_plan()), ahead=True)]
    inline = [b.rows for b in batches(Generation(_plan()), ahead=False)]

    assert ahead == inline


def test_the_last_batch_reports_every_commune_done():
    generation = Generation(_plan())

    done = [b.communes_done for b in batches(generation, ahead=True)]

    assert done[-1] == len(generation.communes)
    assert done == sorted(done)


def test_an_error_while_generating_reaches_the_writer():
    generation = Generation(_plan())

    def broken():
        yield generation.top
        raise RuntimeError("hỏng")

    generation.chunks = broken  # type: ignore[method-assign]

    with pytest.raises(RuntimeError, match="hỏng"):
        list(batches(generation, ahead=True))


def test_a_writer_that_stops_early_releases_the_generator_thread():
    stream = batches(Generation(_plan()), ahead=True)

    next(stream)
    stream.close()  # joins the producer thread; a hang here would fail the run
