from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dangvien.synth.domain.generate import Generation
from dangvien.synth.domain.presets import Plan, make_plan
from dangvien.synth.domain.rows import Chunk, field_names
from dangvien.synth.pipeline import GeneratorFailedError, as_tuples, batches

AS_OF = date(2026, 3, 15)


def _plan() -> Plan:
    return make_plan("province", seed=2, as_of=AS_OF, scale=0.05)


class BrokenGeneration(Generation):
    """Fails after the top levels (importable by name, so the child process can build it)."""

    def chunks(self) -> Iterator[Chunk]:
        yield self.top
        raise RuntimeError("hỏng")


def test_batches_generated_in_a_child_process_hold_the_same_rows_as_inline_ones():
    ahead = [b.rows for b in batches(_plan(), ahead=True)]
    inline = [b.rows for b in batches(_plan(), ahead=False)]

    assert ahead == inline
    assert sum(len(rows) for batch in ahead for rows in batch.values()) > 1000


def test_rows_travel_as_tuples_in_field_order():
    generation = Generation(_plan())
    chunk = next(iter(generation.chunks()))

    tuples = as_tuples(chunk)

    org = chunk.orgs[0]
    assert tuples["orgs"][0] == tuple(getattr(org, name) for name in field_names("orgs"))
    assert set(tuples) == {name for name in tuples if getattr(chunk, name)}


def test_the_last_batch_reports_every_commune_done():
    plan = _plan()

    done = [b.communes_done for b in batches(plan, ahead=True)]

    assert done[-1] == len(Generation(plan).communes)
    assert done == sorted(done)


def test_an_error_while_generating_reaches_the_writer_with_its_traceback():
    with pytest.raises(GeneratorFailedError, match="hỏng"):
        list(batches(_plan(), ahead=True, factory=BrokenGeneration))


def test_a_writer_that_stops_early_stops_the_generating_process():
    stream = batches(_plan(), ahead=True)

    next(stream)
    stream.close()  # stops and joins the child process; a hang here would fail the run
