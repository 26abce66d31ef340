"""Text renderings of the planning tools for the terminal (imagecost-cli budget, table, limits,
growth, reprice). The window shows the same core results in its own widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from core.model.plan_settings import PlanSettings
from core.model.usage_tiers import RateLimits
from core.money import column_places, exact_str, exact_sum, format_quantity, format_share, format_unit_price, format_usd
from core.planning.budget import (
    UNCONFIRMED_MARK,
    BudgetFit,
    CostCell,
    Suggestion,
    budget_images_caption,
    marked,
)
from core.planning.growth import GrowthProjection, add_months
from core.planning.rate_limits import IPM_ROUNDING_NOTE, THROUGHPUT_HEADERS, ThroughputCheck, capacity_text, whole_ipm
from core.pricing.reprice import MULTIPLIER_UNIT, CatalogDiff, Repriced
from core.pricing.sources import source_citation, source_label
from core.text_table import text_table

#: What the unconfirmed mark means, under a table that has one.
UNCONFIRMED_NOTE = f"{UNCONFIRMED_MARK} priced from an unconfirmed rule"


def cost_table_text(cells: list[CostCell], suggestions: list[Suggestion], budget: Decimal | None = None) -> str:
    """One block per model, qualities down and sizes across: price per image, or images a budget buys."""
    out: list[str] = []
    if budget is not None:
        out += [budget_images_caption(budget), ""]
    models = list(dict.fromkeys(c.model for c in cells))
    for model in models:
        mine = [c for c in cells if c.model == model]
        sizes = list(dict.fromkeys(c.size for c in mine))
        qualities = list(dict.fromkeys(c.quality for c in mine))
        label = mine[0].model_label + (" [retired]" if mine[0].retired else "")
        rows: list[list[str]] = [[f"{model} ({label})", *sizes]]
        places = {size: column_places(c.per_image for c in mine if c.size == size) for size in sizes}
        for quality in qualities:
            row = [quality]
            for size in sizes:
                cell = next((c for c in mine if c.quality == quality and c.size == size), None)
                if cell is None:
                    row.append("-")
                elif budget is None:
                    row.append(cell.price_text_in(places[size]))
                else:
                    row.append(cell.images_text(budget))
            rows.append(row)
        out += [*text_table(rows), ""]
    if any(c.unconfirmed for c in cells):
        out += [f"{UNCONFIRMED_NOTE} (see imagecost-cli prices)", ""]
    if budget is None:
        out += suggestions_text(suggestions)
    return "\n".join(out).rstrip()


def suggestions_text(suggestions: Sequence[Suggestion]) -> list[str]:
    """The equivalents, then the alternatives with their caveat, each with both figures and the saving."""
    equivalents = [s for s in suggestions if s.is_equivalent]
    alternatives = [s for s in suggestions if not s.is_equivalent]
    out = ["Cheaper equivalents (same model, quality and shape, at least as many pixels):"]
    out += [f"  {_suggestion_line(s)}" for s in equivalents] or ["  none: no size of the same shape costs less"]
    if alternatives:
        out += ["", "Alternatives (not the same output):"]
        out += [f"  {_suggestion_line(s)}" for s in alternatives]
    return out


def _suggestion_line(s: Suggestion) -> str:
    c, b = s.cell, s.cheaper
    return (
        f"{c.model} {c.quality} {c.size} ({c.price_text}) -> {b.model} {b.quality} {b.size} ({b.price_text}), "
        f"saves {s.saving_text} an image: {s.reason}"
    )


def budget_fit_rows(fit: BudgetFit) -> list[list[str]]:
    """The scenarios against the budget, a header row first and the total last (terminal and quote alike)."""
    rows = [["Scenario", "Monthly", "Share of budget"]]
    for s in fit.scenarios:
        share = "-" if s.share_of_budget is None else format_share(s.share_of_budget)
        rows.append([s.name, marked(format_usd(s.monthly), s.unconfirmed), share])
    rows.append(["Total", marked(format_usd(fit.total), any(s.unconfirmed for s in fit.scenarios)), ""])
    return rows


def budget_verdict(fit: BudgetFit) -> str:
    if fit.fits:
        return f"Fits: {format_usd(fit.remaining)} a month left over."
    return f"Over budget by {format_usd(-fit.remaining)} a month."


def budget_fit_text(fit: BudgetFit) -> str:
    out = [f"Monthly budget: {format_usd(fit.budget)}", "", *text_table(budget_fit_rows(fit)), ""]
    out.append(budget_verdict(fit))
    if any(s.unconfirmed for s in fit.scenarios):
        out.append(f"{UNCONFIRMED_NOTE} (see imagecost-cli prices)")
    return "\n".join(out)


def tier_lines(checks: Sequence[tuple[str, ThroughputCheck]], settings: PlanSettings) -> list[str]:
    """What the tier's limit lets through, in the Rate limits tab's words (:func:`capacity_text`)."""
    return [capacity_text(checks[-1][1], settings)]


def throughput_rows(checks: Sequence[tuple[str, ThroughputCheck]]) -> list[list[str]]:
    """Per scenario and all together: images a month, IPM needed in the window, use of the limit, whether it fits."""
    rows = [list(THROUGHPUT_HEADERS)]
    for name, check in checks:
        use = "-" if check.utilisation is None else format_share(check.utilisation)
        rows.append(
            [
                name,
                format_quantity(check.images.quantize(Decimal(1))),
                f"{check.needed_ipm:.2f}",
                use,
                "yes" if check.fits else "NO",
            ]
        )
    return rows


def lowest_tier_line(checks: Sequence[tuple[str, ThroughputCheck]]) -> str:
    total = checks[-1][1]
    if total.lowest_fitting_tier is None:
        return (
            f"No tier's limit fits: {whole_ipm(total.needed_ipm):,} images a minute needed in the window; "
            "spread the traffic, use the Batch API or ask OpenAI for a higher limit."
        )
    return f"Lowest tier that fits: {total.lowest_fitting_tier.label} ({total.lowest_fitting_tier.ipm} IPM)."


def limits_notes(limits: RateLimits, unconfirmed: Sequence[str]) -> list[str]:
    """Where the limits are unconfirmed (models the table is not published for), and that retries count."""
    out = []
    if unconfirmed:
        out.append(
            f"Note: the limits are published for {', '.join(limits.published_for)} only; "
            f"for {', '.join(unconfirmed)} they are unconfirmed."
        )
    out.append("Retries count: every generated image uses the limit, including ones you throw away.")
    out.append(IPM_ROUNDING_NOTE)
    return out


def throughput_text(
    checks: Sequence[tuple[str, ThroughputCheck]],
    settings: PlanSettings,
    limits: RateLimits,
    unconfirmed: Sequence[str],
) -> str:
    """Per scenario and in total: images a month, IPM needed in the window, and whether the tier allows it."""
    tier = checks[0][1].tier
    out = [f"Usage tier: {tier.label} (source: {source_citation(tier.source)})", *tier_lines(checks, settings), ""]
    out += text_table(throughput_rows(checks))
    out += ["", lowest_tier_line(checks), *limits_notes(limits, unconfirmed)]
    return "\n".join(out)


def growth_rows(projection: GrowthProjection) -> list[list[str]]:
    """Each month of the projection: requests, cost and the running total, a header row first."""
    rows = [["Month", "Requests", "Cost", "Cumulative"]]
    for m in projection.months:
        rows.append(
            [
                m.month.strftime("%Y-%m"),
                format_quantity(m.requests.quantize(Decimal(1))),
                format_usd(m.cost),
                format_usd(m.cumulative),
            ]
        )
    return rows


def growth_rate_line(name: str, projection: GrowthProjection) -> str:
    return f"{name}: {exact_str(projection.growth_percent)}% growth a month"


def growth_total_line(projection: GrowthProjection, today: date | None = None) -> str:
    """'Next 12 months: $X (flat: $Y, growth adds $Z)'."""
    extra = projection.total - projection.flat_total
    return (
        f"{projection_period(projection, today)}: {format_usd(projection.total)} "
        f"(flat: {format_usd(projection.flat_total)}, growth adds {format_usd(extra)})"
    )


def growth_text(name: str, projection: GrowthProjection) -> str:
    out = [growth_rate_line(name, projection), "", *text_table(growth_rows(projection)), ""]
    out.append(growth_total_line(projection))
    return "\n".join(out)


def projection_period(projection: GrowthProjection, today: date | None = None) -> str:
    """'Next 12 months' when the projection starts next month, else '12 months from Mar 2027'."""
    first = projection.months[0].month
    following = add_months(today or date.today(), 1)
    if (first.year, first.month) == (following.year, following.month):
        return f"Next {len(projection.months)} months"
    return f"{len(projection.months)} months from {first.strftime('%b %Y')}"


def rate_text(value: Decimal | None, unit: str) -> str:
    """A rate as a price sheet lists it: '$4.50' (per unit), 'x0.5' (a multiplier) or 'none'."""
    if value is None:
        return "none"
    return f"x{exact_str(value)}" if unit == MULTIPLIER_UNIT else format_unit_price(value)


def catalog_diff_text(diff: CatalogDiff) -> str:
    """What a sheet changes: models added and removed, each changed rate old -> new."""
    if diff.empty:
        return "No changes: the sheet prices every model as the current catalog does."
    out = []
    if diff.added:
        out.append("Models added: " + ", ".join(diff.added))
    if diff.removed:
        out.append("Models removed: " + ", ".join(diff.removed))
    if diff.changes:
        out.append(f"Changed rates ({len(diff.changes)}):")
        for c in diff.changes:
            per = "" if c.unit == MULTIPLIER_UNIT else f" / {c.unit}"
            out.append(f"  {c.model} {c.what}: {rate_text(c.old, c.unit)} -> {rate_text(c.new, c.unit)}{per}")
    return "\n".join(out)


def reprice_text(results: Sequence[Repriced], old_label: str, new_label: str) -> str:
    """Per scenario: was -> now, and the breakdown lines whose rate caused the change."""
    out = [f"Re-priced: {old_label} -> {new_label}", ""]
    for r in results:
        stamp = f" (last priced with {r.priced_with.sheet}, checked {r.priced_with.checked})" if r.priced_with else ""
        out.append(f"{r.scenario.name}{stamp}")
        if r.was is None or r.now is None:
            out.append(f"  was: {format_usd(r.was.monthly) if r.was else r.was_error}")
            out.append(f"  now: {format_usd(r.now.monthly) if r.now else r.now_error}")
            out.append("")
            continue
        change = r.now.monthly - r.was.monthly
        if not change and not r.causes:
            out.append(f"  {format_usd(r.was.monthly)} a month: unchanged")
            out.append("")
            continue
        pct = f" ({change / r.was.monthly * 100:+.1f}%)" if r.was.monthly else ""
        sign = "+" if change > 0 else "-" if change < 0 else "±"
        was_now = f"{format_usd(r.was.monthly)} -> {format_usd(r.now.monthly)}"
        out.append(f"  {was_now} a month: {sign}{format_usd(abs(change))}{pct}")
        for c in r.causes:
            out.append(
                f"    {c.item}: {rate_text(c.old_unit_price, '')} -> {rate_text(c.new_unit_price, '')} per unit, "
                f"{format_usd(c.old_cost)} -> {format_usd(c.new_cost)}"
                + (f"  [{source_label(c.source)}]" if c.source else "")
            )
        out.append("")
    out.append(reprice_total_text(results, "Total"))
    return "\n".join(out)


def reprice_total_text(results: Sequence[Repriced], label: str) -> str:
    """'Total: $991.20 -> $926.26 a month', over the scenarios priced both before and after.

    A scenario one side cannot price is never counted as $0: the line names what it leaves out,
    so the two sums always cover the same scenarios.
    """
    both = [r for r in results if r.was is not None and r.now is not None]
    was = exact_sum(r.was.monthly for r in both if r.was)
    now = exact_sum(r.now.monthly for r in both if r.now)
    text = f"{label}: {format_usd(was)} -> {format_usd(now)} a month"
    left_out = [r.scenario.name for r in results if r.was is None or r.now is None]
    if not both and left_out:
        return f"{label}: none of the {len(left_out)} scenarios can be priced both before and after"
    if left_out:
        names = ", ".join(f"'{name}'" for name in left_out)
        text += f", leaving out {len(left_out)} that cannot be priced before and after ({names})"
    return text
