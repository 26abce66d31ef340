"""gpt-image-2 size rules and token formula, gpt-image-1 input tiles (pricing-facts.md)."""

from __future__ import annotations

import pytest

from core.errors import InvalidOptionError
from core.model.sizes import (
    Size,
    gpt_image_2_output_tokens,
    gpt_image_2_size_problem,
    is_experimental_gpt_image_2,
    tiles_512_input_tokens,
)

# pricing-facts.md: "Examples: 1024x1024 -> 196 / 1756 / 7024 tokens; 1536x1024 -> 158 / 1372 / 5488."
FACTS_TOKENS = {
    ("1024x1024", "low"): 196,
    ("1024x1024", "medium"): 1756,
    ("1024x1024", "high"): 7024,
    ("1536x1024", "low"): 158,
    ("1536x1024", "medium"): 1372,
    ("1536x1024", "high"): 5488,
}


@pytest.mark.parametrize(("size", "quality"), FACTS_TOKENS)
def test_gpt_image_2_tokens_match_pricing_facts(size: str, quality: str) -> None:
    assert gpt_image_2_output_tokens(quality, Size.parse(size)) == FACTS_TOKENS[(size, quality)]


def test_portrait_and_landscape_cost_the_same_tokens() -> None:
    for quality in ("low", "medium", "high"):
        assert gpt_image_2_output_tokens(quality, Size(1024, 1536)) == gpt_image_2_output_tokens(
            quality, Size(1536, 1024)
        )


def test_formula_on_a_size_worked_by_hand() -> None:
    # 2048x1152 high: L/S = 16/9, u = round_half_even(96 / (16/9)) = 54,
    # tokens = ceil(96 * 54 * (2_000_000 + 2_359_296) / 4_000_000) = ceil(5649.6476...) = 5650.
    assert gpt_image_2_output_tokens("high", Size(2048, 1152)) == 5650


@pytest.mark.parametrize(
    ("size", "rule"),
    [
        ("4096x1024", "longest edge 4096 px is over 3840 px"),
        ("1000x1024", "width 1000 px is not a multiple of 16"),
        ("1024x1000", "height 1000 px is not a multiple of 16"),
        ("3072x1008", "ratio 3072:1008 is over 3:1"),
        ("768x768", "589,824 pixels is under the minimum of 655,360"),
        ("3840x2176", "8,355,840 pixels is over the maximum of 8,294,400"),
    ],
)
def test_each_broken_rule_is_named(size: str, rule: str) -> None:
    problem = gpt_image_2_size_problem(Size.parse(size))
    assert problem is not None and rule in problem


@pytest.mark.parametrize("size", ["1024x1024", "1024x640", "3840x2160", "3840x1280", "1536x1024"])
def test_valid_sizes(size: str) -> None:
    assert gpt_image_2_size_problem(Size.parse(size)) is None


def test_experimental_above_2560x1440_pixels() -> None:
    assert not is_experimental_gpt_image_2(Size(2560, 1440))
    assert is_experimental_gpt_image_2(Size(2048, 2048))
    assert is_experimental_gpt_image_2(Size(3840, 2160))


@pytest.mark.parametrize(
    ("size", "fidelity", "tokens"),
    [
        # 1024x1024 -> scaled to 512x512 -> 1 tile: 65 + 129 = 194; high adds 4160 (square).
        ("1024x1024", "low", 194),
        ("1024x1024", "high", 194 + 4160),
        # 1536x1024 -> 768x512 -> 2 x 1 tiles: 65 + 258 = 323; high adds 6240 (landscape).
        ("1536x1024", "low", 323),
        ("1536x1024", "high", 323 + 6240),
        # 1024x3072 -> 512x1536 -> 1 x 3 tiles: 65 + 387 = 452.
        ("1024x3072", "low", 452),
    ],
)
def test_gpt_image_1_input_tiles(size: str, fidelity: str, tokens: int) -> None:
    assert tiles_512_input_tokens(Size.parse(size), fidelity) == tokens


@pytest.mark.parametrize("text", ["", "1024", "axb", "1024x", "0x1024", "-5x10", "1024x1024x3"])
def test_bad_size_text(text: str) -> None:
    with pytest.raises(InvalidOptionError):
        Size.parse(text)


def test_size_text_forms() -> None:
    assert Size.parse(" 1536 X 1024 ") == Size(1536, 1024)
    assert str(Size.parse("1536×1024")) == "1536x1024"
