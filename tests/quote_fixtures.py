"""Shared builders for the quote tests: the example file with agency terms on top."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.model.scenario import Scenario
from core.storage import scenario_file
from core.storage.scenario_file import ScenarioFile
from tests.conftest import EXAMPLES

TODAY = dt.date(2026, 11, 23)


def example_document(*, markup: str = "15", currency: str = "EUR", rate: str | None = "0.9213") -> ScenarioFile:
    document = scenario_file.load(EXAMPLES / "example.yaml")
    quote = document.quote
    quote.markup_percent = Decimal(markup)
    quote.currency = currency
    quote.exchange_rate = Decimal(rate) if rate is not None else None
    quote.rate_date = dt.date(2026, 11, 20) if rate is not None else None
    quote.date = TODAY
    quote.valid_until = dt.date(2026, 12, 31)
    quote.notes = "Volumes agreed with the product team.\n\nPrices exclude VAT."
    return document


def many_scenarios(count: int) -> list[Scenario]:
    """COUNT distinct scenarios, enough to push tables across pages."""
    return [
        Scenario(
            name=f"Variant {index:02d}",
            model="gpt-image-1",
            quality=("low", "medium", "high")[index % 3],
            size="1024x1024",
            requests_per_month=1000 + 250 * index,
            prompt_tokens=100 + index,
        )
        for index in range(count)
    ]
