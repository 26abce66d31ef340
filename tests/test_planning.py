"""Planning tools in core: rate limits, budget, cost table, growth, re-pricing, plan settings.

Expected figures are worked by hand from pricing-facts.md and the bundled sheet.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import ImageCostError, ScenarioFileError
from core.model.plan_settings import PlanSettings
from core.model.scenario import PricedWith, Scenario
from core.model.sizes import Size
from core.model.usage_tiers import bundled_rate_limits
from core.planning.budget import (
    ChoiceKind,
    CostCell,
    budget_fit,
    cheaper_equivalents,
    cost_grid,
    images_for_budget,
)
from core.planning.growth import add_months, project
from core.planning.rate_limits import check_throughput, monthly_capacity, scenario_checks
from core.pricing.catalog import Catalog, default_catalog, load_sheet_file
from core.pricing.engine import estimate
from core.pricing.reprice import diff_catalogs, reprice, stamp, with_sheets
from core.storage import scenario_file
from tests.conftest import EXAMPLES

TODAY = date(2026, 11, 23)
WORKING_HOURS = PlanSettings(peak_hours_per_day=Decimal(8), active_days_per_month=22)


def scenario(**extra: object) -> Scenario:
    values: dict[str, object] = {
        "name": "Listings",
        "model": "gpt-image-2",
        "quality": "medium",
        "size": "1024x1024",
        "requests_per_month": 8000,
    }
    values.update(extra)
    return Scenario.model_validate(values)


# Rate limits -----------------------------------------------------------------------------------


def test_tiers_are_the_seed_003_table_with_sources() -> None:
    limits = bundled_rate_limits()
    assert [(t.tier, t.ipm) for t in limits.tiers] == [
        ("free", None),
        ("1", 5),
        ("2", 20),
        ("3", 50),
        ("4", 150),
        ("5", 250),
    ]
    assert all(t.source == "003_f6496c9069045be1.txt" and t.checked for t in limits.tiers)
    assert limits.confirmed_for("gpt-image-1") and not limits.confirmed_for("gpt-image-2")


def test_one_image_per_minute_is_43200_a_month() -> None:
    assert monthly_capacity(1) == 43_200
    assert monthly_capacity(5) == 216_000
    # 8 working hours on 22 days: 50 x 60 x 8 x 22.
    assert monthly_capacity(50, WORKING_HOURS) == 528_000


def test_a_peak_window_can_turn_fits_into_does_not_fit() -> None:
    # 300,000 images: around the clock that is 300,000 / 43,200 = 6.94 IPM (Tier 2 fits, Tier 1 does not);
    # in 8 h x 22 days = 10,560 minutes it is 28.41 IPM (Tier 2's 20 is too few, Tier 3 fits).
    spread = check_throughput(Decimal(300_000), "2")
    assert spread.fits and spread.lowest_fitting_tier is not None and spread.lowest_fitting_tier.tier == "2"
    peak = check_throughput(Decimal(300_000), "2", WORKING_HOURS)
    assert not peak.fits
    assert peak.needed_ipm * 10_560 == 300_000
    assert peak.capacity_in_window == 211_200 and peak.capacity_full_month == 864_000
    assert peak.lowest_fitting_tier is not None and peak.lowest_fitting_tier.tier == "3"


def test_free_tier_never_fits_and_too_much_fits_no_tier() -> None:
    free = check_throughput(Decimal(1), "free")
    assert not free.fits and free.capacity_in_window is None
    huge = check_throughput(Decimal(250 * 43_200 + 1), "5")
    assert not huge.fits and huge.lowest_fitting_tier is None
    with pytest.raises(ImageCostError, match="unknown usage tier '7'"):
        check_throughput(Decimal(1), "7")


def test_retries_and_all_stages_count_against_the_limit() -> None:
    est = estimate(scenario(retry_multiplier=Decimal("1.5"), images_per_request=2), today=TODAY)
    rows = scenario_checks([est, est], "1")
    # 8000 requests x 1.5 attempts x 2 images = 24,000 images each, 48,000 together.
    assert rows[0][1].images == 24_000
    assert rows[-1][0] == "All scenarios" and rows[-1][1].images == 48_000


# Budget and cost table --------------------------------------------------------------------------


def test_images_for_budget_rounds_down() -> None:
    # $500 / $0.053 = 9,433.96 -> 9,433 whole images.
    assert images_for_budget(Decimal(500), Decimal("0.053")) == 9_433
    assert images_for_budget(Decimal(500), Decimal("0.005")) == 100_000


def test_cost_grid_uses_published_prices_and_marks_retired_models() -> None:
    cells = {(c.model, c.quality, c.size): c for c in cost_grid(today=TODAY)}
    assert cells["gpt-image-2", "high", "1024x1024"].per_image == Decimal("0.211")
    assert cells["gpt-image-1-mini", "low", "1024x1024"].per_image == Decimal("0.005")
    assert cells["dall-e-3", "hd", "1024x1024"].retired
    assert not cells["gpt-image-2", "high", "1024x1024"].retired
    # Aliases repeat their target, so they are left out.
    assert not any(model == "chatgpt-image-latest" for model, _q, _s in cells)
    # Token-formula cells are flagged: 1152x2048 low has 158 tokens... priced from the unconfirmed formula.
    assert cells["gpt-image-2", "low", "1152x2048"].unconfirmed


def _cell(model: str, quality: str, size: str, usd: str, *, unconfirmed: bool = False) -> CostCell:
    return CostCell(model, model.upper(), quality, size, Decimal(usd), retired=False, unconfirmed=unconfirmed)


def test_an_equivalent_is_the_same_model_quality_and_shape_with_as_many_pixels() -> None:
    square = _cell("m", "high", "1024x1024", "0.20")
    larger_square = _cell("m", "high", "2048x2048", "0.15", unconfirmed=True)
    landscape = _cell("m", "high", "1536x1024", "0.10")
    smaller_square = _cell("m", "high", "512x512", "0.01")
    other_quality = _cell("m", "low", "2048x2048", "0.01")
    other_model = _cell("n", "high", "1024x1024", "0.05")
    suggestions = cheaper_equivalents([square, larger_square, landscape, smaller_square, other_quality, other_model])
    mine = {s.kind: s for s in suggestions if s.cell == square}
    # The larger square is the one equivalent; a cheaper 3:2 size is only an alternative, though cheaper still.
    assert mine[ChoiceKind.EQUIVALENT].cheaper == larger_square
    assert mine[ChoiceKind.OTHER_SHAPE].cheaper == landscape
    assert mine[ChoiceKind.OTHER_SHAPE].reason == (
        "different shape: 3:2 instead of 1:1, larger: check the layout before switching"
    )
    assert mine[ChoiceKind.OTHER_MODEL].cheaper == other_model
    assert mine[ChoiceKind.OTHER_MODEL].reason == "different model: check the output before switching"
    assert set(mine) == set(ChoiceKind)  # a smaller size or a lower quality is never offered
    # The unconfirmed figure carries its mark in the price and in the saving worked from it.
    assert mine[ChoiceKind.EQUIVALENT].cheaper.price_text == "$0.15*"
    assert mine[ChoiceKind.EQUIVALENT].saving_text == "$0.05*"
    assert mine[ChoiceKind.OTHER_MODEL].saving_text == "$0.15"
    assert suggestions[0].is_equivalent  # equivalents come first


def test_the_catalog_offers_no_other_shape_or_model_as_an_equivalent() -> None:
    suggestions = cheaper_equivalents(cost_grid(today=TODAY))
    for s in suggestions:
        if s.is_equivalent:
            ours, theirs = Size.parse(s.cell.size), Size.parse(s.cheaper.size)
            assert (s.cheaper.model, s.cheaper.quality) == (s.cell.model, s.cell.quality)
            assert theirs.shape == ours.shape and theirs.pixels >= ours.pixels
    # Worked from the sheets: no preset size of gpt-image-2 costs less than a smaller one of its
    # shape (the token formula grows with the pixels), so there are no equivalents today ...
    assert not [s for s in suggestions if s.is_equivalent]
    by_kind = {
        (s.cell.model, s.cell.quality, s.cell.size, s.kind): s.cheaper for s in suggestions
    }
    # ... and gpt-image-2 high 1024x1536 ($0.165) beating 1024x1024 ($0.211) is another shape.
    shape = by_kind["gpt-image-2", "high", "1024x1024", ChoiceKind.OTHER_SHAPE]
    assert (shape.model, shape.size, shape.per_image) == ("gpt-image-2", "1024x1536", Decimal("0.165"))
    # Mini "high" is another model's high: an alternative, labelled so.
    mini = [
        s for s in suggestions if (s.cell.model, s.cell.quality, s.cell.size) == ("gpt-image-2", "high", "1024x1024")
        and s.kind is ChoiceKind.OTHER_MODEL
    ]
    assert mini[0].cheaper.model == "gpt-image-1-mini" and mini[0].saving == Decimal("0.175")
    assert mini[0].reason.startswith("different model: check the output")
    # gpt-image-2 low 1024x1024 ($0.006) -> 1152x2048 is priced from the unconfirmed formula: marked.
    low = by_kind["gpt-image-2", "low", "1024x1024", ChoiceKind.OTHER_SHAPE]
    assert low.size == "1152x2048" and low.price_text == "$0.0047*"
    saving = next(
        s.saving
        for s in suggestions
        if (s.cell.model, s.cell.quality, s.cell.size, s.cheaper.model)
        == ("gpt-image-1.5", "medium", "1024x1024", "gpt-image-1-mini")
    )
    assert saving == Decimal("0.023")
    # Retired models are never suggested.
    assert not any(s.cheaper.retired for s in suggestions)


def test_budget_fit_sums_the_scenarios() -> None:
    a = estimate(scenario(), today=TODAY)  # 8000 x $0.053 = $424
    b = estimate(scenario(name="Thumbs", model="gpt-image-1-mini", quality="low", requests_per_month=20_000))
    fit = budget_fit(Decimal(500), [a, b])  # + 20,000 x $0.005 = $100
    assert fit.total == Decimal(524) and fit.remaining == Decimal(-24) and not fit.fits
    assert fit.scenarios[0].share_of_budget == Decimal("0.848")
    assert fit.share_of_budget == Decimal("1.048")  # $524 of $500, what the window's bar and summary show
    assert budget_fit(Decimal(524), [a, b]).fits
    assert budget_fit(Decimal(0), [a, b]).share_of_budget is None


# Growth ----------------------------------------------------------------------------------------


def test_growth_compounds_monthly_and_sums_the_year() -> None:
    result = project(Decimal(100), Decimal(1000), Decimal(10), date(2027, 1, 1), months=3)
    assert [m.cost for m in result.months] == [Decimal(100), Decimal(110), Decimal(121)]
    assert [m.month for m in result.months] == [date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)]
    assert result.months[2].requests == Decimal(1210)
    assert result.total == Decimal(331) and result.flat_total == Decimal(300)
    twelve = project(Decimal(100), Decimal(1000), Decimal(0), date(2027, 1, 1))
    assert twelve.total == Decimal(1200) and twelve.months[-1].month == date(2027, 12, 1)


def test_add_months_crosses_years() -> None:
    assert add_months(date(2026, 11, 23), 1) == date(2026, 12, 1)
    assert add_months(date(2026, 11, 23), 2) == date(2027, 1, 1)


# Price sheets over time ------------------------------------------------------------------------


def _negotiated() -> Catalog:
    return with_sheets(default_catalog(), load_sheet_file(EXAMPLES / "negotiated-2027.yaml"))


def test_catalog_diff_lists_each_changed_rate() -> None:
    diff = diff_catalogs(default_catalog(), _negotiated())
    assert diff.added == () and diff.removed == ()
    changes = {(c.model, c.what): (c.old, c.new) for c in diff.changes}
    assert changes["gpt-image-2", "medium 1024x1024"] == (Decimal("0.053"), Decimal("0.0477"))
    assert changes["gpt-image-2", "Image output"] == (Decimal("30.00"), Decimal("27.00"))
    assert changes["gpt-image-2", "Batch API multiplier"] == (Decimal("0.5"), None)
    assert all(c.model == "gpt-image-2" for c in diff.changes)


def test_catalog_diff_names_added_and_removed_models() -> None:
    old = default_catalog()
    fewer = Catalog([s for s in old.sheets if s.sheet != "openai-dall-e"])
    diff = diff_catalogs(old, fewer)
    assert set(diff.removed) == {"dall-e-3", "dall-e-2"}
    assert diff_catalogs(fewer, old).added == diff.removed
    assert diff_catalogs(old, old).empty


def test_reprice_says_was_now_and_which_rate_moved() -> None:
    listing = scenario(retry_multiplier=Decimal("1.3"), prompt_tokens=250)
    thumbs = scenario(name="Thumbs", model="gpt-image-1-mini", quality="low", requests_per_month=20_000)
    results = reprice([listing, thumbs], default_catalog(), _negotiated(), today=TODAY)
    first = results[0]
    assert first.was is not None and first.now is not None
    # 10,400 attempts x $0.053 = $551.20 + 2.6M prompt tokens x $5 = $13 -> $564.20;
    # now 10,400 x $0.0477 = $496.08 + 2.6M x $4.50 = $11.70 -> $507.78.
    assert first.was.monthly == Decimal("564.20") and first.now.monthly == Decimal("507.78")
    assert first.change == Decimal("-56.42")
    causes = {c.item: (c.old_unit_price, c.new_unit_price) for c in first.causes}
    assert causes == {
        "Image output": (Decimal("0.053"), Decimal("0.0477")),
        "Text input": (Decimal("5.00"), Decimal("4.50")),
    }
    assert results[1].change == 0 and results[1].causes == ()


def test_reprice_explains_a_model_the_new_sheet_lacks() -> None:
    old = default_catalog()
    fewer = Catalog([s for s in old.sheets if s.sheet != "openai-dall-e"])
    (result,) = reprice([scenario(model="dall-e-3", quality="hd")], old, fewer, today=TODAY)
    assert result.now is None and result.now_error is not None and "unknown model 'dall-e-3'" in result.now_error
    assert result.change is None


def test_stamp_records_the_sheet_and_it_round_trips(tmp_path: Path) -> None:
    (stamped,) = stamp([scenario()], _negotiated(), today=TODAY)
    assert stamped.priced_with == PricedWith(sheet="acme-negotiated-2027", checked=date(2027, 1, 5))
    path = tmp_path / "s.yaml"
    scenario_file.save(scenario_file.ScenarioFile(scenarios=[stamped]), path)
    assert "priced_with:" in path.read_text()
    assert scenario_file.load(path).scenarios[0].priced_with == stamped.priced_with


# Plan settings in files ------------------------------------------------------------------------


def test_plan_settings_round_trip_and_stay_out_when_default(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    scenario_file.save(scenario_file.ScenarioFile(scenarios=[scenario()]), path)
    assert "plan:" not in path.read_text()
    plan = PlanSettings(
        monthly_budget=Decimal("2500"), usage_tier="3", peak_hours_per_day=Decimal(8), growth_percent=Decimal("4.5")
    )
    scenario_file.save(scenario_file.ScenarioFile(scenarios=[scenario()], plan=plan), path)
    assert scenario_file.load(path).plan == plan


def test_plan_settings_accept_tier_spellings_and_refuse_unknown_ones() -> None:
    assert PlanSettings(usage_tier="Tier 4").usage_tier == "4"
    assert PlanSettings.model_validate({"usage_tier": 2}).usage_tier == "2"
    text = "version: 1\nscenarios: []\nplan:\n  usage_tier: 9\n"
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.loads(text)
    assert info.value.line == 4 and "unknown usage tier" in info.value.message


def test_a_scenario_that_cannot_be_priced_is_left_out_of_the_reprice_total_not_counted_as_zero() -> None:
    from datetime import date

    from core.model.scenario import PricedWith, Scenario
    from core.planning.report import reprice_text
    from core.pricing.catalog import Catalog, bundled_sheets
    from core.pricing.reprice import reprice_since_saved

    bundled = bundled_sheets()
    current = Catalog(bundled)
    stamp = current.sheets[0]
    # Mini low 1024x1024 at $0.005 x 1,000 = $5.00 a month, priced with the bundled sheet before and now.
    kept = Scenario(
        name="Kept",
        model="gpt-image-1-mini",
        quality="low",
        size="1024x1024",
        requests_per_month=1000,
        priced_with=PricedWith(sheet=stamp.sheet, checked=stamp.checked),
    )
    # Recorded with a sheet that was removed since: no 'was' to compare with.
    orphan = kept.updated(name="Orphan", priced_with=PricedWith(sheet="acme-negotiated", checked=date(2027, 1, 5)))
    results = reprice_since_saved([kept, orphan], current, bundled, list(bundled))
    text = reprice_text(results, "recorded", "now")
    assert text.endswith(
        "Total: $5.00 -> $5.00 a month, leaving out 1 that cannot be priced before and after ('Orphan')"
    )
    none = reprice_text(results[1:], "recorded", "now")
    assert none.endswith("Total: none of the 1 scenarios can be priced both before and after")


def test_a_share_that_is_not_zero_never_reads_zero_percent() -> None:
    from core.money import format_share

    assert format_share(Decimal("0.00014")) == "<0.1%"  # a need of 0.014% of the limit is a need
    assert format_share(Decimal(0)) == "0.0%"
    assert format_share(Decimal("0.0005")) == "0.1%"
    assert format_share(Decimal("0.1234")) == "12.3%"
