"""Server-rendered SVG charts: no script, no CDN, readable in black and white when printed.

The plan is a dashed line and the admissions a solid one with dots; at-risk bars are
hatched as well as coloured, so a grey printout still tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dangvien.core.domain.text import format_number, format_percent
from dangvien.plans.domain.progress import MonthProgress

INK = "#1f2328"
MUTED = "#5b6470"
RED = "#a31b1b"
GRID = "#d9dde3"
RISK = "#b42318"
OK = "#1e7b34"


def _svg(width: int, height: int, label: str, body: list[str]) -> SafeString:
    inner = "".join(body)
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="Segoe UI, Noto Sans, Arial, sans-serif" font-size="12">'
        f"<title>{escape(label)}</title>{inner}</svg>"
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, weight: str = "normal"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}">{escape(text)}</text>'
    )


def _nice_max(value: int) -> int:
    """Return a round axis maximum at or above `value` (1, 2, 5 × 10^n)."""
    if value <= 5:
        return 5
    step: int = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


@dataclass(frozen=True)
class _Frame:
    left: int = 44
    right: int = 12
    top: int = 28
    bottom: int = 30
    width: int = 640
    height: int = 260

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom


def _y_grid(frame: _Frame, y: Callable[[int], float], y_max: int) -> list[str]:
    """Return the horizontal grid lines and their labels, at quarters of the axis."""
    body = []
    for k in range(5):
        value = y_max * k // 4
        body.append(
            f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}" stroke="{GRID}"/>'
        )
        body.append(
            _text(frame.left - 6, y(value) + 4, format_number(value), anchor="end", fill=MUTED)
        )
    return body


def _admitted_line(points: list[tuple[float, float]], last: int) -> list[str]:
    """Return the admissions line, its dots, and the latest figure above the last dot."""
    x_end, y_end = points[-1]
    return [
        _polyline(points, RED),
        *(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{RED}"/>' for a, b in points),
        _text(x_end, y_end - 8, format_number(last), anchor="middle", fill=RED, weight="bold"),
    ]


def progress_chart(months: Sequence[MonthProgress], *, title: str) -> SafeString:
    """Return the cumulative admissions month by month against the straight-line plan."""
    frame = _Frame()
    top_value = max([m.planned or 0 for m in months] + [m.admitted or 0 for m in months] + [1])
    y_max = _nice_max(top_value)
    step = frame.plot_width / max(len(months), 1)

    def x(i: int) -> float:
        return frame.left + step * (i + 0.5)

    def y(value: int) -> float:
        return frame.top + frame.plot_height * (1 - value / y_max)

    body = [_text(frame.left, 16, title, weight="bold"), *_y_grid(frame, y, y_max)]
    for i, m in enumerate(months):
        body.append(_text(x(i), frame.height - 10, f"T{m.month}", anchor="middle", fill=MUTED))
    planned = [(x(i), y(m.planned)) for i, m in enumerate(months) if m.planned is not None]
    if planned:
        body.append(_polyline(planned, MUTED, dashed=True))
    done = [(x(i), y(m.admitted)) for i, m in enumerate(months) if m.admitted is not None]
    if done:
        last = next(m.admitted for m in reversed(months) if m.admitted is not None)
        body.extend(_admitted_line(done, last or 0))
    body.extend(_legend(frame.width - 250, 16, bool(planned)))
    return _svg(frame.width, frame.height, title, body)


def _polyline(points: list[tuple[float, float]], colour: str, *, dashed: bool = False) -> str:
    coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in points)
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'


def _legend(x0: int, y0: int, with_plan: bool) -> list[str]:
    items = [
        f'<line x1="{x0}" x2="{x0 + 22}" y1="{y0 - 4}" y2="{y0 - 4}" stroke="{RED}" '
        f'stroke-width="2"/>',
        _text(x0 + 28, y0, "Đã kết nạp (lũy kế)"),
    ]
    if with_plan:
        items += [
            f'<line x1="{x0 + 140}" x2="{x0 + 162}" y1="{y0 - 4}" y2="{y0 - 4}" stroke="{MUTED}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>',
            _text(x0 + 168, y0, "Kế hoạch"),
        ]
    return items


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value in percent, the text shown after it, and a warning flag."""

    label: str
    percent: float | None
    note: str = ""
    warn: bool = False


def bar_chart(
    bars: Sequence[Bar], *, title: str, reference: float | None = 100.0, width: int = 640
) -> SafeString:
    """Return horizontal percentage bars (capped at the scale), with an optional 100% line."""
    row = 24
    left = min(210, width // 3)
    height = 30 + row * max(len(bars), 1)
    scale_max = max([100.0] + [b.percent or 0.0 for b in bars])
    plot = width - left - 90

    def x(value: float) -> float:
        return left + plot * min(value, scale_max) / scale_max

    body = [
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{RISK}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern></defs>',
        _text(4, 16, title, weight="bold"),
    ]
    for i, bar in enumerate(bars):
        top = 26 + i * row
        label = bar.label if len(bar.label) <= 32 else bar.label[:31] + "…"
        body.append(_text(left - 8, top + 14, label, anchor="end"))
        value = bar.percent or 0.0
        fill = "url(#hatch)" if bar.warn else (OK if value >= 100 else RED)
        body.append(
            f'<rect x="{left}" y="{top + 3}" width="{max(x(value) - left, 0.5):.1f}" '
            f'height="{row - 8}" fill="{fill}"/>'
        )
        shown = bar.note or (format_percent(bar.percent) if bar.percent is not None else "—")
        body.append(_text(x(value) + 6, top + 14, shown, fill=RISK if bar.warn else INK))
    if reference is not None and bars:
        body.append(
            f'<line x1="{x(reference):.1f}" x2="{x(reference):.1f}" y1="22" y2="{height - 2}" '
            f'stroke="{INK}" stroke-dasharray="3 3"/>'
        )
    return _svg(width, height, title, body)
