"""The quote as one HTML page: the HTML export and, through QTextDocument, print and PDF.

Written for paper first: point sizes, tables whose header rows repeat on
every page (``<thead>``), numbers right-aligned. It sticks to the HTML and CSS
subset Qt's rich-text engine draws, so the page a browser shows and the page
the printer gets are the same document.
"""

from __future__ import annotations

from html import escape

from core import __version__
from core.money import format_quantity, format_unit_prices
from core.pricing.estimate import Estimate
from core.pricing.sources import Citation, cited
from core.quote.charts import comparison_chart, comparison_height, quote_chart_height, quote_comparison_chart
from core.quote.quote import Quote, assumptions, format_money
from core.quote.target import PREPARED_WITH
from core.quote.text import (
    amount_text,
    converted,
    converted_text,
    header_facts,
    markup_note,
    per_image_column,
    rate_sentence,
    request_summary,
    rounding_note,
    scenario_totals,
    sheets_sentence,
    shown_yearly,
    summary_totals,
)
from core.sections import Section
from core.vocabulary import PER_DELIVERED_IMAGE

#: Where the comparison chart goes when the page is laid out by Qt (the GUI supplies the image).
CHART_RESOURCE = "imagecost-chart-comparison.png"
CHART_WIDTH = 640
#: Above this many scenarios the bar chart no longer fits a page; the summary table says it all.
MAX_CHART_SCENARIOS = 20

STYLE = """
body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #1f2328; }
h1 { font-size: 18pt; margin-top: 0px; margin-bottom: 6px; }
h2 { font-size: 13pt; margin-top: 22px; margin-bottom: 6px; }
h3 { font-size: 10.5pt; margin-top: 12px; margin-bottom: 4px; }
p { margin-top: 4px; margin-bottom: 4px; }
table { border-collapse: collapse; }
table.grid { width: 100%; }
table.grid th { background-color: #eef1f4; font-weight: bold; text-align: left;
                border-bottom: 1px solid #8c959f; padding: 4px 6px; }
table.grid td { border-bottom: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top; }
table.grid tr.total td { font-weight: bold; border-top: 1px solid #57606a; border-bottom: none; }
table.grid tr.sub td { border-bottom: none; }
table.meta td, table.facts td { padding: 1px 16px 1px 0px; vertical-align: top; }
td.label { color: #57606a; }
.num { text-align: right; white-space: nowrap; }
.muted { color: #57606a; }
.small { font-size: 8.5pt; }
.warn { color: #8a4600; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
@media print { h2, h3 { page-break-after: avoid; } }
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _num(text: str) -> str:
    return f'<td class="num" align="right">{_e(text)}</td>'


def _th(text: str, *, num: bool = False) -> str:
    # No column widths: Qt lays percentage widths out wrongly on printer devices.
    return f'<th class="num" align="right">{_e(text)}</th>' if num else f"<th>{_e(text)}</th>"


def _header(quote: Quote) -> list[str]:
    h = quote.header
    out = [f"<h1>{_e(quote.title)}</h1>", '<table class="meta" cellspacing="0">']
    for label, value in header_facts(quote):
        out.append(f'<tr><td class="label">{_e(label)}</td><td>{_e(value)}</td></tr>')
    out.append("</table>")
    if h.notes:
        paragraphs = [p.strip() for p in h.notes.split("\n\n") if p.strip()]
        out += [f"<p>{_e(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs]
    return out


def _summary(quote: Quote) -> list[str]:
    rate = quote.rate is not None
    heads = [_th("Scenario"), _th(PER_DELIVERED_IMAGE, num=True), _th("Monthly", num=True)]
    heads.append(_th("Yearly", num=True))
    if rate:
        heads.append(_th(f"Monthly ({quote.currency})", num=True))
    out = [
        "<h2>Summary</h2>",
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4">',
        "<thead><tr>" + "".join(heads) + "</tr></thead>",
        "<tbody>",
    ]
    for est, per_image in zip(quote.estimates, per_image_column(quote), strict=True):
        sc = est.scenario
        cells = [
            f'<td>{_e(sc.name)}<br/><span class="small muted">{_e(request_summary(est))}</span></td>',
            _num(per_image),
            _num(format_money(quote.shown_price(est))),
            _num(format_money(shown_yearly(quote, est))),
        ]
        if rate:
            cells.append(_num(converted(quote, quote.shown_price(est))))
        out.append("<tr>" + "".join(cells) + "</tr>")

    for row, total in enumerate(summary_totals(quote)):
        cells = [f'<td colspan="2">{_e(total.label)}</td>', _num(format_money(total.monthly))]
        cells.append(_num(format_money(total.yearly)))
        if rate:
            cells.append(_num(converted_text(quote, total.converted)))
        css = "total" if total.bottom_line or row == 0 else "sub"
        out.append(f'<tr class="{css}">' + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    if quote.has_markup:
        out.append(f'<p class="small muted">{_e(markup_note(quote))}</p>')
    out.append(f'<p class="small muted">{_e(rounding_note())}</p>')
    return out


def _scenario(quote: Quote, est: Estimate, index: int) -> list[str]:
    sc = est.scenario
    out = [f"<h2>{index}. {_e(sc.name)}</h2>", '<table class="facts" cellspacing="0">']
    for label, value in assumptions(est):
        out.append(f'<tr><td class="label">{_e(label)}</td><td>{_e(value)}</td></tr>')
    out.append("</table>")
    out += [
        "<h3>Itemised monthly cost</h3>",
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4">',
        "<thead><tr>"
        + _th("Item")
        + _th("Quantity", num=True)
        + _th("Unit")
        + _th("Unit price", num=True)
        + _th("Cost", num=True)
        + "</tr></thead>",
        "<tbody>",
    ]
    for line, unit_price in zip(est.lines, format_unit_prices([line.unit_price for line in est.lines]), strict=True):
        detail = f'<br/><span class="small muted">{_e(line.detail)}</span>' if line.detail else ""
        out.append(
            f"<tr><td>{_e(line.item)}{detail}</td>"
            + _num(format_quantity(line.quantity))
            + f"<td>{_e(line.unit)}</td>"
            + _num(unit_price)
            + _num(format_money(line.cost))
            + "</tr>"
        )

    for row, (label, usd, bottom_line, in_currency) in enumerate(scenario_totals(quote, est)):
        css = "total" if bottom_line or row == 0 else "sub"  # a rule above the first total and the bottom line
        amount = _num(amount_text(quote, usd, in_currency))
        out.append(f'<tr class="{css}"><td colspan="4">{_e(label)}</td>{amount}</tr>')
    out += ["</tbody>", "</table>"]
    return out


def section_chart(section: Section) -> tuple[str, str, int] | None:
    """A section's chart: the image name Qt resolves it by, its SVG and height (None: no chart)."""
    if not section.chart:
        return None
    height = comparison_height([name for name, _ in section.chart], CHART_WIDTH, section.chart_title)
    svg = comparison_chart(section.chart, width=CHART_WIDTH, height=height, title=section.chart_title)
    return f"imagecost-chart-{section.key}.png", svg, height


