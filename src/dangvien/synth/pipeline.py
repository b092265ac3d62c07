"""Generate rows in a background thread while the main thread writes the previous batch.

The database does its share of a bulk load in its own process (parsing,
storing, logging); while the writer waits for it, the generator can run.
One producer keeps the output deterministic; the queue bound keeps memory flat.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from dangvien.synth.domain.generate import Generation
from dangvien.synth.domain.rows import Chunk

_BATCH_ROWS = 250_000  # rows per batch: bounded memory whatever the preset
_AHEAD = 2  # batches the generator may run ahead of the writer


@dataclass
class Batch:
    """Rows of several communes, and how many communes are done once it is written."""

    rows: Chunk
    communes_done: int


def _inline(generation: Generation) -> Iterator[Batch]:
    buffer, done = Chunk(), 0
    for index, chunk in enumerate(generation.chunks()):
        buffer.extend(chunk)
        done = index  # the first chunk holds the top levels, not a commune
        if buffer.size() >= _BATCH_ROWS:
            yield Batch(buffer, done)
            buffer = Chunk()
    yield Batch(buffer, done)


Item = Batch | BaseException | None  # a batch, the generator's error, or the end


def _offer(out: queue.Queue[Item], item: Item, stop: threading.Event) -> bool:
    """Put `item` on the queue unless the writer has stopped listening; return whether put."""
    while not stop.is_set():
        try:
            out.put(item, timeout=0.5)
            return True
        except queue.Full:
            continue
    return False


def _produce(
    generation: Generation,
    out: queue.Queue[Item],
    stop: threading.Event,
) -> None:
    try:
        for batch in _inline(generation):
            if not _offer(out, batch, stop):
                return
        _offer(out, None, stop)
    except BaseException as error:  # handed to the writer thread, which re-raises it
        _offer(out, error, stop)


def batches(generation: Generation, *, ahead: bool) -> Iterator[Batch]:
    """Yield batches of rows, generated ahead in a background thread if `ahead`."""
    if not ahead:
        yield from _inline(generation)
        return
    channel: queue.Queue[Item] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()
    producer = threading.Thread(target=_produce, args=(generation, channel, stop), daemon=True)
    producer.start()
    try:
        while (item := channel.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        # The writer may stop early (an error, a closed generator): release the producer.
        stop.set()
        producer.join()
