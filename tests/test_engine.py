"""The pricing engine on worked examples computed by hand in each test.

Prices come from the seeds: 000_6af9bded465e01ae.txt (per-image tables),
003_f6496c9069045be1.txt (gpt-image-1 token rates), 002_2e706aebf607431d.txt
(gpt-image-2, 1.5, mini token rates and gpt-image-2 1024x1024 prices).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from core.errors import InvalidOptionError, UnknownModelError
from core.model.scenario import Scenario
from core.pricing.engine import estimate
from core.pricing.estimate import Estimate

TODAY = date(2026, 11, 23)


def price(**fields: Any) -> Estimate:
    fields.setdefault("requests_per_month", 1000)
    return estimate(Scenario(**fields), today=TODAY)


def lines(est: Estimate) -> dict[str, tuple[D, str, D, D]]:
    return {line.item: (line.quantity, line.unit, line.unit_price, line.cost) for line in est.lines}


def test_issue_example_gpt_image_1_high_portrait() -> None:
    est = price(model="gpt-image-1", quality="high", size="1024x1536")
    assert est.per_image == D("0.25")
    assert est.monthly == D("250")
    assert est.yearly == D("3000")
    assert est.output_per_image_token_exact == D("0.2496")  # 6240 tokens x $40 / 1M


def test_published_and_token_exact_side_by_side() -> None:
    # pricing-facts.md: gpt-image-1 high 1024x1024 published $0.167, token-exact 4160 x $40/1M = $0.1664.
    est = price(model="gpt-image-1", quality="high", size="1024x1024")
    assert est.output_per_image == D("0.167")
    assert est.output_per_image_token_exact == D("0.1664")
    assert est.output_tokens_per_image == 4160


def test_full_breakdown_worked_by_hand() -> None:
    est = price(
        model="gpt-image-1",
        quality="low",
        size="1024x1024",
        requests_per_month=20_000,
        retry_multiplier=D("1.25"),
        images_per_request=2,
        prompt_tokens=100,
        cached_prompt_share=D("0.5"),
        input_images=1,
        input_image_size="1024x1024",
    )
    # attempts = 20,000 x 1.25 = 25,000; generated = 25,000 x 2 = 50,000 images.
    assert est.attempts == 25_000 and est.generated_images == 50_000
    got = lines(est)
    assert got["Image output"] == (50_000, "image", D("0.011"), D("550"))
    # 50 fresh prompt tokens x 25,000 attempts = 1.25M tokens at $5 / 1M.
    assert got["Text input"] == (D("1.25"), "1M tokens", D("5"), D("6.25"))
    # 50 cached prompt tokens x 25,000 = 1.25M at $1.25 / 1M.
    assert got["Cached text input"] == (D("1.25"), "1M tokens", D("1.25"), D("1.5625"))
    # 1024x1024 input, low fidelity: 194 tokens x 25,000 = 4.85M at $10 / 1M.
    assert got["Image input"] == (D("4.85"), "1M tokens", D("10"), D("48.5"))
    assert est.monthly == D("606.3125")
    assert est.yearly == D("7275.75")
    # per generated = 0.011 + (50x5 + 50x1.25 + 194x10) / 1M / 2 images = 0.01212625
    assert est.per_generated_image == D("0.01212625")
    # per delivered = monthly / (20,000 x 2) = 0.0151578125
    assert est.per_image == D("0.0151578125") == est.monthly / 40_000


def test_batch_halves_gpt_image_2() -> None:
    est = price(model="gpt-image-2", quality="medium", size="1536x1024", requests_per_month=10_000, batch=True)
    assert lines(est)["Image output (batch)"] == (10_000, "image", D("0.0205"), D("205"))
    assert not [w for w in est.warnings if w.kind == "unconfirmed"]


def test_batch_unconfirmed_for_gpt_image_1_mini_is_flagged() -> None:
    est = price(model="gpt-image-1-mini", quality="low", size="1024x1024", batch=True)
    assert est.monthly == D("2.5")  # 1,000 x $0.005 x 0.5
    assert any(w.kind == "unconfirmed" and "Batch" in w.message for w in est.warnings)


def test_batch_refused_where_the_sheet_has_no_batch_price() -> None:
    with pytest.raises(InvalidOptionError) as info:
        price(model="dall-e-3", quality="standard", size="1024x1024", batch=True)
    assert info.value.field == "batch"


def test_gpt_image_2_custom_size_priced_from_tokens_and_marked_unconfirmed() -> None:
    est = price(model="gpt-image-2", quality="high", size="2048x1152")
    # 5650 tokens (see test_sizes) x $30 / 1M = $0.1695
    assert est.output_per_image == D("0.1695")
    assert est.monthly == D("169.5")
    assert any(w.kind == "unconfirmed" for w in est.warnings)


def test_published_gpt_image_2_row_wins_over_tokens() -> None:
    est = price(model="gpt-image-2", quality="high", size="1024x1024")
    assert est.output_per_image == D("0.211")
    assert est.output_per_image_token_exact == D("0.21072")  # 7024 x 30 / 1M


def test_larger_gpt_image_2_can_cost_less() -> None:
    square = price(model="gpt-image-2", quality="high", size="1024x1024")
    wide = price(model="gpt-image-2", quality="high", size="1536x1024")
    assert wide.per_image < square.per_image


def test_experimental_size_warning() -> None:
    est = price(model="gpt-image-2", quality="low", size="3840x2160")
    assert any(w.kind == "experimental" for w in est.warnings)


def test_partial_images_add_100_output_tokens_each() -> None:
    est = price(model="gpt-image-1.5", quality="low", size="1024x1024", partial_images=3)
    # 1,000 images x 3 x 100 tokens = 0.3M tokens x $32 = $9.60, plus 1,000 x $0.009.
    assert lines(est)["Partial images"] == (D("0.3"), "1M tokens", D("32"), D("9.6"))
    assert est.monthly == D("18.6")
    assert est.per_image == D("0.0186")


def test_text_output_where_the_model_has_a_rate() -> None:
    est = price(model="gpt-image-1.5", quality="low", size="1024x1024", text_output_tokens=200)
    assert lines(est)["Text output"] == (D("0.2"), "1M tokens", D("10"), D("2"))
    with pytest.raises(InvalidOptionError):
        price(model="gpt-image-1", quality="low", size="1024x1024", text_output_tokens=200)


def test_alias_priced_as_its_target() -> None:
    latest = price(model="chatgpt-image-latest", quality="medium", size="1024x1536")
    assert latest.priced_as == "gpt-image-1.5"
    assert latest.monthly == price(model="gpt-image-1.5", quality="medium", size="1024x1536").monthly == D("50")


def test_dall_e_prompts_are_included() -> None:
    est = price(model="dall-e-3", quality="hd", size="1792x1024", requests_per_month=500, prompt_tokens=1000)
    assert [line.item for line in est.lines] == ["Image output"]
    assert est.monthly == D("60")


def test_retired_model_warns_with_date() -> None:
    est = price(model="dall-e-2", quality="standard", size="256x256")
    retired = [w for w in est.warnings if w.kind == "retired"]
    assert retired and "2026-05-12" in retired[0].message and "unconfirmed" in retired[0].message
    before = estimate(
        Scenario(model="gpt-image-1", quality="low", size="1024x1024", requests_per_month=1), today=date(2026, 1, 1)
    )
    assert "scheduled to retire on 2026-10-23" in before.warnings[0].message


def test_input_image_rules() -> None:
    by_hand = price(model="gpt-image-1.5", quality="low", size="1024x1024", input_images=2, input_image_tokens=500)
    # 1,000 attempts x 2 x 500 = 1M tokens x $8
    assert lines(by_hand)["Image input"][3] == D("8")
    with pytest.raises(InvalidOptionError) as info:
        price(model="gpt-image-1.5", quality="low", size="1024x1024", input_images=1)
    assert info.value.field == "input_image_tokens"
    measured = price(model="gpt-image-2", quality="low", size="1024x1024", input_images=1, input_image_size="1536x1024")
    # 1536 measured tokens (unconfirmed) x 1,000 = 1.536M x $8 = $12.288
    assert lines(measured)["Image input"][3] == D("12.288")
    assert any(w.kind == "unconfirmed" and "input-image" in w.message for w in measured.warnings)
    with pytest.raises(InvalidOptionError):
        price(model="gpt-image-2", quality="low", size="1024x1024", input_images=1, input_image_size="2048x2048")


def test_auto_quality_is_priced_as_a_range_never_zero() -> None:
    est = price(model="gpt-image-2", quality="auto", size="1024x1024", requests_per_month=1000)
    # Published gpt-image-2 1024x1024 (seed 002): low $0.006 ... high $0.211 per image, x 1000 requests.
    assert est.monthly == D("0.211") * 1000
    assert est.auto_range is not None and est.auto_range.low_monthly == D("0.006") * 1000
    assert est.auto_range.marker == "upper bound: quality chosen by the model"
    assert est.lines[0].item == "Image output (upper bound: quality chosen by the model)"


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        ({"model": "gpt-image-9", "quality": "low", "size": "1024x1024"}, UnknownModelError, "model"),
        ({"model": "gpt-image-1", "quality": "ultra", "size": "1024x1024"}, InvalidOptionError, "quality"),
        ({"model": "gpt-image-1", "quality": "low", "size": "2048x2048"}, InvalidOptionError, "size"),
        ({"model": "gpt-image-2", "quality": "low", "size": "1000x1000"}, InvalidOptionError, "size"),
        (
            {"model": "dall-e-2", "quality": "standard", "size": "256x256", "partial_images": 1},
            InvalidOptionError,
            "partial_images",
        ),
    ],
)
def test_bad_choices_name_the_field(fields: dict[str, Any], error: type[Exception], field: str) -> None:
    with pytest.raises(error) as info:
        price(**fields)
    assert info.value.field == field  # type: ignore[attr-defined]


def test_zero_requests_still_gives_a_per_image_price() -> None:
    est = price(model="gpt-image-1", quality="low", size="1024x1024", requests_per_month=0)
    assert est.monthly == 0 and est.per_image == D("0.011")


def test_largest_volume_stays_exact_and_finite() -> None:
    est = price(
        model="gpt-image-2",
        quality="high",
        size="3840x2160",
        requests_per_month=10**12,
        retry_multiplier=D(100),
        images_per_request=10,
        prompt_tokens=10_000_000,
        partial_images=3,
    )
    assert est.monthly.is_finite() and est.yearly == est.monthly * 12
    assert est.monthly == sum(line.cost for line in est.lines)
    assert est.per_image * 10**13 == est.monthly


def test_money_is_decimal_everywhere() -> None:
    est = price(model="gpt-image-2", quality="medium", size="1024x1024", prompt_tokens=77)
    values = [est.per_image, est.monthly, est.yearly, est.output_per_image, est.per_generated_image]
    values += [v for line in est.lines for v in (line.quantity, line.unit_price, line.cost)]
    assert all(isinstance(v, D) for v in values)
