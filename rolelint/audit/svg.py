"""Charts as inline SVG strings, so that the audit report is one self-contained HTML file (no script,
no network). Every label is escaped: organisation names and titles come from the data."""

from __future__ import annotations

import math
from html import escape

FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px"
BAR = "#3465a4"
CHAR = 7.0  # the widest a character of a 12px label is, on average over a label, in pixels
SLANT = 55  # degrees the heatmap's column labels rise at


def _label(text: str, limit: int = 34) -> str:
    text = str(text) if str(text) else "(none)"
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def bars(items: list[tuple[str, float]], *, percent: bool = True, title: str = "", width: int = 640) -> str:
    """Horizontal bars, one per (label, value); values are shares (0..1) when ``percent``."""
    if not items:
        return '<p class="empty">Nothing to show.</p>'
    row, left, right = 20, 230, 60
    top = 8
    height = top + row * len(items) + 8
    peak = max((v for _, v in items), default=0) or 1
    scale = 1.0 if percent else peak
    span = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" style="{FONT}">'
    ]
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = max(0.0, span * (value / scale if scale else 0))
        shown = f"{value:.0%}" if percent else f"{value:,.0f}"
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{_label(label)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{BAR}">'
            f"<title>{escape(str(label))}: {shown}</title></rect>"
            f'<text x="{left + length + 4:.1f}" y="{y + 14}">{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def heatmap(
    rows: list[str], columns: list[str], values: list[list[float]], *, counts: list[int], title: str = ""
) -> str:
    """Shares (0..1) of ``rows`` x ``columns``, darker for more; each row labelled with its count."""
    if not rows or not columns:
        return '<p class="empty">Nothing to show.</p>'
    row_labels = [f"{_label(row, 40)} ({count:,})" for row, count in zip(rows, counts)]
    column_labels = [_label(column, 48) for column in columns]
    longest = max(len(str(column)[:48]) for column in columns) * CHAR
    cell = 34
    left = max(120, int(max(len(str(row)[:40]) + len(f" ({count:,})") for row, count in zip(rows, counts)) * CHAR) + 10)
    top = int(longest * math.sin(math.radians(SLANT))) + 16  # the slanted labels stand above the cells
    width = left + cell * len(columns) + int(longest * math.cos(math.radians(SLANT))) + 10
    height = top + cell * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" style="{FONT}">'
    ]
    for j, label in enumerate(column_labels):
        x = left + j * cell + cell / 2
        parts.append(f'<text transform="translate({x:.0f},{top - 8}) rotate(-{SLANT})">{label}</text>')
    for i, row in enumerate(rows):
        y = top + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4:.0f}" text-anchor="end">{row_labels[i]}</text>')
        for j, value in enumerate(values[i]):
            x = left + j * cell
            shade = _shade(value)
            ink = "#fff" if value >= 0.5 else "#222"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{shade}">'
                f"<title>{escape(str(row))}, {escape(columns[j])}: {value:.0%}</title></rect>"
                f'<text x="{x + (cell - 2) / 2:.0f}" y="{y + cell / 2 + 3:.0f}" text-anchor="middle" '
                f'fill="{ink}" style="font-size:10px">{value * 100:.0f}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _shade(value: float) -> str:
    """White to dark blue."""
    value = min(1.0, max(0.0, value))
    low, high = (247, 251, 255), (8, 48, 107)
    r, g, b = (round(a + (c - a) * value**0.7) for a, c in zip(low, high))
    return f"rgb({r},{g},{b})"


def histogram(bins: list[tuple[str, int]], *, title: str = "", width: int = 640, height: int = 200) -> str:
    """Vertical bars of counts, one per (bin label, count)."""
    if not bins:
        return '<p class="empty">Nothing to show.</p>'
    left, bottom, top = 50, 40, 10
    span = (width - left - 10) / len(bins)
    peak = max(count for _, count in bins) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" style="{FONT}">',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{peak:,}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
    ]
    # Label every bin whose label fits beside the last one shown.
    every = max(1, math.ceil((max(len(label) for label, _ in bins) * CHAR + 8) / span))
    for i, (label, count) in enumerate(bins):
        x = left + i * span
        tall = (height - bottom - top) * count / peak
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - tall:.1f}" width="{max(1.0, span - 2):.1f}" '
            f'height="{tall:.1f}" fill="{BAR}"><title>{escape(label)}: {count:,}</title></rect>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + span / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
