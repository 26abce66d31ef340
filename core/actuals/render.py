"""The reconciliation as terminal text and as JSON-ready data (exact decimal strings, like ``quote``)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from core.actuals.calibrate import calibration
from core.actuals.groups import FileReport, Span
from core.actuals.reconcile import Billed, Reconciliation, Row, TokenCheck
from core.money import exact_str, format_quantity, format_rounded, format_signed_percent, format_unit_price, format_usd
from core.sections import Section, SectionTable
from core.text_table import text_table
from core.vocabulary import PER_DELIVERED_IMAGE

DASH = "-"
CHART_TITLE = "Cost per month: planned vs actual"
_TWO_PLACES = Decimal("0.01")
_ONE_PLACE = Decimal("0.1")


def _dec(value: Decimal | int | None) -> str | None:
    return None if value is None else exact_str(Decimal(value))


def _count(value: Decimal | int | None, places: Decimal = _ONE_PLACE) -> str:
    return DASH if value is None else format_rounded(Decimal(value), places)


def _usd(value: Decimal | None) -> str:
    return DASH if value is None else format_usd(value)


def _unit(value: Decimal | None) -> str:
    """A per-image cost in full (token-exact figures have five or more places)."""
    return DASH if value is None else format_unit_price(value.normalize() if value else value)


def _pct(value: Decimal | None) -> str:
    return DASH if value is None else format_signed_percent(value)


def _signed_usd(value: Decimal | None) -> str:
    if value is None:
        return DASH
    text = format_usd(value)
    return text if text.startswith("-") else f"+{text}"


def _moment(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _duration(seconds: Decimal) -> str:
    if seconds < 2 * 86400:
        return f"{(seconds / 3600).quantize(_ONE_PLACE)} hours"
    return f"{(seconds / 86400).quantize(_ONE_PLACE)} days"


def span_text(span: Span) -> str:
    """'2026-11-01 10:00 UTC to 2026-11-03 10:00 UTC (2.0 days)': what the monthly figures are scaled from."""
    if span.first is None or span.last is None:
        return "no timestamps"
    seconds = span.seconds
    moments = f"{_moment(span.first)} to {_moment(span.last)}"
    if seconds is None:
        return f"{moments} (no length: no monthly figures)"
    if span.windows:
        return f"{moments} ({_duration(seconds)})"
    return f"{moments} ({span.points:,} calls, counted as {_duration(seconds)})"


def _file_lines(report: FileReport) -> list[str]:
    if report.refused is not None:
        return [f"  {report.path.name}: refused: {report.refused}"]
    head = f"  {report.path.name}: {report.format}, {report.records:,} read"
    if report.bad:
        head += f", {report.bad:,} could not be counted"
    lines = [head]
    lines.extend(f"    {problem}" for problem in report.problems)
    if report.unnamed:
        lines.append(f"    ... and {report.unnamed:,} more")
    lines.extend(f"    {count:,} {reason} not counted" for reason, count in report.ignored.items())
    return lines


def _money_difference(row: Row) -> str:
    if row.monthly_difference is None:
        return DASH
    return f"{_signed_usd(row.monthly_difference)} ({_pct(row.monthly_difference_percent)})"


def _row_block(row: Row) -> list[str]:
    target = row.target
    groups = ", ".join(row.groups) or "none (nothing in the usage matched it)"
    out = [f'Scenario "{target.name}" ({target.key.label}); groups: {groups}']
    table = [
        ("", "planned", "actual", "difference"),
        (
            "requests per month",
            _count(target.requests),
            _count(row.requests_per_month),
            _pct(row.requests_difference_percent),
        ),
        (
            "attempts per request",
            _count(target.retry_multiplier, _TWO_PLACES),
            _count(row.attempts_per_request, _TWO_PLACES),
            "",
        ),
        ("cost per delivered image", _unit(target.per_image), _unit(row.per_image), ""),
        (
            "cost per month",
            _usd(target.monthly),
            _usd(row.monthly),
            _money_difference(row),
        ),
    ]
    out.extend("  " + line for line in text_table(table))
    if row.basis:
        out.append(f"  per month: {row.basis}")
    if row.attempts or row.requests:
        out.append(
            f"  logged: {row.requests:,} delivered requests, {row.attempts:,} attempts ({row.failed:,} failed), "
            f"{row.images:,} images, {_usd(row.cost)} in tokens"
        )
        out.append(
            f"  per attempt: {_count(row.text_in_per_attempt)} text and {_count(row.image_in_per_attempt)} image "
            f"input tokens; per image: {_count(row.out_per_image)} output tokens, {_unit(row.per_image)} "
            f"(the sheet publishes {_unit(row.sheet_per_image)} per image)"
        )
    if row.usage_requests or row.usage_images:
        out.append(
            f"  Usage API: {row.usage_requests:,} requests, {row.usage_images:,} images"
            f" ({_count(row.usage_requests_per_month)} requests per month)"
        )
    changes = calibration(row)
    if changes:
        out.append("  calibrate would set: " + "; ".join(str(change) for change in changes))
    out.extend(f"  note: {note}" for note in row.notes)
    return out


def _checks_lines(checks: tuple[TokenCheck, ...]) -> list[str]:
    table: list[tuple[str, ...]] = [("group", "calls", "median", "range", "documented", "")]
    for check in checks:
        spread = f"{_count(check.low)}-{_count(check.high)}" if check.low is not None else DASH
        documented = f"{check.documented:,}" if check.documented is not None else DASH
        table.append((check.label, f"{check.calls:,}", _count(check.median), spread, documented, check.rule))
    lines = ["Measured vs documented output tokens per image", *text_table(table, left=(0, 5))]
    for check in checks:
        lines.append(f"  {check.label}: {check.verdict}")
        if check.image_in_median is not None:
            lines.append(
                f"  {check.label}: image input tokens per call: median {_count(check.image_in_median)} "
                f"(range {check.image_in_low:,}-{check.image_in_high:,}); {check.image_in_rule}"
                + (f"; {check.image_in_verdict}" if check.image_in_verdict else "")
            )
    return lines


def _amount(value: Decimal, currency: str) -> str:
    """A billed amount: every digit the API gave, as dollars for USD."""
    if currency == "USD":
        return format_unit_price(value.quantize(_TWO_PLACES) if value.as_tuple().exponent == 0 else value)
    return f"{format_quantity(value)} {currency}"


def _billed_lines(billed: Billed, result: Reconciliation) -> list[str]:
    table: list[tuple[str, ...]] = [("line item", "currency", "billed")]
    table.extend((item, currency, _amount(amount, currency)) for item, currency, amount in billed.lines)
    lines = ["Billed (Costs API)", *text_table(table, left=(0, 1))]
    for currency, monthly in billed.per_month:
        total = dict(billed.totals)[currency]
        per = _amount(monthly, currency) if monthly is not None else "no span"
        lines.append(f"  total {_amount(total, currency)}; per month {per}")
    lines.append(
        f"  the logged calls' tokens price at {_usd(result.token_cost)} ({_usd(result.token_cost_per_month)} per month)"
    )
    return lines


def reconciliation_text(result: Reconciliation) -> str:
    """The terminal report: files read, each scenario against its actuals, what the plan misses."""
    collected = result.collected
    lines = [f"Usage read from {len(collected.files)} file{'s' if len(collected.files) != 1 else ''}:"]
    for report in collected.files:
        lines.extend(_file_lines(report))
    if collected.calls:
        lines.append(f"Logged calls: {span_text(result.call_span)}")
    if collected.usage:
        lines.append(f"Usage API buckets: {span_text(result.usage_span)}")
    lines.append("")
    for row in result.rows:
        lines.extend(_row_block(row))
        lines.append("")
    if result.uncovered:
        table: list[tuple[str, ...]] = [("group", "requests", "images", "cost (tokens)", "Usage API requests", "why")]
        for item in result.uncovered:
            table.append(
                (
                    item.label,
                    f"{item.requests:,}",
                    f"{item.images:,}",
                    _usd(item.cost),
                    f"{item.usage_requests:,}",
                    item.reason,
                )
            )
        lines.extend(["Not in the plan (assign with --assign GROUP=SCENARIO)", *text_table(table, left=(0, 5)), ""])
    if result.checks:
        lines.extend([*_checks_lines(result.checks), ""])
    if result.billed is not None:
        lines.extend([*_billed_lines(result.billed, result), ""])
    lines.extend(f"note: {note}" for note in result.notes)
    return "\n".join(lines).rstrip() + "\n"


def chart_bars(result: Reconciliation) -> list[tuple[str, Decimal]]:
    """Planned and actual cost per month, a pair of bars per scenario that has both (for a chart)."""
    bars: list[tuple[str, Decimal]] = []
    for row in result.rows:
        if row.monthly is not None:
            bars += [(f"{row.target.name}: planned", row.target.monthly), (f"{row.target.name}: actual", row.monthly)]
    return bars


def _span_data(span: Span) -> dict[str, Any]:
    return {"first": span.first, "last": span.last, "seconds": _dec(span.seconds)}


def _row_data(row: Row) -> dict[str, Any]:
    target = row.target
    return {
        "scenario": target.name,
        "model": target.key.model,
        "quality": target.key.quality,
        "size": target.key.size,
        "groups": list(row.groups),
        "planned": {
            "requests_per_month": _dec(target.requests),
            "attempts_per_request": _dec(target.retry_multiplier),
            "generated_images_per_month": _dec(target.generated_images),
            "cost_per_delivered_image": _dec(target.per_image),
            "cost_per_month": _dec(target.monthly),
        },
        "actual": {
            "requests": row.requests,
            "attempts": row.attempts,
            "failed_attempts": row.failed,
            "images": row.images,
            "attempts_per_request": _dec(row.attempts_per_request),
            "text_input_tokens_per_attempt": _dec(row.text_in_per_attempt),
            "image_input_tokens_per_attempt": _dec(row.image_in_per_attempt),
            "output_tokens_per_image": _dec(row.out_per_image),
            "cost": _dec(row.cost),
            "cost_per_delivered_image": _dec(row.per_image),
            "sheet_price_per_image": _dec(row.sheet_per_image),
            "requests_per_month": _dec(row.requests_per_month),
            "cost_per_month": _dec(row.monthly),
            "usage_api_requests": row.usage_requests,
            "usage_api_images": row.usage_images,
            "usage_api_requests_per_month": _dec(row.usage_requests_per_month),
        },
        "difference": {
            "cost_per_month": _dec(row.monthly_difference),
            "cost_per_month_percent": _dec(row.monthly_difference_percent),
            "requests_per_month_percent": _dec(row.requests_difference_percent),
        },
        "calibration": [
            {"field": c.field, "was": _plain(getattr(target.scenario, c.field)), "now": _plain(c.value)}
            for c in calibration(row)
        ],
        "basis": row.basis,
        "notes": list(row.notes),
    }


def _plain(value: object) -> object:
    """A field's value for JSON: Decimal as its exact string, the rest as they are."""
    return exact_str(value) if isinstance(value, Decimal) else value


