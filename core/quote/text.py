"""The words and figures every quote renderer shares, so HTML, Markdown and print say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.money import MONTHS_PER_YEAR, exact_str, format_usd_column, shown_places, shown_year
from core.pricing.estimate import Estimate
from core.quote.quote import Quote, format_money
from core.vocabulary import per_image_label

ALL_USD = "All prices are OpenAI list prices in USD."


@dataclass(frozen=True, slots=True)
class TotalRow:
    """One totals line: a label, its monthly and yearly USD figures, and whether it is the bottom line."""

    label: str
    monthly: Decimal
    yearly: Decimal
    bottom_line: bool
    #: The monthly figure in the display currency (the sum of the scenarios' converted figures), if any.
    converted: Decimal | None = None


def header_facts(quote: Quote) -> list[tuple[str, str]]:
    """The header lines that have a value: client, preparer, dates."""
    h = quote.header
    facts = [
        ("Client / project", h.client),
        ("Prepared by", h.prepared_by),
        ("Date", quote.date.isoformat()),
        ("Valid until", h.valid_until.isoformat() if h.valid_until else ""),
    ]
    return [(label, value) for label, value in facts if value]


def per_image_column(quote: Quote) -> list[str]:
    """The summary's per-image figures (with the markup), one number of decimals for the column."""
    return format_usd_column([quote.price(est.per_image) for est in quote.estimates])


def converted(quote: Quote, usd: Decimal) -> str:
    """'EUR 913.19' for a shown monthly USD amount (rounded to the cent), or '' when no conversion is shown."""
    value = quote.shown_converted(usd)
    return "" if value is None else format_money(value, quote.currency)


def converted_text(quote: Quote, value: Decimal | None) -> str:
    """An amount already in the display currency, or '' when there is none."""
    return "" if value is None else format_money(value, quote.currency)


def markup_label(quote: Quote) -> str:
    return f"Markup {exact_str(quote.markup_percent)}%"


def markup_note(quote: Quote) -> str:
    return (
        f"Per-image, monthly and yearly figures include the {exact_str(quote.markup_percent)}% markup; "
        "itemised lines are OpenAI list prices."
    )


def summary_totals(quote: Quote) -> list[TotalRow]:
    """OpenAI cost and markup (when there is one), then the grand total: sums of the shown scenario figures."""
    rows = []
    grand_converted = quote.shown_converted_total(quote.shown_price)
    if quote.has_markup:
        cost, markup = quote.shown_cost_total, quote.shown_markup_total
        cost_converted = quote.shown_converted_total(quote.shown_cost)
        markup_converted = (
            None if grand_converted is None or cost_converted is None else grand_converted - cost_converted
        )
        rows.append(TotalRow("OpenAI cost", cost, cost * MONTHS_PER_YEAR, False, cost_converted))
        rows.append(TotalRow(markup_label(quote), markup, markup * MONTHS_PER_YEAR, False, markup_converted))
    total = quote.shown_total
    rows.append(TotalRow("Grand total", total, total * MONTHS_PER_YEAR, True, grand_converted))
    return rows


def shown_yearly(quote: Quote, est: Estimate) -> Decimal:
    """A scenario's price per year as shown: 12 x its shown monthly price, so the year adds up by hand."""
    return shown_year(quote.shown_price(est))


def rounding_note() -> str:
    return (
        "Amounts are rounded to the cent per scenario and month; yearly figures are 12 x the rounded month "
        "and totals add the rounded figures (the JSON export keeps every digit)."
    )


def scenario_totals(quote: Quote, est: Estimate) -> list[tuple[str, Decimal, bool, Decimal | None]]:
    """(label, USD amount, bottom line, the amount in the display currency) rows under a scenario's table.

    The converted figures add up like the USD ones: the markup is the converted price less the converted
    cost, and a year is 12 x the converted month.
    """
    rows: list[tuple[str, Decimal, bool, Decimal | None]] = []
    price_converted = quote.shown_converted(quote.shown_price(est))
    if quote.has_markup:
        cost_converted = quote.shown_converted(quote.shown_cost(est))
        both = price_converted is not None and cost_converted is not None
        markup_converted = price_converted - cost_converted if both else None  # type: ignore[operator]
        rows.append(("OpenAI cost per month", quote.shown_cost(est), False, cost_converted))
        rows.append((markup_label(quote), quote.shown_markup(est), False, markup_converted))
        rows.append(("Price per month", quote.shown_price(est), True, price_converted))
    else:
        rows.append(("Per month", quote.shown_price(est), True, price_converted))
    year_converted = None if price_converted is None else price_converted * MONTHS_PER_YEAR
    rows.append(("Per year", shown_yearly(quote, est), False, year_converted))
    per = per_image_label(bool(est.stages)) + (" (all stages)" if est.stages else "")
    per_image = quote.price(est.per_image)
    rows.append((per, per_image, False, quote.convert(per_image)))
    if est.auto_range is not None:  # each figure is the dearest the model could choose: say so beside it
        bound = f" ({est.auto_range.marker})"
        rows = [(label if label == markup_label(quote) else label + bound, *rest) for label, *rest in rows]  # type: ignore[misc]
    return rows


def amount_text(quote: Quote, usd: Decimal, converted: Decimal | None) -> str:
    """'$115.00 (EUR 105.95)': USD first, the display-currency figure beside it where there is one.

    The two show one number of decimals, the USD figure's: '$0.0934 (EUR 0.0860)', never '(EUR 0.086)'.
    """
    if converted is None:
        return format_money(usd)
    places = shown_places(usd)
    return f"{format_money(usd)} ({format_money(converted, quote.currency, places=places, fixed=True)})"


def request_summary(est: Estimate) -> str:
    """'gpt-image-1.5, auto, 1024x1024' for a quote's summary table, with the upper-bound marker where one."""
    sc = est.scenario
    text = f"{sc.model}, {sc.quality}, {sc.size}"
    return f"{text}; {est.auto_range.marker}" if est.auto_range is not None else text


def sheets_sentence(quote: Quote) -> str:
    sheets = ", ".join(f"{name} (checked {checked.isoformat()})" for name, checked in quote.sheets)
    return f"Price sheet: {sheets}. {ALL_USD}"


def rate_sentence(quote: Quote) -> str | None:
    """How the display currency was converted, or None when it was not."""
    if quote.rate is None:
        return None
    when = quote.header.rate_date.isoformat() if quote.header.rate_date else "no date given"
    return (
        f"Converted at 1 USD = {exact_str(quote.rate)} {quote.currency} (rate entered by the preparer, {when}). "
        "USD figures are the reference."
    )
