"""Several server processes on one listening socket, for a machine with several cores.

waitress serves with threads in one process, so the app's Python runs on one
core at a time (the GIL). `dangvien serve --processes N` binds the port once,
then forks N waitress processes that accept from the same socket; the kernel
hands each connection to one of them. Everything they share lives in the
database (sessions, caches can be Redis or the database), so any process can
answer any request. POSIX only (fork); elsewhere one process serves.

The parent only waits: Ctrl+C or SIGTERM stops every child, and a child that
dies is started again (at most a few times a minute, so a broken start-up does
not loop).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any

# A child that dies within this many seconds of its start counts as a failed start.
_QUICK_DEATH_S = 10.0
_MAX_QUICK_DEATHS = 3


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on host:port (IPv4 or IPv6), as waitress would."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def run_children(count: int, child: Callable[[], None]) -> int:
    """Fork `count` children running `child()` and supervise them; return the exit code."""
    from django.db import connections

    connections.close_all()  # no connection may be shared across a fork
    started: dict[int, float] = {}
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(started):
            _signal(pid, signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    quick_deaths = 0
    try:
        for _ in range(count):
            started[_fork(child, previous)] = time.monotonic()
        while started:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            began = started.pop(pid, None)
            if stopping or began is None:
                continue
            quick_deaths = quick_deaths + 1 if time.monotonic() - began < _QUICK_DEATH_S else 0
            if quick_deaths >= _MAX_QUICK_DEATHS:
                stop(signal.SIGTERM, None)
                continue
            started[_fork(child, previous)] = time.monotonic()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 1 if quick_deaths >= _MAX_QUICK_DEATHS else 0


def _fork(child: Callable[[], None], handlers: Mapping[signal.Signals, Any]) -> int:
    pid = os.fork()
    if pid:
        return pid
    # In the child: default signal handling (SIGTERM ends it, Ctrl+C interrupts waitress).
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    code = 0
    try:
        child()
    except KeyboardInterrupt:
        pass
    except BaseException:  # the parent sees the exit code and starts another child
        code = 1
    os._exit(code)


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it has just ended
        os.kill(pid, sig)
