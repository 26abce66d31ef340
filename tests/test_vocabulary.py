"""One vocabulary: the window, every quote format and the command line name the figures alike (issue #14 item 5)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from core.model.plan_settings import PlanSettings
from core.planning.budget import budget_images_caption
from core.planning.rate_limits import IPM_ROUNDING_NOTE, capacity_text, scenario_checks
from core.pricing.engine import estimate
from core.pricing.report import estimate_table
from core.quote.export import ExportFormat, render_text
from core.quote.quote import assumptions, build_quote
from core.storage import scenario_file
from core.vocabulary import (
    DELIVERED_IMAGE,
    GLOSSARY,
    PER_DELIVERED_IMAGE,
    PER_FINAL_IMAGE,
    PER_GENERATED_IMAGE,
    glossary_text,
)
from gui import cli
from gui.planning.panel import PlanningPanel
from gui.views.totals_panel import TotalsPanel
from tests.conftest import EXAMPLES
from tests.test_stages import campaign

TODAY = date(2026, 11, 23)


def _example() -> scenario_file.ScenarioFile:
    return scenario_file.load(EXAMPLES / "example.yaml")


def _cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(list(args)) == 0
    return out.getvalue()


def test_the_glossary_defines_each_word_once_and_the_counts_first() -> None:
    words = [term.word for term in GLOSSARY]
    assert len(words) == len(set(words))
    assert words[:4] == ["request", "attempt", "generated image", "delivered image"]
    text = glossary_text()
    for term in GLOSSARY:
        assert f"{term.word[:1].upper()}{term.word[1:]}: {term.meaning}" in text


def test_the_window_quotes_and_cli_call_the_per_image_figure_the_same(qtbot: QtBot) -> None:
    document = _example()
    est = estimate(document.scenarios[1], today=TODAY)  # x1.3 retries, prompt and an input image
    assert est.per_image != est.per_generated_image
    totals = TotalsPanel()
    qtbot.addWidget(totals)
    totals.show_estimate(est)
    assert totals.per_image_caption.text() == PER_DELIVERED_IMAGE
    assert f"{PER_GENERATED_IMAGE}: $0.0624 (" in totals.detail.text()
    assert "before retries" not in totals.detail.text()
    quote = build_quote(document.quote, [document.scenarios[1]], today=TODAY)
    for fmt in (ExportFormat.HTML, ExportFormat.MD):
        assert PER_DELIVERED_IMAGE in render_text(quote, fmt), fmt
    out = _cli("quote", str(EXAMPLES / "example.yaml"), "--scenario", "Marketplace listing edits")
    assert f"{PER_DELIVERED_IMAGE}: $0.0812" in out
    assert f"{PER_GENERATED_IMAGE.lower()}: $0.0624" in out


def test_a_staged_scenario_is_priced_per_final_image_everywhere(qtbot: QtBot) -> None:
    document = _example()
    est = estimate(campaign(), today=TODAY)
    totals = TotalsPanel()
    qtbot.addWidget(totals)
    totals.show_estimate(est)
    assert totals.per_image_caption.text() == PER_FINAL_IMAGE
    assert totals.images_caption.text() == "Final images a month"
    quote = build_quote(document.quote, [est.scenario], today=TODAY)
    assert f"{PER_FINAL_IMAGE} (all stages)" in render_text(quote, ExportFormat.MD)
    assert f"{PER_FINAL_IMAGE}: $0.3456" in estimate_table(est)


def test_text_and_input_images_are_said_per_attempt_as_the_lines_are() -> None:
    est = estimate(_example().scenarios[1], today=TODAY)
    rows = dict(assumptions(est))
    assert rows["Prompt"].endswith("tokens per attempt")
    assert rows["Input images"].startswith("1 per attempt")
    details = " ".join(line.detail for line in est.lines if line.item in ("Text input", "Image input"))
    assert "per attempt" in details and "per request" not in details


def test_the_budget_counts_are_named_alike_in_the_window_and_the_cli(qtbot: QtBot) -> None:
    widget = PlanningPanel(today=TODAY)
    qtbot.addWidget(widget)
    widget.set_plan(PlanSettings(monthly_budget=Decimal(2500)))
    caption = budget_images_caption(Decimal(2500))
    assert caption.startswith("Generated images $2,500.00 a month buys")
    assert "Whole images" not in widget.budget.cost_table.caption.text()
    assert widget.budget.cost_table.caption.text().startswith(caption)
    assert _cli("budget", str(EXAMPLES / "example.yaml"), "--budget", "2500").startswith(caption)


@pytest.mark.parametrize(
    ("hours", "days", "expected"),
    [
        (24, 30, "Tier 1 allows 5 generated images a minute: at most 216,000 a 30-day month around the clock."),
        (
            8,
            22,
            "Tier 1 allows 5 generated images a minute: at most 216,000 a 30-day month around the clock; "
            "52,800 in the traffic window (8 h a day, 22 days a month (of 30)).",
        ),
    ],
)
def test_the_tier_capacity_is_said_once_when_the_window_is_the_whole_month(
    hours: int, days: int, expected: str
) -> None:
    settings = PlanSettings(usage_tier="1", peak_hours_per_day=Decimal(hours), active_days_per_month=days)
    checks = scenario_checks([estimate(s, today=TODAY) for s in _example().scenarios], "1", settings)
    assert capacity_text(checks[-1][1], settings) == expected


def test_rounded_images_a_minute_say_they_are_rounded(qtbot: QtBot) -> None:
    widget = PlanningPanel(today=TODAY)
    qtbot.addWidget(widget)
    widget.set_estimates([estimate(s, today=TODAY) for s in _example().scenarios])
    limits = widget.limits
    limits.tier.setCurrentIndex(limits.tier.findData("1"))
    assert limits.capacity.text() == (
        "Tier 1 allows 5 generated images a minute: at most 216,000 a 30-day month around the clock."
    )
    assert IPM_ROUNDING_NOTE in limits.note.text()
    assert IPM_ROUNDING_NOTE in _cli("limits", str(EXAMPLES / "example.yaml"), "--tier", "1")


def test_the_comparisons_per_image_header_uses_the_vocabularys_words(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from gui.document.controller import DocumentController
    from gui.document.priced import PricedDocument
    from gui.views.scenario_table import COL_PER_IMAGE, ScenarioTableModel

    model = ScenarioTableModel(PricedDocument(DocumentController()))
    tip = model.headerData(COL_PER_IMAGE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(PER_DELIVERED_IMAGE) and DELIVERED_IMAGE.meaning in tip
    title = model.headerData(COL_PER_IMAGE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert " ".join(title.split()) == PER_DELIVERED_IMAGE  # the words the quote uses, on two lines for room


def test_the_retry_multiplier_means_the_same_in_the_form_and_the_cli(qtbot: QtBot, window: object) -> None:
    from core.model.fields import SCENARIO_FIELDS
    from core.vocabulary import RETRY_MULTIPLIER
    from gui.window.main_window import MainWindow

    assert isinstance(window, MainWindow)
    assert window.form.retry_edit.toolTip() == RETRY_MULTIPLIER.meaning
    assert SCENARIO_FIELDS["retry_multiplier"].help == RETRY_MULTIPLIER.meaning
