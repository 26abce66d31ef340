"""Charts as SVG text, drawn once for the window, the PDF and the HTML export.

Pure string building (no Qt, no plotting library): the window shows the SVG
through QtSvg, the printed quote embeds the same picture, and a saved .svg is
exactly what was on screen. Money stays Decimal; only pixel positions are
floats. Only SVG Tiny features are used, so QtSvg draws them as browsers do.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape as _html_escape
from typing import Any

from core.model.scenario import MAX_REQUESTS_PER_MONTH, Scenario
from core.money import ZERO, exact_str, format_usd
from core.pricing.estimate import Estimate, LineItem
from core.pricing.volumes import GrowthSeries
from core.quote.quote import Quote

#: Okabe-Ito colours: told apart by people with colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT = "Helvetica, Arial, sans-serif"
INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
#: The chart's paper; the window recolours it (with INK, MUTED and GRID) from its palette on screen.
PAPER = "#ffffff"
CHAR_WIDTH = 0.58  # average glyph width / font size, for laying out text without font metrics
TITLE_SIZE = 15

Formatter = Callable[[Decimal], str]


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _wrap(text: str, size: float, room: float) -> list[str]:
    """TEXT in lines that fit ROOM pixels: broken at spaces, a word longer than a line split, nothing cut.

    A name a client reads in the quote ("Social thumbnails - Mini low") is never shortened with "..."."""
    per_line = max(1, int(room / (size * CHAR_WIDTH)))
    return textwrap.wrap(text, per_line, break_on_hyphens=False) or [text]


def line_height(size: float) -> float:
    return round(size * 1.25, 1)


def _lines(x: float, y: float, lines: Sequence[str], *, size: float = 12, **style: Any) -> list[str]:
    """One <text> per line from the baseline Y down (SVG Tiny has no line breaks in text)."""
    return [_text(x, y + i * line_height(size), line, size=size, **style) for i, line in enumerate(lines)]


def _title_drop(title: str, width: int) -> float:
    """How much lower than one line the wrapped title ends: the plot starts that much lower."""
    return (len(_wrap(title, TITLE_SIZE, width - 24)) - 1) * line_height(TITLE_SIZE)


def _title(title: str, width: int) -> list[str]:
    """The chart's bold title, wrapped to its width."""
    return _lines(12, 24, _wrap(title, TITLE_SIZE, width - 24), size=TITLE_SIZE, bold=True)


def escape(text: str) -> str:
    """Escape &, < and > for SVG text, as xml.sax.saxutils.escape does.

    html.escape rather than saxutils: saxutils imports urllib.request, and with
    it http.client, ssl and email, some 10 ms of the window's start-up.
    """
    return _html_escape(text, quote=False)


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
            f"<title>{escape(title)}</title>",
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="{PAPER}"/>',
            *body,
            "</svg>",
        ]
    )


def _text(
    x: float, y: float, text: str, *, size: float = 12, anchor: str = "start", fill: str = INK, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size:g}" fill="{fill}" '
        f'text-anchor="{anchor}"{weight}>{escape(text)}</text>'
    )


def nice_ticks(top: Decimal, count: int = 5) -> list[Decimal]:
    """Round axis ticks from 0 to at least TOP: steps of 1, 2, 2.5 or 5 x 10^k."""
    if top <= 0:
        return [ZERO, Decimal(1)]
    raw = top / count
    exponent = raw.adjusted()
    for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        step = mantissa.scaleb(exponent)
        if step >= raw:
            break
    ticks = [ZERO]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def _thousands(value: Decimal) -> str | None:
    """VALUE in thousands or millions, '1.5k', '2M'; None under a thousand."""
    for limit, suffix in ((Decimal(1_000_000), "M"), (Decimal(1000), "k")):
        if abs(value) >= limit:
            return f"{(value / limit).normalize():f}{suffix}"
    return None


