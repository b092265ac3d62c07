"""Pause Python's cyclic garbage collector around work that builds many objects and no cycles.

An import keeps millions of small objects alive (cells, typed rows, drafts), and the
national cells report builds a list of 59,000 cells; each full collection walks every
live object, which cost about half of an import's check step and a third of that
report. Reference counting still frees everything dropped; only cycles wait for the
collector to resume. Pauses nest and may overlap across threads: the collector resumes
when the last one ends, if it was running before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_pausers = 0  # pauses under way in this process
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block."""
    global _pausers, _was_enabled  # noqa: PLW0603 (process-wide, like the collector)
    with _LOCK:
        if _pausers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _LOCK:
            _pausers -= 1
            if _pausers == 0 and _was_enabled:
                gc.enable()
