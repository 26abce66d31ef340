"""Plain renderings of estimates and the catalog: JSON-ready data and text tables.

The JSON schema is the one `imagecost-cli quote --format json` prints and the
app exports: money as exact decimal strings in USD.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.money import (
    cents,
    column_places,
    exact_str,
    exact_sum,
    format_quantity,
    format_unit_price,
    format_usd,
    shown_year,
)
from core.pricing.api_rules import rules_text
from core.pricing.catalog import RATE_LABELS, Catalog, PricedModel
from core.pricing.estimate import Estimate, stage_summary, token_exact_note
from core.pricing.sources import source_citation, source_citations, source_label
from core.text_table import text_table
from core.vocabulary import GENERATED_IMAGE_NOTE, PER_GENERATED_IMAGE, per_image_label

JSON_SCHEMA_VERSION = 1


def _money(value: Any) -> str | None:
    return None if value is None else exact_str(value)


def estimate_data(est: Estimate) -> dict[str, Any]:
    """One scenario's estimate as JSON-ready data."""
    sc = est.scenario
    return {
        "name": sc.name,
        "model": sc.model,
        "priced_as": est.priced_as,
        "quality": sc.quality,
        "size": sc.size,
        "requests_per_month": sc.requests_per_month,
        "images_per_request": sc.images_per_request,
        "retry_multiplier": exact_str(sc.retry_multiplier),
        "batch": sc.batch,
        "attempts_per_month": exact_str(est.attempts),
        "generated_images_per_month": exact_str(est.generated_images),
        "delivered_images_per_month": est.delivered_images,
        "output_tokens_per_image": est.output_tokens_per_image,
        "output_per_image": exact_str(est.output_per_image),
        "output_per_image_token_exact": _money(est.output_per_image_token_exact),
        "per_generated_image": exact_str(est.per_generated_image),
        "per_image": exact_str(est.per_image),
        "monthly": exact_str(est.monthly),
        "yearly": exact_str(est.yearly),
        "upper_bound": est.auto_range.marker if est.auto_range else None,
        "monthly_low": exact_str(est.auto_range.low_monthly) if est.auto_range else None,
        "lines": [
            {
                "item": line.item,
                "quantity": exact_str(line.quantity),
                "unit": line.unit,
                "unit_price": exact_str(line.unit_price),
                "cost": exact_str(line.cost),
                "detail": line.detail,
                "source": source_citation(line.source),
            }
            for line in est.lines
        ],
        "warnings": [{"kind": w.kind, "message": w.message} for w in est.warnings],
        "price_sheet": est.sheet,
        "checked": est.checked.isoformat(),
        "sources": source_citations(est.sources),
        "stages": [
            {
                "name": stage.name,
                "model": stage.model,
                "quality": stage.quality,
                "size": stage.size,
                "images_per_request": stage.images_per_request,
                "share": exact_str(stage.share),
                "requests_per_month": exact_str(stage.requests),
                "generated_images_per_month": exact_str(stage.generated_images),
                "per_generated_image": exact_str(stage.per_generated_image),
                "monthly": exact_str(stage.monthly),
            }
            for stage in est.stages
        ],
    }


def estimates_data(estimates: list[Estimate]) -> dict[str, Any]:
    """Several estimates with their grand totals."""
    monthly = exact_sum(e.monthly for e in estimates)
    return {
        "schema": JSON_SCHEMA_VERSION,
        "currency": "USD",
        "scenarios": [estimate_data(e) for e in estimates],
        "total_monthly": exact_str(monthly),
        "total_yearly": exact_str(exact_sum(e.yearly for e in estimates)),
    }


