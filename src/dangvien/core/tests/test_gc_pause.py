"""The garbage-collector pause nests and restores what it found (no database)."""

from __future__ import annotations

import gc

from dangvien.core.gc_pause import gc_paused


def test_nested_pauses_resume_the_collector_when_the_outer_one_ends():
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled():
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_resumes_when_the_block_raises():
    try:
        with gc_paused():
            raise ValueError("refused")
    except ValueError:
        pass
    assert gc.isenabled()
