"""The printed table: each question, our timing beside the naive one."""

from __future__ import annotations

from bench.cases import Comparison
from bench.timing import Timing


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:,.1f}".replace(",", " ")


def _cell(timing: Timing) -> str:
    if timing.capped_at is not None:
        return f"> {timing.capped_at:.0f} s"
    return f"{_ms(timing.median)} / {_ms(timing.p95)}"


def _ratio(ours: Timing, naive: Timing) -> str:
    if ours.median is None or ours.median == 0:
        return "-"
    if naive.capped_at is not None:
        return f"> {naive.capped_at / ours.median:,.0f}×".replace(",", " ")
    if naive.median is None:
        return "-"
    return f"{naive.median / ours.median:,.1f}×".replace(",", " ")


def print_table(comparisons: list[Comparison], *, title: str) -> None:
    """Print one line per comparison: medians and p95 in milliseconds, and the speed-up."""
    header = (
        "Phép đo",
        "Cách của hệ thống",
        "ms (trung vị / p95)",
        "Cách đơn giản",
        "ms (trung vị / p95)",
        "Nhanh hơn",
        "Cùng kết quả",
    )
    rows = [header] + [
        (
            c.case,
            c.ours_label,
            _cell(c.ours),
            c.naive_label,
            _cell(c.naive),
            _ratio(c.ours, c.naive),
            {True: "có", False: "KHÔNG", None: "-"}[c.agree],
        )
        for c in comparisons
    ]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    print(title)
    for index, row in enumerate(rows):
        print(" | ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
