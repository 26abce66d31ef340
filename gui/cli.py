"""imagecost-cli: the command line beside the window.

It parses arguments and prints what ``core`` computes. Every user error ends
as one ``error:`` line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from core.actuals.read import read_usage
from core.actuals.reconcile import Reconciliation, parse_assignment, reconcile
from core.actuals.render import actuals_section, reconciliation_data, reconciliation_text
from core.errors import ImageCostError
from core.model.fields import SCENARIO_FIELDS
from core.model.plan_settings import PlanSettings
from core.model.quote_header import NO_SECTIONS, PLAN_SECTIONS, QuoteHeader, parse_plan_sections
from core.model.scenario import Scenario, monthly_requests
from core.model.usage_tiers import bundled_rate_limits
from core.numbers import parse_count, parse_whole
from core.planning.budget import budget_fit, cheaper_equivalents, cost_grid
from core.planning.growth import first_month, project_estimates
from core.planning.quote_sections import plan_sections
from core.planning.rate_limits import plan_checks, unconfirmed_models
from core.planning.report import (
    budget_fit_text,
    catalog_diff_text,
    cost_table_text,
    growth_text,
    reprice_text,
    throughput_text,
)
from core.pricing.catalog import Catalog, bundled_sheets
from core.pricing.engine import check_scenario, estimate
from core.pricing.report import catalog_table, estimate_table, model_data
from core.pricing.reprice import diff_catalogs, reprice_since_saved, with_sheets
from core.quote.export import ExportFormat, format_for_suffix, render_text
from core.quote.quote import Quote, build_quote
from core.sections import section_text
from core.storage import scenario_file
from core.validation import first_error
from gui.version_option import VersionedParser, add_version_option

EXIT_USAGE = 2


class _Parser(VersionedParser):
    """argparse that reports a mistake as one 'error:' line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


def _typed(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ImageCostError as exc:
            raise argparse.ArgumentTypeError(exc.message + (f" ({exc.hint})" if exc.hint else "")) from None

    return convert


def _decimal(text: str) -> Decimal:
    return parse_count(text, allow_fraction=True)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="imagecost-cli", description="Estimate what OpenAI image generation will cost.")
    add_version_option(parser)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    prices = sub.add_parser("prices", help="list the price catalog with sources and checked dates")
    prices.add_argument("--model", help="only this model")
    prices.add_argument("--format", choices=("table", "json"), default="table")

    quote = sub.add_parser("quote", help="price one scenario from flags, or every scenario in a file")
    quote.add_argument("file", nargs="?", type=Path, help="a scenario file (YAML)")
    _add_scenario_flags(quote)
    quote.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help="with a file: quote only this scenario (repeat for several)",
    )
    quote.add_argument(
        "--format",
        choices=("table", "json", "pdf", "html", "md", "csv"),
        help="output format (default: from the -o suffix, else table); pdf needs -o",
    )
    quote.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    quote.add_argument(
        "--force",
        action="store_true",
        help="with -o: replace an existing file that is not an export this app made (kept as FILE.bak)",
    )
    quote.add_argument(
        "--page-size", choices=("a4", "letter"), default="a4", type=str.lower, help="paper for --format pdf"
    )
    quote.add_argument(
        "--include",
        type=_typed(parse_plan_sections),
        metavar="SECTIONS",
        help=f"plan sections to add, comma-separated: {', '.join(PLAN_SECTIONS)} or {NO_SECTIONS} "
        "(default: the file's quote.plan_sections)",
    )
    _add_usage(quote, required=False, help_more="; adds the plan against actual usage to the quote")
    _add_planning(sub)
    actuals = sub.add_parser("actuals", help="the plan in a file against usage the API really billed")
    actuals.add_argument("file", type=Path, help="a scenario file (YAML)")
    _add_usage(actuals, required=True)
    actuals.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _add_usage(parser: argparse.ArgumentParser, *, required: bool, help_more: str = "") -> None:
    """--usage and --assign, for actuals and quote (docs/actuals.md)."""
    parser.add_argument(
        "--usage",
        type=Path,
        action="append",
        required=required,
        metavar="LOG",
        help="Images API responses, Batch API input or output, a Usage or Costs API export (repeatable)" + help_more,
    )
    parser.add_argument(
        "--assign",
        type=_typed(parse_assignment),
        action="append",
        default=[],
        metavar="GROUP=SCENARIO",
        help="match a group (e.g. gpt-image-1/low/1024x1024) to a scenario (repeatable)",
    )


