"""The pricing engine: a scenario and a catalog in, an itemised estimate out.

Attempts per month = requests x retry multiplier. Inputs (prompt, input images,
text output) are paid per attempt; outputs per generated image
(attempts x images per request). Money is Decimal throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from core.errors import ImageCostError, InvalidOptionError, UnpricedError
from core.model.scenario import AUTO, Scenario, Stage
from core.model.sizes import (
    Size,
    gpt_image_2_output_tokens,
    is_experimental_gpt_image_2,
    tiles_512_input_tokens,
)
from core.money import MILLION, MONTHS_PER_YEAR, ZERO, exact_str, exact_sum, format_usd, money_context
from core.pricing.api_rules import check_request
from core.pricing.catalog import GPT_IMAGE_2_RULE, Catalog, PricedModel, TokenRate, default_catalog
from core.pricing.estimate import AutoRange, CostWarning, Estimate, LineItem, StageEstimate

PARTIAL_IMAGE_TOKENS = 100  # pricing-facts.md: each partial image adds 100 image output tokens
TOKENS_UNIT = "1M tokens"


def _unconfirmed(warnings: list[CostWarning], what: str, note: str | None) -> None:
    text = f"{what} is unconfirmed"
    if note:
        text = f"{text}: {note}"
    warning = CostWarning("unconfirmed", text)
    if warning not in warnings:
        warnings.append(warning)


def _lifecycle_warnings(model: PricedModel, today: date, warnings: list[CostWarning]) -> None:
    life = model.lifecycle
    if life.status != "retired":
        return
    when = life.retired_on.isoformat() if life.retired_on else "an unknown date"
    reported = " (reported, unconfirmed)" if life.unconfirmed else ""
    if model.is_retired(today):
        text = f"{model.id} is retired: shut down on {when}{reported}; the price is kept so old quotes can be re-priced"
    else:
        text = f"{model.id} is scheduled to retire on {when}{reported}"
    warnings.append(CostWarning("retired", text))


def _rate(model: PricedModel, name: str, field: str, what: str) -> TokenRate:
    rate = model.rate(name)
    if rate is None:
        raise InvalidOptionError(f"{model.id} has no {what} price", field=field)
    return rate


def output_tokens_per_image(model: PricedModel, quality: str, size: Size) -> tuple[int | None, bool]:
    """Documented output tokens per image, and whether they come from an unconfirmed rule."""
    rule = model.entry.output_tokens
    if rule is None:
        return None, False
    if rule.formula == GPT_IMAGE_2_RULE:
        return gpt_image_2_output_tokens(quality, size), rule.unconfirmed
    return model.table_output_tokens(quality, str(size)), rule.unconfirmed


def input_tokens_per_image(model: PricedModel, scenario: Scenario) -> int:
    """Tokens for one input image, from the sheet's rule or entered by hand."""
    rule = model.entry.input_images
    if scenario.input_image_tokens is not None:
        return scenario.input_image_tokens
    if rule is None:
        raise InvalidOptionError(f"{model.id} has no input-image price", field="input_images")
    if rule.rule == "by-hand":
        raise InvalidOptionError(
            f"{model.id} has no published input-image token rule",
            field="input_image_tokens",
            hint="enter the tokens per input image by hand",
        )
    if scenario.input_image_size is None:
        raise InvalidOptionError("input images need a size", field="input_image_size", hint="e.g. 1024x1024")
    size = Size.parse(scenario.input_image_size, field="input_image_size")
    if rule.rule == "tiles-512":
        return tiles_512_input_tokens(size, scenario.input_fidelity)
    tokens = rule.measured_tokens.get(str(size))
    if tokens is None:
        known = ", ".join(rule.measured_tokens) or "none"
        raise InvalidOptionError(
            f"{model.id} has no token count for {size} input images (measured: {known})",
            field="input_image_tokens",
            hint="enter the tokens per input image by hand",
        )
    return tokens


def _checked(scenario: Scenario, catalog: Catalog) -> tuple[PricedModel, Size | None]:
    """The scenario's own model, quality, size and the API's request rules checked.

    The size comes back as parsed, so it is read once; None for ``auto``.
    """
    model = catalog.model(scenario.model)
    model.check_quality(scenario.quality)
    size = model.check_size(scenario.size)
    check_request(model.id, model.rules, scenario)
    return model, size


