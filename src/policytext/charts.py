"""Inline SVG charts for the report: a heatmap and a bar chart, drawn as strings in Python.

The report must open without a network, so there is no charting library in the page: each chart
is an ``<svg>`` element with a ``<title>`` per mark (the browser shows it as a tooltip).
Text takes the page's CJK font through CSS.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

#: Colour ramp of the heatmaps, from no value to the largest (ColorBrewer "Blues", 6 classes).
RAMP = ("#f7fbff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")


def shade(value: float, top: float) -> str:
    """Colour of a value on the ramp, 0 → the lightest.

    >>> shade(0, 10), shade(10, 10)
    ('#f7fbff', '#08519c')
    """
    if top <= 0 or value <= 0:
        return RAMP[0]
    step = min(len(RAMP) - 1, 1 + int((value / top) * (len(RAMP) - 2) + 0.5))
    return RAMP[step]


def ink(fill: str) -> str:
    """Text colour readable on a fill of the ramp."""
    return "#fff" if fill in RAMP[4:] else "#222"


def clip(text: str, n: int) -> str:
    """
    >>> clip("党风廉政建设和反腐败工作", 6)
    '党风廉政建…'
    """
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def heatmap(rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[float]], *,
            fmt: str = "{:.0f}", cell: int = 30, row_chars: int = 18, col_chars: int = 10,
            caption: str = "") -> str:
    """An SVG heatmap: one row per ``rows`` label, one column per ``cols`` label, numbers in the cells."""
    top = max((v for r in values for v in r), default=0)
    left = 14 * min(row_chars, max((len(str(r)) for r in rows), default=4)) + 16
    head = int(14 * min(col_chars, max((len(str(c)) for c in cols), default=4)) * 0.75) + 24
    width = left + cell * len(cols) + head  # room for the last column's slanted label
    height = head + cell * len(rows) + 10
    out = [f'<svg class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(caption)}">']
    for j, c in enumerate(cols):
        x = left + j * cell + cell / 2
        out.append(f'<text x="{x:.0f}" y="{head - 6}" transform="rotate(-45 {x:.0f} {head - 6})" '
                   f'class="col">{escape(clip(c, col_chars))}<title>{escape(str(c))}</title></text>')
    for i, r in enumerate(rows):
        y = head + i * cell
        out.append(f'<text x="{left - 6}" y="{y + cell / 2 + 5:.0f}" text-anchor="end" class="row">'
                   f'{escape(clip(r, row_chars))}<title>{escape(str(r))}</title></text>')
        for j, c in enumerate(cols):
            v = values[i][j]
            fill = shade(v, top)
            x = left + j * cell
            label = fmt.format(v) if v else ""
            out.append(f'<rect x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="{fill}">'
                       f'<title>{escape(str(r))} × {escape(str(c))}: {escape(fmt.format(v))}</title></rect>')
            if label:
                out.append(f'<text x="{x + cell / 2:.0f}" y="{y + cell / 2 + 4:.0f}" text-anchor="middle" '
                           f'class="val" fill="{ink(fill)}">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def bars(labels: Sequence[str], values: Sequence[float], *, width: int = 640, bar: int = 20,
         label_chars: int = 16, caption: str = "") -> str:
    """A horizontal SVG bar chart with the value at the end of each bar."""
    top = max(values, default=0) or 1
    left = 14 * min(label_chars, max((len(str(s)) for s in labels), default=4)) + 16
    span = width - left - 60
    height = bar * len(labels) + 10
    out = [f'<svg class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(caption)}">']
    for i, (s, v) in enumerate(zip(labels, values, strict=True)):
        y = 5 + i * bar
        w = max(1.0, span * v / top) if v else 0
        out.append(f'<text x="{left - 6}" y="{y + bar / 2 + 4:.0f}" text-anchor="end" class="row">'
                   f'{escape(clip(s, label_chars))}<title>{escape(str(s))}</title></text>')
        out.append(f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{bar - 5}" fill="{RAMP[4]}">'
                   f'<title>{escape(str(s))}: {v:g}</title></rect>')
        out.append(f'<text x="{left + w + 5:.1f}" y="{y + bar / 2 + 4:.0f}" class="val">{v:g}</text>')
    out.append("</svg>")
    return "".join(out)