def _file_data(report: FileReport) -> dict[str, Any]:
    return {
        "file": str(report.path),
        "format": report.format,
        "refused": report.refused,
        "records": report.records,
        "bad_lines": report.bad,
        "problems": [{"line": p.line, "message": p.message} for p in report.problems],
        "ignored": dict(report.ignored),
        "image_bytes_dropped": report.image_bytes_dropped,
    }


def _check_data(check: TokenCheck) -> dict[str, Any]:
    return {
        "group": check.label,
        "calls": check.calls,
        "output_tokens_per_image": {
            "median": _dec(check.median),
            "min": _dec(check.low),
            "max": _dec(check.high),
            "documented": check.documented,
            "rule": check.rule,
            "unconfirmed": check.unconfirmed,
            "verdict": check.verdict,
        },
        "image_input_tokens_per_call": None
        if check.image_in_median is None
        else {
            "median": _dec(check.image_in_median),
            "min": check.image_in_low,
            "max": check.image_in_high,
            "rule": check.image_in_rule,
            "verdict": check.image_in_verdict,
        },
    }


def reconciliation_data(result: Reconciliation) -> dict[str, Any]:
    """JSON-ready data: every figure as an exact decimal string (or null where there is none)."""
    billed = result.billed
    return {
        "files": [_file_data(report) for report in result.collected.files],
        "call_span": _span_data(result.call_span),
        "usage_api_span": _span_data(result.usage_span),
        "scenarios": [_row_data(row) for row in result.rows],
        "not_in_plan": [
            {
                "group": item.label,
                "reason": item.reason,
                "requests": item.requests,
                "images": item.images,
                "cost": _dec(item.cost),
                "usage_api_requests": item.usage_requests,
                "usage_api_images": item.usage_images,
            }
            for item in result.uncovered
        ],
        "tokens": [_check_data(check) for check in result.checks],
        "token_cost": _dec(result.token_cost),
        "token_cost_per_month": _dec(result.token_cost_per_month),
        "billed": None
        if billed is None
        else {
            "lines": [{"line_item": i, "currency": c, "amount": _dec(a)} for i, c, a in billed.lines],
            "totals": {currency: _dec(amount) for currency, amount in billed.totals},
            "span_seconds": _dec(billed.span_seconds),
            "per_month": {currency: _dec(amount) for currency, amount in billed.per_month},
        },
        "notes": list(result.notes),
    }


