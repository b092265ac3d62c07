"""`dangvien serve --processes N`: N waitress processes on one port, stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dangvien.cli.prefork import run_children

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _answers(url: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200)
        except OSError:
            time.sleep(0.5)
    return False


def test_two_processes_answer_on_one_port_and_stop_with_ctrl_c(tmp_path: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DANGVIEN_DATA_DIR"] = str(tmp_path)  # a fresh SQLite database, migrated at start
    script = Path(sys.executable).parent / "dangvien"
    server = subprocess.Popen(
        [str(script), "serve", "--port", str(port), "--workers", "2", "--processes", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert _answers(f"http://127.0.0.1:{port}/dang-nhap/", time.monotonic() + 120)
        assert len(_children(server.pid)) == 2

        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    output = server.stdout.read().decode() if server.stdout else ""
    assert "2 tiến trình, mỗi tiến trình 2 luồng." in output


def test_children_that_keep_dying_at_start_stop_the_server():
    def broken() -> None:
        raise RuntimeError("cannot start")

    assert run_children(2, broken) == 1
