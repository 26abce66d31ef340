"""Unit prices in one column use one number of decimals, enough for the most precise (issue #14 item 6)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import example, given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from core.money import column_places, format_unit_prices, format_usd, format_usd_column, shown_places
from core.planning.budget import cost_grid
from core.planning.report import cost_table_text
from core.pricing.engine import estimate
from core.pricing.report import estimate_table
from core.quote.export import ExportFormat, render_text
from core.quote.quote import build_quote
from core.storage import scenario_file
from gui.planning.panel import PlanningPanel
from gui.views.breakdown_model import COL_UNIT_PRICE, BreakdownModel
from tests.conftest import EXAMPLES
from tests.test_stages import campaign

TODAY = date(2026, 11, 23)
prices = st.decimals(min_value=Decimal("0.00001"), max_value=Decimal(1000), places=6, allow_nan=False)


def _decimals(text: str) -> int:
    return len(text.strip("$*").partition(".")[2])


def test_a_column_mixing_cents_and_tenths_of_a_cent_pads_the_cents() -> None:
    assert format_unit_prices([Decimal("0.05"), Decimal("0.20"), Decimal("0.053")]) == ["$0.050", "$0.200", "$0.053"]
    assert format_usd_column([Decimal("0.18"), Decimal("0.32884")]) == ["$0.1800", "$0.3288"]
    assert format_unit_prices([Decimal(5), Decimal("4.5")]) == ["$5.00", "$4.50"]  # cents at least


@given(st.lists(prices, min_size=1, max_size=8))
@example([Decimal("516.234950"), Decimal("0.0001")])  # a second rounding would read 516.24
def test_a_column_never_rounds_a_price_further_than_it_reads_alone(values: list[Decimal]) -> None:
    shown = format_usd_column(values)
    assert len({_decimals(text) for text in shown}) == 1
    for value, text in zip(values, shown, strict=True):
        assert _decimals(text) >= shown_places(value)
        alone = Decimal(format_usd(value).strip("$").replace(",", ""))
        figure = Decimal(text.strip("$").replace(",", ""))
        # More places only ever bring the figure nearer the price than it reads alone (rounding the
        # column's figure again to fewer places would round twice: 516.23495 -> 516.2350 -> 516.24).
        assert figure == value.quantize(figure, rounding=ROUND_HALF_EVEN)
        assert abs(figure - value) <= abs(alone - value)
    exact = format_unit_prices(values)
    assert len({_decimals(text) for text in exact}) == 1
    assert [Decimal(text.strip("$").replace(",", "")) for text in exact] == values  # every digit kept


def test_the_cli_cost_table_keeps_each_size_column_to_one_number_of_decimals() -> None:
    cells = cost_grid(today=TODAY)
    text = cost_table_text(cells, [])
    block = text.split("gpt-image-1.5 (GPT Image 1.5)")[1].split("\n\n")[0]
    rows = {line.split()[0]: line.split()[1:] for line in block.splitlines()[2:]}
    assert [rows[q][1] for q in ("low", "medium", "high")] == ["$0.013", "$0.050", "$0.200"]
    assert column_places(c.per_image for c in cells if c.model == "gpt-image-1.5") == 3


def test_the_window_cost_table_keeps_each_column_to_one_number_of_decimals(qtbot: QtBot) -> None:
    widget = PlanningPanel(today=TODAY)
    qtbot.addWidget(widget)
    grid = widget.cost_table.grid
    widget.cost_table.large.setChecked(True)
    assert grid.columnCount() > 3
    for column in range(grid.columnCount()):
        shown = [grid.item(r, column) for r in range(grid.rowCount())]
        texts = [cell.text().split()[0] for cell in shown if cell is not None and cell.text().startswith("$")]
        assert texts
        assert len({_decimals(t) for t in texts}) == 1, (grid.horizontalHeaderItem(column).text(), texts)


def test_the_breakdown_cli_and_quotes_show_unit_prices_alike(qtbot: QtBot) -> None:
    document = scenario_file.load(EXAMPLES / "example.yaml")
    est = estimate(document.scenarios[1], today=TODAY)  # image $0.053, text $5 and image input $8 per 1M
    wanted = ["$0.053", "$5.000", "$8.000"]
    model = BreakdownModel()
    model.set_estimate(est)
    assert [model.index(r, COL_UNIT_PRICE).data() for r in range(len(est.lines))] == wanted
    table = estimate_table(est)
    assert all(price in table for price in wanted)
    quote = build_quote(document.quote, [document.scenarios[1]], today=TODAY)
    for fmt in (ExportFormat.HTML, ExportFormat.MD):
        assert all(price in render_text(quote, fmt) for price in wanted), fmt


def test_a_staged_scenario_beside_others_shares_the_summarys_decimals() -> None:
    document = scenario_file.load(EXAMPLES / "example.yaml")
    scenarios = [document.scenarios[0], campaign()]  # $0.005 beside $0.3456 per final image
    quote = build_quote(document.quote, scenarios, today=TODAY)
    markdown = render_text(quote, ExportFormat.MD)
    assert "| $0.0050 |" in markdown and "| $0.3456 |" in markdown