def _files_sentence(result: Reconciliation) -> str:
    parts = []
    for report in result.collected.files:
        if report.refused is not None:
            parts.append(f"{report.path.name} (refused: {report.refused})")
            continue
        bad = f", {report.bad:,} lines not counted" if report.bad else ""
        parts.append(f"{report.path.name} ({report.format}, {report.records:,} read{bad})")
    return "Read from " + "; ".join(parts) + "."


def actuals_section(result: Reconciliation) -> Section:
    """The reconciliation as a quote section: the figures per scenario, unplanned groups, tokens, billed."""
    paragraphs = [_files_sentence(result)]
    if result.collected.calls:
        paragraphs.append(f"Logged calls: {span_text(result.call_span)}.")
    if result.collected.usage:
        paragraphs.append(f"Usage API buckets: {span_text(result.usage_span)}.")
    volume = SectionTable(
        "Volume and cost per delivered image",
        ("Scenario", "Requests a month, planned", "actual", f"{PER_DELIVERED_IMAGE}, planned", "actual", "sheet"),
        tuple(
            (
                row.target.name,
                _count(row.target.requests),
                _count(row.requests_per_month),
                _unit(row.target.per_image),
                _unit(row.per_image),
                _unit(row.sheet_per_image),
            )
            for row in result.rows
        ),
    )
    monthly = SectionTable(
        "Cost per 30-day month",
        ("Scenario", "Planned", "Actual", "Difference"),
        tuple(
            (row.target.name, _usd(row.target.monthly), _usd(row.monthly), _money_difference(row))
            for row in result.rows
        ),
    )
    tables = [volume, monthly]
    if result.uncovered:
        tables.append(
            SectionTable(
                "Not in the plan",
                ("Group", "Requests", "Images", "Cost (tokens)", "Usage API requests", "Why"),
                tuple(
                    (u.label, f"{u.requests:,}", f"{u.images:,}", _usd(u.cost), f"{u.usage_requests:,}", u.reason)
                    for u in result.uncovered
                ),
                frozenset({0, 5}),
            )
        )
    if result.checks:
        tables.append(
            SectionTable(
                "Measured vs documented output tokens per image",
                ("Group", "Calls", "Median", "Range", "Documented"),
                tuple(
                    (
                        c.label,
                        f"{c.calls:,}",
                        _count(c.median),
                        f"{_count(c.low)}-{_count(c.high)}" if c.low is not None else DASH,
                        f"{c.documented:,}" if c.documented is not None else DASH,
                    )
                    for c in result.checks
                ),
            )
        )
    if result.billed is not None:
        tables.append(
            SectionTable(
                "Billed (Costs API)",
                ("Line item", "Currency", "Billed"),
                tuple((item, currency, _amount(amount, currency)) for item, currency, amount in result.billed.lines),
                frozenset({0, 1}),
            )
        )
    notes = [f"{check.label}: {check.verdict}" for check in result.checks]
    notes += [f"{row.target.name}: {note}" for row in result.rows for note in row.notes]
    return Section(
        key="actuals",
        title="Plan against actual usage",
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        notes=(*notes, *result.notes),
        data=reconciliation_data(result),
        chart=tuple(chart_bars(result)),
        chart_title=CHART_TITLE,
    )
