"""The JSON results file every benchmark of this folder writes, with the machine it ran on."""

from __future__ import annotations

import json
import os
import platform
from datetime import datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def machine() -> dict[str, object]:
    """Return what the figures depend on: cores, memory, load, versions, database."""
    from django.db import connection

    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(pages * os.sysconf("SC_PAGE_SIZE") / 2**30, 1) if pages else None,
        # Other work on the same machine slows every figure; the load shows how much.
        "load_average": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": connection.vendor,
    }


def write_results(name: str, payload: dict[str, Any]) -> Path:
    """Write bench/results/<name>-<database>-<timestamp>.json and print its path."""
    from django.db import connection

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"{name}-{connection.vendor}-{stamp}.json"
    document = {"benchmark": name, "machine": machine(), **payload}
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    print(f"Kết quả: {out}")
    return out
