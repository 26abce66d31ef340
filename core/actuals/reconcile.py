"""Plan against actuals: groups matched to scenarios, tokens priced exactly, the difference shown.

A group of calls (model, quality, size) matches the scenario, or the stage of a
draft-then-final scenario, with the same three; a part the data does not give
(the Usage API has no quality) matches anything, as long as exactly one
scenario fits. The person can reassign any group by its label. Groups no
scenario plans are listed, never dropped.

Money is Decimal throughout: each call's tokens are priced at the sheet's
per-token rates (the batch multiplier for batch calls), and the figures per
month are the actuals scaled from the span they cover (first call to last, or
the Usage and Costs API buckets' start to end) to a 30-day month.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.actuals.groups import CallGroup, Collected, GroupKey, Span, Tokens, UsageGroup
from core.errors import ImageCostError
from core.model.scenario import DAYS_PER_MONTH, Scenario
from core.model.sizes import Size
from core.money import HUNDRED, MILLION, ZERO, format_rounded, format_signed_percent, money_context
from core.pricing.catalog import Catalog, PricedModel
from core.pricing.engine import estimate, input_tokens_per_image, output_tokens_per_image

MONTH_SECONDS = DAYS_PER_MONTH * 24 * 3600


@dataclass(frozen=True, slots=True)
class Target:
    """What a group can be matched to: a scenario, or one stage of a staged scenario, with its plan."""

    name: str
    key: GroupKey
    scenario: Scenario
    #: The stage's name for a stage of a staged scenario; None for a one-stage scenario.
    stage: str | None
    requests: Decimal
    attempts: Decimal
    generated_images: Decimal
    images_per_request: int
    monthly: Decimal
    #: Tokens the plan counts per input image (by hand or by the sheet's rule); None without input images.
    input_image_tokens: int | None = None

    @property
    def retry_multiplier(self) -> Decimal | None:
        return self.attempts / self.requests if self.requests else None

    @property
    def per_image(self) -> Decimal | None:
        """Planned cost per delivered image: the month's cost over the images asked for."""
        delivered = self.requests * self.images_per_request
        return self.monthly / delivered if delivered else None


def targets(
    scenarios: Sequence[Scenario], catalog: Catalog, today: date | None = None, notes: list[str] | None = None
) -> list[Target]:
    """Every scenario (each stage of a staged one) priced by the engine, as a matching target.

    A scenario that does not price (the window lets a person leave one half-edited) is left out,
    with why in NOTES.
    """
    out: list[Target] = []
    with money_context():
        for scenario in scenarios:
            try:
                est = estimate(scenario, catalog, today=today)
            except ImageCostError as exc:
                if notes is not None:
                    notes.append(f"scenario '{scenario.name}' is left out: {exc.message}")
                continue
            if not est.stages:
                key = GroupKey(scenario.model, scenario.quality, scenario.size)
                requests = Decimal(scenario.requests_per_month)
                ipr = scenario.images_per_request
                planned = (requests, est.attempts, est.generated_images, ipr, est.monthly)
                per_input = _input_tokens(catalog, scenario)
                out.append(Target(scenario.name, key, scenario, None, *planned, input_image_tokens=per_input))
                continue
            for stage in est.stages:
                key = GroupKey(stage.model, stage.quality, stage.size)
                name = f"{scenario.name}: {stage.name}"
                ipr = stage.images_per_request
                planned = (stage.requests, stage.attempts, stage.generated_images, ipr, stage.monthly)
                out.append(Target(name, key, scenario, stage.name, *planned))
    return out


def _input_tokens(catalog: Catalog, scenario: Scenario) -> int | None:
    """The tokens the engine counts per input image of SCENARIO, or None (no input images, or no rule)."""
    if not scenario.input_images:
        return None
    try:
        return input_tokens_per_image(catalog.model(scenario.model), scenario)
    except ImageCostError:
        return None


def _fits(group: GroupKey, target: GroupKey) -> bool:
    return all(
        g is None or g == t
        for g, t in zip(
            (group.model, group.quality, group.size), (target.model, target.quality, target.size), strict=True
        )
    )


@dataclass(frozen=True, slots=True)
class Match:
    """Where a group went: a target's name, or None with the reason it matched none."""

    target: str | None
    reason: str = ""
    assigned: bool = False