def estimate_table(est: Estimate) -> str:
    """A text breakdown for the terminal, numbers right-aligned."""
    sc = est.scenario
    if est.stages:
        head = f"{sc.name}: {len(est.stages)} stages"
    else:
        head = f"{sc.name}: {est.model_label} ({sc.model}), {sc.quality}, {sc.size}"
    rows: list[tuple[str, ...] | None] = [("Item", "Quantity", "Unit", "Unit price", "Monthly cost")]
    places = column_places((line.unit_price for line in est.lines), exact=True)  # every stage's lines: one column
    for block in est.stages or (None,):
        lines = block.lines if block else est.lines
        if block:
            rows.append((f"{block.name}: {stage_summary(block)}", "", "", "", ""))
        for line in lines:
            rows.append(
                (
                    "  " + line.item.removeprefix(f"{block.name}: ") if block else line.item,
                    format_quantity(line.quantity),
                    line.unit,
                    format_unit_price(line.unit_price, places=places),
                    format_usd(line.cost),
                )
            )
        if block:
            rows.append((f"{block.name} subtotal", "", "", "", format_usd(block.monthly)))
    if est.stages:
        rows.append(None)
        rows.append(("Total, all stages", "", "", "", format_usd(est.monthly)))
    out = [head, "", *text_table(rows, left=(0, 2), headings=True)]
    out.append("")
    auto = est.auto_range
    bound = f" ({auto.marker})" if auto else ""
    out.append(
        f"{per_image_label(bool(est.stages))}: {format_usd(est.per_image)}{bound}   "
        f"{PER_GENERATED_IMAGE.lower()}: {format_usd(est.per_generated_image)} ({GENERATED_IMAGE_NOTE})"
    )
    exact = token_exact_note(est)
    if exact is not None:
        out.append(f"Image output: {exact}")
    monthly, yearly = format_usd(cents(est.monthly)), format_usd(shown_year(est.monthly))
    out.append(f"Monthly: {monthly}{bound}   Yearly: {yearly}{bound}")
    if auto:
        out.append(f"Cheapest the model could choose: {format_usd(auto.low_monthly)} a month ({auto.low_choice})")
    for warning in est.warnings:
        out.append(f"warning ({warning.kind}): {warning.message}")
    out.append(f"Prices: sheet {est.sheet}, checked {est.checked.isoformat()}; sources:")
    out += [f"  {text}" for text in source_citations(est.sources)]
    return "\n".join(out)


def model_data(model: PricedModel, today: date) -> dict[str, Any]:
    """The catalog entry of one model, with provenance."""
    entry = model.entry
    life = model.lifecycle
    return {
        "id": model.id,
        "label": model.label,
        "alias_of": model.alias.alias_of if model.alias else None,
        "sheet": model.sheet.sheet,
        "status": "retired" if model.is_retired(today) else life.status,
        "retired_on": life.retired_on.isoformat() if life.retired_on else None,
        "lifecycle_unconfirmed": life.unconfirmed,
        "qualities": list(entry.qualities),
        "unpriced_qualities": dict(entry.unpriced_qualities),
        "sizes": list(entry.sizes),
        "custom_sizes": entry.custom_sizes,
        "per_image": [
            {
                "quality": r.quality,
                "size": r.size,
                "usd": exact_str(r.usd),
                "source": source_citation(r.source),
                "checked": r.checked.isoformat(),
                "unconfirmed": r.unconfirmed,
                "note": r.note,
            }
            for r in entry.per_image
        ],
        "token_rates": {
            name: {
                "usd_per_1m": exact_str(r.usd_per_1m),
                "source": source_citation(r.source),
                "checked": r.checked.isoformat(),
                "unconfirmed": r.unconfirmed,
                "note": r.note,
            }
            for name, r in entry.token_rates.items()
        },
        "api_rules": None
        if entry.api_rules is None
        else {**entry.api_rules.model_dump(mode="json"), "source": source_citation(entry.api_rules.source)},
        "snapshot_of": model.priced_as if model.snapshot else None,
        "batch": None
        if entry.batch is None
        else {
            "multiplier": exact_str(entry.batch.multiplier),
            "source": source_citation(entry.batch.source),
            "checked": entry.batch.checked.isoformat(),
            "unconfirmed": entry.batch.unconfirmed,
            "note": entry.batch.note,
        },
    }


