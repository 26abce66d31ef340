"""Draft-then-final stages: each stage priced on its share of requests, totals summed.

Expected figures are worked by hand from the bundled sheet (gpt-image-2 low 1024x1024
$0.006, high 1536x1024 $0.165; text input $5 / 1M).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import ImageCostError, ScenarioFileError
from core.model.scenario import Scenario, Stage
from core.pricing.engine import check_scenario, estimate
from core.pricing.report import estimate_data, estimate_table
from core.storage import scenario_file

DRAFTS = Stage(name="Drafts", model="gpt-image-2", quality="low", size="1024x1024", images_per_request=4)
FINALS = Stage(name="Finals", model="gpt-image-2", quality="high", size="1536x1024", share=Decimal("0.2"))


def campaign(**extra: object) -> Scenario:
    values: dict[str, object] = {
        "name": "Campaign",
        "model": "gpt-image-2",
        "quality": "high",
        "size": "1536x1024",
        "requests_per_month": 1000,
        "retry_multiplier": Decimal("1.2"),
        "prompt_tokens": 100,
        "stages": [DRAFTS, FINALS],
    }
    values.update(extra)
    return Scenario.model_validate(values)


def test_each_stage_is_priced_on_its_share_and_the_total_is_their_sum() -> None:
    est = estimate(campaign())
    drafts, finals = est.stages
    # Drafts: 1000 requests x 1.2 attempts x 4 images = 4800 x $0.006 = $28.80; prompts 1200 x 100 tokens
    # = 0.12M x $5 = $0.60.
    assert drafts.generated_images == Decimal(4800)
    assert drafts.monthly == Decimal("29.40")
    # Finals: 20% of 1000 = 200 requests x 1.2 = 240 images x $0.165 = $39.60; prompts 0.024M x $5 = $0.12.
    assert finals.requests == Decimal(200)
    assert finals.monthly == Decimal("39.72")
    assert est.monthly == Decimal("69.12")
    assert est.yearly == Decimal("829.44")
    # Per final image: $69.12 / 200 finals; per generated: $69.12 / 5040 images.
    assert est.per_image == Decimal("0.3456")
    assert est.delivered_images == 200
    assert est.per_generated_image * 5040 == Decimal("69.12")
    assert [line.item for line in est.lines] == [
        "Drafts: Image output",
        "Drafts: Text input",
        "Finals: Image output",
        "Finals: Text input",
    ]
    assert sum(line.cost for line in est.lines) == est.monthly


def test_per_final_image_does_not_depend_on_volume() -> None:
    assert estimate(campaign(requests_per_month=0)).per_image == Decimal("0.3456")
    assert estimate(campaign(requests_per_month=0)).monthly == 0


def test_fractional_stage_requests_stay_exact() -> None:
    # 333 x 0.2 = 66.6 final requests x $0.165 x 1.2 attempts = $13.1868 (no rounding anywhere).
    est = estimate(campaign(requests_per_month=333, prompt_tokens=0))
    assert est.stages[1].monthly == Decimal("13.18680")
    assert est.stages[0].monthly == Decimal("333") * Decimal("1.2") * 4 * Decimal("0.006")


def test_a_scenario_without_stages_prices_as_before() -> None:
    plain = campaign(stages=[])
    est = estimate(plain)
    assert est.stages == ()
    # 1000 x 1.2 = 1200 images x $0.165 + 0.12M prompt tokens x $5.
    assert est.monthly == Decimal("198.60")


def test_a_bad_stage_is_named_with_its_field() -> None:
    bad = campaign(stages=[DRAFTS, FINALS.model_copy(update={"quality": "ultra"})])
    with pytest.raises(ImageCostError) as info:
        estimate(bad)
    assert info.value.field == "stages[1].quality"
    assert "stage 'Finals'" in info.value.message


def test_stage_names_must_differ_and_share_is_a_fraction() -> None:
    with pytest.raises(ValueError, match="two stages are named 'Drafts'"):
        campaign(stages=[DRAFTS, DRAFTS])
    with pytest.raises(ValueError):
        Stage(name="x", model="gpt-image-2", quality="low", size="1024x1024", share=Decimal("1.5"))
    with pytest.raises(ValueError):
        Stage(name="x", model="gpt-image-2", quality="low", size="1024x1024", share=Decimal(0))


def test_breakdown_and_json_show_each_stage_and_the_total() -> None:
    est = estimate(campaign())
    table = estimate_table(est)
    assert "Drafts: GPT Image 2, low, 1024x1024, 4 per request, 100% of requests" in table
    assert "Finals: GPT Image 2, high, 1536x1024, 1 per request, 20% of requests" in table
    assert "Drafts subtotal" in table and "$29.40" in table
    assert "Total, all stages" in table and "$69.12" in table
    assert "Per final image: $0.3456" in table
    data = estimate_data(est)
    assert [s["monthly"] for s in data["stages"]] == ["29.4", "39.72"]
    assert data["stages"][1]["share"] == "0.2"
    assert data["monthly"] == "69.12"


def test_stages_round_trip_through_a_scenario_file(tmp_path: Path) -> None:
    doc = scenario_file.ScenarioFile(scenarios=[campaign()])
    path = tmp_path / "staged.yaml"
    scenario_file.save(doc, path)
    text = path.read_text()
    assert "stages:" in text and "share: 0.2" in text
    again = scenario_file.load(path, check=check_scenario)
    assert again.scenarios[0].stages == [DRAFTS, FINALS]
    assert estimate(again.scenarios[0]).monthly == Decimal("69.12")


def test_a_bad_stage_in_a_file_names_its_line(tmp_path: Path) -> None:
    text = scenario_file.dumps(scenario_file.ScenarioFile(scenarios=[campaign()])).replace(
        "quality: low", "quality: ultra"
    )
    with pytest.raises(ScenarioFileError) as info:
        scenario_file.loads(text, path=tmp_path / "x.yaml", check=check_scenario)
    lines = text.splitlines()
    assert lines[info.value.line - 1].strip() == "quality: ultra"
    assert info.value.field == "scenarios[0].stages[0].quality"


def test_quotes_list_each_stage_with_its_subtotal() -> None:
    from core.model.quote_header import QuoteHeader
    from core.quote.export import render_text
    from core.quote.quote import build_quote

    text = render_text(build_quote(QuoteHeader(), [campaign()]), "md")
    assert "**Stage: Drafts:** GPT Image 2, low, 1024x1024, 4 per request, 100% of requests; $29.40 / month" in text
    assert "**Stage: Finals:** GPT Image 2, high, 1536x1024, 1 per request, 20% of requests; $39.72 / month" in text
    assert "Per final image (all stages): $0.3456" in text
    assert "**Quality:**" not in text  # the top-level image settings are not what is priced


def test_csv_lines_of_a_staged_scenario_carry_their_own_stage_model() -> None:
    import csv
    import io

    from core.model.quote_header import QuoteHeader
    from core.quote.csv import quote_csv
    from core.quote.quote import build_quote

    quote = build_quote(QuoteHeader(), [campaign()])
    rows = list(csv.DictReader(io.StringIO(quote_csv(quote, bom=False))))
    # Drafts are gpt-image-2 low 1024x1024 at $0.006 (not the scenario's top-level high 1536x1024).
    lines = [r for r in rows if r["row"] == "line"]
    assert [(r["item"], r["model"], r["quality"], r["size"], r["unit_price_usd"]) for r in lines] == [
        ("Drafts: Image output", "gpt-image-2", "low", "1024x1024", "0.006"),
        ("Drafts: Text input", "gpt-image-2", "low", "1024x1024", "5"),  # $5 per 1M tokens
        ("Finals: Image output", "gpt-image-2", "high", "1536x1024", "0.165"),
        ("Finals: Text input", "gpt-image-2", "high", "1536x1024", "5"),
    ]


def test_a_staged_scenario_whose_top_level_differs_is_read_as_priced_with_a_note() -> None:
    # Hand-written: the top level says dall-e-2, the stages (which are what is priced) say gpt-image-2.
    text = """\
version: 1
scenarios:
  - name: Campaign
    model: dall-e-2
    quality: standard
    size: 256x256
    requests_per_month: 1000
    stages:
      - {name: Drafts, model: gpt-image-2, quality: low, size: 1024x1024, images_per_request: 4}
      - {name: Finals, model: gpt-image-2, quality: high, size: 1536x1024, share: 0.2}
"""
    document = scenario_file.loads(text)
    (scenario,) = document.scenarios
    assert (scenario.model, scenario.quality, scenario.size) == ("gpt-image-2", "high", "1536x1024")
    assert document.load_notes == (
        "scenario 'Campaign': set from its last stage 'Finals' (model 'dall-e-2' -> 'gpt-image-2', "
        "quality 'standard' -> 'high', size '256x256' -> '1536x1024'), as it is priced",
    )
    data = estimate_data(estimate(scenario))
    assert (data["model"], data["quality"], data["size"]) == ("gpt-image-2", "high", "1536x1024")
