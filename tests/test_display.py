"""Texts the window shows for volumes and models."""

from __future__ import annotations

from datetime import date

from core.model.scenario import DAYS_PER_MONTH, monthly_requests
from core.pricing.catalog import default_catalog
from gui.views.display import model_choice_text, volume_text


def test_volume_text_per_month_and_per_day() -> None:
    assert volume_text(20_000, "month") == "20,000 / month"
    assert volume_text(monthly_requests(1_500, "day"), "day") == "1,500 / day"
    assert volume_text(20_000, "day", with_unit=False) == "666.67"
    assert monthly_requests(7, "day") == 7 * DAYS_PER_MONTH


def test_retired_models_say_so() -> None:
    catalog = default_catalog()
    today = date.today()
    for model in catalog.models():
        text = model_choice_text(model, today)
        assert model.id in text
        assert text.endswith(", retired") == model.is_retired(today)
