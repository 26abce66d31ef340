"""The quote as Markdown: for a wiki page, a ticket or an e-mail."""

from __future__ import annotations

from decimal import Decimal

from core.estimate import Estimate
from core.money import exact_str, format_quantity, format_unit_price
from core.quote import Quote, assumptions, format_money


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _both(quote: Quote, usd: Decimal) -> str:
    converted = quote.convert(usd)
    text = format_money(usd)
    return f"{text} ({format_money(converted, quote.currency)})" if converted is not None else text


def _summary(quote: Quote) -> list[str]:
    rate = quote.rate is not None
    head = ["Scenario", "Model", "Per image", "Monthly", "Yearly"] + ([f"Monthly ({quote.currency})"] if rate else [])
    out = ["## Summary", "", _row(head), "| " + " | ".join(["---", "---"] + ["---:"] * (len(head) - 2)) + " |"]
    for est in quote.estimates:
        sc = est.scenario
        cells = [
            sc.name,
            f"{sc.model}, {sc.quality}, {sc.size}",
            format_money(quote.price(est.per_image)),
            format_money(quote.price(est.monthly)),
            format_money(quote.price(est.yearly)),
        ]
        if rate:
            cells.append(format_money(quote.convert(quote.price(est.monthly)) or Decimal(0), quote.currency))
        out.append(_row(cells))

    def total(label: str, monthly: Decimal, yearly: Decimal) -> str:
        cells = [label, "", "", format_money(monthly), format_money(yearly)]
        if rate:
            cells.append(format_money(quote.convert(monthly) or Decimal(0), quote.currency))
        return _row(cells)

    if quote.has_markup:
        out.append(total("OpenAI cost", quote.cost_monthly, quote.cost_yearly))
        out.append(
            total(
                f"Markup {exact_str(quote.markup_percent)}%",
                quote.markup_of(quote.cost_monthly),
                quote.markup_of(quote.cost_yearly),
            )
        )
    out.append(total("**Grand total**", quote.total_monthly, quote.total_yearly))
    if quote.has_markup:
        out += [
            "",
            f"Per-image, monthly and yearly figures include the {exact_str(quote.markup_percent)}% markup; "
            "itemised lines are OpenAI list prices.",
        ]
    return out


def _scenario(quote: Quote, est: Estimate, index: int) -> list[str]:
    out = [f"## {index}. {est.scenario.name}", ""]
    out += [f"- **{label}:** {value}" for label, value in assumptions(est)]
    out += ["", _row(["Item", "Quantity", "Unit", "Unit price", "Cost"]), "| --- | ---: | --- | ---: | ---: |"]
    for line in est.lines:
        item = f"{line.item} ({line.detail})" if line.detail else line.item
        out.append(
            _row(
                [
                    item,
                    format_quantity(line.quantity),
                    line.unit,
                    format_unit_price(line.unit_price),
                    format_money(line.cost),
                ]
            )
        )
    out.append("")
    if quote.has_markup:
        out.append(f"- OpenAI cost per month: {_both(quote, est.monthly)}")
        out.append(f"- Markup {exact_str(quote.markup_percent)}%: {_both(quote, quote.markup_of(est.monthly))}")
        out.append(f"- **Price per month: {_both(quote, quote.price(est.monthly))}**")
    else:
        out.append(f"- **Per month: {_both(quote, est.monthly)}**")
    out.append(f"- Per year: {_both(quote, quote.price(est.yearly))}")
    out.append(f"- Per delivered image: {_both(quote, quote.price(est.per_image))}")
    return out


def quote_markdown(quote: Quote) -> str:
    """The whole quote as a Markdown document."""
    h = quote.header
    out = [f"# {quote.title}", ""]
    facts = [
        ("Client / project", h.client),
        ("Prepared by", h.prepared_by),
        ("Date", quote.date.isoformat()),
        ("Valid until", h.valid_until.isoformat() if h.valid_until else ""),
    ]
    out += [f"- **{label}:** {value}" for label, value in facts if value]
    if h.notes:
        out += ["", h.notes.strip()]
    out.append("")
    out += _summary(quote)
    for index, est in enumerate(quote.estimates, start=1):
        out += ["", *_scenario(quote, est, index)]
    out += ["", "## Prices and sources", ""]
    sheets = ", ".join(f"{name} (checked {checked.isoformat()})" for name, checked in quote.sheets)
    out.append(f"Price sheet: {sheets}. All prices are OpenAI list prices in USD.")
    if quote.sources:
        out += ["", "Sources: " + "; ".join(quote.sources)]
    if quote.rate is not None:
        when = h.rate_date.isoformat() if h.rate_date else "no date given"
        out += [
            "",
            f"Converted at 1 USD = {exact_str(quote.rate)} {quote.currency} (rate entered by the preparer, {when}). "
            "USD figures are the reference.",
        ]
    if quote.notes:
        out += ["", "### Notes and warnings", ""]
        out += [f"- {note.text()}" for note in quote.notes]
    return "\n".join(out) + "\n"