def _axis_label(value: Decimal) -> str:
    """Short money labels for axes: '$0', '$250', '$1.5k', '$2M'."""
    if (short := _thousands(value)) is not None:
        return f"${short}"
    if value == value.to_integral_value():
        return f"${value.to_integral_value():f}"
    return format_usd(value)


def _count_label(value: Decimal) -> str:
    short = _thousands(value)
    return short if short is not None else f"{value.normalize():f}"


# Comparison: monthly cost per scenario --------------------------------------------------


#: The comparison chart's name column: at most this share of its width (longer names wrap onto more lines).
LABEL_SHARE = 0.36
ROW_HEIGHT = 34


def _comparison_labels(names: Sequence[str], width: int) -> tuple[float, list[list[str]]]:
    """The name column's width and each name's lines in it."""
    label_w = min(width * LABEL_SHARE, max((_text_width(name, 12) for name in names), default=60) + 16)
    return label_w, [_wrap(name, 12, label_w - 16) for name in names]


def _row_heights(labels: list[list[str]], room: float = ROW_HEIGHT) -> list[float]:
    return [max(room, len(lines) * line_height(12) + 14) for lines in labels]


def comparison_height(names: Sequence[str], width: int = 720, title: str = "") -> int:
    """Natural height of the comparison chart of NAMES at WIDTH: a row per name, taller where one wraps."""
    _label_w, labels = _comparison_labels(names, width)
    return math.ceil(40 + 30 + _title_drop(title, width) + sum(_row_heights(labels or [[""]])))


def comparison_chart(
    items: Sequence[tuple[str, Decimal]],
    *,
    width: int = 720,
    height: int | None = None,
    title: str = "Monthly cost by scenario",
    money: Formatter = format_usd,
) -> str:
    """Horizontal bars, one per scenario, labelled with its monthly cost; long names wrap, never cut.

    HEIGHT None (or less than the chart needs) is its natural height (:func:`comparison_height`)."""
    n = max(1, len(items))
    natural = comparison_height([name for name, _ in items], width, title)
    height = max(height or natural, natural)
    top, bottom = 40 + _title_drop(title, width), 30
    label_w, labels = _comparison_labels([name for name, _ in items], width)
    # Bars keep a readable thickness; extra height is left blank below rather than spread between bars.
    rows = _row_heights(labels, min(52.0, max(ROW_HEIGHT, (height - top - bottom) / n)))
    bar_h = min(30.0, min(rows, default=ROW_HEIGHT) * 0.7)
    value_w = max((_text_width(money(v), 12) for _, v in items), default=40) + 12
    left = label_w
    plot_w = max(40.0, width - left - value_w - 12)
    peak = max((v for _, v in items), default=ZERO)
    ticks = nice_ticks(peak)
    scale = plot_w / float(ticks[-1])
    body = _title(title, width)
    axis_y = top + sum(rows or [ROW_HEIGHT]) + 6
    for tick in ticks:
        x = left + float(tick) * scale
        body.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x, axis_y + 16, _axis_label(tick), size=10, anchor="middle", fill=MUTED))
    if not items:
        body.append(_text(width / 2, top + 20, "No scenarios", anchor="middle", fill=MUTED))
    row_top = top
    for index, ((_name, value), lines, room) in enumerate(zip(items, labels, rows, strict=True)):
        y = row_top + (room - bar_h) / 2
        w = max(1.0, float(value) * scale) if value > 0 else 0.0
        first = row_top + room / 2 + 4 - (len(lines) - 1) * line_height(12) / 2  # the lines centred on the bar
        body += _lines(left - 8, first, lines, anchor="end")
        body.append(f'<rect x="{left:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.1f}" fill="{colour(index)}"/>')
        body.append(_text(left + w + 6, y + bar_h / 2 + 4, money(value), size=12))
        row_top += room
    body.append(f'<line x1="{left}" y1="{top - 6}" x2="{left}" y2="{axis_y}" stroke="{MUTED}" stroke-width="1"/>')
    return _svg(width, height, body, title)


