"""imagecost-cli quote FILE --format pdf|html|md|csv|json -o OUT."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.pricing.engine import estimate
from core.quote.quote import format_money, quote_from_file
from core.storage import scenario_file
from gui.cli import main
from tests.conftest import REPO
from tests.quote_fixtures import example_document


@pytest.fixture
def quote_file(tmp_path: Path) -> Path:
    path = tmp_path / "quote.yaml"
    scenario_file.save(example_document(), path)
    return path


def test_csv_and_json_exports_match_the_engine(quote_file: Path, tmp_path: Path) -> None:
    document = scenario_file.load(quote_file)
    estimates = [estimate(s) for s in document.scenarios]
    assert main(["quote", str(quote_file), "--format", "csv", "-o", str(tmp_path / "q.csv")]) == 0
    with (tmp_path / "q.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(Decimal(r["monthly_cost_usd"]) for r in rows if r["row"] == "line") == sum(e.monthly for e in estimates)
    assert Decimal(rows[-1]["monthly_cost_usd"]) == sum(e.monthly for e in estimates)
    assert (rows[-1]["row"], rows[-1]["item"]) == ("grand total", "Total")

    assert main(["quote", str(quote_file), "-o", str(tmp_path / "q.json")]) == 0  # format from the suffix
    data = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert [Decimal(s["monthly"]) for s in data["scenarios"]] == [e.monthly for e in estimates]
    assert data["quote"]["client"] == document.quote.client
    assert Decimal(data["totals"]["price_monthly"]) == sum(e.monthly for e in estimates) * Decimal("1.15")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_html_and_markdown_exports_carry_the_grand_total(quote_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"q.{fmt}"
    assert main(["quote", str(quote_file), "--format", fmt, "-o", str(out)]) == 0
    quote = quote_from_file(scenario_file.load(quote_file))
    assert format_money(quote.total_monthly) in out.read_text(encoding="utf-8")


def test_csv_to_standard_output_has_no_byte_order_mark(quote_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", str(quote_file), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("row,scenario,item,")
    # Rows end in CR LF as the CSV standard says: the terminal-safety escaping leaves that pair alone.
    assert "\\r" not in out and out.count("\r\n") == out.count("\n")


def test_pdf_needs_an_output_file(quote_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", str(quote_file), "--format", "pdf"]) == 2
    assert "add -o quote.pdf" in capsys.readouterr().err


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True, env=env, cwd=REPO, check=False)


def test_pdf_from_the_command_line_without_a_display(quote_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "quote.pdf"
    done = _run_cli(
        "import sys; from gui.cli import main; sys.exit(main(sys.argv[1:]))",
        "quote",
        str(quote_file),
        "-o",
        str(out),
        "--page-size",
        "letter",
    )
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages)
    quote = quote_from_file(scenario_file.load(quote_file))
    assert format_money(quote.total_monthly) in " ".join(text.split())
    assert round(float(reader.pages[0].mediabox.height)) == 792


def test_text_exports_do_not_load_qt(quote_file: Path, tmp_path: Path) -> None:
    script = (
        "import sys; from gui.cli import main\n"
        f"for fmt in ('csv', 'json', 'md', 'html', 'table'): main(['quote', {str(quote_file)!r}, '--format', fmt,"
        f" '-o', {str(tmp_path)!r} + '/out.' + fmt])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    done = _run_cli(script)
    assert done.returncode == 0, done.stderr


def test_quote_only_named_scenarios(quote_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", str(quote_file), "--scenario", "Campaign heroes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["scenarios"]] == ["Campaign heroes"]
    assert data["total_monthly"] == data["scenarios"][0]["monthly"]


def test_an_unknown_scenario_name_lists_the_known_ones(quote_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", str(quote_file), "--scenario", "Heroes"]) == 2
    err = capsys.readouterr().err
    assert "no scenario named 'Heroes'" in err and "'Campaign heroes'" in err
