"""Charts as SVG, drawn on the server from numbers: for the admin's dashboard and inside PDFs.

Pure functions: the same numbers give the same bytes. No script, no external reference, every
label escaped, so a chart is safe to inline in a page or hand to WeasyPrint. Each chart carries a
<title> and a <desc> listing its numbers, for screen readers; pages show the table beside it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from shared import formats

FONT = "font-family=\"'Source Sans Pro', 'Source Sans 3', sans-serif\""
INK, MUTED, GRID = "#1f2937", "#4b5563", "#e5e7eb"
NO_DATA = "Belum ada data / No data yet"  # callers pass their own words as `empty`
PALETTE = ("#1d4ed8", "#059669", "#b45309", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown after the value, e.g. "3 dari 5"


def _number(value: float, language: str = "id") -> str:
    """ "1.234" / "7,25" in Indonesian, "1,234" / "7.25" in English."""
    return formats.number(value, language, None if float(value).is_integer() else 2)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    """A label as XML text: escaped, without the characters XML 1.0 cannot carry at all."""
    return escape(_NOT_XML.sub("", value))


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frame(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" {FONT} font-size="12">',
            f"<title>{_text(title)}</title>",
            f"<desc>{_text(desc)}</desc>",
            *body,
            "</svg>",
        ]
    )


def bar_chart(
    bars: Sequence[Bar],
    title: str,
    *,
    width: int = 640,
    label_width: int = 200,
    row: int = 22,
    maximum: float | None = None,
    language: str = "id",
    empty: str = NO_DATA,
) -> str:
    """Horizontal bars, one per row, longest scaled to the space left of the labels; `empty`
    said when there is none."""
    top = max((b.value for b in bars), default=0.0)
    scale_to = maximum if maximum is not None else top
    plot = width - label_width - 90
    height = max(row * len(bars) + 12, 40)
    body: list[str] = []
    if not bars:
        body.append(f'<text x="8" y="24" fill="{MUTED}">{_text(empty)}</text>')
    for i, bar in enumerate(bars):
        y = 6 + i * row
        length = 0.0 if scale_to <= 0 else max(0.0, min(1.0, bar.value / scale_to)) * plot
        colour = PALETTE[i % len(PALETTE)] if len(bars) <= len(PALETTE) else PALETTE[0]
        label = _fit(bar.label, label_width // 7)
        shown = _number(bar.value, language) + (f" ({bar.note})" if bar.note else "")
        body += [
            f'<text x="{label_width - 8}" y="{y + row * 0.65:.1f}" text-anchor="end" '
            f'fill="{INK}">{_text(label)}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{colour}" rx="2"><title>{_text(bar.label)}: {_text(shown)}</title></rect>',
            f'<text x="{label_width + length + 6:.1f}" y="{y + row * 0.65:.1f}" '
            f'fill="{MUTED}">{_text(shown)}</text>',
        ]
    desc = "; ".join(f"{b.label}: {_number(b.value, language)}" for b in bars) or "no data"
    return _frame(width, height, title, desc, body)


def histogram(
    values: Sequence[float],
    title: str,
    *,
    low: float,
    high: float,
    bins: int = 10,
    width: int = 640,
    height: int = 220,
    language: str = "id",
    empty: str = NO_DATA,
) -> str:
    """How many values fall in each of `bins` equal steps from `low` to `high`; with no value,
    `empty` alone (empty axes read as a chart of zeros)."""
    if not values:
        return _frame(width, 40, title, "no data",
                      [f'<text x="8" y="24" fill="{MUTED}">{_text(empty)}</text>'])  # fmt: skip
    counts = [0] * bins
    step = (high - low) / bins if high > low else 1.0
    for value in values:
        if math.isfinite(value) and low <= value <= high:
            counts[min(int((value - low) / step), bins - 1)] += 1
    top = max(counts, default=0)
    left, bottom, plot_h = 40, height - 28, height - 48
    column = (width - left - 10) / bins
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="{GRID}"/>',
        f'<text x="{left - 6}" y="{bottom - plot_h + 4}" text-anchor="end" '
        f'fill="{MUTED}">{top}</text>',
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end" fill="{MUTED}">0</text>',
    ]
    for i, count in enumerate(counts):
        h = 0.0 if top == 0 else count / top * plot_h
        x = left + i * column
        start = low + i * step
        body.append(
            f'<rect x="{x + 2:.1f}" y="{bottom - h:.1f}" width="{column - 4:.1f}" '
            f'height="{h:.1f}" fill="{PALETTE[0]}"><title>{_number(start, language)}–'
            f"{_number(start + step, language)}: {count}</title></rect>"
        )
        body.append(
            f'<text x="{x + column / 2:.1f}" y="{bottom + 16}" text-anchor="middle" '
            f'fill="{MUTED}" font-size="10">{_number(start, language)}</text>'
        )
    desc = ", ".join(
        f"{_number(low + i * step, language)}–{_number(low + (i + 1) * step, language)}: {c}"
        for i, c in enumerate(counts)
    )
    return _frame(width, height, title, f"{len(values)} values; {desc}", body)


def progress_chart(
    rows: Sequence[tuple[str, int, int]], title: str, *, width: int = 640, empty: str = NO_DATA
) -> str:
    """Per row, `done` of `total` as a filled share of a track (review progress per evaluator)."""
    label_width, row = 200, 22
    plot = width - label_width - 90
    height = max(row * len(rows) + 12, 40)
    body: list[str] = []
    for i, (label, done, total) in enumerate(rows):
        y = 6 + i * row
        share = 0.0 if total <= 0 else min(1.0, done / total)
        text = f"{done}/{total}"
        body += [
            f'<text x="{label_width - 8}" y="{y + row * 0.65:.1f}" text-anchor="end" '
            f'fill="{INK}">{_text(_fit(label, label_width // 7))}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{plot}" height="{row - 8}" '
            f'fill="{GRID}" rx="2"/>',
            f'<rect x="{label_width}" y="{y + 3}" width="{share * plot:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[1]}" rx="2"><title>{_text(label)}: {text}</title></rect>',
            f'<text x="{label_width + plot + 6}" y="{y + row * 0.65:.1f}" '
            f"fill={quoteattr(MUTED)}>{text}</text>",
        ]
    if not rows:
        body.append(f'<text x="8" y="24" fill="{MUTED}">{_text(empty)}</text>')
    desc = "; ".join(f"{label}: {d} of {t}" for label, d, t in rows) or "no data"
    return _frame(width, height, title, desc, body)
