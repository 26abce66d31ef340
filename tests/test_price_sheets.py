"""Every per-image price in the seeds, reproduced exactly from the bundled sheets.

Expected figures are copied here from the seed files named in each table, so
the tests check the sheets against the sources, not against themselves.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.pricing.catalog import bundled_sheets, default_catalog

SIZES_GPT = ("1024x1024", "1024x1536", "1536x1024")

# 000_6af9bded465e01ae.txt, "Image model pricing" (USD per image).
SEED_000_GPT = {
    "gpt-image-1.5": {
        "low": ("0.009", "0.013", "0.013"),
        "medium": ("0.034", "0.05", "0.05"),
        "high": ("0.133", "0.2", "0.2"),
    },
    "chatgpt-image-latest": {
        "low": ("0.009", "0.013", "0.013"),
        "medium": ("0.034", "0.05", "0.05"),
        "high": ("0.133", "0.2", "0.2"),
    },
    "gpt-image-1": {
        "low": ("0.011", "0.016", "0.016"),
        "medium": ("0.042", "0.063", "0.063"),
        "high": ("0.167", "0.25", "0.25"),
    },
    "gpt-image-1-mini": {
        "low": ("0.005", "0.006", "0.006"),
        "medium": ("0.011", "0.015", "0.015"),
        "high": ("0.036", "0.052", "0.052"),
    },
}
# 000_6af9bded465e01ae.txt (and 001_fa01b0b02024ba60.txt), DALL-E tables.
SEED_000_DALLE = {
    ("dall-e-3", "standard", "1024x1024"): "0.04",
    ("dall-e-3", "standard", "1024x1792"): "0.08",
    ("dall-e-3", "standard", "1792x1024"): "0.08",
    ("dall-e-3", "hd", "1024x1024"): "0.08",
    ("dall-e-3", "hd", "1024x1792"): "0.12",
    ("dall-e-3", "hd", "1792x1024"): "0.12",
    ("dall-e-2", "standard", "256x256"): "0.016",
    ("dall-e-2", "standard", "512x512"): "0.018",
    ("dall-e-2", "standard", "1024x1024"): "0.02",
}
# 002_2e706aebf607431d.txt (1024x1024) and pricing-facts.md (1024x1536, 1536x1024).
GPT_IMAGE_2 = {
    "low": ("0.006", "0.005", "0.005"),
    "medium": ("0.053", "0.041", "0.041"),
    "high": ("0.211", "0.165", "0.165"),
}


def _cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for model, table in SEED_000_GPT.items():
        for quality, prices in table.items():
            cases += [(model, quality, size, price) for size, price in zip(SIZES_GPT, prices, strict=True)]
    for quality, prices in GPT_IMAGE_2.items():
        cases += [("gpt-image-2", quality, size, price) for size, price in zip(SIZES_GPT, prices, strict=True)]
    cases += [(m, q, s, p) for (m, q, s), p in SEED_000_DALLE.items()]
    return cases


@pytest.mark.parametrize(("model", "quality", "size", "price"), _cases())
def test_every_published_per_image_price(model: str, quality: str, size: str, price: str) -> None:
    row = default_catalog().model(model).per_image_price(quality, size)
    assert row is not None
    assert row.usd == Decimal(price)
    assert row.source and row.checked


def test_latest_is_an_alias_of_1_5_not_a_copy() -> None:
    catalog = default_catalog()
    latest = catalog.model("chatgpt-image-latest")
    assert latest.priced_as == "gpt-image-1.5"
    assert latest.entry is catalog.model("gpt-image-1.5").entry


# Token rates, USD per 1M: pricing-facts.md table (seeds 001, 002, 003, 004).
TOKEN_RATES = {
    "gpt-image-2": {
        "text_in": "5",
        "cached_text_in": "1.25",
        "image_in": "8",
        "cached_image_in": "2",
        "image_out": "30",
    },
    "gpt-image-1.5": {
        "text_in": "5",
        "cached_text_in": "1.25",
        "text_out": "10",
        "image_in": "8",
        "cached_image_in": "2",
        "image_out": "32",
    },
    "gpt-image-1": {
        "text_in": "5",
        "cached_text_in": "1.25",
        "image_in": "10",
        "cached_image_in": "2.5",
        "image_out": "40",
    },
    "gpt-image-1-mini": {
        "text_in": "2",
        "cached_text_in": "0.2",
        "image_in": "2.5",
        "cached_image_in": "0.25",
        "image_out": "8",
    },
}


@pytest.mark.parametrize("model", TOKEN_RATES)
def test_token_rates(model: str) -> None:
    entry = default_catalog().model(model).entry
    assert {name: rate.usd_per_1m for name, rate in entry.token_rates.items()} == {
        name: Decimal(value) for name, value in TOKEN_RATES[model].items()
    }


def test_every_row_has_source_and_checked_date() -> None:
    for sheet in bundled_sheets():
        for model in sheet.models:
            rows = [*model.per_image, *model.token_rates.values()]
            rows += [x for x in (model.batch, model.lifecycle, model.output_tokens, model.input_images) if x]
            for row in rows:
                assert row.source.endswith((".txt", ".md")), (model.id, row)
                assert row.checked.year >= 2026


def test_unconfirmed_facts_are_marked() -> None:
    catalog = default_catalog()
    assert catalog.model("gpt-image-2").entry.output_tokens.unconfirmed  # type: ignore[union-attr]
    assert catalog.model("gpt-image-2").entry.input_images.unconfirmed  # type: ignore[union-attr]
    assert catalog.model("gpt-image-1").entry.batch.unconfirmed  # type: ignore[union-attr]
    assert catalog.model("gpt-image-1-mini").entry.batch.unconfirmed  # type: ignore[union-attr]
    assert not catalog.model("gpt-image-2").entry.batch.unconfirmed  # type: ignore[union-attr]
    for model in ("dall-e-2", "dall-e-3", "gpt-image-1"):
        life = catalog.model(model).lifecycle
        assert life.status == "retired" and life.unconfirmed
    assert catalog.model("dall-e-3").entry.batch is None


def test_bundled_sheets_do_not_share_model_ids() -> None:
    ids = [model.id for sheet in bundled_sheets() for model in sheet.models]
    assert len(ids) == len(set(ids))
