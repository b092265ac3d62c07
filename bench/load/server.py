"""The server under test: `dangvien serve` in a process of its own, and its memory over time."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float | None:
    """Return the resident memory of a process and its children in MB (Linux), None once gone.

    With `serve --processes N` the parent only supervises; the children serve.
    """
    own = _own_rss_mb(pid)
    if own is None:
        return None
    return own + sum(_own_rss_mb(child) or 0.0 for child in _children(pid))


def _own_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@dataclass
class MemoryTrace:
    """Resident memory samples of the server: (seconds since start, MB)."""

    samples: list[tuple[float, float]] = field(default_factory=list)

    def at(self, seconds: float) -> float | None:
        """Return the first sample taken at or after `seconds`."""
        return next((mb for t, mb in self.samples if t >= seconds), None)

    def summary(self, warmup: float) -> dict[str, float | None]:
        """Return memory after warm-up, at the end, the peak and the growth in between."""
        if not self.samples:
            return {"after_warmup_mb": None, "end_mb": None, "peak_mb": None, "growth_mb": None}
        start = self.at(warmup) or self.samples[0][1]
        end = self.samples[-1][1]
        return {
            "after_warmup_mb": round(start, 1),
            "end_mb": round(end, 1),
            "peak_mb": round(max(mb for _, mb in self.samples), 1),
            "growth_mb": round(end - start, 1),
        }


class Server:
    """Start `dangvien serve`, wait until it answers, sample its memory, stop it."""

    def __init__(
        self, *, port: int, threads: int, env: dict[str, str], log: Path, processes: int = 1
    ) -> None:
        self.port, self.threads, self.env, self.log = port, threads, env, log
        self.processes = processes
        self.process: subprocess.Popen[bytes] | None = None
        self.memory = MemoryTrace()
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0) -> None:
        """Start the server (migrations run first) and wait for its sign-in page."""
        script = Path(sys.executable).parent / "dangvien"
        command = [str(script), "serve", "--port", str(self.port), "--workers", str(self.threads)]
        command += ["--processes", str(self.processes)]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"máy chủ đã dừng; xem {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/dang-nhap/", timeout=5):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        else:
            raise RuntimeError(f"máy chủ không trả lời sau {timeout:.0f} s; xem {self.log}")
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self, every: float = 5.0) -> None:
        started = time.monotonic()
        while not self._stop.is_set() and self.process is not None:
            mb = rss_mb(self.process.pid)
            if mb is None:
                return
            self.memory.samples.append((round(time.monotonic() - started, 1), mb))
            self._stop.wait(every)

    def stop(self) -> None:
        """Stop the server the way Ctrl+C would, then wait for it."""
        self._stop.set()
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Return this process's environment (same database, cache, sessions) plus `extra`."""
    env = dict(os.environ)
    env.update(extra or {})
    return env