def check_scenario(scenario: Scenario, catalog: Catalog | None = None) -> PricedModel:
    """Check a scenario (and every stage) against the catalog and the API's rules; raise with the field named.

    The one check the command line, the scenario-file loader and the window share.
    """
    catalog = catalog or default_catalog()
    model, _size = _checked(scenario, catalog)
    for index, stage in enumerate(scenario.stages):
        try:
            _checked(stage_scenario(scenario, stage), catalog)
        except ImageCostError as exc:
            raise _stage_error(exc, index, stage) from None
    return model


_STAGE_FIELDS = frozenset(Stage.model_fields)


def _stage_error(exc: ImageCostError, index: int, stage: Stage) -> ImageCostError:
    """The same error, worded for a stage and pointing at its field (stages[1].quality)."""
    field = exc.field
    if field in _STAGE_FIELDS:
        field = f"stages[{index}].{field}"
    return type(exc)(f"stage '{stage.name}': {exc.message}", field=field, hint=exc.hint)


def stage_scenario(scenario: Scenario, stage: Stage) -> Scenario:
    """The one-stage scenario a stage prices as: the stage's image settings, the scenario's everything else."""
    data = scenario.model_dump(exclude={"stages", "priced_with"})
    data.update(
        name=f"{scenario.name}: {stage.name}",
        model=stage.model,
        quality=stage.quality,
        size=stage.size,
        images_per_request=stage.images_per_request,
    )
    return Scenario.model_validate(data)


def _scaled(line: LineItem, stage: Stage) -> LineItem:
    return LineItem(
        f"{stage.name}: {line.item}",
        line.quantity * stage.share,
        line.unit,
        line.unit_price,
        line.cost * stage.share,
        line.detail,
        line.source,
    )


def _staged_estimate(scenario: Scenario, catalog: Catalog, today: date) -> Estimate:
    """Price each stage on its share of the requests; the total is their sum.

    A stage's cost is linear in its requests, so it is priced on the full volume
    and scaled by its share: exact in Decimal even when requests x share is fractional.
    """
    check_scenario(scenario, catalog)
    parts: list[tuple[Stage, Estimate]] = []
    for index, stage in enumerate(scenario.stages):
        try:
            parts.append((stage, estimate(stage_scenario(scenario, stage), catalog, today=today)))
        except ImageCostError as exc:
            raise _stage_error(exc, index, stage) from None
    with money_context():
        requests = Decimal(scenario.requests_per_month)
        stages = tuple(
            StageEstimate(
                name=stage.name,
                model=stage.model,
                model_label=part.model_label,
                quality=stage.quality,
                size=stage.size,
                images_per_request=stage.images_per_request,
                share=stage.share,
                requests=requests * stage.share,
                attempts=part.attempts * stage.share,
                generated_images=part.generated_images * stage.share,
                per_generated_image=part.per_generated_image,
                lines=tuple(_scaled(line, stage) for line in part.lines),
                monthly=part.monthly * stage.share,
            )
            for stage, part in parts
        )
        monthly = exact_sum(s.monthly for s in stages)
        # Per request, every stage included; then per final image and per generated image.
        per_request = sum((stage.share * stage.images_per_request * part.per_image for stage, part in parts), ZERO)
        final_stage, final = parts[-1]
        finals_per_request = final_stage.share * final_stage.images_per_request
        generated_per_request = (
            sum((stage.share * stage.images_per_request for stage, _part in parts), ZERO) * scenario.retry_multiplier
        )
        per_image = per_request / finals_per_request
        per_generated = per_request / generated_per_request
        delivered = int((requests * finals_per_request).to_integral_value())
    warnings = tuple(dict.fromkeys(w for _stage, part in parts for w in part.warnings))
    sources = tuple(dict.fromkeys(src for _stage, part in parts for src in part.sources))
    labels = list(dict.fromkeys(part.model_label for _stage, part in parts))
    fidelities = {part.input_fidelity for _stage, part in parts}
    fidelity = fidelities.pop() if len(fidelities) == 1 else None
    return Estimate(
        scenario=scenario,
        model_label=" + ".join(labels),
        priced_as=final.priced_as,
        lines=tuple(line for s in stages for line in s.lines),
        output_per_image=final.output_per_image,
        output_per_image_token_exact=final.output_per_image_token_exact,
        output_tokens_per_image=final.output_tokens_per_image,
        attempts=exact_sum(s.attempts for s in stages),
        generated_images=exact_sum(s.generated_images for s in stages),
        delivered_images=delivered,
        per_generated_image=per_generated,
        per_image=per_image,
        monthly=monthly,
        yearly=monthly * MONTHS_PER_YEAR,
        warnings=warnings,
        sheet=final.sheet,
        checked=final.checked,
        sources=sources,
        input_fidelity=fidelity,
        input_images_included=any(part.input_images_included for _stage, part in parts),
        stages=stages,
        auto_range=_staged_range(parts),
    )