def markup_note(quote: Quote) -> str:
    """What a chart of OpenAI cost leaves out, for its title: the reader compares it with the price chart."""
    return f"before the {exact_str(quote.markup_percent)}% markup" if quote.has_markup else "no markup"


def quote_comparison_items(quote: Quote) -> list[tuple[str, Decimal]]:
    """Each scenario's name and what the client pays a month; a figure that is an upper bound is starred."""
    return [
        (f"* {e.scenario.name}" if e.auto_range else e.scenario.name, quote.price(e.monthly)) for e in quote.estimates
    ]


def quote_comparison_title(quote: Quote) -> str:
    title = "Monthly OpenAI cost by scenario (no markup)"
    if quote.has_markup:
        title = f"Monthly price by scenario (incl. {exact_str(quote.markup_percent)}% markup)"
    if any(e.auto_range for e in quote.estimates):
        title += "; * upper bound, chosen by the model"
    return title


def quote_chart_height(quote: Quote, width: int = 720) -> int:
    """Natural height of the quote's comparison chart at WIDTH (a name that wraps makes it taller)."""
    names = [name for name, _ in quote_comparison_items(quote)]
    return comparison_height(names, width, quote_comparison_title(quote))


def quote_comparison_chart(quote: Quote, *, width: int = 720, height: int | None = None) -> str:
    """The comparison chart of a quote: what the client pays per month, markup included and said so."""
    items, title = quote_comparison_items(quote), quote_comparison_title(quote)
    return comparison_chart(items, width=width, height=height, title=title)


# Breakdown: one scenario's cost buckets ------------------------------------------------------


def _breakdown_lines(est: Estimate) -> list[LineItem]:
    return [line for line in est.lines if line.cost > 0] or list(est.lines)


def _breakdown_title(est: Estimate, note: str) -> str:
    return f"Monthly OpenAI cost breakdown ({note}): {est.scenario.name}"


def _legend_labels(est: Estimate, width: int) -> list[list[str]]:
    return [_wrap(line.item, 12, width * 0.5) for line in _breakdown_lines(est)]


def breakdown_height(est: Estimate, width: int = 720, note: str = "no markup") -> int:
    """Natural height of the breakdown chart: the title, the bar, the total and the legend (a line per bucket)."""
    legend = sum(22 + (len(lines) - 1) * line_height(12) for lines in _legend_labels(est, width))
    return math.ceil(120 + _title_drop(_breakdown_title(est, note), width) + legend)


