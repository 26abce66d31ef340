"""The quote as Markdown: for a wiki page, a ticket or an e-mail."""

from __future__ import annotations

import re

from core import __version__
from core.money import format_quantity, format_unit_prices
from core.pricing.estimate import Estimate
from core.pricing.sources import source_citations
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

#: Characters that start Markdown or HTML anywhere in a line: escaped in every text, so a name like
#: ``<img src=x>``, ``[a](javascript:x)`` or ``*bold*`` comes out as the characters typed (issue 17).
_INLINE = re.compile(r"([\\`*_\[\]#|~])")
#: What starts a block at the beginning of a line: a heading, quote, list item, rule or code.
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")


def _md(text: str) -> str:
    """TEXT (from a file: a name, a title, a sheet's source) as inert inline Markdown on one line."""
    text = " ".join(text.split())  # no newline can start a block, no indentation a code block
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def _md_line(text: str) -> str:
    """TEXT as inert Markdown that may begin a line or a list item's text ('- x' stays text)."""
    return _LINE_START.sub(r"\\\1", _md(text))


def _md_lines(text: str) -> str:
    """Multi-line TEXT (the quote's notes) as inert Markdown, one hard-broken line per line."""
    lines = [_md_line(line) for line in text.strip().splitlines()]
    return "  \n".join(line for line in lines if line)


def _cell(text: str) -> str:
    return _md(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _summary(quote: Quote) -> list[str]:
    rate = quote.rate is not None
    head = ["Scenario", "Model", PER_DELIVERED_IMAGE, "Monthly", "Yearly"]
    head += [f"Monthly ({quote.currency})"] if rate else []
    out = ["## Summary", "", _row(head), "| " + " | ".join(["---", "---"] + ["---:"] * (len(head) - 2)) + " |"]
    for est, per_image in zip(quote.estimates, per_image_column(quote), strict=True):
        sc = est.scenario
        cells = [
            sc.name,
            request_summary(est),
            per_image,
            format_money(quote.shown_price(est)),
            format_money(shown_yearly(quote, est)),
        ]
        if rate:
            cells.append(converted(quote, quote.shown_price(est)))
        out.append(_row(cells))

    for total in summary_totals(quote):
        label = f"**{_md(total.label)}**" if total.bottom_line else _md(total.label)
        cells = [_md(format_money(total.monthly)), _md(format_money(total.yearly))]
        if rate:
            cells.append(_md(converted_text(quote, total.converted)))
        out.append("| " + " | ".join([label, "", "", *cells]) + " |")
    if quote.has_markup:
        out += ["", _md(markup_note(quote))]
    out += ["", _md(rounding_note())]
    return out


def _scenario(quote: Quote, est: Estimate, index: int) -> list[str]:
    out = [f"## {index}. {_md(est.scenario.name)}", ""]
    out += [f"- **{_md(label)}:** {_md(value)}" for label, value in assumptions(est)]
    out += ["", _row(["Item", "Quantity", "Unit", "Unit price", "Cost"]), "| --- | ---: | --- | ---: | ---: |"]
    for line, unit_price in zip(est.lines, format_unit_prices([line.unit_price for line in est.lines]), strict=True):
        item = f"{line.item} ({line.detail})" if line.detail else line.item
        out.append(
            _row(
                [
                    item,
                    format_quantity(line.quantity),
                    line.unit,
                    unit_price,
                    format_money(line.cost),
                ]
            )
        )
    out.append("")
    for label, usd, bottom_line, in_currency in scenario_totals(quote, est):
        text = _md(f"{label}: {amount_text(quote, usd, in_currency)}")
        out.append(f"- **{text}**" if bottom_line else f"- {text}")
    return out


def _section(section: Section) -> list[str]:
    """A section added to the quote (e.g. actual usage): its text may name files and scenarios, so
    every piece is escaped like the rest."""
    out = [f"## {_md(section.title)}"]
    for text in section.paragraphs:
        out += ["", _md(text)]
    for table in section.tables:
        out += ["", f"### {_md(table.caption)}", "", _row(list(table.headers))]
        align = ("---" if i in table.text_columns else "---:" for i in range(len(table.headers)))
        out.append("|" + "|".join(align) + "|")
        out += [_row(list(row)) for row in table.rows]
    if section.notes:
        out += ["", *[f"- {_md(note)}" for note in section.notes]]
    return out


def quote_markdown(quote: Quote) -> str:
    """The whole quote as a Markdown document."""
    h = quote.header
    out = [f"# {_md(quote.title)}", ""]
    out += [f"- **{_md(label)}:** {_md(value)}" for label, value in header_facts(quote)]
    if h.notes:
        out += ["", _md_lines(h.notes)]
    out.append("")
    out += _summary(quote)
    for index, est in enumerate(quote.estimates, start=1):
        out += ["", *_scenario(quote, est, index)]
    for section in quote.sections:
        out += ["", *_section(section)]
    out += ["", "## Prices and sources", ""]
    out.append(_md(sheets_sentence(quote)))
    cited = source_citations(quote.sources)
    if cited:
        out += ["", "Sources:", "", *(f"- {_md_line(text)}" for text in cited)]
    rate = rate_sentence(quote)
    if rate is not None:
        out += ["", _md(rate)]
    if quote.notes:
        out += ["", "### Notes and warnings", ""]
        out += [f"- {_md_line(note.text())}" for note in quote.notes]
    out += ["", f"_{PREPARED_WITH} {_md(__version__)}._"]
    return "\n".join(out) + "\n"
