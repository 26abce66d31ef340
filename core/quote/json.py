"""The quote as JSON: the estimates' schema (``core.pricing.report``) plus header, markup and currency.

Money as exact decimal strings in USD, as ``imagecost-cli quote --format json`` prints.
"""

from __future__ import annotations

import json
from typing import Any

from core.money import exact_str
from core.pricing.report import estimates_data
from core.quote.quote import Quote


def _money(value: Any) -> str | None:
    return None if value is None else exact_str(value)


def quote_data(quote: Quote) -> dict[str, Any]:
    """The quote as JSON-ready data: :func:`estimates_data` plus header, markup and display currency.

    Only adds keys, so a program reading ``estimates_data`` output reads this too.
    """
    data = estimates_data(list(quote.estimates))
    for scenario, est in zip(data["scenarios"], quote.estimates, strict=True):
        scenario["price_per_image"] = exact_str(quote.price(est.per_image))
        scenario["price_monthly"] = exact_str(quote.price(est.monthly))
        scenario["price_yearly"] = exact_str(quote.price(est.yearly))
    h = quote.header
    data["quote"] = {
        "title": quote.title,
        "client": h.client,
        "prepared_by": h.prepared_by,
        "date": quote.date.isoformat(),
        "valid_until": h.valid_until.isoformat() if h.valid_until else None,
        "notes": h.notes,
        "markup_percent": exact_str(h.markup_percent),
        "display_currency": h.currency,
        "exchange_rate": _money(h.exchange_rate),
        "rate_date": h.rate_date.isoformat() if h.rate_date else None,
        "plan_sections": list(h.plan_sections),
    }
    rate = quote.rate
    data["totals"] = {
        "cost_monthly": exact_str(quote.cost_monthly),
        "cost_yearly": exact_str(quote.cost_yearly),
        "markup_monthly": exact_str(quote.markup_of(quote.cost_monthly)),
        "markup_yearly": exact_str(quote.markup_of(quote.cost_yearly)),
        "price_monthly": exact_str(quote.total_monthly),
        "price_yearly": exact_str(quote.total_yearly),
        "converted": None
        if rate is None
        else {
            "currency": quote.currency,
            "rate": exact_str(rate),
            "rate_date": h.rate_date.isoformat() if h.rate_date else None,
            "price_monthly": _money(quote.convert(quote.total_monthly)),
            "price_yearly": _money(quote.convert(quote.total_yearly)),
        },
    }
    data["notes"] = [
        {"scenario": n.scenario, "kind": n.warning.kind, "message": n.warning.message} for n in quote.notes
    ]
    for section in quote.sections:  # only when asked for: the schema is unchanged otherwise
        data[section.key] = section.data
    return data


def quote_json(quote: Quote) -> str:
    return json.dumps(quote_data(quote), indent=2, ensure_ascii=False) + "\n"
