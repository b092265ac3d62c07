"""Read locust's CSV statistics into per-page figures."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageStats:
    """One page's figures over a run: milliseconds, requests per second, errors."""

    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    mean: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _number(row: dict[str, str], key: str) -> float:
    value = row.get(key, "") or "0"
    return float(value) if value != "N/A" else 0.0


def read_stats(prefix: Path) -> list[PageStats]:
    """Return the rows of `<prefix>_stats.csv`, the aggregate ("Aggregated") last."""
    path = Path(f"{prefix}_stats.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        PageStats(
            name="Tất cả" if row["Name"] == "Aggregated" else row["Name"],
            requests=int(_number(row, "Request Count")),
            failures=int(_number(row, "Failure Count")),
            rps=round(_number(row, "Requests/s"), 2),
            p50=_number(row, "50%"),
            p95=_number(row, "95%"),
            p99=_number(row, "99%"),
            mean=round(_number(row, "Average Response Time"), 1),
        )
        for row in rows
    ]


def read_failures(prefix: Path) -> list[dict[str, str]]:
    """Return locust's failure rows (method, name, error, occurrences)."""
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