def _section(section: Section, *, inline_chart: bool = True) -> list[str]:
    out = [f"<h2>{_e(section.title)}</h2>"]
    out += [f"<p>{_e(text)}</p>" for text in section.paragraphs]
    for table in section.tables:
        out += [f"<h3>{_e(table.caption)}</h3>", '<table class="grid" width="100%" cellspacing="0" cellpadding="4">']
        words = table.text_columns
        out.append(
            "<thead><tr>" + "".join(_th(h, num=i not in words) for i, h in enumerate(table.headers)) + "</tr></thead>"
        )
        out.append("<tbody>")
        for row in table.rows:
            cells = (f"<td>{_e(cell)}</td>" if i in words else _num(cell) for i, cell in enumerate(row))
            out.append("<tr>" + "".join(cells) + "</tr>")
        out += ["</tbody>", "</table>"]
    chart = section_chart(section)
    if chart is not None:
        name, svg, height = chart
        image = f'<img src="{_e(name)}" width="{CHART_WIDTH}" height="{height}"/>'
        out.append(f"<p>{svg if inline_chart else image}</p>")
    if section.notes:
        out.append('<ul class="small">' + "".join(f"<li>{_e(note)}</li>" for note in section.notes) + "</ul>")
    return out


def _citation(source: Citation | str) -> str:
    """A citation with its address as a link a reader can follow; a person's own text stays plain text."""
    if isinstance(source, str):
        return _e(source)
    text = _e(source.text)
    if not source.url:
        return text
    url = _e(source.url)
    return text.replace(url, f'<a href="{url}">{url}</a>', 1)


def _provenance(quote: Quote) -> list[str]:
    out = ["<h2>Prices and sources</h2>"]
    out.append(f"<p>{_e(sheets_sentence(quote))}</p>")
    sources = cited(quote.sources)
    if sources:
        out.append('<p class="small">Sources:</p>')
        out.append('<ul class="small">' + "".join(f"<li>{_citation(s)}</li>" for s in sources) + "</ul>")
    rate = rate_sentence(quote)
    if rate is not None:
        out.append(f"<p>{_e(rate)}</p>")
    notes = quote.notes
    if notes:
        out.append("<h3>Notes and warnings</h3>")
        out.append("<ul>" + "".join(f'<li class="warn">{_e(n.text())}</li>' for n in notes) + "</ul>")
    out.append(
        f'<p class="small muted">{PREPARED_WITH} {_e(__version__)}. '
        "Estimates only: OpenAI bills actual usage at the prices in force when it happens.</p>"
    )
    return out


def quote_html(quote: Quote, *, chart_src: str | None = None) -> str:
    """The whole quote as an HTML page.

    With ``chart_src=None`` the comparison chart is inline SVG (browsers);
    otherwise an ``<img>`` pointing at CHART_SRC, which Qt resolves to an image.
    """
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"/>',
        f"<title>{_e(quote.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        *_header(quote),
        *_summary(quote),
    ]
    if 1 < len(quote.estimates) <= MAX_CHART_SCENARIOS:
        if chart_src is None:
            out.append(f"<p>{quote_comparison_chart(quote, width=CHART_WIDTH)}</p>")
        else:
            height = quote_chart_height(quote, CHART_WIDTH)
            out.append(f'<p><img src="{_e(chart_src)}" width="{CHART_WIDTH}" height="{height}"/></p>')
    for index, est in enumerate(quote.estimates, start=1):
        out += _scenario(quote, est, index)
    for section in quote.sections:
        out += _section(section, inline_chart=chart_src is None)
    out += _provenance(quote)
    out.append("</body></html>")
    return "\n".join(out)
