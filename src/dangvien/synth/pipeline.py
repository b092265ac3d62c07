"""Generate rows in a second process while this one writes the previous batch.

Generating the national preset is Python work (names, histories, random draws) and
so is writing it (preparing values, encrypting citizen IDs, formatting COPY rows):
in one process the two shared one core, and a thread could not help, as both hold
the interpreter lock (people stage: 94 % of one core, PostgreSQL nearly idle). A
child process generates instead, so the two halves use both cores.

Rows cross the process boundary as plain tuples in field order (`RowTuples`):
pickling slotted dataclasses cost about as much as a third of generating them,
tuples of numbers, text and dates a tenth. One producer keeps the output
deterministic (the same rows in the same order as inline); the queue bound keeps
memory flat.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from dangvien.synth.domain.generate import Generation
from dangvien.synth.domain.presets import Plan
from dangvien.synth.domain.rows import TABLES, Chunk, field_names

_BATCH_ROWS = 250_000  # rows per batch: bounded memory whatever the preset
_AHEAD = 2  # batches the generator may run ahead of the writer
_POLL_SECONDS = 1.0  # how often the writer checks that the generator is still alive

RowTuples = dict[str, list[tuple[Any, ...]]]  # Chunk field -> rows as tuples in field order


@dataclass
class Batch:
    """Rows of several communes as tuples, and how many communes are done once written."""

    rows: RowTuples
    communes_done: int


class GeneratorFailedError(RuntimeError):
    """The generating process failed; its traceback is the message."""


_GETTERS = {name: attrgetter(*field_names(name)) for name in TABLES}


def as_tuples(chunk: Chunk) -> RowTuples:
    """Return the chunk's rows as tuples (attrgetter reads all fields in C)."""
    out: RowTuples = {}
    for name in TABLES:
        rows = getattr(chunk, name)
        if rows:
            getter = _GETTERS[name]
            out[name] = [getter(row) for row in rows]
    return out


def _inline(generation: Generation) -> Iterator[Batch]:
    buffer, done = Chunk(), 0
    for index, chunk in enumerate(generation.chunks()):
        buffer.extend(chunk)
        done = index  # the first chunk holds the top levels, not a commune
        if buffer.size() >= _BATCH_ROWS:
            yield Batch(as_tuples(buffer), done)
            buffer = Chunk()
    yield Batch(as_tuples(buffer), done)


Item = Batch | str | None  # a batch, the generator's traceback, or the end
Factory = Callable[[Plan], Generation]


def _produce(plan: Plan, factory: Factory, out: Any, stop: Any) -> None:
    """Run in the child process: generate the batches and hand them over in order."""
    try:
        for batch in _inline(factory(plan)):
            if not _offer(out, batch, stop):
                return
        _offer(out, None, stop)
    except BaseException:  # handed to the writer, which raises it
        _offer(out, traceback.format_exc(), stop)


def _offer(out: Any, item: Item, stop: Any) -> bool:
    """Put `item` on the queue unless the writer has stopped listening; return whether put."""
    while not stop.is_set():
        try:
            out.put(item, timeout=0.5)
            return True
        except queue.Full:
            continue
    return False


def batches(plan: Plan, *, ahead: bool, factory: Factory = Generation) -> Iterator[Batch]:
    """Yield the plan's batches of rows, generated ahead in a child process if `ahead`.

    `factory` builds the generation from the plan (in the child when `ahead`, so it
    must be importable by name there).
    """
    if not ahead:
        yield from _inline(factory(plan))
        return
    # A fresh interpreter, not a fork of this one: this process holds a database
    # connection and threads, which a forked child must not inherit.
    context = multiprocessing.get_context("spawn")
    channel = context.Queue(maxsize=_AHEAD)
    stop = context.Event()
    child = context.Process(
        target=_produce, args=(plan, factory, channel, stop), daemon=True, name="synth-generate"
    )
    child.start()
    try:
        while (item := _next(channel, child)) is not None:
            if isinstance(item, str):
                raise GeneratorFailedError(item)
            yield item
    finally:
        # The writer may stop early (an error, a closed generator): stop the child.
        stop.set()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()  # it holds nothing but rows not yet written
            child.join()
        channel.close()


def _next(channel: Any, child: Any) -> Item:
    """Return the next item, or fail if the child died without saying why (killed, say)."""
    while True:
        try:
            item: Item = channel.get(timeout=_POLL_SECONDS)
            return item
        except queue.Empty:
            if not child.is_alive():
                raise GeneratorFailedError(
                    f"the generating process ended unexpectedly (exit code {child.exitcode})"
                ) from None
