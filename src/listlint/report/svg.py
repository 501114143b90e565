"""Small inline SVG charts for the HTML report: horizontal bars, columns, lines.

No library and no script: each function returns one ``<svg>`` element as a string, sized by a
``viewBox`` so it scales to the width of a phone or a printed page. Every label is escaped;
each bar carries a ``<title>`` so a browser shows the exact figure on hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from listlint.text import shorten

WIDTH = 420
BAR_H = 12
ROW_H = 34  # label line above its bar
DETAIL_H = 16  # a line of detail under a bar
FONT = 12
PHONE_FONT = 15  # the page's CSS enlarges chart text on narrow screens

# one colour per meaning, also used by the screenshot test to find the charts
BLUE = "#3b6fd4"
GREEN = "#2f9e44"
GREY = "#ced4da"
VIOLET = "#7048e8"
TEAL = "#1098ad"
RED = "#e03131"
SLATE = "#868e96"  # "other sections": not a colour of any meaning
# Link verdicts, told apart without colour vision too: hues of the Okabe-Ito palette (distinct
# for the common colour-vision deficiencies), a fill pattern for the failing ones, and each
# bar's note spells out the counts ("3 dead · 1 unreachable").
VERDICT_STYLES = {"ok": ("#009e73", ""), "dead": ("#d55e00", ""),
                  "unreachable": ("#e69f00", "hatch"), "redirected": ("#56b4e9", "dots"),
                  "blocked": ("#999999", "")}
LABEL_CHARS = 46  # a label at the phone font size still fits the chart's width
_SINGULAR = {"entries": "entry"}


def _noun(label: str, value: int) -> str:
    """A segment's label agreeing with its count ("1 entry")."""
    return _SINGULAR.get(label, label) if value == 1 else label


@dataclass(frozen=True, slots=True)
class Segment:
    value: int
    colour: str
    label: str  # for the hover title, e.g. "checked"
    pattern: str = ""  # "", "hatch" or "dots": drawn over the colour, for colour-blind readers


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    indent: int = 0  # nesting level of a section
    note: str = ""  # text after the bar, default: the total
    detail: str = ""  # text at the right end of the label's line (e.g. "3 dead · 1 unreachable")

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


def _text(value: object, limit: int = 70) -> str:
    return escape(shorten(str(value), limit))


def _open(height: float, label: str, css: str) -> str:
    return (f'<svg class="chart {css}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
            f'font-size="{FONT}"><title>{escape(label)}</title>')


NOTE_CHARS = 30  # the longest note after a bar; room is kept for it at the phone font size


def bars(rows: Sequence[Bar], label: str, css: str = "bars") -> str:
    """A horizontal bar chart, one row per bar, the label written above its bar.

    Labels and notes are shortened so that they fit the chart's width even at the larger font
    a phone gets (an SVG clips what runs past its edge)."""
    if not rows:
        return ""
    top = max(1, max(r.total for r in rows))
    widest_note = max(len(r.note or str(r.total)) for r in rows)
    usable = WIDTH - 10 - min(widest_note, NOTE_CHARS) * PHONE_FONT * 0.6
    height = sum(ROW_H + (DETAIL_H if r.detail else 0) for r in rows)
    out = [_open(height + 4, label, css)]
    patterns = {(seg.colour, seg.pattern) for r in rows for seg in r.segments if seg.pattern}
    if patterns:
        out.append("<defs>" + "".join(_pattern(css, c, p) for c, p in sorted(patterns))
                   + "</defs>")
    y = 0
    for row in rows:
        x0 = min(row.indent, 6) * 12
        fits = LABEL_CHARS - x0 // 7
        if row.detail:  # a line of its own under the bar
            out.append(f'<text x="{x0}" y="{y + ROW_H + DETAIL_H - 6}" class="val">'
                       f'{_text(row.detail, fits)}</text>')
        out.append(f'<text x="{x0}" y="{y + 14}" class="lbl">{_text(row.label, fits)}</text>')
        x = float(x0)
        span = usable - x0
        for seg in row.segments:
            if seg.value <= 0:
                continue
            w = max(1.5, seg.value / top * span)
            fill = f"url(#{_pattern_id(css, seg.colour, seg.pattern)})" if seg.pattern \
                else seg.colour
            out.append(f'<rect x="{x:.1f}" y="{y + 18}" width="{w:.1f}" height="{BAR_H}" '
                       f'fill="{fill}"><title>{_text(row.label, 200)}: {seg.value} '
                       f'{escape(_noun(seg.label, seg.value))}</title></rect>')
            x += w
        note = row.note or str(row.total)
        out.append(f'<text x="{x + 4:.1f}" y="{y + 18 + BAR_H - 1}" class="val">'
                   f'{_text(note, NOTE_CHARS)}</text>')
        y += ROW_H + (DETAIL_H if row.detail else 0)
    out.append("</svg>")
    return "".join(out)