def parse_assignment(text: str) -> tuple[str, str]:
    """'gpt-image-1/low/1024x1024=Hero images' -> (group label, scenario name)."""
    label, equals, name = text.partition("=")
    if not equals or not label.strip() or not name.strip():
        raise ImageCostError(
            f"'{text}' is not GROUP=SCENARIO", field="--assign", hint="e.g. gpt-image-1/low/1024x1024=Hero images"
        )
    return label.strip(), name.strip()


def match_groups(
    keys: Sequence[GroupKey], plan: Sequence[Target], assignments: Mapping[str, str] | None = None
) -> dict[GroupKey, Match]:
    """Each group's target: the person's assignment first, else the one scenario that fits.

    ASSIGNMENTS maps a group label ('gpt-image-1/low/1024x1024') to a target name; a
    label or a name that is not there is an error, so a typo never goes unnoticed.
    """
    assignments = dict(assignments or {})
    by_label = {key.label: key for key in keys}
    names = [target.name for target in plan]
    for label, name in assignments.items():
        if label not in by_label:
            known = ", ".join(sorted(by_label)) or "none"
            raise ImageCostError(f"no group '{label}' in the usage read", field="--assign", hint=f"groups: {known}")
        if name not in names:
            raise ImageCostError(
                f"no scenario named '{name}'", field="--assign", hint=f"scenarios: {', '.join(names) or 'none'}"
            )
    out: dict[GroupKey, Match] = {}
    for key in keys:
        if key.label in assignments:
            out[key] = Match(assignments[key.label], assigned=True)
            continue
        fits = [target.name for target in plan if _fits(key, target.key)]
        if len(fits) == 1:
            out[key] = Match(fits[0])
        elif fits:
            out[key] = Match(None, f"fits {len(fits)} scenarios ({', '.join(fits)}): assign it to one")
        else:
            out[key] = Match(None, "no scenario plans it")
    return out


@dataclass(frozen=True, slots=True)
class Cost:
    """Tokens priced at the sheet's rates, and what could not be priced."""

    usd: Decimal
    unpriced: tuple[str, ...] = ()


_RATES = (
    ("text_in", "text input"),
    ("image_in", "image input"),
    ("image_out", "image output"),
    ("text_out", "text output"),
)


def price_tokens(model: PricedModel, tokens: Tokens, multiplier: Decimal = Decimal(1)) -> Cost:
    """TOKENS at MODEL's per-token rates x MULTIPLIER, token-exact; tokens with no rate are named."""
    total = ZERO
    unpriced: list[str] = []
    with money_context():
        for name, what in _RATES:
            count = getattr(tokens, name)
            if not count:
                continue
            rate = model.rate(name)
            if rate is None:
                unpriced.append(f"{count:,} {what} tokens ({model.id} has no {what} rate)")
                continue
            total += count * rate.usd_per_1m * multiplier / MILLION
    return Cost(total, tuple(unpriced))


def group_cost(group: CallGroup, catalog: Catalog) -> Cost:
    """A group's calls priced: standard calls at the rates, batch calls at the rates x the batch multiplier."""
    assert group.key.model is not None  # call groups always know their model
    model = catalog.model(group.key.model)
    standard = price_tokens(model, group.standard)
    batch_price = model.entry.batch
    notes = list(standard.unpriced)
    if batch_price is None and any(_counts(group.batch)):
        notes.append(f"{model.id} has no Batch price: batch calls priced at the standard rates")
    batch = price_tokens(model, group.batch, batch_price.multiplier if batch_price else Decimal(1))
    notes.extend(batch.unpriced)
    return Cost(standard.usd + batch.usd, tuple(notes))


def _counts(tokens: Tokens) -> tuple[int, int, int, int]:
    return (tokens.text_in, tokens.image_in, tokens.image_out, tokens.text_out)


