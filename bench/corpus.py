"""Deterministic scenario files of any size, for timing open, save, pricing and the GUI.

The scenarios are spread over every model, quality and size of the bundled
catalog and use the optional inputs (retries, prompts, cached prompts, input
images, partial images, batch) roughly as often as real files would, so the
engine walks all its branches. The same seed always gives the same file.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from core.errors import ImageCostError
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario
from core.pricing.catalog import Catalog, PricedModel, default_catalog
from core.pricing.engine import estimate
from core.storage.scenario_file import ScenarioFile, save

SEED = 20261123


def _scenario(rng: random.Random, index: int, model: PricedModel) -> Scenario:
    entry = model.entry
    fields: dict[str, object] = {
        "name": f"Scenario {index + 1}",
        "model": model.id,
        "quality": rng.choice(model.qualities),
        "size": rng.choice(model.sizes),
        "requests_per_month": rng.choice((50, 400, 2_500, 20_000, 150_000, 1_000_000)) + rng.randrange(1000),
    }
    if rng.random() < 0.3:
        fields["images_per_request"] = rng.randint(2, 4)
    if rng.random() < 0.4:
        fields["retry_multiplier"] = Decimal(rng.choice(("1.1", "1.25", "1.3", "1.5", "2")))
    if entry.prompt_billing == "tokens" and model.rate("text_in") is not None and rng.random() < 0.6:
        fields["prompt_tokens"] = rng.choice((40, 120, 250, 600, 1_500))
        if model.rate("cached_text_in") is not None and rng.random() < 0.3:
            fields["cached_prompt_share"] = Decimal(rng.choice(("0.25", "0.5", "0.8")))
    if model.rate("text_out") is not None and rng.random() < 0.1:
        fields["text_output_tokens"] = rng.choice((50, 200))
    rule = entry.input_images
    if rule is not None and model.rate("image_in") is not None and rng.random() < 0.3:
        fields["input_images"] = rng.randint(1, 3)
        if rule.rule == "by-hand":
            fields["input_image_tokens"] = rng.choice((323, 1_000, 2_500))
        elif rule.rule == "measured" and rule.measured_tokens:
            fields["input_image_size"] = rng.choice(sorted(rule.measured_tokens))
        else:
            fields["input_image_size"] = rng.choice(("512x512", "1024x1024", "1024x1536"))
            fields["input_fidelity"] = rng.choice(("low", "high"))
    if model.rate("image_out") is not None and rng.random() < 0.1:
        fields["partial_images"] = rng.randint(1, 3)
    if entry.batch is not None and rng.random() < 0.2:
        fields["batch"] = True
    if rng.random() < 0.1:
        fields["volume_unit"] = "day"
    if rng.random() < 0.2:
        fields["notes"] = f"Estimate for team {rng.randrange(40)}, reviewed quarterly."
    return Scenario.model_validate(fields)


def make_document(count: int, *, seed: int = SEED, catalog: Catalog | None = None) -> ScenarioFile:
    """COUNT priceable scenarios, reproducible from SEED."""
    catalog = catalog or default_catalog()
    rng = random.Random(seed)
    models = catalog.models()
    scenarios: list[Scenario] = []
    while len(scenarios) < count:
        scenario = _scenario(rng, len(scenarios), rng.choice(models))
        try:
            estimate(scenario, catalog)
        except ImageCostError:
            continue  # a combination the sheet cannot price (e.g. an unpriced size): draw again
        scenarios.append(scenario)
    header = QuoteHeader(title=f"Benchmark file, {count:,} scenarios", client="Bench Co.")
    return ScenarioFile(quote=header, scenarios=scenarios)


def write_corpus(path: Path, count: int, *, seed: int = SEED) -> Path:
    """Write a COUNT-scenario file at PATH with the app's own saver."""
    save(make_document(count, seed=seed), path, backup=False)
    return path
