"""The quote document: what is handed to a manager, a client or finance.

Built from a quote header, scenarios and the engine's estimates (a scenario file
supplies the first two, but the quote does not depend on the file format). Every
renderer (HTML for print and PDF, Markdown, CSV, JSON) reads this one object, so
all exports carry the same figures. Money stays Decimal; only the renderers round
for display.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario
from core.money import HUNDRED, ZERO, cents, exact_str, exact_sum, format_quantity, format_usd, money_context
from core.pricing.catalog import Catalog
from core.pricing.engine import estimate
from core.pricing.estimate import CostWarning, Estimate, stage_summary, token_exact_note
from core.sections import Section


class QuoteSource(Protocol):
    """What a quote is made from: a header and scenarios (a ``ScenarioFile`` is one)."""

    @property
    def quote(self) -> QuoteHeader: ...

    @property
    def scenarios(self) -> Sequence[Scenario]: ...


@dataclass(frozen=True, slots=True)
class QuoteNote:
    """A warning printed with the quote, naming the scenario it belongs to (or none)."""

    scenario: str | None
    warning: CostWarning

    def text(self) -> str:
        return f"{self.scenario}: {self.warning.message}" if self.scenario else self.warning.message


@dataclass(frozen=True, slots=True)
class Quote:
    """A priced quote: header, the estimates, markup and display currency."""

    header: QuoteHeader
    estimates: tuple[Estimate, ...]
    #: The day the quote was built; printed when the header has no date.
    today: dt.date
    #: Optional parts after the scenarios (plan against actual usage), in order.
    sections: tuple[Section, ...] = ()

    @property
    def date(self) -> dt.date:
        return self.header.date or self.today

    @property
    def title(self) -> str:
        return self.header.title or "Image generation cost estimate"

    # Markup -----------------------------------------------------------------

    @property
    def markup_percent(self) -> Decimal:
        return self.header.markup_percent

    @property
    def has_markup(self) -> bool:
        return not self.header.markup_percent.is_zero()

    def markup_of(self, usd: Decimal) -> Decimal:
        """The markup amount on a USD cost."""
        with money_context():
            return usd * self.header.markup_percent / HUNDRED

    def price(self, usd: Decimal) -> Decimal:
        """A USD cost with the markup added: what the client pays."""
        with money_context():
            return usd + self.markup_of(usd)

    # Shown amounts: rounded once, to the cent, per scenario and month ---------------

    def shown_cost(self, est: Estimate) -> Decimal:
        """The scenario's OpenAI cost per month as a document shows it (to the cent)."""
        return cents(est.monthly)

    def shown_markup(self, est: Estimate) -> Decimal:
        """The markup on the shown monthly cost, to the cent."""
        return cents(self.markup_of(self.shown_cost(est)))

    def shown_price(self, est: Estimate) -> Decimal:
        """What the client pays per month for the scenario: shown cost plus shown markup."""
        return self.shown_cost(est) + self.shown_markup(est)

    def shown_converted(self, usd: Decimal) -> Decimal | None:
        """A shown monthly USD amount in the display currency, to the cent; None without a conversion."""
        value = self.convert(usd)
        return None if value is None else cents(value)

    @property
    def shown_cost_total(self) -> Decimal:
        return exact_sum(self.shown_cost(e) for e in self.estimates)

    @property
    def shown_markup_total(self) -> Decimal:
        return exact_sum(self.shown_markup(e) for e in self.estimates)

    @property
    def shown_total(self) -> Decimal:
        """The grand total per month a document shows: the sum of the shown scenario prices."""
        return exact_sum(self.shown_price(e) for e in self.estimates)

    def shown_converted_total(self, of: Callable[[Estimate], Decimal]) -> Decimal | None:
        """The sum of each scenario's amount OF converted and rounded, so the column adds up."""
        if self.rate is None:
            return None
        return exact_sum(self.shown_converted(of(e)) or ZERO for e in self.estimates)

    # Display currency --------------------------------------------------------

    @property
    def currency(self) -> str:
        return self.header.currency

    @property
    def rate(self) -> Decimal | None:
        """Units of the display currency per USD, when a conversion is shown."""
        if self.header.currency == "USD":
            return None
        return self.header.exchange_rate

    def convert(self, usd: Decimal) -> Decimal | None:
        """USD in the display currency, or None when no conversion is shown."""
        rate = self.rate
        if rate is None:
            return None
        with money_context():
            return usd * rate

    # Totals --------------------------------------------------------------------

    @property
    def cost_monthly(self) -> Decimal:
        """Sum of the scenarios' monthly OpenAI cost."""
        return exact_sum(e.monthly for e in self.estimates)

    @property
    def cost_yearly(self) -> Decimal:
        return exact_sum(e.yearly for e in self.estimates)

    @property
    def total_monthly(self) -> Decimal:
        """Grand total per month with the markup."""
        return self.price(self.cost_monthly)

    @property
    def total_yearly(self) -> Decimal:
        return self.price(self.cost_yearly)

    # Provenance ------------------------------------------------------------------

    @property
    def sheets(self) -> tuple[tuple[str, dt.date], ...]:
        """Price sheets used, with their checked dates, in order of first use."""
        return tuple(dict.fromkeys((e.sheet, e.checked) for e in self.estimates))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(source for e in self.estimates for source in e.sources))

    @property
    def notes(self) -> tuple[QuoteNote, ...]:
        """Every warning the reader must see: per scenario, then about the quote itself."""
        out = [QuoteNote(e.scenario.name, w) for e in self.estimates for w in e.warnings]
        ranged = [e.auto_range.marker for e in self.estimates if e.auto_range is not None]
        if ranged:
            bounds = "; ".join(dict.fromkeys(ranged))
            out.append(QuoteNote(None, CostWarning("range", f"Grand total: an upper bound ({bounds})")))
        header = self.header
        if header.currency != "USD" and header.exchange_rate is None:
            out.append(
                QuoteNote(
                    None,
                    CostWarning("note", f"No exchange rate for {header.currency} is set: figures are in USD only"),
                )
            )
        if header.currency != "USD" and header.exchange_rate is not None and header.rate_date is None:
            out.append(QuoteNote(None, CostWarning("note", "The exchange rate has no date")))
        if header.valid_until is not None and header.valid_until < self.date:
            out.append(
                QuoteNote(
                    None,
                    CostWarning(
                        "note",
                        f"The valid-until date {header.valid_until.isoformat()} is before the quote date "
                        f"{self.date.isoformat()}",
                    ),
                )
            )
        return tuple(out)