def breakdown_chart(
    est: Estimate,
    *,
    width: int = 720,
    height: int | None = None,
    money: Formatter = format_usd,
    note: str = "no markup",
) -> str:
    """One stacked bar of the scenario's line items, with a legend giving each share.

    NOTE says in the title what the figures leave out (the quote's markup: see :func:`markup_note`)."""
    title = _breakdown_title(est, note)
    lines = _breakdown_lines(est)
    height = max(height or 0, breakdown_height(est, width, note))
    total = est.monthly
    body = _title(title, width)
    left, right = 12.0, width - 12.0
    bar_y, bar_h = 40.0 + _title_drop(title, width), 36.0
    x = left
    for index, line in enumerate(lines):
        share = float(line.cost / total) if total > 0 else 1.0 / len(lines)
        w = (right - left) * share
        body.append(f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" fill="{colour(index)}"/>')
        x += w
    bound = f" ({est.auto_range.marker})" if est.auto_range else ""
    body.append(_text(right, bar_y + bar_h + 18, f"Total {money(total)} / month{bound}", anchor="end", bold=True))
    y = bar_y + bar_h + 42
    for index, (line, label) in enumerate(zip(lines, _legend_labels(est, width), strict=True)):
        percent = (line.cost * 100 / total).quantize(Decimal("0.1")) if total > 0 else ZERO
        body.append(f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{colour(index)}"/>')
        body += _lines(left + 20, y, label)
        body.append(_text(right - 70, y, money(line.cost), anchor="end"))
        body.append(_text(right, y, f"{percent}%", anchor="end", fill=MUTED))
        y += 22 + (len(label) - 1) * line_height(12)
    return _svg(width, height, body, title)


# Bars: one value per period (the growth projection's twelve months) ------------------------------------

#: The first bar (this month) is lighter, as the projection starts from today's volume.
FIRST_BAR = "#8fb3ea"
BAR = "#3d7bd9"


def bar_chart(
    bars: Sequence[tuple[str, Decimal]],
    *,
    width: int = 720,
    height: int | None = None,
    title: str = "Monthly cost",
    money: Formatter = format_usd,
) -> str:
    """Vertical bars over round money ticks; each bar labelled with its value where there is room.

    HEIGHT None is the chart's natural height (260), what a copied or saved chart uses."""
    height = height or 260
    top, bottom, right = 40.0 + _title_drop(title, width), 28.0, width - 12.0
    peak = max((value for _, value in bars), default=ZERO)
    ticks = nice_ticks(peak, 4)
    y_labels = [_axis_label(t) for t in ticks]
    left = max(_text_width(label, 10) for label in y_labels) + 18
    plot_h = height - top - bottom
    axis_y = top + plot_h
    body = _title(title, width)
    for tick, label in zip(ticks, y_labels, strict=True):
        y = axis_y - plot_h * float(tick / ticks[-1])
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(left - 6, y + 4, label, size=10, anchor="end", fill=MUTED))
    if not bars:
        body.append(_text((left + right) / 2, top + plot_h / 2, "No scenarios", anchor="middle", fill=MUTED))
        return _svg(width, height, body, title)
    slot = (right - left) / len(bars)
    value_labels = [money(value) for _, value in bars]
    label_all = max(_text_width(text, 10) for text in value_labels) + 4 <= slot
    every = max(1, math.ceil((_text_width("Dec 26", 10) + 6) / slot))  # label every n-th bar when they are narrow
    for index, (label, value) in enumerate(bars):
        bar_h = plot_h * float(value / ticks[-1])
        x = left + slot * index + slot * 0.15
        fill = FIRST_BAR if index == 0 else BAR
        body.append(
            f'<rect x="{x:.1f}" y="{axis_y - bar_h:.1f}" width="{slot * 0.7:.1f}" height="{bar_h:.1f}" fill="{fill}"/>'
        )
        centre = left + slot * (index + 0.5)
        if label_all or index in (0, len(bars) - 1):
            body.append(_text(centre, axis_y - bar_h - 4, value_labels[index], size=10, anchor="middle"))
        if index % every == 0:
            body.append(_text(centre, axis_y + 16, label, size=10, anchor="middle", fill=MUTED))
    body.append(f'<line x1="{left}" y1="{axis_y:.1f}" x2="{right}" y2="{axis_y:.1f}" stroke="{MUTED}"/>')
    return _svg(width, height, body, title)


# Growth: cost as volume grows, a line per scenario ----------------------------------------------------

AXIS_RELATIVE = "Requests per month, relative to each scenario's own (1× = today)"


def growth_factors(steps: int = 10) -> list[Decimal]:
    """Each scenario's volume times these (0 to 2): every line spans its own range, from nothing to double."""
    return [Decimal(2) * i / steps for i in range(steps + 1)]


def growth_volumes(scenario: Scenario, factors: Sequence[Decimal]) -> list[int]:
    """The request volumes SCENARIO is priced at: its own volume times each factor (capped at the maximum)."""
    return [min(int(scenario.requests_per_month * f), MAX_REQUESTS_PER_MONTH) for f in factors]


def _factor_label(value: Decimal) -> str:
    return f"{value.normalize():f}×"


def _growth_label(s: GrowthSeries, money: Formatter) -> str:
    volume, cost = s.current
    return f"{s.name} ({money(cost)} at {_count_label(Decimal(volume))} today)"


def growth_chart(
    series: Sequence[GrowthSeries],
    *,
    width: int = 720,
    height: int | None = None,
    title: str = "Monthly cost as volume grows",
    money: Formatter = format_usd,
) -> str:
    """A line per scenario over its volume relative to today's (0× to 2×); a dot marks today (1×).

    Relative volume, not requests, on the x axis: a shared request axis priced a 400-a-month scenario
    at the largest one's volumes, so it towered over them. HEIGHT None is the natural height (360)."""
    labels = [_wrap(_growth_label(s, money), 11, (width - 24) / 2 - 24) for s in series]
    # The legend in two columns; a row is as tall as its longer label.
    legend_rows = [max(len(lines) for lines in labels[i : i + 2]) for i in range(0, len(labels), 2)]
    legend_h = sum(6 + n * line_height(11) for n in legend_rows)
    height = max(height or 360, math.ceil(200 + legend_h))
    top, bottom = 40.0 + _title_drop(title, width), 52.0 + legend_h
    peak = max((c for s in series for _, c in s.points), default=ZERO)
    ticks = nice_ticks(peak)
    y_labels = [_axis_label(t) for t in ticks]
    left = max(_text_width(label, 10) for label in y_labels) + 20
    right = width - 16.0
    plot_h = height - top - bottom
    x_ticks = [Decimal(i) / 2 for i in range(5)]  # 0×, 0.5×, 1×, 1.5×, 2×

    def px(factor: Decimal) -> float:
        return left + (right - left) * float(factor) / float(x_ticks[-1])

    def relative(s: GrowthSeries, index: int, volume: int) -> Decimal:
        today = s.current[0]
        if today > 0:
            return Decimal(volume) / today
        return x_ticks[-1] * index / max(1, len(s.points) - 1)

    def py(cost: Decimal) -> float:
        return top + plot_h - plot_h * float(cost / ticks[-1])

    body = _title(title, width)
    for tick, label in zip(ticks, y_labels, strict=True):
        y = py(tick)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(left - 6, y + 4, label, size=10, anchor="end", fill=MUTED))
    axis_y = top + plot_h
    for tick in x_ticks:
        body.append(_text(px(tick), axis_y + 16, _factor_label(tick), size=10, anchor="middle", fill=MUTED))
    body.append(_text((left + right) / 2, axis_y + 34, AXIS_RELATIVE, size=11, anchor="middle", fill=MUTED))
    body.append(f'<line x1="{left}" y1="{axis_y:.1f}" x2="{right}" y2="{axis_y:.1f}" stroke="{MUTED}"/>')
    if not series:
        body.append(_text((left + right) / 2, top + plot_h / 2, "No scenarios", anchor="middle", fill=MUTED))
    for index, s in enumerate(series):
        points = " ".join(f"{px(relative(s, i, v)):.1f},{py(c):.1f}" for i, (v, c) in enumerate(s.points))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour(index)}" stroke-width="2.5"/>')
        cost = s.current[1]
        if cost <= ticks[-1]:
            body.append(
                f'<circle cx="{px(Decimal(1)):.1f}" cy="{py(cost):.1f}" r="4.5" fill="{colour(index)}" '
                f'stroke="{PAPER}" stroke-width="1.5"/>'
            )
        column, row = index % 2, index // 2
        lx = 12 + column * (width - 24) / 2
        ly = height - legend_h + sum(6 + n * line_height(11) for n in legend_rows[:row]) + 8
        body.append(f'<rect x="{lx:.1f}" y="{ly - 10:.1f}" width="12" height="12" fill="{colour(index)}"/>')
        body += _lines(lx + 18, ly, labels[index], size=11)
    return _svg(width, height, body, title)