def _pattern_id(css: str, colour: str, pattern: str) -> str:
    return f"{css}-{pattern}-{colour.lstrip('#')}"


def _pattern(css: str, colour: str, pattern: str) -> str:
    """A fill: the colour with white diagonal hatching or white dots over it."""
    pid = _pattern_id(css, colour, pattern)
    if pattern == "hatch":
        mark = '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.6"/>'
    else:
        mark = '<circle cx="3" cy="3" r="1.3" fill="#fff"/>'
    return (f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{mark}</pattern>')


def swatch(colour: str, pattern: str = "") -> str:
    """A small square of the colour (and pattern) for a legend."""
    pid = f"sw-{pattern}-{colour.lstrip('#')}"
    fill = f"url(#{pid})" if pattern else colour
    defs = ("<defs>" + _pattern("sw", colour, pattern) + "</defs>") if pattern else ""
    return (f'<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
            f'{defs}<rect width="12" height="12" fill="{fill}"/></svg>')


def columns(items: Sequence[tuple[str, int]], label: str, colour: str = TEAL,
            css: str = "columns") -> str:
    """A vertical column chart (years): labels under the columns, values above them."""
    if not items:
        return ""
    height = 170
    base = height - 22
    top = max(1, max(v for _, v in items))
    step = WIDTH / len(items)
    w = max(2.0, min(40.0, step * 0.7))
    every = max(1, round(len(items) / 12))  # thin out labels when there are many columns
    out = [_open(height, label, css)]
    out.append(f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" class="axis"/>')
    for i, (name, value) in enumerate(items):
        h = value / top * (base - 18)
        x = i * step + (step - w) / 2
        cx = x + w / 2
        out.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{w:.1f}" height="{h:.1f}" '
                   f'fill="{colour}"><title>{_text(name)}: {value}</title></rect>')
        out.append(f'<text x="{cx:.1f}" y="{base - h - 3:.1f}" text-anchor="middle" '
                   f'class="val">{value}</text>')
        if i % every == 0:
            out.append(f'<text x="{cx:.1f}" y="{height - 6}" text-anchor="middle" '
                       f'class="lbl">{_text(name, 12)}</text>')
    out.append("</svg>")
    return "".join(out)


def line(points: Sequence[tuple[str, int]], label: str, colour: str = BLUE,
         css: str = "line") -> str:
    """A line over time (one series): first and last x labels, min and max y labels."""
    if not points:
        return ""
    height = 130
    left, right, top_pad, base = 36, WIDTH - 8, 10, height - 24
    values = [v for _, v in points]
    hi = max(values)
    lo = min(0, min(values))
    rng = max(1, hi - lo)
    n = len(points)

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + (right - left) * (i / (n - 1) if n > 1 else 0.5)
        y = base - (v - lo) / rng * (base - top_pad)
        return x, y

    coords = [xy(i, v) for i, v in enumerate(values)]
    out = [_open(height, label, css)]
    out.append(f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" class="axis"/>')
    out.append(f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end" class="val">{hi}</text>')
    out.append(f'<text x="{left - 4}" y="{base}" text-anchor="end" class="val">{lo}</text>')
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
               'stroke-linejoin="round"/>')
    for (x, y), (name, v) in zip(coords, points):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}">'
                   f'<title>{_text(name, 120)}: {v}</title></circle>')
    out.append(f'<text x="{left}" y="{height - 6}" class="lbl">{_text(points[0][0], 20)}</text>')
    if n > 1:
        out.append(f'<text x="{right}" y="{height - 6}" text-anchor="end" class="lbl">'
                   f'{_text(points[-1][0], 20)}</text>')
    out.append("</svg>")
    return "".join(out)