def format_money(value: Decimal, currency: str = "USD", *, places: int | None = None, fixed: bool = False) -> str:
    """'$1,234.56' for USD, 'EUR 1,234.56' for any other currency (same rounding rules as format_usd)."""
    text = format_usd(value, places=places, fixed=fixed)
    if currency == "USD":
        return text
    sign = "-" if text.startswith("-") else ""
    return f"{sign}{currency} {text.lstrip('-').lstrip('$')}"


def build_quote(
    header: QuoteHeader,
    scenarios: Sequence[Scenario],
    catalog: Catalog | None = None,
    *,
    today: dt.date | None = None,
    sections: Sequence[Section] = (),
) -> Quote:
    """Price the scenarios and wrap them with the quote header (and any optional SECTIONS)."""
    today = today or dt.date.today()
    estimates = tuple(estimate(s, catalog, today=today) for s in scenarios)
    return Quote(header=header, estimates=estimates, today=today, sections=tuple(sections))


def quote_from_file(
    document: QuoteSource,
    catalog: Catalog | None = None,
    *,
    only: Sequence[int] | None = None,
    today: dt.date | None = None,
) -> Quote:
    """A quote for the whole scenario list, or only the scenarios at the given indexes."""
    scenarios = document.scenarios if only is None else [document.scenarios[i] for i in only]
    return build_quote(document.quote, scenarios, catalog, today=today)


def assumptions(est: Estimate) -> list[tuple[str, str]]:
    """The inputs behind one estimate, as (label, value) lines a reader can check."""
    sc = est.scenario
    model = f"{est.model_label} ({sc.model})"
    if est.priced_as != sc.model:
        model += f", priced as {est.priced_as}"
    if sc.volume_unit == "day":
        volume = f"{format_quantity(sc.requests_per_day)} requests / day ({sc.requests_per_month:,} / month of 30 days)"
    else:
        volume = f"{sc.requests_per_month:,} requests / month"
    quality, size = sc.quality, sc.size
    auto = est.auto_range
    if auto is not None and not est.stages:
        span = f"{auto.marker}: {auto.low_choice} to {auto.high_choice}"
        quality = f"{quality} ({span})" if quality == "auto" else quality
        size = f"{size} ({span})" if size == "auto" and quality == sc.quality else size
    rows = [
        ("Model", model),
        ("Quality", quality),
        ("Size", size),
        ("Volume", volume),
        ("Images per request", str(sc.images_per_request)),
        ("Retry multiplier", f"x{exact_str(sc.retry_multiplier)}"),
        (
            "Images per month",
            f"{est.delivered_images:,} delivered, {format_quantity(est.generated_images)} generated",
        ),
    ]
    if est.stages:
        # Draft-then-final: each stage's own image settings and subtotal replace the top-level ones.
        rows = [row for row in rows if row[0] not in ("Model", "Quality", "Size", "Images per request")]
        rows[-1] = (
            "Images per month",
            f"{est.delivered_images:,} finals, {format_quantity(est.generated_images)} generated",
        )
        for stage in reversed(est.stages):
            rows.insert(0, (f"Stage: {stage.name}", f"{stage_summary(stage)}; {format_usd(stage.monthly)} / month"))
    exact = token_exact_note(est)
    if exact is not None:
        rows.append(("Image output price", exact))
    rows += _input_assumptions(est)
    rows.append(("Batch API", "yes" if sc.batch else "no"))
    if sc.notes:
        rows.append(("Notes", sc.notes))
    return rows


def _input_assumptions(est: Estimate) -> list[tuple[str, str]]:
    """The inputs that are set: the prompt, text output and input images (paid per attempt, as the engine
    prices them) and partial images (per generated image)."""
    sc = est.scenario
    rows: list[tuple[str, str]] = []
    if sc.prompt_tokens:
        prompt = f"{sc.prompt_tokens:,} tokens per attempt"
        if sc.cached_prompt_share:
            prompt += f", {format_quantity(sc.cached_prompt_share * HUNDRED)}% cached"
        rows.append(("Prompt", prompt))
    if sc.text_output_tokens:
        rows.append(("Text output", f"{sc.text_output_tokens:,} tokens per attempt"))
    if sc.input_images:
        if est.input_images_included:
            how = "included in the per-image price (DALL-E 2 edits and variations)"
        elif sc.input_image_tokens is not None:
            how = f"{sc.input_image_tokens:,} tokens each (entered by hand)"
        else:
            how = f"{sc.input_image_size}, {est.input_fidelity or sc.input_fidelity} fidelity"
        if sc.cached_input_share:
            how += f", {format_quantity(sc.cached_input_share * HUNDRED)}% cached"
        rows.append(("Input images", f"{sc.input_images} per attempt, {how}"))
    if sc.partial_images:
        rows.append(("Partial images", f"{sc.partial_images} per generated image (streaming)"))
    return rows