def _reconciled(args: argparse.Namespace, scenarios: list[Scenario], catalog: Catalog) -> Reconciliation:
    return reconcile(read_usage(args.usage, catalog), scenarios, catalog, assignments=dict(args.assign))


#: Scenario fields the quote command takes as flags; volume_unit follows from --requests-per-day,
#: notes and stages need a scenario file.
FLAG_FIELDS = tuple(name for name in SCENARIO_FIELDS if name not in ("volume_unit", "notes", "stages"))


def _add_scenario_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per scenario field, typed and defaulted from the field table (core.model.fields)."""
    for name in FLAG_FIELDS:
        spec = SCENARIO_FIELDS[name]
        if spec.kind is bool:
            parser.add_argument(spec.flag, action="store_true", help=spec.help)
        elif spec.choices is not None:
            parser.add_argument(spec.flag, choices=spec.choices, default=spec.default, help=spec.help)
        elif spec.kind is int:
            parser.add_argument(spec.flag, type=_typed(parse_whole), default=spec.default, help=spec.help)
        elif spec.kind is Decimal:
            parser.add_argument(spec.flag, type=_typed(_decimal), default=spec.default, help=spec.help)
        else:
            parser.add_argument(spec.flag, default=spec.default, help=spec.help)
        if name == "requests_per_month":
            parser.add_argument(
                "--requests-per-day", type=_typed(parse_whole), help="instead of per month (30-day month)"
            )


def _money_arg(text: str) -> Decimal:
    return parse_count(text.strip().removeprefix("$"), field="budget", allow_fraction=True)


def _percent_arg(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().removesuffix("%"))
    except ArithmeticError:
        raise ImageCostError(f"'{text}' is not a percentage", hint="e.g. 5 for +5% a month, -2 for -2%") from None
    if not value.is_finite():
        raise ImageCostError(f"'{text}' is not a percentage")
    return value


#: Years a growth projection may start in: its twelfth month must still be a date Python knows.
_START_YEARS = (1900, 9998)


def _month_arg(text: str) -> date:
    try:
        text = text.strip()
        month = date.fromisoformat(text + "-01" if len(text) == len("YYYY-MM") else text)
    except ValueError:
        raise ImageCostError(f"'{text}' is not a month", hint="write it as YYYY-MM, e.g. 2027-01") from None
    low, high = _START_YEARS
    if not low <= month.year <= high:
        raise ImageCostError(f"'{text}' is out of range", hint=f"the first month is between {low}-01 and {high}-12")
    return month


def _add_planning(sub: Any) -> None:
    """The planning subcommands: budget, table, limits, growth, reprice (docs/planning.md)."""
    budget = sub.add_parser("budget", help="what a monthly budget buys, and whether a file's scenarios fit it")
    budget.add_argument("file", nargs="?", type=Path, help="a scenario file whose scenarios must fit")
    budget.add_argument("--budget", type=_typed(_money_arg), help="USD a month, e.g. 500 or 2.5k (default: the file's)")

    sub.add_parser("table", help="cost per image of every model x quality x size, with cheaper choices")

    limits = sub.add_parser("limits", help="whether a file's volume fits a usage tier's images-per-minute limit")
    limits.add_argument("file", type=Path)
    limits.add_argument("--tier", help="usage tier: 1-5 or free ('tier 3' reads as 3; default: the file's, else 1)")
    limits.add_argument("--peak-hours", type=_typed(_decimal), help="hours a day the traffic arrives in, e.g. 8")
    limits.add_argument("--days", type=_typed(parse_whole), help="days a month with traffic, e.g. 22")

    growth = sub.add_parser("growth", help="the next 12 months at a monthly growth rate, with the yearly total")
    growth.add_argument("file", type=Path)
    growth.add_argument("--rate", type=_typed(_percent_arg), help="percent a month, e.g. 5 (default: the file's)")
    growth.add_argument("--start", type=_typed(_month_arg), help="first month, YYYY-MM (default: next month)")
    growth.add_argument("--scenario", help="only this scenario (default: all of them together)")

    reprice = sub.add_parser("reprice", help="was -> now for each scenario under another price sheet")
    reprice.add_argument("file", type=Path)
    reprice.add_argument("--price-sheet", type=Path, required=True, help="a price sheet (YAML)")


def _scenario_from_flags(args: argparse.Namespace, catalog: Catalog) -> Scenario:
    missing = [
        flag
        for flag, value in (("--model", args.model), ("--quality", args.quality), ("--size", args.size))
        if value is None
    ]
    if args.requests_per_month is None and args.requests_per_day is None:
        missing.append("--requests-per-month")
    if missing:
        raise ImageCostError(f"missing {', '.join(missing)}", hint="or give a scenario file")
    if args.requests_per_month is not None and args.requests_per_day is not None:
        raise ImageCostError("give --requests-per-month or --requests-per-day, not both")
    per_day = args.requests_per_day is not None
    values: dict[str, Any] = {name: getattr(args, name) for name in FLAG_FIELDS}
    if per_day:
        values["requests_per_month"] = monthly_requests(args.requests_per_day, "day")
    values["volume_unit"] = "day" if per_day else "month"
    try:
        scenario = Scenario(**values)
    except ValidationError as exc:
        message, loc = first_error(exc)
        raise ImageCostError(message, field=_flag(loc[0]) if loc else None) from None
    try:
        check_scenario(scenario, catalog)
    except ImageCostError as exc:
        exc.field = _flag(exc.field) if exc.field else None
        raise
    return scenario


#: Plan settings whose command-line flag is not the field's name with dashes.
_PLAN_FLAGS = {
    "usage_tier": "--tier",
    "peak_hours_per_day": "--peak-hours",
    "active_days_per_month": "--days",
    "growth_percent": "--rate",
    "monthly_budget": "--budget",
}


def _flag(field: object) -> str:
    """The flag a person typed for FIELD, so an error names an option that exists."""
    spec = SCENARIO_FIELDS.get(str(field))
    if spec is not None:
        return spec.flag
    return _PLAN_FLAGS.get(str(field)) or "--" + str(field).replace("_", "-")


#: What a terminal would obey or reorder rather than show: control characters other than tab and
#: newline, and the bidirectional overrides and isolates.
#: Controls and bidi overrides, but not the CSV's own line ends: a carriage return before a line feed stays.
_TERMINAL_UNSAFE = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """TEXT with anything a terminal would act on written out as an escape (\\x1b, \\u202e), so a
    file name or a value can never clear the screen, retitle the window or reorder a line."""
    return _TERMINAL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        text = text.removeprefix("\ufeff")  # the CSV byte-order mark is for spreadsheets opening a file
        text = terminal_text(text)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from core.quote.target import write_checked

    write_checked(output, (text if text.endswith("\n") else text + "\n").encode("utf-8"))


def _catalog() -> Catalog:
    """What the window prices with: the bundled sheets with the person's own on top.

    A broken user sheet is skipped with a note on stderr, as the window shows it.
    """
    from core.pricing.user_sheets import load_catalog

    prices = load_catalog()
    for warning in prices.warnings:
        sys.stderr.write(terminal_text(f"note: {warning} (skipped)") + "\n")
    return prices.catalog


def run_prices(args: argparse.Namespace) -> int:
    catalog = _catalog()
    models = [catalog.model(args.model)] if args.model else list(catalog.models())
    today = date.today()
    if args.format == "json":
        data = {
            "sheets": [{"sheet": s.sheet, "title": s.title, "checked": s.checked.isoformat()} for s in catalog.sheets],
            "models": [model_data(m, today) for m in models],
        }
        _emit(json.dumps(data, indent=2), None)
    else:
        _emit(catalog_table(catalog, models, today), None)
    return 0


def _pick_scenarios(scenarios: list[Scenario], names: list[str], path: Path) -> list[Scenario]:
    by_name = {s.name: s for s in scenarios}
    missing = [name for name in names if name not in by_name]
    if missing:
        known = ", ".join(repr(s.name) for s in scenarios)
        raise ImageCostError(
            f"no scenario named {missing[0]!r}", field="--scenario", path=path, hint=f"the file has {known}"
        )
    return [by_name[name] for name in dict.fromkeys(names)]


def _output_format(args: argparse.Namespace) -> str:
    if args.format is not None:
        return str(args.format)
    if args.output is not None:
        return format_for_suffix(args.output.suffix) or "table"
    return "table"


def run_quote(args: argparse.Namespace) -> int:
    header = QuoteHeader()
    plan = PlanSettings()
    catalog = _catalog()
    if args.file is not None:
        document = scenario_file.load(args.file, check=partial(check_scenario, catalog=catalog))
        for note in document.load_notes:
            sys.stderr.write(terminal_text(f"note: {args.file.name}: {note}") + "\n")
        scenarios = document.scenarios
        header, plan = document.quote, document.plan
        if not scenarios:
            raise ImageCostError("the file holds no scenarios", path=args.file)
        if args.scenario:
            scenarios = _pick_scenarios(scenarios, args.scenario, args.file)
    else:
        scenarios = [_scenario_from_flags(args, catalog)]
    result = _reconciled(args, scenarios, catalog) if args.usage else None
    if args.include is not None:
        header = header.model_copy(update={"plan_sections": args.include})
    quote = build_quote(header, scenarios, catalog)
    sections = plan_sections(header.plan_sections, plan, quote.estimates, today=quote.today)
    quote = replace(quote, sections=(*sections, *([actuals_section(result)] if result else [])))
    fmt = _output_format(args)
    if args.output is not None:
        from core.quote.target import check_target

        check_target(args.output, inputs=[args.file] if args.file is not None else [], force=args.force)
    if fmt == "table":
        tables = [estimate_table(e) for e in quote.estimates] + [section_text(section) for section in sections]
        tables += [reconciliation_text(result)] if result else []
        _emit("\n\n".join(tables), args.output)
    elif fmt == "pdf":
        if args.output is None:
            raise ImageCostError("a PDF needs a file to go to", field="--format", hint="add -o quote.pdf")
        _write_pdf(quote, args.output, args.page_size)
    else:
        _emit(render_text(quote, ExportFormat(fmt)), args.output)
    return 0


def _load(path: Path, catalog: Catalog) -> scenario_file.ScenarioFile:
    document = scenario_file.load(path, check=partial(check_scenario, catalog=catalog))
    if not document.scenarios:
        raise ImageCostError("the file holds no scenarios", path=path)
    return document


def run_budget(args: argparse.Namespace) -> int:
    catalog = _catalog()
    document = _load(args.file, catalog) if args.file else None
    amount = args.budget if args.budget is not None else document.plan.monthly_budget if document else None
    if amount is None:
        raise ImageCostError("no budget given", field="--budget", hint="e.g. --budget 500, or set plan.monthly_budget")
    if amount <= 0:
        raise ImageCostError("the budget must be more than $0", field="--budget")
    checked = _settings(PlanSettings(), {"monthly_budget": amount}).monthly_budget  # the bounds a file has
    amount = checked if checked is not None else amount
    cells = cost_grid(catalog)
    parts = [cost_table_text(cells, [], amount)]
    if document:
        parts.append(budget_fit_text(budget_fit(amount, [estimate(s, catalog) for s in document.scenarios])))
    _emit("\n\n".join(parts), None)
    return 0


def run_table(_args: argparse.Namespace) -> int:
    cells = cost_grid(_catalog())
    _emit(cost_table_text(cells, cheaper_equivalents(cells)), None)
    return 0


def run_limits(args: argparse.Namespace) -> int:
    catalog = _catalog()
    document = _load(args.file, catalog)
    update: dict[str, Any] = {}
    if args.tier is not None:
        update["usage_tier"] = args.tier
    if args.peak_hours is not None:
        update["peak_hours_per_day"] = args.peak_hours
    if args.days is not None:
        update["active_days_per_month"] = args.days
    settings = _settings(document.plan, update)
    estimates = [estimate(s, catalog) for s in document.scenarios]
    limits = bundled_rate_limits()
    checks = plan_checks(estimates, settings)
    _emit(throughput_text(checks, settings, limits, unconfirmed_models(estimates, limits)), None)
    return 0


def _settings(plan: PlanSettings, update: dict[str, Any]) -> PlanSettings:
    try:
        return PlanSettings.model_validate({**plan.model_dump(), **update})
    except ValidationError as exc:
        message, loc = first_error(exc)
        raise ImageCostError(message, field=_flag(loc[0]) if loc else None) from None


def run_growth(args: argparse.Namespace) -> int:
    catalog = _catalog()
    document = _load(args.file, catalog)
    scenarios = document.scenarios
    if args.scenario is not None:
        scenarios = [s for s in scenarios if s.name == args.scenario]
        if not scenarios:
            names = ", ".join(s.name for s in document.scenarios)
            raise ImageCostError(f"no scenario named '{args.scenario}'", field="--scenario", hint=f"one of: {names}")
    rate = args.rate if args.rate is not None else document.plan.growth_percent
    settings = _settings(document.plan, {"growth_percent": rate})
    start = args.start or first_month(document.plan, date.today())
    estimates = [estimate(s, catalog) for s in scenarios]
    name = scenarios[0].name if args.scenario else f"All {len(scenarios)} scenarios"
    _emit(growth_text(name, project_estimates(estimates, settings.growth_percent, start)), None)
    return 0


def run_reprice(args: argparse.Namespace) -> int:
    current = _catalog()
    document = _load(args.file, current)
    from core.pricing.user_sheets import sheet_on_top

    sheet = sheet_on_top(args.price_sheet, list(current.sheets))  # an error names the file and line
    new = with_sheets(current, sheet)
    diff = catalog_diff_text(diff_catalogs(current, new))
    # Was: the sheet each scenario records (docs/scenario-format.md, priced_with), as the window's Re-price;
    # a scenario without one is compared with the prices in use now.
    results = reprice_since_saved(
        document.scenarios, new, bundled_sheets(), [*current.sheets, sheet], unstamped=current
    )
    old_label = "the price sheet each scenario records (or, where none, " + ", ".join(
        f"{s.sheet} (checked {s.checked})" for s in current.sheets
    ) + ")"
    new_label = f"{sheet.sheet} (checked {sheet.checked}) on top"
    _emit(f"Price sheet {args.price_sheet.name}:\n{diff}\n\n" + reprice_text(results, old_label, new_label), None)
    return 0


def run_actuals(args: argparse.Namespace) -> int:
    catalog = _catalog()
    scenarios = _load(args.file, catalog).scenarios
    result = _reconciled(args, scenarios, catalog)
    text = reconciliation_text(result) if args.format == "table" else json.dumps(reconciliation_data(result), indent=2)
    _emit(text, None)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "prices": run_prices,
    "quote": run_quote,
    "budget": run_budget,
    "table": run_table,
    "limits": run_limits,
    "growth": run_growth,
    "reprice": run_reprice,
    "actuals": run_actuals,
}


def _write_pdf(quote: Quote, output: Path, page: str) -> None:
    """Lay the PDF out with the window's Qt renderer, on the offscreen platform (no display needed)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    from PySide6.QtWidgets import QApplication

    from gui.quote.files import write_export

    app = QApplication.instance() or QApplication(sys.argv[:1])
    write_export(quote, ExportFormat.PDF, output, page=page)
    del app


def main(argv: Sequence[str] | None = None) -> int:
    from gui.preflight import foreign_packages

    for problem in foreign_packages():  # another project's `core` would answer even --version
        sys.stderr.write(f"error: {problem}\n")
        return EXIT_USAGE
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ImageCostError as exc:
        sys.stderr.write(terminal_text(f"error: {exc}") + "\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
