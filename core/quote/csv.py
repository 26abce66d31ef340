"""The quote as CSV: one row per line item, numbers as plain numbers a spreadsheet sums.

A quote section (plan against actual usage) follows as a block of its own below.

No currency signs, no thousands separators, full precision (exact decimal
text); totals are left to the spreadsheet, so summing a column never counts a
figure twice. Markup and converted columns appear only when the quote has them.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from core.money import exact_str
from core.pricing.estimate import priced_lines
from core.quote.quote import Quote
from core.sections import Section

#: Excel reads UTF-8 CSV correctly only with a byte-order mark.
BOM = "\ufeff"
#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"), with
#: line feed and the full-width forms some spreadsheets also take.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _text(value: str) -> str:
    """Text a spreadsheet must not run as a formula (CSV injection): prefixed with an apostrophe.

    Every text cell goes through here, not only the ones thought to come from a file: quality,
    size, unit and the price sheet's name came from a sheet too (issue 17).
    """
    return "'" + value if value.lstrip(" ").startswith(FORMULA_STARTS) else value


def quote_csv_header(quote: Quote) -> list[str]:
    header = ["scenario", "item", "quantity", "unit", "unit_price_usd", "monthly_cost_usd"]
    if quote.has_markup:
        header += ["markup_percent", "monthly_price_usd"]
    if quote.rate is not None:
        header += [f"monthly_price_{quote.currency.lower()}", "exchange_rate"]
    return [*header, "model", "quality", "size", "detail", "source", "price_sheet", "checked"]


def quote_csv(quote: Quote, *, bom: bool = True) -> str:
    """CSV text of every line item of every scenario in the quote."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_text(name) for name in quote_csv_header(quote)])
    for est in quote.estimates:
        sc = est.scenario
        for line, model, quality, size in priced_lines(est):  # a stage's line carries the stage's model
            row = [
                _text(sc.name),
                _text(line.item),
                exact_str(line.quantity),
                _text(line.unit),
                exact_str(line.unit_price),
                exact_str(line.cost),
            ]
            price = quote.price(line.cost)
            if quote.has_markup:
                row += [exact_str(quote.markup_percent), exact_str(price)]
            converted = quote.convert(price)
            if converted is not None and quote.rate is not None:
                row += [exact_str(converted), exact_str(quote.rate)]
            row += [_text(model), _text(quality), _text(size), _text(line.detail), _text(line.source)]
            row += [_text(est.sheet), est.checked.isoformat()]
            writer.writerow(row)
    for section in quote.sections:
        _write_section(writer, section)
    return (BOM if bom else "") + out.getvalue()


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
