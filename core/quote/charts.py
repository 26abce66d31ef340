"""Charts as SVG text, drawn once for the window, the PDF and the HTML export.

Pure string building (no Qt, no plotting library): the window shows the SVG
through QtSvg, the printed quote embeds the same picture, and a saved .svg is
exactly what was on screen. Money stays Decimal; only pixel positions are
floats. Only SVG Tiny features are used, so QtSvg draws them as browsers do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape as _html_escape

from core.model.scenario import MAX_REQUESTS_PER_MONTH, Scenario
from core.money import ZERO, exact_str, format_usd
from core.pricing.estimate import Estimate
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

Formatter = Callable[[Decimal], str]


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _clip(text: str, size: float, room: float) -> str:
    """Shorten TEXT with an ellipsis so it fits ROOM pixels."""
    if _text_width(text, size) <= room:
        return text
    keep = max(1, int(room / (size * CHAR_WIDTH)) - 1)
    return text[:keep].rstrip() + "…"


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


def _axis_label(value: Decimal) -> str:
    """Short money labels for axes: '$0', '$250', '$1.5k', '$2M'."""
    for limit, suffix in ((Decimal(1_000_000), "M"), (Decimal(1000), "k")):
        if abs(value) >= limit:
            scaled = (value / limit).normalize()
            return f"${scaled:f}{suffix}"
    if value == value.to_integral_value():
        return f"${value.to_integral_value():f}"
    return format_usd(value)


def _count_label(value: Decimal) -> str:
    for limit, suffix in ((Decimal(1_000_000), "M"), (Decimal(1000), "k")):
        if abs(value) >= limit:
            return f"{(value / limit).normalize():f}{suffix}"
    return f"{value.normalize():f}"


# Comparison: monthly cost per scenario --------------------------------------------------


def comparison_chart(
    items: Sequence[tuple[str, Decimal]],
    *,
    width: int = 720,
    height: int | None = None,
    title: str = "Monthly cost by scenario",
    money: Formatter = format_usd,
) -> str:
    """Horizontal bars, one per scenario, labelled with its monthly cost."""
    n = max(1, len(items))
    top, bottom = 40, 30
    if height is None:
        height = top + bottom + n * 34
    # Bars keep a readable thickness; extra height is left blank below rather than spread between bars.
    bar_room = min(52.0, (height - top - bottom) / n)
    bar_h = min(30.0, bar_room * 0.7)
    label_w = min(width * 0.32, max((_text_width(name, 12) for name, _ in items), default=60) + 16)
    value_w = max((_text_width(money(v), 12) for _, v in items), default=40) + 12
    left = label_w
    plot_w = max(40.0, width - left - value_w - 12)
    peak = max((v for _, v in items), default=ZERO)
    ticks = nice_ticks(peak)
    scale = plot_w / float(ticks[-1])
    body = [_text(12, 24, title, size=15, bold=True)]
    axis_y = top + n * bar_room + 6
    for tick in ticks:
        x = left + float(tick) * scale
        body.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x, axis_y + 16, _axis_label(tick), size=10, anchor="middle", fill=MUTED))
    if not items:
        body.append(_text(width / 2, top + 20, "No scenarios", anchor="middle", fill=MUTED))
    for index, (name, value) in enumerate(items):
        y = top + index * bar_room + (bar_room - bar_h) / 2
        w = max(1.0, float(value) * scale) if value > 0 else 0.0
        body.append(_text(left - 8, y + bar_h / 2 + 4, _clip(name, 12, label_w - 16), anchor="end"))
        body.append(f'<rect x="{left:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.1f}" fill="{colour(index)}"/>')
        body.append(_text(left + w + 6, y + bar_h / 2 + 4, money(value), size=12))
    body.append(f'<line x1="{left}" y1="{top - 6}" x2="{left}" y2="{axis_y}" stroke="{MUTED}" stroke-width="1"/>')
    return _svg(width, height, body, title)


def quote_chart_height(count: int) -> int:
    """Natural height of the comparison chart for COUNT scenarios."""
    return 40 + 30 + max(1, count) * 34


def markup_note(quote: Quote) -> str:
    """What a chart of OpenAI cost leaves out, for its title: the reader compares it with the price chart."""
    return f"before the {exact_str(quote.markup_percent)}% markup" if quote.has_markup else "no markup"


def quote_comparison_chart(quote: Quote, *, width: int = 720, height: int | None = None) -> str:
    """The comparison chart of a quote: what the client pays per month, markup included and said so."""
    # A figure that is an upper bound (the model chooses quality or size) is starred, and the title says why.
    items = [
        (f"* {e.scenario.name}" if e.auto_range else e.scenario.name, quote.price(e.monthly)) for e in quote.estimates
    ]
    title = "Monthly OpenAI cost by scenario (no markup)"
    if quote.has_markup:
        title = f"Monthly price by scenario (incl. {exact_str(quote.markup_percent)}% markup)"
    if any(e.auto_range for e in quote.estimates):
        title += "; * upper bound, chosen by the model"
    return comparison_chart(items, width=width, height=height or quote_chart_height(len(items)), title=title)


# Breakdown: one scenario's cost buckets ------------------------------------------------------


def breakdown_height(est: Estimate) -> int:
    """Natural height of the breakdown chart: the bar, the total and one legend line per bucket."""
    return 120 + 22 * len([line for line in est.lines if line.cost > 0] or est.lines)


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
    title = f"Monthly OpenAI cost breakdown ({note}): {est.scenario.name}"
    lines = [line for line in est.lines if line.cost > 0] or list(est.lines)
    if height is None:
        height = breakdown_height(est)
    total = est.monthly
    body = [_text(12, 24, _clip(title, 15, width - 24), size=15, bold=True)]
    left, right = 12.0, width - 12.0
    bar_y, bar_h = 40.0, 36.0
    x = left
    for index, line in enumerate(lines):
        share = float(line.cost / total) if total > 0 else 1.0 / len(lines)
        w = (right - left) * share
        body.append(f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" fill="{colour(index)}"/>')
        x += w
    bound = f" ({est.auto_range.marker})" if est.auto_range else ""
    body.append(_text(right, bar_y + bar_h + 18, f"Total {money(total)} / month{bound}", anchor="end", bold=True))
    y = bar_y + bar_h + 42
    for index, line in enumerate(lines):
        percent = (line.cost * 100 / total).quantize(Decimal("0.1")) if total > 0 else ZERO
        body.append(f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{colour(index)}"/>')
        body.append(_text(left + 20, y, _clip(line.item, 12, width * 0.5)))
        body.append(_text(right - 70, y, money(line.cost), anchor="end"))
        body.append(_text(right, y, f"{percent}%", anchor="end", fill=MUTED))
        y += 22
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
    top, bottom, right = 40.0, 28.0, width - 12.0
    peak = max((value for _, value in bars), default=ZERO)
    ticks = nice_ticks(peak, 4)
    y_labels = [_axis_label(t) for t in ticks]
    left = max(_text_width(label, 10) for label in y_labels) + 18
    plot_h = height - top - bottom
    axis_y = top + plot_h
    body = [_text(12, 24, title, size=15, bold=True)]
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
    height = height or 360
    legend_h = 20 * ((len(series) + 1) // 2)
    top, bottom = 40.0, 52.0 + legend_h
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

    body = [_text(12, 24, title, size=15, bold=True)]
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
        volume, cost = s.current
        if cost <= ticks[-1]:
            body.append(
                f'<circle cx="{px(Decimal(1)):.1f}" cy="{py(cost):.1f}" r="4.5" fill="{colour(index)}" '
                f'stroke="{PAPER}" stroke-width="1.5"/>'
            )
        column, row = index % 2, index // 2
        lx = 12 + column * (width - 24) / 2
        ly = height - legend_h + row * 20 + 2
        body.append(f'<rect x="{lx:.1f}" y="{ly - 10:.1f}" width="12" height="12" fill="{colour(index)}"/>')
        label = f"{s.name} ({money(cost)} at {_count_label(Decimal(volume))} today)"
        body.append(_text(lx + 18, ly, _clip(label, 11, (width - 24) / 2 - 24), size=11))
    return _svg(width, height, body, title)
