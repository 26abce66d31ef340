"""What the OpenAI API accepts, accepted; what it refuses, refused: one table, two ways in.

Each case is a request as the OpenAI Python SDK's parameter types describe it
(pricing-facts.md, "What the API accepts"; the sheets' ``api_rules``). Every case
runs through the command line (``imagecost-cli quote``) and through the
scenario-file loader, and must be accepted by both or refused by both with the
same words, naming the field.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from core.errors import ScenarioFileError
from core.model.fields import SCENARIO_FIELDS
from core.pricing.engine import check_scenario, estimate
from core.storage import scenario_file
from gui.cli import main

Refusal = tuple[str, str]  # (field, our words)
Case = tuple[str, str, str, str, dict[str, Any], Refusal | None]

#: Inputs that give the by-hand models (gpt-image-1.5, gpt-image-1-mini) a price for their input images.
BY_HAND = {"input_images": 1, "input_image_tokens": 500}
GPT_IMAGE = ("gpt-image-2", "gpt-image-1.5", "chatgpt-image-latest", "gpt-image-1", "gpt-image-1-mini")

CASES: list[Case] = [
    # Issue item 1: n. 1-10; dall-e-3 only 1.
    ("dall-e-3 n=1", "dall-e-3", "standard", "1024x1024", {}, None),
    (
        "dall-e-3 n=2",
        "dall-e-3",
        "standard",
        "1024x1024",
        {"images_per_request": 2},
        ("images_per_request", "dall-e-3 makes at most 1 image per request (the API's n: only 1); got 2"),
    ),
    ("dall-e-2 n=10", "dall-e-2", "standard", "256x256", {"images_per_request": 10}, None),
    *[(f"{m} n=10", m, "low", "1024x1024", {"images_per_request": 10}, None) for m in GPT_IMAGE],
    *[
        (f"{m} n=11", m, "low", "1024x1024", {"images_per_request": 11}, ("images_per_request", "must be at most 10"))
        for m in GPT_IMAGE
    ],
    ("n=0", "gpt-image-2", "low", "1024x1024", {"images_per_request": 0}, ("images_per_request", "must be at least 1")),
    # Issue item 2: input fidelity. high or low; gpt-image-1-mini low only; gpt-image-2 its own (always high).
    (
        "mini high fidelity",
        "gpt-image-1-mini",
        "low",
        "1024x1024",
        {**BY_HAND, "input_fidelity": "high"},
        ("input_fidelity", "gpt-image-1-mini supports only low input fidelity; got 'high'"),
    ),
    ("mini low fidelity", "gpt-image-1-mini", "low", "1024x1024", {**BY_HAND, "input_fidelity": "low"}, None),
    ("1.5 high fidelity", "gpt-image-1.5", "high", "1024x1024", {**BY_HAND, "input_fidelity": "high"}, None),
    (
        "gpt-image-1 high fidelity",
        "gpt-image-1",
        "high",
        "1024x1536",
        {"input_images": 2, "input_image_size": "1024x1536", "input_fidelity": "high"},
        None,
    ),
    (
        "gpt-image-2 edit",
        "gpt-image-2",
        "medium",
        "1024x1024",
        {"input_images": 1, "input_image_size": "1024x1024"},
        None,
    ),
    # Issue item 3: ids. chatgpt-image-latest is the API's; a dated snapshot prices as its model.
    ("chatgpt-image-latest", "chatgpt-image-latest", "medium", "1024x1536", {}, None),
    ("gpt-image-2 snapshot", "gpt-image-2-2026-04-21", "high", "2048x1152", {}, None),
    ("unknown id", "gpt-image-9", "low", "1024x1024", {}, ("model", "unknown model 'gpt-image-9'")),
    # Issue item 4: auto quality and auto size, for the GPT Image models only.
    *[(f"{m} auto quality", m, "auto", "1024x1024", {}, None) for m in GPT_IMAGE],
    *[(f"{m} auto size", m, "high", "auto", {}, None) for m in GPT_IMAGE],
    ("gpt-image-2 auto both", "gpt-image-2", "auto", "auto", {}, None),
    ("dall-e-3 auto quality", "dall-e-3", "auto", "1024x1024", {}, ("quality", "dall-e-3 has no quality 'auto'")),
    ("dall-e-3 auto size", "dall-e-3", "hd", "auto", {}, ("size", "dall-e-3 has no size 'auto'")),
    ("dall-e-2 auto size", "dall-e-2", "standard", "auto", {}, ("size", "dall-e-2 has no size 'auto'")),
    # Issue item 5: DALL-E 2 edits and variations take one square image; DALL-E 3 takes none.
    ("dall-e-2 edit", "dall-e-2", "standard", "1024x1024", {"input_images": 1, "input_image_size": "1024x1024"}, None),
    ("dall-e-2 variation", "dall-e-2", "standard", "512x512", {"input_images": 1}, None),
    (
        "dall-e-2 two inputs",
        "dall-e-2",
        "standard",
        "1024x1024",
        {"input_images": 2},
        ("input_images", "dall-e-2 takes at most 1 input image per edit; got 2"),
    ),
    (
        "dall-e-2 non-square input",
        "dall-e-2",
        "standard",
        "1024x1024",
        {"input_images": 1, "input_image_size": "1024x512"},
        ("input_image_size", "dall-e-2 edits and variations take a square image; 1024x512 is not square"),
    ),
    (
        "dall-e-3 edit",
        "dall-e-3",
        "standard",
        "1024x1024",
        {"input_images": 1},
        ("input_images", "dall-e-3 takes no input images (it has no edits); got 1"),
    ),
    ("16 inputs", "gpt-image-1", "low", "1024x1024", {"input_images": 16, "input_image_size": "1024x1024"}, None),
    ("17 inputs", "gpt-image-1", "low", "1024x1024", {"input_images": 17}, ("input_images", "must be at most 16")),
    # Issue item 6: partial images 0-3, streaming only: never with Batch, never for DALL-E.
    (
        "partial images with batch",
        "gpt-image-2",
        "low",
        "1024x1024",
        {"partial_images": 2, "batch": True},
        (
            "partial_images",
            "partial images need streaming, which the Batch API does not do; got 2 partial images with batch on",
        ),
    ),
    ("batch alone", "gpt-image-2", "low", "1024x1024", {"batch": True}, None),
    *[(f"{m} partial 3", m, "low", "1024x1024", {"partial_images": 3}, None) for m in GPT_IMAGE],
    *[
        (f"{m} partial 4", m, "low", "1024x1024", {"partial_images": 4}, ("partial_images", "must be at most 3"))
        for m in GPT_IMAGE
    ],
    *[
        (
            f"{m} partial 1",
            m,
            "standard",
            "1024x1024",
            {"partial_images": 1},
            ("partial_images", f"{m} takes no partial images (it does not stream); got 1"),
        )
        for m in ("dall-e-3", "dall-e-2")
    ],
    # Issue item 7: a cached share of input images.
    (
        "cached input share",
        "gpt-image-1",
        "low",
        "1024x1024",
        {"input_images": 1, "input_image_size": "1024x1024", "cached_input_share": "0.5"},
        None,
    ),
    # gpt-image-2 sizes: every edge of its rules, just inside and just outside.
    ("3840x2160 (largest)", "gpt-image-2", "low", "3840x2160", {}, None),
    ("2160x3840", "gpt-image-2", "low", "2160x3840", {}, None),
    ("3856x2160", "gpt-image-2", "low", "3856x2160", {}, ("size", "longest edge 3856 px is over 3840 px")),
    ("1024x1020", "gpt-image-2", "low", "1024x1020", {}, ("size", "height 1020 px is not a multiple of 16")),
    ("3072x1024 (3:1)", "gpt-image-2", "low", "3072x1024", {}, None),
    ("3088x1024", "gpt-image-2", "low", "3088x1024", {}, ("size", "long:short ratio 3088:1024 is over 3:1")),
    ("1024x640 (fewest pixels)", "gpt-image-2", "low", "1024x640", {}, None),
    ("1008x640", "gpt-image-2", "low", "1008x640", {}, ("size", "645,120 pixels is under the minimum of 655,360")),
    ("2880x2880 (most pixels)", "gpt-image-2", "low", "2880x2880", {}, None),
    ("2896x2896", "gpt-image-2", "low", "2896x2896", {}, ("size", "8,386,816 pixels is over the maximum of 8,294,400")),
    ("1.5 has no 2048x2048", "gpt-image-1.5", "low", "2048x2048", {}, ("size", "gpt-image-1.5 has no size 2048x2048")),
]


def _argv(model: str, quality: str, size: str, extra: dict[str, Any]) -> list[str]:
    argv = ["quote", "--model", model, "--quality", quality, "--size", size, "--requests-per-month", "1000"]
    for field, value in extra.items():
        flag = SCENARIO_FIELDS[field].flag
        if value is True:
            argv.append(flag)
        else:
            argv += [flag, str(value)]
    return argv


def _file_text(model: str, quality: str, size: str, extra: dict[str, Any]) -> str:
    lines = ["version: 1", "scenarios:", "  - name: S", f"    model: {model}", f"    quality: {quality}"]
    lines += [f"    size: {size}", "    requests_per_month: 1000"]
    lines += [
        f"    {field}: {str(value).lower() if isinstance(value, bool) else value}" for field, value in extra.items()
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("case", "model", "quality", "size", "extra", "refusal"), CASES, ids=[c[0] for c in CASES])
def test_the_command_line_accepts_what_the_api_accepts(
    capsys: pytest.CaptureFixture[str],
    case: str,
    model: str,
    quality: str,
    size: str,
    extra: dict[str, Any],
    refusal: Refusal | None,
) -> None:
    try:
        code = main(_argv(model, quality, size, extra))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    if refusal is None:
        assert (code, err) == (0, ""), case
        assert "Monthly: $" in out
    else:
        field, words = refusal
        assert code == 2, case
        assert err.startswith(f"error: {SCENARIO_FIELDS[field].flag if field in SCENARIO_FIELDS else field}: "), err
        assert words in err


@pytest.mark.parametrize(("case", "model", "quality", "size", "extra", "refusal"), CASES, ids=[c[0] for c in CASES])
def test_scenario_files_accept_what_the_api_accepts(
    case: str, model: str, quality: str, size: str, extra: dict[str, Any], refusal: Refusal | None
) -> None:
    text = _file_text(model, quality, size, extra)
    if refusal is None:
        document = scenario_file.loads(text, check=check_scenario)
        assert estimate(document.scenarios[0]).monthly > 0, case  # priced, and never $0
    else:
        field, words = refusal
        with pytest.raises(ScenarioFileError) as info:
            scenario_file.loads(text, check=check_scenario)
        assert info.value.field == f"scenarios[0].{field}"
        assert words in info.value.message


def _json_quote(capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, Any]:
    code = main(["quote", "--requests-per-month", "1000", "--format", "json", *flags])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return dict(json.loads(out)["scenarios"][0])


def test_auto_quality_is_a_range_whose_upper_bound_is_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json_quote(capsys, "--model", "gpt-image-1.5", "--quality", "auto", "--size", "1024x1024")
    # Seed 000, GPT Image 1.5 1024x1024: low $0.009 (cheapest) ... high $0.133 (dearest), x 1,000 requests.
    assert Decimal(data["monthly"]) == Decimal("0.133") * 1000
    assert Decimal(data["monthly_low"]) == Decimal("0.009") * 1000
    assert data["upper_bound"] == "upper bound: quality chosen by the model"
    assert data["lines"][0]["item"] == "Image output (upper bound: quality chosen by the model)"


def test_auto_size_prices_the_dearest_size_the_model_could_choose(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json_quote(capsys, "--model", "chatgpt-image-latest", "--quality", "high", "--size", "auto")
    # Priced as GPT Image 1.5 (seed 000), high: 1024x1024 $0.133; 1024x1536 and 1536x1024 $0.2.
    assert Decimal(data["monthly"]) == Decimal("0.2") * 1000
    assert Decimal(data["monthly_low"]) == Decimal("0.133") * 1000
    assert data["upper_bound"] == "upper bound: size chosen by the model"


def test_the_cli_table_marks_every_upper_bound(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["quote", "--model", "gpt-image-2", "--quality", "auto", "--size", "1024x1024", "--requests-per-month", "1000"]
    )
    out, _err = capsys.readouterr()
    assert code == 0
    # gpt-image-2 1024x1024 (seed 002): low $0.006, high $0.211, x 1,000.
    assert "Per delivered image: $0.211 (upper bound: quality chosen by the model)" in out
    assert "Monthly: $211.00 (upper bound: quality chosen by the model)" in out
    assert "Cheapest the model could choose: $6.00 a month (low 1024x1024)" in out


def test_dall_e_2_edits_cost_the_per_image_price_with_the_input_noted(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json_quote(
        capsys, "--model", "dall-e-2", "--quality", "standard", "--size", "1024x1024", "--input-images", "1"
    )
    # Seed 000, DALL-E 2 1024x1024: $0.02 per image; seed 001: no additional costs. 1,000 x $0.02.
    assert Decimal(data["monthly"]) == Decimal("0.02") * 1000
    included = data["lines"][1]
    assert included["item"] == "Input image (included in the per-image price)"
    assert (included["quantity"], included["cost"]) == ("1000", "0")


def test_a_cached_share_of_input_images_is_billed_at_the_cached_rate(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json_quote(
        capsys,
        *("--model", "gpt-image-1", "--quality", "low", "--size", "1024x1024"),
        *("--input-images", "1", "--input-image-size", "1024x1024", "--cached-input-share", "0.5"),
    )
    # gpt-image-1 tiles (pricing-facts.md): 1024x1024 -> one 512 px tile -> 65 + 129 = 194 tokens, half cached.
    fresh_tokens = cached_tokens = Decimal(194) / 2 * 1000
    by_item = {line["item"]: Decimal(line["cost"]) for line in data["lines"]}
    assert by_item["Image input"] == fresh_tokens * Decimal("10.00") / 10**6  # seed 003: image in $10 / 1M
    assert by_item["Cached image input"] == cached_tokens * Decimal("2.50") / 10**6  # cached image in $2.50 / 1M
    assert Decimal(data["monthly"]) == Decimal("0.011") * 1000 + Decimal("0.97") + Decimal("0.2425")


def test_a_model_without_a_cached_image_rate_refuses_a_cached_share() -> None:
    from core.errors import InvalidOptionError
    from core.model.scenario import Scenario
    from core.pricing.catalog import Catalog, default_catalog

    sheets = [s.model_copy(deep=True) for s in default_catalog().sheets]
    gpt = next(s for s in sheets if s.sheet == "openai-gpt-image")
    model = next(m for m in gpt.models if m.id == "gpt-image-1")
    rates = {k: v for k, v in model.token_rates.items() if k != "cached_image_in"}
    models = tuple(m.model_copy(update={"token_rates": rates}) if m is model else m for m in gpt.models)
    catalog = Catalog([gpt.model_copy(update={"models": models}), *(s for s in sheets if s is not gpt)])
    scenario = Scenario(
        model="gpt-image-1",
        quality="low",
        size="1024x1024",
        requests_per_month=10,
        input_images=1,
        input_image_size="1024x1024",
        cached_input_share=Decimal("0.5"),
    )
    with pytest.raises(InvalidOptionError) as info:
        estimate(scenario, catalog)
    assert (info.value.field, info.value.message) == (
        "cached_input_share",
        "gpt-image-1 has no cached image-input price",
    )


def test_gpt_image_latest_in_an_old_file_is_migrated_with_a_note() -> None:
    text = _file_text("gpt-image-latest", "medium", "1024x1024", {})
    document = scenario_file.loads(text, check=check_scenario)
    assert document.scenarios[0].model == "chatgpt-image-latest"
    assert document.load_notes == (
        "model 'gpt-image-latest' is now 'chatgpt-image-latest', the API's id for it, in 1 place; "
        "the file on disk is unchanged until you save",
    )
    assert "model: chatgpt-image-latest" in scenario_file.dumps(document)


def test_the_command_line_names_the_api_id_for_gpt_image_latest(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(_argv("gpt-image-latest", "low", "1024x1024", {}))
    _out, err = capsys.readouterr()
    assert code == 2
    assert err == (
        "error: --model: unknown model 'gpt-image-latest': the API's id for it is 'chatgpt-image-latest' "
        "(use chatgpt-image-latest)\n"
    )


def test_a_snapshot_id_stays_in_the_file_and_is_shown(capsys: pytest.CaptureFixture[str]) -> None:
    text = _file_text("gpt-image-2-2026-04-21", "high", "1024x1024", {})
    document = scenario_file.loads(text, check=check_scenario)
    assert "model: gpt-image-2-2026-04-21" in scenario_file.dumps(document)
    est = estimate(document.scenarios[0])
    # Priced as gpt-image-2: high 1024x1024 $0.211 (seed 002) x 1,000.
    assert (est.priced_as, est.monthly) == ("gpt-image-2", Decimal("0.211") * 1000)
    assert est.model_label == "GPT Image 2 (snapshot 2026-04-21)"
    code = main(_argv("gpt-image-2-2026-04-21", "high", "1024x1024", {}))
    out, _err = capsys.readouterr()
    assert code == 0
    assert out.startswith("Scenario: GPT Image 2 (snapshot 2026-04-21) (gpt-image-2-2026-04-21), high, 1024x1024")


def test_the_docs_and_the_prices_listing_give_each_models_rules(capsys: pytest.CaptureFixture[str]) -> None:
    from core.pricing.api_rules import rules_text
    from core.pricing.catalog import default_catalog
    from tests.conftest import REPO

    docs = (REPO / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    assert main(["prices"]) == 0
    listing, _err = capsys.readouterr()
    for model in default_catalog().models():
        rules = model.rules
        assert rules is not None and rules.source == "pricing-facts.md", model.id  # every bundled model, sourced
        line = rules_text(rules, model.qualities)
        assert f"  API accepts: {line}\n" in listing, model.id
        if not model.repeats:
            assert f"| `{model.id}` | {line} |" in docs, model.id
    assert "n 1 only; quality standard/hd; no edits; no partial images" in listing  # dall-e-3, in our words


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_quotes_mark_every_upper_bound(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    flags = ["--model", "gpt-image-1.5", "--quality", "auto", "--size", "1024x1024", "--requests-per-month", "1000"]
    code = main(["quote", *flags, "--format", fmt if fmt != "txt" else "table"])
    out, _err = capsys.readouterr()
    assert code == 0
    # GPT Image 1.5 1024x1024 (seed 000): high $0.133 x 1,000 = $133.00 a month, low $0.009 x 1,000 = $9.00.
    if fmt == "md":
        assert "| Scenario | gpt-image-1.5, auto, 1024x1024; upper bound: quality chosen by the model | $0.133 |" in out
        assert "- **Per month (upper bound: quality chosen by the model): $133.00**" in out
        assert "- Grand total: an upper bound (upper bound: quality chosen by the model)" in out
    elif fmt == "html":
        assert "gpt-image-1.5, auto, 1024x1024; upper bound: quality chosen by the model" in out
        assert "Per month (upper bound: quality chosen by the model)" in out
    else:
        assert "Monthly: $133.00 (upper bound: quality chosen by the model)" in out
    assert "it could cost $9.00 (low 1024x1024) to $133.00 (high 1024x1024) a month" in out


def test_a_stage_with_auto_quality_makes_the_staged_total_an_upper_bound() -> None:
    text = (
        "version: 1\nscenarios:\n  - name: Staged\n    model: gpt-image-2\n    quality: high\n    size: 1024x1024\n"
        "    requests_per_month: 1000\n    stages:\n"
        "      - {name: Drafts, model: gpt-image-2, quality: auto, size: 1024x1024, images_per_request: 4, share: 1}\n"
        "      - {name: Finals, model: gpt-image-2, quality: high, size: 1024x1024, share: 0.2}\n"
    )
    est = estimate(scenario_file.loads(text, check=check_scenario).scenarios[0])
    # gpt-image-2 1024x1024 (seed 002): high $0.211, low $0.006. Drafts 1,000 x 4 images; finals 200 x 1.
    finals = 200 * Decimal("0.211")
    assert est.monthly == 4000 * Decimal("0.211") + finals
    assert est.auto_range is not None and est.auto_range.low_monthly == 4000 * Decimal("0.006") + finals
    assert est.auto_range.marker == "upper bound: quality chosen by the model"
    assert est.auto_range.low_choice == "Drafts: low 1024x1024"


def test_the_json_catalog_carries_each_models_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "--format", "json"]) == 0
    out, _err = capsys.readouterr()
    models = {m["id"]: m for m in json.loads(out)["models"]}
    assert models["dall-e-3"]["api_rules"]["max_images_per_request"] == 1
    assert models["gpt-image-1-mini"]["api_rules"]["input_fidelities"] == ["low"]
    assert models["gpt-image-2-2026-04-21"]["snapshot_of"] == "gpt-image-2"
    assert models["chatgpt-image-latest"]["alias_of"] == "gpt-image-1.5"


def test_the_quote_charts_mark_an_upper_bound() -> None:
    from core.model.quote_header import QuoteHeader
    from core.model.scenario import Scenario
    from core.quote.charts import breakdown_chart, quote_comparison_chart
    from core.quote.quote import build_quote

    auto = Scenario(name="Auto", model="gpt-image-1.5", quality="auto", size="1024x1024", requests_per_month=1000)
    fixed = Scenario(name="Fixed", model="gpt-image-1.5", quality="low", size="1024x1024", requests_per_month=1000)
    quote = build_quote(QuoteHeader(), [auto, fixed])
    chart = quote_comparison_chart(quote)
    assert ">* Auto<" in chart and ">Fixed<" in chart
    assert "Monthly OpenAI cost by scenario (no markup); * upper bound, chosen by the model" in chart
    # GPT Image 1.5 high 1024x1024 (seed 000): $0.133 x 1,000 = $133.00, the dearest quality.
    assert "Total $133.00 / month (upper bound: quality chosen by the model)" in breakdown_chart(quote.estimates[0])


def test_a_quote_says_a_dall_e_2_input_image_is_included(capsys: pytest.CaptureFixture[str]) -> None:
    flags = ["--model", "dall-e-2", "--quality", "standard", "--size", "1024x1024", "--requests-per-month", "10"]
    assert main(["quote", *flags, "--input-images", "1", "--format", "md"]) == 0
    out, _err = capsys.readouterr()
    assert "- **Input images:** 1 per attempt, included in the per-image price (DALL-E 2 edits and variations)" in out
    # Seed 000: DALL-E 2 1024x1024 $0.02 x 10 requests = $0.20, nothing more for the input image.
    assert "- **Per month: $0.20**" in out
