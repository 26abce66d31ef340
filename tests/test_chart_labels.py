"""Nothing a client reads in a chart is cut: long names wrap and the chart makes room (issue #14 item 3)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from core.pricing.engine import estimate
from core.pricing.volumes import growth_series
from core.quote.charts import (
    breakdown_chart,
    breakdown_height,
    comparison_chart,
    comparison_height,
    growth_chart,
    growth_factors,
    growth_volumes,
    quote_comparison_title,
)
from core.quote.quote import quote_from_file
from core.storage.scenario_file import ScenarioFile
from gui.quote.printing import pdf_bytes
from tests.quote_fixtures import TODAY, example_document

SVG = "{http://www.w3.org/2000/svg}"
NAMES = (
    "Social thumbnails - Mini low, every product page",
    "Campaign hero images - GPT Image 2 high for the spring launch in twelve markets",
)


def _text(svg: str) -> str:
    """Every text line of the chart in drawing order, joined as one reads them."""
    return " ".join(el.text or "" for el in ET.fromstring(svg).iter(f"{SVG}text"))


def _long_named() -> ScenarioFile:
    document = example_document()
    renamed = [s.model_copy(update={"name": n}) for s, n in zip(document.scenarios, NAMES, strict=False)]
    return document.model_copy(update={"scenarios": renamed + document.scenarios[len(NAMES) :]})


def test_long_names_wrap_in_the_comparison_chart_and_it_grows_to_hold_them() -> None:
    items = [(name, Decimal(100 * (i + 1))) for i, name in enumerate(NAMES)]
    svg = comparison_chart(items, width=640)
    text = _text(svg)
    assert "…" not in text
    for name in NAMES:
        assert name in text
    assert comparison_height(NAMES, 640) > comparison_height(["Short", "Names"], 640)
    root = ET.fromstring(svg)
    assert int(root.get("height", "0")) == comparison_height(NAMES, 640, "Monthly cost by scenario")
    # Every line stays within the chart: the lowest baseline is above the axis labels at the bottom.
    baselines = [float(el.get("y", "0")) for el in root.iter(f"{SVG}text")]
    assert max(baselines) <= int(root.get("height", "0"))


def test_a_long_title_wraps_instead_of_running_off_the_chart() -> None:
    title = "Monthly price by scenario (incl. 15% markup); * upper bound, chosen by the model, in every market"
    svg = comparison_chart([("A", Decimal(1))], width=400, title=title)
    assert title in _text(svg)


def test_breakdown_and_growth_legends_keep_the_whole_name() -> None:
    document = _long_named()
    est = estimate(document.scenarios[1])
    svg = breakdown_chart(est, width=480)
    assert NAMES[1] in _text(svg)  # in the title
    assert int(ET.fromstring(svg).get("height", "0")) == breakdown_height(est, 480)
    factors = growth_factors()
    series = growth_series(document.scenarios, volumes=lambda s: growth_volumes(s, factors))
    legend = _text(growth_chart(series, width=480))
    assert "…" not in legend
    for name in NAMES:
        assert name in legend


def test_the_pdf_quote_chart_shows_long_names_whole(qapp: QApplication) -> None:
    quote = quote_from_file(_long_named(), today=TODAY)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes(quote))).pages]
    text = " ".join(pages)
    title = quote_comparison_title(quote)
    assert title in text
    chart = text.split(title, 1)[1]  # the chart's own text, after the table that also names them
    assert "…" not in chart
    for name in NAMES:
        assert name in chart
