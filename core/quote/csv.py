"""The quote as CSV: one row per line item, numbers as plain numbers a spreadsheet sums.

No currency signs, no thousands separators, full precision (exact decimal
text); totals are left to the spreadsheet, so summing a column never counts a
figure twice. Markup and converted columns appear only when the quote has them.
"""

from __future__ import annotations

import csv
import io

from core.money import exact_str
from core.pricing.estimate import priced_lines
from core.quote.quote import Quote

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
    return (BOM if bom else "") + out.getvalue()
