"""The quote as CSV: one row per line item, numbers as plain numbers a spreadsheet sums.

Each scenario's line items are followed by its total row, and the last scenario by the
grand total. The first column (``row``: line, scenario total, grand total) and ``item``
= ``Total`` tell the totals apart, so a spreadsheet filtered to ``line`` sums without
counting a figure twice. A total is the exact sum of the figures above it, so the lines
add up to it to the last digit. A quote section (plan against actual usage) follows as
a block of its own below.

No currency signs, no thousands separators, full precision (exact decimal
text). Markup and converted columns appear only when the quote has them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core.money import exact_str, exact_sum
from core.pricing.estimate import Estimate, priced_lines
from core.pricing.sources import source_citation
from core.quote.quote import Quote
from core.sections import Section

#: Excel reads UTF-8 CSV correctly only with a byte-order mark.
BOM = "\ufeff"
#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"), with
#: line feed and the full-width forms some spreadsheets also take.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: The ``row`` column: what kind of row it is, so a spreadsheet can filter the totals out.
LINE_ROW = "line"
SCENARIO_TOTAL_ROW = "scenario total"
GRAND_TOTAL_ROW = "grand total"
#: The ``item`` of a total row.
TOTAL_ITEM = "Total"


def _text(value: str) -> str:
    """Text a spreadsheet must not run as a formula (CSV injection): prefixed with an apostrophe.

    Every text cell goes through here, not only the ones thought to come from a file: quality,
    size, unit and the price sheet's name came from a sheet too (issue 17).
    """
    return "'" + value if value.lstrip(" ").startswith(FORMULA_STARTS) else value


def quote_csv_header(quote: Quote) -> list[str]:
    header = ["row", "scenario", "item", "quantity", "unit", "unit_price_usd", "monthly_cost_usd"]
    if quote.has_markup:
        header += ["markup_percent", "monthly_price_usd"]
    if quote.rate is not None:
        header += [f"monthly_price_{quote.currency.lower()}", "exchange_rate"]
    return [*header, "model", "quality", "size", "detail", "source", "price_sheet", "checked"]


@dataclass(frozen=True, slots=True)
class _Money:
    """The money cells of one row: cost, price with markup, price in the display currency."""

    cost: Decimal
    price: Decimal
    converted: Decimal | None

    @classmethod
    def of(cls, quote: Quote, cost: Decimal) -> _Money:
        price = quote.price(cost)
        return cls(cost, price, quote.convert(price))

    @classmethod
    def total(cls, parts: Sequence[_Money]) -> _Money:
        """The exact sums of PARTS, so the rows above add up to it to the last digit."""
        converted = [p.converted for p in parts if p.converted is not None]
        return cls(
            exact_sum(p.cost for p in parts),
            exact_sum(p.price for p in parts),
            exact_sum(converted) if len(converted) == len(parts) and parts else None,
        )

    def cells(self, quote: Quote) -> list[str]:
        row = [exact_str(self.cost)]
        if quote.has_markup:
            row += [exact_str(quote.markup_percent), exact_str(self.price)]
        if self.converted is not None and quote.rate is not None:
            row += [exact_str(self.converted), exact_str(quote.rate)]
        return row


def quote_csv(quote: Quote, *, bom: bool = True) -> str:
    """CSV text of every line item of every scenario in the quote, with the scenario and grand totals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_text(name) for name in quote_csv_header(quote)])
    totals: list[_Money] = []
    for est in quote.estimates:
        totals.append(_write_scenario(writer, quote, est))
    if quote.estimates:
        detail = f"{len(quote.estimates)} scenarios" if len(quote.estimates) != 1 else "1 scenario"
        writer.writerow(_total_row(quote, GRAND_TOTAL_ROW, _Money.total(totals), detail=detail))
    for section in quote.sections:
        _write_section(writer, section)
    return (BOM if bom else "") + out.getvalue()


def _write_scenario(writer: Any, quote: Quote, est: Estimate) -> _Money:
    """The scenario's line items and its total row; returns the total."""
    sc = est.scenario
    lines: list[_Money] = []
    for line, model, quality, size in priced_lines(est):  # a stage's line carries the stage's model
        money = _Money.of(quote, line.cost)
        lines.append(money)
        row = [LINE_ROW, _text(sc.name), _text(line.item), exact_str(line.quantity), _text(line.unit)]
        row += [exact_str(line.unit_price), *money.cells(quote)]
        row += [_text(model), _text(quality), _text(size), _text(line.detail), _text(source_citation(line.source))]
        row += [_text(est.sheet), est.checked.isoformat()]
        writer.writerow(row)
    total = _Money.total(lines)
    detail = f"{len(lines)} line items" if len(lines) != 1 else "1 line item"
    writer.writerow(_total_row(quote, SCENARIO_TOTAL_ROW, total, detail=detail, of=est))
    return total


def _total_row(quote: Quote, kind: str, money: _Money, *, detail: str, of: Estimate | None = None) -> list[str]:
    """A total row (of one scenario, or of all): ``Total`` as the item, the sums; no quantity or unit price."""
    scenario, sheet, checked = (of.scenario.name, of.sheet, of.checked.isoformat()) if of else ("", "", "")
    row = [kind, _text(scenario), TOTAL_ITEM, "", "", "", *money.cells(quote)]
    return [*row, "", "", "", detail, "", _text(sheet), checked]


def _write_section(writer: Any, section: Section) -> None:
    """A quote section (e.g. plan against actual usage) after the line items, as a block of its own.

    A blank row, the section's title in the first column, then each table with its
    caption and headers: a spreadsheet reads it as a second table below the line
    items, so summing the line-item columns never takes in its figures (which are
    display text, e.g. "$100.00", for the same reason).
    """
    writer.writerow([])
    writer.writerow([_text(section.title)])
    for paragraph in section.paragraphs:
        writer.writerow([_text(paragraph)])
    for table in section.tables:
        writer.writerow([])
        writer.writerow([_text(table.caption)])
        writer.writerow([_text(header) for header in table.headers])
        for cells in table.rows:
            writer.writerow([_text(cell) for cell in cells])
    for note in section.notes:
        writer.writerow([_text(note)])
