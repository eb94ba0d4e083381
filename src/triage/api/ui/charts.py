"""Tiny inline-SVG line charts for the dashboard (no JavaScript, no build step)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

WIDTH, HEIGHT, PAD = 320, 120, 24


def line_chart(
    title: str, days: Sequence[date], values: Sequence[float | None], *, percent: bool = False
) -> str:
    """One series as an SVG polyline with its last value labelled; gaps where value is None."""
    points = [(d, v) for d, v in zip(days, values, strict=True) if v is not None]
    label = escape(title)
    if not points:
        return (
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}: no data">'
            f'<text x="{PAD}" y="{HEIGHT // 2}" fill="#4a4a4a">no data yet</text></svg>'
        )
    top = 1.0 if percent else max(v for _, v in points) or 1.0
    n = len(points)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = PAD + (WIDTH - 2 * PAD) * (i / (n - 1) if n > 1 else 0.5)
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v / top if top else 0.0)
        return round(x, 1), round(y, 1)

    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x},{y}" for x, y in coords)
    last_day, last = points[-1]
    shown = f"{last * 100:.1f} %" if percent else f"{last:,.4g}"
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="2.5" fill="#0b4f9c"/>' for x, y in coords)
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{label}: latest {escape(shown)} on {last_day.isoformat()}">'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        f'stroke="#c9ced6"/>'
        f'<polyline fill="none" stroke="#0b4f9c" stroke-width="2" points="{path}"/>{dots}'
        f'<text x="{PAD}" y="{HEIGHT - 6}" font-size="10" fill="#4a4a4a">'
        f"{points[0][0].isoformat()}</text>"
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 6}" font-size="10" fill="#4a4a4a" '
        f'text-anchor="end">{last_day.isoformat()}</text>'
        f'<text x="{WIDTH - PAD}" y="14" font-size="12" fill="#1a1a1a" text-anchor="end">'
        f"{escape(shown)}</text></svg>"
    )
