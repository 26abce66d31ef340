"""imagecost-cli: the command line beside the window.

It parses arguments and prints what ``core`` computes. Every user error ends
as one ``error:`` line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from core import __version__, scenario_file
from core.catalog import default_catalog
from core.engine import check_scenario
from core.errors import ImageCostError
from core.numbers import parse_count, parse_whole
from core.quote import Quote, build_quote
from core.quote_export import format_for_suffix, render_text
from core.quote_header import QuoteHeader
from core.report import catalog_table, estimate_table, model_data
from core.scenario import Scenario, monthly_requests
from core.validation import first_error

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
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
    parser.add_argument("--version", action="version", version=f"imagecost-cli {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    prices = sub.add_parser("prices", help="list the price catalog with sources and checked dates")
    prices.add_argument("--model", help="only this model")
    prices.add_argument("--format", choices=("table", "json"), default="table")

    quote = sub.add_parser("quote", help="price one scenario from flags, or every scenario in a file")
    quote.add_argument("file", nargs="?", type=Path, help="a scenario file (YAML)")
    quote.add_argument("--model")
    quote.add_argument("--quality")
    quote.add_argument("--size", help="WIDTHxHEIGHT, e.g. 1024x1536")
    quote.add_argument("--requests-per-month", type=_typed(parse_whole), help="e.g. 20000, 20,000 or 20k")
    quote.add_argument("--requests-per-day", type=_typed(parse_whole), help="instead of per month (30-day month)")
    quote.add_argument("--images-per-request", type=_typed(parse_whole), default=1)
    quote.add_argument("--retry-multiplier", type=_typed(_decimal), default=Decimal(1))
    quote.add_argument("--prompt-tokens", type=_typed(parse_whole), default=0)
    quote.add_argument(
        "--cached-prompt-share",
        type=_typed(_decimal),
        default=Decimal(0),
        help="share of prompt tokens billed at the cached rate, 0 to 1",
    )
    quote.add_argument("--text-output-tokens", type=_typed(parse_whole), default=0)
    quote.add_argument("--input-images", type=_typed(parse_whole), default=0)
    quote.add_argument("--input-image-size")
    quote.add_argument("--input-fidelity", choices=("low", "high"), default="low")
    quote.add_argument(
        "--input-image-tokens", type=_typed(parse_whole), help="tokens per input image, where no rule is published"
    )
    quote.add_argument("--partial-images", type=_typed(parse_whole), default=0)
    quote.add_argument("--batch", action="store_true", help="Batch API prices")
    quote.add_argument("--name", default="Scenario")
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
        "--page-size", choices=("a4", "letter"), default="a4", type=str.lower, help="paper for --format pdf"
    )
    return parser


def _scenario_from_flags(args: argparse.Namespace) -> Scenario:
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
    values: dict[str, Any] = {
        "name": args.name,
        "model": args.model,
        "quality": args.quality,
        "size": args.size,
        "requests_per_month": monthly_requests(args.requests_per_day, "day") if per_day else args.requests_per_month,
        "volume_unit": "day" if per_day else "month",
        "images_per_request": args.images_per_request,
        "retry_multiplier": args.retry_multiplier,
        "prompt_tokens": args.prompt_tokens,
        "cached_prompt_share": args.cached_prompt_share,
        "text_output_tokens": args.text_output_tokens,
        "input_images": args.input_images,
        "input_image_size": args.input_image_size,
        "input_fidelity": args.input_fidelity,
        "input_image_tokens": args.input_image_tokens,
        "partial_images": args.partial_images,
        "batch": args.batch,
    }
    try:
        scenario = Scenario(**values)
    except ValidationError as exc:
        message, loc = first_error(exc)
        raise ImageCostError(message, field=_flag(loc[0]) if loc else None) from None
    try:
        check_scenario(scenario)
    except ImageCostError as exc:
        exc.field = _flag(exc.field) if exc.field else None
        raise
    return scenario


def _flag(field: object) -> str:
    return "--" + str(field).replace("_", "-")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        text = text.removeprefix("\ufeff")  # the CSV byte-order mark is for spreadsheets opening a file
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from core.atomic import atomic_write_text

    atomic_write_text(output, text if text.endswith("\n") else text + "\n")


def run_prices(args: argparse.Namespace) -> int:
    catalog = default_catalog()
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
    if args.file is not None:
        document = scenario_file.load(args.file)
        for note in document.load_notes:
            sys.stderr.write(f"note: {args.file.name}: {note}\n")
        scenarios = document.scenarios
        header = document.quote
        if not scenarios:
            raise ImageCostError("the file holds no scenarios", path=args.file)
        if args.scenario:
            scenarios = _pick_scenarios(scenarios, args.scenario, args.file)
    else:
        scenarios = [_scenario_from_flags(args)]
    quote = build_quote(header, scenarios)
    fmt = _output_format(args)
    if fmt == "table":
        _emit("\n\n".join(estimate_table(e) for e in quote.estimates), args.output)
    elif fmt == "pdf":
        if args.output is None:
            raise ImageCostError("a PDF needs a file to go to", field="--format", hint="add -o quote.pdf")
        _write_pdf(quote, args.output, args.page_size)
    else:
        _emit(render_text(quote, fmt), args.output)  # type: ignore[arg-type]
    return 0


def _write_pdf(quote: Quote, output: Path, page: str) -> None:
    """Lay the PDF out with the window's Qt renderer, on the offscreen platform (no display needed)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    from PySide6.QtWidgets import QApplication

    from gui.quote_files import write_export

    app = QApplication.instance() or QApplication(sys.argv[:1])
    write_export(quote, "pdf", output, page=page)
    del app


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "prices":
            return run_prices(args)
        return run_quote(args)
    except ImageCostError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