def _ratio(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    with money_context():
        return Decimal(part) / Decimal(whole) if whole else None


def per_month(value: Decimal | int, seconds: Decimal | None) -> Decimal | None:
    """VALUE over SECONDS scaled to a 30-day month; None when the span is unknown or zero."""
    if not seconds:
        return None
    with money_context():
        return Decimal(value) * MONTH_SECONDS / seconds


def _difference(actual: Decimal | None, planned: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """Actual - planned, and that as a percentage of planned (None where planned is zero)."""
    if actual is None:
        return None, None
    with money_context():
        diff = actual - planned
        return diff, (diff / planned * HUNDRED if planned else None)


@dataclass(frozen=True, slots=True)
class Row:
    """One scenario (or stage) beside what happened."""

    target: Target
    groups: tuple[str, ...]
    requests: int
    attempts: int
    failed: int
    images: int
    attempts_per_request: Decimal | None
    text_in_per_attempt: Decimal | None
    image_in_per_attempt: Decimal | None
    out_per_image: Decimal | None
    cost: Decimal
    per_image: Decimal | None
    sheet_per_image: Decimal | None
    requests_per_month: Decimal | None
    monthly: Decimal | None
    monthly_difference: Decimal | None
    monthly_difference_percent: Decimal | None
    requests_difference_percent: Decimal | None
    usage_requests: int
    usage_images: int
    usage_requests_per_month: Decimal | None
    #: Where the monthly figures come from, in words.
    basis: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A group no scenario plans (or that fits several): listed with what it cost."""

    label: str
    reason: str
    requests: int
    images: int
    cost: Decimal | None
    usage_requests: int
    usage_images: int


@dataclass(frozen=True, slots=True)
class TokenCheck:
    """Measured output tokens per image (and input-image tokens) against the documented rule."""

    label: str
    calls: int
    median: Decimal | None
    low: Decimal | None
    high: Decimal | None
    documented: int | None
    rule: str
    unconfirmed: bool
    verdict: str
    image_in_median: Decimal | None = None
    image_in_low: int | None = None
    image_in_high: int | None = None
    image_in_rule: str = ""
    image_in_verdict: str = ""


@dataclass(frozen=True, slots=True)
class Billed:
    """The Costs API beside the tokens: what was billed, per line item, and per month."""

    lines: tuple[tuple[str, str, Decimal], ...]
    totals: tuple[tuple[str, Decimal], ...]
    span_seconds: Decimal | None
    per_month: tuple[tuple[str, Decimal | None], ...]


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Everything the actuals command, the window and the export show."""

    collected: Collected
    rows: tuple[Row, ...]
    uncovered: tuple[Uncovered, ...]
    checks: tuple[TokenCheck, ...]
    matches: dict[GroupKey, Match]
    call_span: Span
    usage_span: Span
    token_cost: Decimal
    token_cost_per_month: Decimal | None
    billed: Billed | None
    notes: tuple[str, ...] = field(default=())


def median(counts: Mapping[Decimal, int] | Mapping[int, int]) -> Decimal | None:
    """The exact median of values counted in COUNTS (the mean of the two middle ones for an even count)."""
    total = sum(counts.values())
    if not total:
        return None
    ordered: list[tuple[Decimal | int, int]] = sorted(counts.items())
    middle = [(total - 1) // 2, total // 2]
    found: list[Decimal] = []
    seen = 0
    for value, count in ordered:
        while middle and middle[0] < seen + count:
            found.append(Decimal(value))
            middle.pop(0)
        seen += count
    with money_context():
        return (found[0] + found[1]) / 2


def _input_rule(model: PricedModel) -> str:
    rule = model.entry.input_images
    if rule is None:
        return "no input-image price"
    if rule.rule == "tiles-512":
        return "tile rule: 65 + 129 x 512 px tiles per input image (+4,160 or 6,240 at high fidelity)"
    if rule.rule == "measured":
        known = ", ".join(f"{size} = {tokens:,}" for size, tokens in rule.measured_tokens.items())
        return f"measured figures{' (unconfirmed)' if rule.unconfirmed else ''}: {known} per input image"
    return "no published rule (entered by hand)"


def _input_verdict(model: PricedModel, value: Decimal) -> str:
    """Whether a call's image-input tokens are a whole number of the sheet's measured per-image figures."""
    rule = model.entry.input_images
    if rule is None or rule.rule != "measured" or not rule.measured_tokens:
        return ""
    for size, tokens in rule.measured_tokens.items():
        if value % tokens == 0:
            return f"consistent with {value // tokens} input image(s) of {size}"
    figures = " or ".join(f"{t:,}" for t in rule.measured_tokens.values())
    if rule.unconfirmed:
        return (
            f"your logs contradict the unconfirmed measured figures: a median of {value:,} tokens per call "
            f"is no whole number of {figures}"
        )
    return f"differs from the sheet's figures: {value:,} tokens per call is no whole number of {figures}"


def token_check(group: CallGroup, catalog: Catalog) -> TokenCheck:
    """The measured output tokens per image against the documented table or formula, said plainly."""
    assert group.key.model is not None and group.key.quality is not None and group.key.size is not None
    model = catalog.model(group.key.model)
    documented, unconfirmed = output_tokens_per_image(model, group.key.quality, Size.parse(group.key.size))
    rule_entry = model.entry.output_tokens
    if rule_entry is None:
        rule = "no documented output-token count"
    elif rule_entry.formula == "gpt-image-2":
        rule = "gpt-image-2 output-token formula"
    else:
        rule = "documented output-token table"
    mid = median(group.out_per_image)
    low = min(group.out_per_image) if group.out_per_image else None
    high = max(group.out_per_image) if group.out_per_image else None
    if mid is None:
        verdict = "no image output reported"
    elif documented is None:
        verdict = f"nothing to compare with: {rule}"
    elif low == high == documented:
        verdict = f"matches the {rule}"
    elif mid == documented:
        verdict = f"median matches the {rule}; some calls differ"
    else:
        with money_context():
            pct = (mid - documented) / documented * HUNDRED
        measured = (
            f"a median of {format_rounded(mid)} tokens per image against {documented:,} ({format_signed_percent(pct)})"
        )
        if unconfirmed:
            verdict = f"your logs contradict the unconfirmed {rule}: {measured}"
        else:
            verdict = f"differs from the {rule}: {measured}"
    in_mid = median(group.image_in_per_call)
    return TokenCheck(
        label=group.key.label,
        calls=group.delivered,
        median=mid,
        low=low,
        high=high,
        documented=documented,
        rule=rule + (" (unconfirmed)" if unconfirmed else ""),
        unconfirmed=unconfirmed,
        verdict=verdict,
        image_in_median=in_mid,
        image_in_low=min(group.image_in_per_call) if group.image_in_per_call else None,
        image_in_high=max(group.image_in_per_call) if group.image_in_per_call else None,
        image_in_rule=_input_rule(model) if in_mid is not None else "",
        image_in_verdict=_input_verdict(model, in_mid) if in_mid is not None else "",
    )


def _row(
    target: Target,
    groups: list[CallGroup],
    usage: list[UsageGroup],
    catalog: Catalog,
    spans: tuple[Decimal | None, Decimal | None],
) -> Row:
    call_seconds, usage_seconds = spans
    requests = sum(g.delivered for g in groups)
    attempts = sum(g.attempts for g in groups)
    images = sum(g.images for g in groups)
    text_in = sum(g.standard.text_in + g.batch.text_in for g in groups)
    image_in = sum(g.standard.image_in + g.batch.image_in for g in groups)
    image_out = sum(g.standard.image_out + g.batch.image_out for g in groups)
    costs = [group_cost(g, catalog) for g in groups]
    with money_context():
        cost = sum((c.usd for c in costs), ZERO)
    notes = [note for c in costs for note in c.unpriced]
    key = target.key
    assert key.model is not None and key.quality is not None and key.size is not None
    published = catalog.model(key.model).per_image_price(key.quality, key.size)
    usage_requests = sum(u.requests for u in usage)
    usage_images = sum(u.images for u in usage)
    usage_per_month = per_month(usage_requests, usage_seconds) if usage else None
    per_image = _ratio(cost, images)
    requests_per_month: Decimal | None
    monthly: Decimal | None = None
    if usage_per_month is not None:
        # The Usage API counts all the traffic; logged calls may be a sample. Volume from the first,
        # cost per image from the second where both are there.
        requests_per_month = usage_per_month
        images_per_month = per_month(usage_images, usage_seconds)
        if per_image is not None and images_per_month is not None:
            with money_context():
                monthly = per_image * images_per_month
        basis = "volume from the Usage API" + (", cost per image from the logged calls" if monthly is not None else "")
    else:
        requests_per_month = per_month(requests, call_seconds) if groups else None
        monthly = per_month(cost, call_seconds) if groups else None
        basis = "the logged calls, scaled from the span they cover" if groups else ""
    if groups and usage_per_month is None and not call_seconds:
        notes.append("the calls cover no span of time (no timestamps, or all at one moment): no monthly figures")
    diff, pct = _difference(monthly, target.monthly)
    _req_diff, req_pct = _difference(requests_per_month, target.requests)
    logged = {g.key for g in groups}
    return Row(
        target=target,
        groups=tuple(g.key.label for g in groups) + tuple(u.key.label for u in usage if u.key not in logged),
        requests=requests,
        attempts=attempts,
        failed=attempts - requests,
        images=images,
        attempts_per_request=_ratio(attempts, requests),
        text_in_per_attempt=_ratio(text_in, requests),
        image_in_per_attempt=_ratio(image_in, requests),
        out_per_image=_ratio(image_out, images),
        cost=cost,
        per_image=per_image,
        sheet_per_image=published.usd if published is not None else None,
        requests_per_month=requests_per_month,
        monthly=monthly,
        monthly_difference=diff,
        monthly_difference_percent=pct,
        requests_difference_percent=req_pct,
        usage_requests=usage_requests,
        usage_images=usage_images,
        usage_requests_per_month=usage_per_month,
        basis=basis,
        notes=tuple(notes),
    )


def _billed(collected: Collected) -> Billed | None:
    if not collected.costs:
        return None
    seconds = collected.costs_span.seconds
    lines = tuple(
        (line.line_item, line.currency, line.amount)
        for line in sorted(collected.costs.values(), key=lambda c: (c.currency, c.line_item))
    )
    totals: dict[str, Decimal] = {}
    with money_context():
        for _item, currency, amount in lines:
            totals[currency] = totals.get(currency, ZERO) + amount
    return Billed(
        lines=lines,
        totals=tuple(totals.items()),
        span_seconds=seconds,
        per_month=tuple((currency, per_month(amount, seconds)) for currency, amount in totals.items()),
    )


def reconcile(
    collected: Collected,
    scenarios: Sequence[Scenario],
    catalog: Catalog,
    *,
    assignments: Mapping[str, str] | None = None,
    today: date | None = None,
) -> Reconciliation:
    """The plan in SCENARIOS against what COLLECTED read; ASSIGNMENTS reassign groups by label."""
    notes: list[str] = []
    plan = targets(scenarios, catalog, today, notes)
    keys = sorted(set(collected.calls) | set(collected.usage), key=lambda k: k.label)
    matches = match_groups(keys, plan, assignments)
    spans = (collected.call_span.seconds, collected.usage_span.seconds)
    rows: list[Row] = []
    for target in plan:
        mine = [k for k in keys if matches[k].target == target.name]
        groups = [collected.calls[k] for k in mine if k in collected.calls]
        usage = [collected.usage[k] for k in mine if k in collected.usage]
        rows.append(_row(target, groups, usage, catalog, spans))
    uncovered: list[Uncovered] = []
    for key in keys:
        match = matches[key]
        if match.target is not None:
            continue
        group = collected.calls.get(key)
        used = collected.usage.get(key)
        uncovered.append(
            Uncovered(
                label=key.label,
                reason=match.reason,
                requests=group.delivered if group else 0,
                images=group.images if group else 0,
                cost=group_cost(group, catalog).usd if group else None,
                usage_requests=used.requests if used else 0,
                usage_images=used.images if used else 0,
            )
        )
    checks = tuple(
        token_check(group, catalog)
        for _label, group in sorted((k.label, g) for k, g in collected.calls.items())
        if group.delivered
    )
    with money_context():
        token_cost = sum((group_cost(g, catalog).usd for g in collected.calls.values()), ZERO)
    if collected.unanswered:
        many = collected.unanswered != 1
        notes.append(
            f"{collected.unanswered:,} batch request{'s' if many else ''} {'have' if many else 'has'} no output line "
            "(not run yet, or the result is in the batch's error file: give it too)"
        )
    if collected.calls and collected.usage:
        notes.append(
            "requests and images from the Usage API are shown beside the logged calls, not added to them: "
            "both may count the same traffic"
        )
    return Reconciliation(
        collected=collected,
        rows=tuple(rows),
        uncovered=tuple(uncovered),
        checks=checks,
        matches=matches,
        call_span=collected.call_span,
        usage_span=collected.usage_span,
        token_cost=token_cost,
        token_cost_per_month=per_month(token_cost, collected.call_span.seconds),
        billed=_billed(collected),
        notes=tuple(notes),
    )