def _staged_range(parts: list[tuple[Stage, Estimate]]) -> AutoRange | None:
    """The stages' ``auto`` ranges as one: the cheapest total beside the dearest (the estimate's own)."""
    ranged = [(stage, part.auto_range) for stage, part in parts if part.auto_range is not None]
    if not ranged:
        return None
    words = dict.fromkeys(word for _stage, auto in ranged for word in auto.chosen.split(" and "))
    with money_context():
        low = sum(
            ((part.auto_range.low_monthly if part.auto_range else part.monthly) * stage.share for stage, part in parts),
            ZERO,
        )
    return AutoRange(
        " and ".join(words),
        "; ".join(f"{stage.name}: {auto.low_choice}" for stage, auto in ranged),
        "; ".join(f"{stage.name}: {auto.high_choice}" for stage, auto in ranged),
        low,
        None,
    )


@dataclass(slots=True)
class _Bill:
    """The line items of one (stage-less) scenario as the buckets are added, in order."""

    multiplier: Decimal  # the Batch API's discount, 1 without batch
    label: str  # " (batch)" or ""
    warnings: list[CostWarning]
    lines: list[LineItem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add_tokens(
        self, item: str, rate: TokenRate, tokens_each: Decimal | int, count: Decimal, detail: str
    ) -> Decimal:
        """Add a per-token bucket of COUNT x TOKENS_EACH tokens; return the cost of one of the COUNT."""
        unit = rate.usd_per_1m * self.multiplier
        quantity = count * tokens_each / MILLION
        cost = quantity * unit
        self.lines.append(LineItem(f"{item}{self.label}", quantity, TOKENS_UNIT, unit, cost, detail, rate.source))
        self.sources.append(rate.source)
        return tokens_each * unit / MILLION


@dataclass(frozen=True, slots=True)
class _Output:
    """The image-output price of one generated image, and the token figures behind it."""

    price: Decimal
    token_exact: Decimal | None
    tokens: int | None


def _batch_multiplier(model: PricedModel, scenario: Scenario, warnings: list[CostWarning]) -> Decimal:
    if not scenario.batch:
        return Decimal(1)
    batch = model.entry.batch
    if batch is None:
        raise InvalidOptionError(
            f"{model.id} has no Batch API price", field="batch", hint="turn batch off for this model"
        )
    if batch.unconfirmed:
        _unconfirmed(warnings, f"Batch price for {model.id}", batch.note)
    return batch.multiplier


def _image_output(model: PricedModel, quality: str, size: Size, bill: _Bill, generated: Decimal) -> _Output:
    """Add the image-output bucket: the published per-image price, else output tokens x the rate."""
    tokens, tokens_unconfirmed = output_tokens_per_image(model, quality, size)
    out_rate = model.rate("image_out")
    token_exact = tokens * out_rate.usd_per_1m / MILLION if tokens and out_rate else None
    size_text = str(size)
    row = model.per_image_price(quality, size_text)
    if row is not None:
        price = row.usd
        detail = f"{model.priced_as} {quality} {size_text}, published per-image price"
        source = row.source
        if row.unconfirmed:
            _unconfirmed(bill.warnings, f"The {quality} {size} price", row.note)
    elif token_exact is not None and tokens is not None and out_rate is not None:
        price = token_exact
        detail = f"{tokens:,} output tokens x ${out_rate.usd_per_1m} / 1M"
        source = out_rate.source
        if tokens_unconfirmed and model.entry.output_tokens is not None:
            _unconfirmed(bill.warnings, f"The output-token count for {size}", model.entry.output_tokens.note)
    else:
        raise UnpricedError(
            f"{model.id} {quality} {size} is unpriced: the sheet has no per-image price or token count for it",
            field="size",
        )
    if model.entry.custom_sizes == GPT_IMAGE_2_RULE and is_experimental_gpt_image_2(size):
        bill.warnings.append(
            CostWarning("experimental", f"{size} is above 2560x1440 pixels: OpenAI labels it experimental")
        )
    unit = price * bill.multiplier
    bill.lines.append(LineItem(f"Image output{bill.label}", generated, "image", unit, generated * unit, detail, source))
    bill.sources.append(source)
    return _Output(price, token_exact, tokens)


def _prompt_cost(model: PricedModel, scenario: Scenario, bill: _Bill, attempts: Decimal) -> Decimal:
    """Add the text-input buckets (fresh and cached prompt tokens); return their cost per attempt."""
    if model.entry.prompt_billing == "included":
        bill.warnings.append(CostWarning("note", f"{model.id} prompts are included in the per-image price"))
        return ZERO
    per_attempt = ZERO
    cached_tokens = scenario.prompt_tokens * scenario.cached_prompt_share
    fresh_tokens = scenario.prompt_tokens - cached_tokens
    if fresh_tokens:
        per_attempt += bill.add_tokens(
            "Text input",
            _rate(model, "text_in", "prompt_tokens", "text-input"),
            fresh_tokens,
            attempts,
            f"{fresh_tokens:,} prompt tokens per attempt",
        )
    if cached_tokens:
        per_attempt += bill.add_tokens(
            "Cached text input",
            _rate(model, "cached_text_in", "cached_prompt_share", "cached text-input"),
            cached_tokens,
            attempts,
            f"{cached_tokens:,} cached prompt tokens per attempt",
        )
    return per_attempt


def _input_image_cost(model: PricedModel, scenario: Scenario, bill: _Bill, attempts: Decimal) -> Decimal:
    """Add the image-input bucket; return its cost per attempt."""
    rules = model.rules
    if rules is not None and rules.input_images_included:
        # DALL-E 2 edits and variations: "no additional costs" beyond the per-image price.
        count = attempts * scenario.input_images
        bill.sources.append(rules.source)
        bill.lines.append(
            LineItem(
                f"Input image{bill.label} (included in the per-image price)",
                count,
                "image",
                ZERO,
                ZERO,
                f"{model.id} edits and variations cost nothing beyond the per-image price",
                rules.source,
            )
        )
        return ZERO
    rate = _rate(model, "image_in", "input_images", "image-input")
    rule = model.entry.input_images
    per_image_tokens = input_tokens_per_image(model, scenario)
    if scenario.input_image_tokens is None and rule is not None and rule.unconfirmed:
        _unconfirmed(bill.warnings, f"The {model.id} input-image token count", rule.note)
    if rule is not None and rule.fidelity == "high-only" and scenario.input_fidelity == "low":
        bill.warnings.append(CostWarning("note", f"{model.id} always processes input images at high fidelity"))
    how = "entered by hand" if scenario.input_image_tokens is not None else f"{scenario.input_image_size}"
    total = per_image_tokens * scenario.input_images
    cached = total * scenario.cached_input_share
    fresh = total - cached
    cost = ZERO
    if fresh:
        cost += bill.add_tokens(
            "Image input",
            rate,
            fresh,
            attempts,
            f"{scenario.input_images} x {per_image_tokens:,} tokens per attempt ({how})"
            if not cached
            else f"{exact_str(fresh)} of {scenario.input_images} x {per_image_tokens:,} tokens per attempt ({how})",
        )
    if cached:
        cost += bill.add_tokens(
            "Cached image input",
            _rate(model, "cached_image_in", "cached_input_share", "cached image-input"),
            cached,
            attempts,
            f"{exact_str(cached)} cached input-image tokens per attempt (reused reference images)",
        )
    return cost


def _auto_estimate(scenario: Scenario, model: PricedModel, catalog: Catalog, today: date) -> Estimate:
    """Price ``auto`` quality or size as a range: every choice the API could make, cheapest to dearest.

    The estimate is the dearest choice (totals use the upper bound), marked as such on
    its image-output line and in a warning that gives the cheapest beside it.
    """
    auto_quality, auto_size = scenario.quality == AUTO, scenario.size == AUTO
    qualities = model.qualities if auto_quality else (scenario.quality,)
    sizes = model.auto_sizes if auto_size else (scenario.size,)
    chosen = " and ".join(word for word, auto in (("quality", auto_quality), ("size", auto_size)) if auto)
    priced = [
        (f"{quality} {size}", estimate(scenario.model_copy(update={"quality": q, "size": size}), catalog, today=today))
        for q in qualities
        for size in sizes
        for quality in (q,)
    ]
    low_choice, low = min(priced, key=lambda item: (item[1].monthly, item[1].per_image))
    high_choice, high = max(priced, key=lambda item: (item[1].monthly, item[1].per_image))
    auto = AutoRange(chosen, low_choice, high_choice, low.monthly, low.per_image)
    lines = tuple(
        replace(
            line,
            item=f"{line.item} ({auto.marker})",
            detail=f"dearest choice {high_choice}: {line.detail}; cheapest {low_choice} at "
            f"{format_usd(low.output_per_image, places=3)} per image",
        )
        if line.item.startswith("Image output")
        else line
        for line in high.lines
    )
    span = CostWarning(
        "range",
        f"{auto.marker}; it could cost {format_usd(low.monthly)} ({low_choice}) to {format_usd(high.monthly)} "
        f"({high_choice}) a month; the totals use the upper bound",
    )
    warnings = dict.fromkeys(w for _choice, part in priced for w in part.warnings)
    sources = dict.fromkeys(src for _choice, part in priced for src in part.sources)
    return replace(
        high, scenario=scenario, lines=lines, warnings=(span, *warnings), sources=tuple(sources), auto_range=auto
    )


def estimate(scenario: Scenario, catalog: Catalog | None = None, *, today: date | None = None) -> Estimate:
    """Price one scenario. Raises :class:`ImageCostError` naming the field at fault.

    Buckets in order: image output and partial images (per generated image), then
    text input, cached text input, text output and image input (per attempt).
    """
    catalog = catalog or default_catalog()
    today = today or date.today()
    if scenario.stages:
        return _staged_estimate(scenario, catalog, today)
    model, size = _checked(scenario, catalog)  # no stages here: check_scenario would check the same
    if size is None or scenario.quality == AUTO:
        return _auto_estimate(scenario, model, catalog, today)
    warnings: list[CostWarning] = []
    _lifecycle_warnings(model, today, warnings)
    multiplier = _batch_multiplier(model, scenario, warnings)
    bill = _Bill(multiplier, " (batch)" if scenario.batch else "", warnings)

    with money_context():
        attempts = Decimal(scenario.requests_per_month) * scenario.retry_multiplier
        generated = attempts * scenario.images_per_request
        output = _image_output(model, scenario.quality, size, bill, generated)
        per_image_extra = output.price * multiplier
        if scenario.partial_images:  # +100 image output tokens each, per generated image
            per_image_extra += bill.add_tokens(
                "Partial images",
                _rate(model, "image_out", "partial_images", "image-output token"),
                scenario.partial_images * PARTIAL_IMAGE_TOKENS,
                generated,
                f"{scenario.partial_images} x {PARTIAL_IMAGE_TOKENS} tokens per image",
            )
        per_attempt = _prompt_cost(model, scenario, bill, attempts) if scenario.prompt_tokens else ZERO
        if scenario.text_output_tokens:
            per_attempt += bill.add_tokens(
                "Text output",
                _rate(model, "text_out", "text_output_tokens", "text-output"),
                scenario.text_output_tokens,
                attempts,
                f"{scenario.text_output_tokens:,} tokens per attempt",
            )
        if scenario.input_images:
            per_attempt += _input_image_cost(model, scenario, bill, attempts)
        monthly = exact_sum(line.cost for line in bill.lines)
        per_generated = per_image_extra + per_attempt / scenario.images_per_request
        per_delivered = per_generated * scenario.retry_multiplier
        yearly = monthly * MONTHS_PER_YEAR

    return Estimate(
        scenario=scenario,
        model_label=model.label,
        priced_as=model.priced_as,
        lines=tuple(bill.lines),
        output_per_image=output.price,
        output_per_image_token_exact=output.token_exact,
        output_tokens_per_image=output.tokens,
        attempts=attempts,
        generated_images=generated,
        delivered_images=scenario.requests_per_month * scenario.images_per_request,
        per_generated_image=per_generated,
        per_image=per_delivered,
        monthly=monthly,
        yearly=yearly,
        warnings=tuple(warnings),
        sheet=model.sheet.sheet,
        checked=model.sheet.checked,
        sources=tuple(dict.fromkeys(bill.sources)),
        input_fidelity=effective_fidelity(model, scenario),
        input_images_included=bool(scenario.input_images and model.rules and model.rules.input_images_included),
    )


def effective_fidelity(model: PricedModel, scenario: Scenario) -> str:
    """The fidelity MODEL reads the scenario's input images at: "high" where it always does."""
    rule = model.entry.input_images
    return "high" if rule is not None and rule.fidelity == "high-only" else scenario.input_fidelity


__all__ = [
    "ImageCostError",
    "check_scenario",
    "effective_fidelity",
    "estimate",
    "output_tokens_per_image",
    "stage_scenario",
]
