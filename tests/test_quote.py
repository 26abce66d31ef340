"""The quote document and its text exports, checked against the engine's own figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from core.model.quote_header import QuoteHeader
from core.pricing.engine import estimate
from core.pricing.report import estimates_data
from core.pricing.volumes import growth_series
from core.quote.charts import (
    breakdown_chart,
    comparison_chart,
    growth_chart,
    growth_factors,
    growth_volumes,
    nice_ticks,
)
from core.quote.csv import quote_csv
from core.quote.export import format_for_suffix, render_text
from core.quote.html import CHART_RESOURCE, quote_html
from core.quote.json import quote_data
from core.quote.markdown import quote_markdown
from core.quote.quote import Quote, build_quote, format_money, quote_from_file
from core.storage import scenario_file
from tests.quote_fixtures import TODAY, example_document, many_scenarios

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def quote() -> Quote:
    return quote_from_file(example_document(), today=TODAY)


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_quote_totals_are_the_engine_sums_with_markup(quote: Quote) -> None:
    estimates = [estimate(s, today=TODAY) for s in example_document().scenarios]
    cost = sum((e.monthly for e in estimates), Decimal(0))
    assert quote.cost_monthly == cost
    assert quote.total_monthly == cost * Decimal("1.15")
    assert quote.total_yearly == cost * 12 * Decimal("1.15")
    assert quote.convert(quote.total_monthly) == cost * Decimal("1.15") * Decimal("0.9213")


def line_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["row"] == "line"]


def test_csv_has_one_row_per_line_item_with_plain_numbers(quote: Quote) -> None:
    rows = line_rows(read_csv(quote_csv(quote)))
    lines = [(e, line) for e in quote.estimates for line in e.lines]
    assert len(rows) == len(lines)
    for row, (est, line) in zip(rows, lines, strict=True):
        assert row["scenario"] == est.scenario.name
        assert row["item"] == line.item
        assert Decimal(row["quantity"]) == line.quantity
        assert Decimal(row["unit_price_usd"]) == line.unit_price
        assert Decimal(row["monthly_cost_usd"]) == line.cost
        assert Decimal(row["monthly_price_usd"]) == line.cost * Decimal("1.15")
        assert Decimal(row["monthly_price_eur"]) == line.cost * Decimal("1.15") * Decimal("0.9213")
        assert "$" not in row["monthly_cost_usd"] and "," not in row["quantity"]
    for est in quote.estimates:
        total = sum(Decimal(r["monthly_cost_usd"]) for r in rows if r["scenario"] == est.scenario.name)
        assert total == est.monthly
    assert sum(Decimal(r["monthly_price_usd"]) for r in rows) == quote.total_monthly


MONEY_COLUMNS = ("monthly_cost_usd", "monthly_price_usd", "monthly_price_eur")


def test_csv_totals_are_rows_of_their_own_that_the_line_items_add_up_to_exactly() -> None:
    from tests.test_stages import campaign

    document = example_document()
    # Several scenarios, one staged (its lines are its stages' lines), in EUR at a rate with many digits.
    document.scenarios.append(campaign(name="Staged campaign"))
    document.quote.exchange_rate = Decimal("0.921337")
    quote = quote_from_file(document, today=TODAY)
    rows = read_csv(quote_csv(quote))
    kinds = [r["row"] for r in rows]
    assert set(kinds) == {"line", "scenario total", "grand total"}
    assert kinds[-1] == "grand total" and kinds.count("grand total") == 1
    assert kinds.count("scenario total") == len(quote.estimates) == 4
    grand = rows[-1]
    assert grand["item"] == "Total" and grand["scenario"] == "" and grand["detail"] == "4 scenarios"
    for est in quote.estimates:
        mine = [r for r in rows if r["scenario"] == est.scenario.name]
        *lines, total = mine
        assert [r["row"] for r in lines] == ["line"] * len(lines) and total["row"] == "scenario total"
        assert total["item"] == "Total" and total["quantity"] == total["unit_price_usd"] == ""
        assert rows.index(total) == rows.index(lines[-1]) + 1  # the total follows its own lines
        for column in MONEY_COLUMNS:
            assert sum((Decimal(r[column]) for r in lines), Decimal(0)) == Decimal(total[column])
        # The totals are the quote's own figures, unrounded.
        assert Decimal(total["monthly_cost_usd"]) == est.monthly
        assert Decimal(total["monthly_price_usd"]) == quote.price(est.monthly)
    staged = [r for r in rows if r["scenario"] == "Staged campaign" and r["row"] == "line"]
    assert {r["item"].split(":")[0] for r in staged} == {"Drafts", "Finals"}
    scenario_totals = [r for r in rows if r["row"] == "scenario total"]
    for column in MONEY_COLUMNS:
        assert sum((Decimal(r[column]) for r in scenario_totals), Decimal(0)) == Decimal(grand[column])
        assert sum((Decimal(r[column]) for r in line_rows(rows)), Decimal(0)) == Decimal(grand[column])
    assert Decimal(grand["monthly_cost_usd"]) == quote.cost_monthly
    assert Decimal(grand["monthly_price_usd"]) == quote.total_monthly
    assert Decimal(grand["monthly_price_eur"]) == quote.convert(quote.total_monthly)
    assert grand["exchange_rate"] == "0.921337" and grand["markup_percent"] == "15"


def test_csv_leaves_out_markup_and_currency_columns_it_does_not_need() -> None:
    plain = quote_from_file(example_document(markup="0", currency="USD", rate=None), today=TODAY)
    header = read_csv(quote_csv(plain))[0].keys()
    assert "monthly_price_usd" not in header and "exchange_rate" not in header


def test_csv_text_cannot_run_as_a_spreadsheet_formula() -> None:
    document = example_document()
    document.scenarios[0].name = "=HYPERLINK(1)"
    rows = read_csv(quote_csv(quote_from_file(document, today=TODAY)))
    assert rows[0]["scenario"] == "'=HYPERLINK(1)"
    total = next(r for r in rows if r["row"] == "scenario total")
    assert total["scenario"] == "'=HYPERLINK(1)"  # the total row is escaped as its lines are


def test_json_export_extends_the_cli_schema_and_matches_the_engine(quote: Quote) -> None:
    data = json.loads(render_text(quote, "json"))
    base = estimates_data(list(quote.estimates))
    for key, value in base.items():
        if key != "scenarios":
            assert data[key] == value
    for extended, plain in zip(data["scenarios"], base["scenarios"], strict=True):
        assert {k: extended[k] for k in plain} == plain
    assert data["quote"]["title"] == "Image generation budget 2027"
    assert data["quote"]["markup_percent"] == "15"
    assert data["quote"]["exchange_rate"] == "0.9213"
    totals = data["totals"]
    assert Decimal(totals["price_monthly"]) == quote.total_monthly
    assert Decimal(totals["converted"]["price_monthly"]) == quote.total_monthly * Decimal("0.9213")
    for scenario, est in zip(data["scenarios"], quote.estimates, strict=True):
        assert Decimal(scenario["monthly"]) == est.monthly
        assert Decimal(scenario["price_monthly"]) == est.monthly * Decimal("1.15")
    assert [n["kind"] for n in data["notes"]] == [n.warning.kind for n in quote.notes]


def test_every_shown_total_adds_up_by_hand(quote: Quote) -> None:
    # Example file with a 15% markup: OpenAI cost $100.00 + $649.40 + $241.80 = $991.20 a month, and a year is
    # 12 x $991.20 = $11,894.40 (the unrounded $649.3968 a month made it $11,894.36 beside $991.20).
    assert quote.shown_cost_total == Decimal("991.20")
    markdown = quote_markdown(quote)
    assert "| OpenAI cost |  |  | $991.20 | $11,894.40 | EUR 913.19 |" in markdown
    # Markup per scenario, to the cent: $15.00 + $97.41 + $36.27 = $148.68; grand total $1,139.88, x 12 = $13,678.56.
    assert [quote.shown_markup(e) for e in quote.estimates] == [Decimal("15.00"), Decimal("97.41"), Decimal("36.27")]
    # and in EUR: 105.95 + 688.04 + 256.19 = 1,050.18 = 913.19 cost + 136.99 markup.
    assert "| **Grand total** |  |  | $1,139.88 | $13,678.56 | EUR 1,050.18 |" in markdown
    assert "| Markup 15% |  |  | $148.68 | $1,784.16 | EUR 136.99 |" in markdown
    prices = [quote.shown_price(e) for e in quote.estimates]
    assert sum(prices) == quote.shown_total == Decimal("1139.88")
    # EUR at 0.9213: each scenario converted to the cent, the total their sum.
    euros = [quote.shown_converted(p) for p in prices]
    assert quote.shown_converted_total(quote.shown_price) == sum(e or Decimal(0) for e in euros)
    assert "Amounts are rounded to the cent per scenario and month" in markdown
    assert quote_data(quote)["scenarios"][1]["monthly"] == "649.3968"  # the JSON keeps every digit


def test_markdown_and_html_show_usd_beside_the_converted_totals(quote: Quote) -> None:
    grand = format_money(quote.shown_total)
    converted = format_money(quote.shown_converted_total(quote.shown_price) or Decimal(0), "EUR")
    for text in (quote_markdown(quote), quote_html(quote)):
        assert grand in text and converted in text
        assert "1 USD = 0.9213 EUR" in text and "2026-11-20" in text
        assert "Markup 15%" in text
        assert "openai-gpt-image" in text
        for est in quote.estimates:
            assert est.scenario.name in text
            assert format_money(est.lines[0].cost) in text


def test_html_embeds_the_comparison_chart_inline_or_by_reference(quote: Quote) -> None:
    inline = quote_html(quote)
    assert "<svg" in inline and "<thead>" in inline
    referenced = quote_html(quote, chart_src=CHART_RESOURCE)
    assert "<svg" not in referenced and f'src="{CHART_RESOURCE}"' in referenced


def test_html_escapes_what_people_type() -> None:
    document = example_document()
    document.quote.client = "<script>alert(1)</script> & Co"
    html = quote_html(quote_from_file(document, today=TODAY))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; Co" in html


def test_quote_notes_warn_about_a_missing_rate_and_an_expired_quote() -> None:
    header = QuoteHeader(currency="GBP", valid_until=dt.date(2026, 1, 1), date=TODAY)
    quote = build_quote(header, example_document().scenarios[:1], today=TODAY)
    texts = [n.text() for n in quote.notes]
    assert any("No exchange rate for GBP" in t for t in texts)
    assert any("valid-until date 2026-01-01 is before" in t for t in texts)
    assert quote.rate is None and quote.convert(Decimal(1)) is None


def test_header_fields_round_trip_through_the_scenario_file(tmp_path: Path) -> None:
    document = example_document()
    path = tmp_path / "quote.yaml"
    scenario_file.save(document, path)
    reopened = scenario_file.load(path)
    assert reopened.quote == document.quote


def test_a_reopened_quote_gives_the_same_figures(tmp_path: Path) -> None:
    document = example_document()
    path = tmp_path / "quote.yaml"
    scenario_file.save(document, path)
    before = quote_from_file(document, today=TODAY)
    after = quote_from_file(scenario_file.load(path), today=TODAY)
    for fmt in ("json", "csv", "md", "html"):
        assert render_text(after, fmt) == render_text(before, fmt)  # type: ignore[arg-type]


def test_a_quote_of_selected_scenarios_only() -> None:
    quote = quote_from_file(example_document(), only=[2], today=TODAY)
    assert [e.scenario.name for e in quote.estimates] == ["Campaign heroes"]


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".PDF", "pdf"), (".htm", "html"), (".markdown", "md"), (".csv", "csv"), (".txt", None)]
)
def test_format_for_suffix(suffix: str, fmt: str | None) -> None:
    assert format_for_suffix(suffix) == fmt


def test_format_money_keeps_small_amounts_visible() -> None:
    assert format_money(Decimal("0.0053"), "EUR") == "EUR 0.0053"
    assert format_money(Decimal("-1234.5"), "GBP") == "-GBP 1,234.50"
    assert format_money(Decimal("1234.5")) == "$1,234.50"


def _decimals(amount: str) -> int:
    return len(amount.rsplit(".", 1)[1]) if "." in amount else 0


def test_a_figure_in_the_display_currency_has_its_usd_figures_decimals() -> None:
    # The quote read "$0.0934 (EUR 0.086)": the converted per-image figure dropped its trailing zero.
    import re

    quote = quote_from_file(example_document(), today=TODAY)
    pairs = re.findall(r"\$([\d,.]+) \(EUR ([\d,.]+)\)", quote_markdown(quote) + quote_html(quote))
    per_image = [(usd, eur) for usd, eur in pairs if Decimal(usd.replace(",", "")) < 1]
    assert len(per_image) >= 2 * len(quote.estimates)  # every scenario's, in both formats
    for usd, eur in pairs:
        assert _decimals(usd) == _decimals(eur), (usd, eur)


# Charts ----------------------------------------------------------------------


@pytest.mark.parametrize("top", ["0.3", "7", "991.1968", "1000", "123456789"])
def test_nice_ticks_cover_the_top_in_round_steps(top: str) -> None:
    ticks = nice_ticks(Decimal(top))
    assert ticks[0] == 0 and ticks[-1] >= Decimal(top)
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    assert 2 <= len(ticks) <= 7


def test_comparison_chart_draws_a_bar_per_scenario(quote: Quote) -> None:
    items = [(e.scenario.name, e.monthly) for e in quote.estimates]
    root = ET.fromstring(comparison_chart(items))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    assert len(bars) == len(items)
    widths = [float(b.get("width", "0")) for b in bars]
    # Bar lengths are proportional to the costs.
    assert widths[1] / widths[0] == pytest.approx(float(items[1][1] / items[0][1]), rel=0.01)
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert all(format_money(v) in texts for _, v in items)


def test_breakdown_chart_lists_every_bucket_with_its_share(quote: Quote) -> None:
    est = quote.estimates[1]
    root = ET.fromstring(breakdown_chart(est))
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    for line in est.lines:
        assert line.item in texts
    assert f"Total {format_money(est.monthly)} / month" in texts


def test_growth_series_are_priced_by_the_engine() -> None:
    scenarios = example_document().scenarios
    factors = growth_factors()
    for scenario in scenarios:  # each scenario over its own range: nothing to double today's volume
        volumes = growth_volumes(scenario, factors)
        assert volumes[0] == 0 and volumes[-1] == 2 * scenario.requests_per_month
    series = growth_series(scenarios, volumes=lambda s: growth_volumes(s, factors))
    for s, scenario in zip(series, scenarios, strict=True):
        for volume, cost in s.points:
            expected = estimate(scenario.model_copy(update={"requests_per_month": volume})).monthly
            assert cost == expected
        assert s.current == (scenario.requests_per_month, estimate(scenario).monthly)
    root = ET.fromstring(growth_chart(series))
    assert len(list(root.iter(f"{SVG}polyline"))) == len(scenarios)


def _texts(svg: str) -> list[str]:
    return [el.text or "" for el in ET.fromstring(svg).iter(f"{SVG}text")]


def test_charts_cope_with_no_scenarios_and_zero_cost() -> None:
    for empty in (comparison_chart([]), growth_chart([])):
        root = ET.fromstring(empty)
        assert "No scenarios" in _texts(empty)
        assert list(root.iter(f"{SVG}polyline")) == []
    idle = comparison_chart([("Idle", Decimal(0))])
    bars = [r for r in ET.fromstring(idle).iter(f"{SVG}rect") if r.get("height") != "100%"]
    assert "Idle" in _texts(idle) and "$0.00" in _texts(idle)
    assert [float(r.get("width", "-1")) for r in bars][-1] == 0.0  # a zero cost is a bar of no length, not an error
    zero = estimate(many_scenarios(1)[0].model_copy(update={"requests_per_month": 0}))
    breakdown = breakdown_chart(zero)
    assert "Total $0.00 / month" in _texts(breakdown)
    shares = [t for t in _texts(breakdown) if t.endswith("%")]
    assert shares and all(share == "0%" for share in shares)  # no division by a zero total


def test_html_leaves_out_a_chart_too_tall_for_a_page() -> None:
    header = QuoteHeader(title="Many")
    assert "<svg" in quote_html(build_quote(header, many_scenarios(20), today=TODAY))
    assert "<svg" not in quote_html(build_quote(header, many_scenarios(21), today=TODAY))


def test_html_export_is_well_formed(quote: Quote) -> None:
    # Well-formed (XHTML-style) markup: browsers, Qt and XML tools all read the same tree.
    root = ET.fromstring(quote_html(quote).removeprefix("<!DOCTYPE html>"))
    assert root.tag == "html" and root.find("body") is not None


def test_assumptions_give_the_fidelity_the_model_reads_input_images_at() -> None:
    from core.quote.quote import assumptions

    document = example_document()
    edits = document.scenarios[1]  # gpt-image-2 with an input image; the file says low fidelity
    assert edits.model == "gpt-image-2" and edits.input_fidelity == "low"
    rows = dict(assumptions(estimate(edits, today=TODAY)))
    assert rows["Input images"] == "1 per attempt, 1024x1024, high fidelity"
    chooser = edits.updated(model="gpt-image-1", quality="high", size="1024x1024")
    assert dict(assumptions(estimate(chooser, today=TODAY)))["Input images"].endswith(", low fidelity")


def test_quote_assumptions_give_the_token_exact_figure_where_the_page_rounds() -> None:
    from core.model.scenario import Scenario
    from core.quote.quote import assumptions

    # gpt-image-1 high 1024x1024: published $0.167; 4,160 tokens x $40 / 1M = $0.1664.
    scenario = Scenario(name="Square", model="gpt-image-1", quality="high", size="1024x1024", requests_per_month=10)
    rows = dict(assumptions(estimate(scenario, today=TODAY)))
    assert rows["Image output price"] == "published $0.167; token-exact $0.1664 (4,160 tokens)"


def test_a_scenarios_converted_figures_add_up_too(quote: Quote) -> None:
    from core.quote.text import scenario_totals

    est = quote.estimates[0]  # Onboarding thumbnails: $100.00 + 15% = $115.00 a month
    rows = {label: (usd, eur) for label, usd, _bottom, eur in scenario_totals(quote, est)}
    cost_eur, markup_eur = rows["OpenAI cost per month"][1], rows["Markup 15%"][1]
    price_eur = rows["Price per month"][1]
    assert cost_eur is not None and markup_eur is not None and price_eur is not None
    assert cost_eur + markup_eur == price_eur  # EUR 92.13 + EUR 13.82 = EUR 105.95
    assert rows["Per year"] == (Decimal("1380.00"), price_eur * 12)  # EUR 1,271.40, 12 x the month
    assert "Per year: $1,380.00 (EUR 1,271.40)" in quote_markdown(quote)


def test_a_csv_export_is_known_as_ours_with_or_without_the_row_column(quote: Quote, tmp_path: Path) -> None:
    from core.quote.target import made_by_app

    today = tmp_path / "today.csv"
    today.write_text(quote_csv(quote), encoding="utf-8")
    earlier = tmp_path / "earlier.csv"  # written before the total rows, with no row column
    earlier.write_text("\ufeffscenario,item,quantity,unit,unit_price_usd,monthly_cost_usd,model\r\n", encoding="utf-8")
    mine = tmp_path / "mine.csv"
    mine.write_text("row,scenario,item\r\n", encoding="utf-8")
    assert made_by_app(today) and made_by_app(earlier) and not made_by_app(mine)