def _model_sources(models: list[PricedModel]) -> list[str]:
    """Every source the listed models' prices, rates, batch terms and request rules name."""
    out: list[str] = []
    for model in models:
        entry = model.entry
        out += [r.source for r in entry.per_image] + [r.source for r in entry.token_rates.values()]
        out += [entry.batch.source] if entry.batch else []
        out += [model.rules.source] if model.rules else []
    return out


def _model_heading(model: PricedModel, today: date) -> str:
    """'gpt-image-1: GPT Image 1  [retired 2026-10-23, unconfirmed]', naming what an alias or snapshot is of."""
    life = model.lifecycle
    status = ""
    if model.is_retired(today):
        status = f"  [retired {life.retired_on}{', unconfirmed' if life.unconfirmed else ''}]"
    alias = f"  (alias of {model.alias.alias_of})" if model.alias else ""
    if model.snapshot:
        alias = f"  (snapshot of {model.priced_as}: priced and checked as it)"
    return f"{model.id}: {model.label}{alias}{status}"


def _rules_lines(model: PricedModel) -> list[str]:
    """What the API accepts for MODEL, and where that comes from."""
    rules = model.rules
    lines = [f"  API accepts: {rules_text(rules, model.qualities)}"]
    if rules is not None:
        lines.append(f"    {source_label(rules.source)} ({rules.checked})")
    return lines


def catalog_table(catalog: Catalog, models: list[PricedModel], today: date) -> str:
    """The per-image prices and token rates, one block per model."""
    out: list[str] = []
    for model in models:
        out.append(_model_heading(model, today))
        if model.entry.per_image:
            sizes = list(dict.fromkeys(r.size for r in model.entry.per_image))
            out.append("  per image    " + "".join(s.rjust(12) for s in sizes) + "  source (checked)")
            for quality in model.qualities:
                cells = []
                sources: dict[str, list[str]] = {}  # "source (checked)" -> the sizes it prices, in column order
                for size in sizes:
                    row = model.per_image_price(quality, size)
                    cells.append((format_usd(row.usd, places=3) if row else "-").rjust(12))
                    if row:
                        sources.setdefault(f"{source_label(row.source)} ({row.checked})", []).append(size)
                if len(sources) <= 1:
                    out.append(f"  {quality:<11}" + "".join(cells) + f"  {next(iter(sources), '')}")
                    continue
                out.append(f"  {quality:<11}" + "".join(cells) + "  sources by size:")
                out.extend(f"      {', '.join(priced)}: {source}" for source, priced in sources.items())
        for name, rate in model.entry.token_rates.items():
            flag = " [unconfirmed]" if rate.unconfirmed else ""
            out.append(
                f"  {RATE_LABELS[name]:<20} {format_usd(rate.usd_per_1m):>8} / 1M tokens  "
                f"{source_label(rate.source)} ({rate.checked}){flag}"
            )
        if model.entry.batch:
            b = model.entry.batch
            flag = " [unconfirmed]" if b.unconfirmed else ""
            batch = f"  Batch API: x{exact_str(b.multiplier)} of standard"
            out.append(f"{batch}  {source_label(b.source)} ({b.checked}){flag}")
        if model.entry.custom_sizes:
            out.append("  Any size within the gpt-image-2 rules; presets: " + ", ".join(model.sizes))
        for quality, reason in model.entry.unpriced_qualities.items():
            out.append(f"  {quality}: unpriced ({reason})")
        out += _rules_lines(model)
        out.append("")
    out.append(f"Price sheets: {', '.join(f'{s.sheet} (checked {s.checked})' for s in catalog.sheets)}")
    out += ["", "Sources:", *(f"  {text}" for text in source_citations(_model_sources(models)))]
    return "\n".join(out)
