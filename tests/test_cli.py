"""imagecost-cli: the figures it prints and the one-line errors it gives."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from core.pricing.engine import estimate
from core.pricing.sources import source_citation
from core.storage import scenario_file
from gui.cli import main
from tests.conftest import EXAMPLES

#: The issue's worked example: gpt-image-1 high 1024x1536, 1,000 requests a month.
ISSUE_QUOTE = (
    "quote",
    "--model",
    "gpt-image-1",
    "--quality",
    "high",
    "--size",
    "1024x1536",
    "--requests-per-month",
    "1000",
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; argparse's own exits count like returns."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_issue_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        *ISSUE_QUOTE,
        "--format",
        "json",
    )
    assert code == 0 and err == ""
    scenario = json.loads(out)["scenarios"][0]
    assert Decimal(scenario["per_image"]) == Decimal("0.25")
    assert Decimal(scenario["monthly"]) == Decimal("250")
    assert scenario["checked"] == "2026-11-23"
    for key in ("model", "quality", "size", "output_per_image", "yearly", "warnings"):
        assert key in scenario
    assert scenario["lines"][0] == {
        "item": "Image output",
        "quantity": "1000",
        "unit": "image",
        "unit_price": "0.25",
        "cost": "250",
        "detail": "gpt-image-1 high 1024x1536, published per-image price",
        "source": source_citation("000_6af9bded465e01ae.txt"),
    }
    assert scenario["lines"][0]["source"].startswith("OpenAI, \u201cOpenAI Platform: Pricing")


def test_volume_forms(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["quote", "--model", "gpt-image-1-mini", "--quality", "low", "--size", "1024x1024", "--format", "json"]
    monthly = set()
    for volume in (
        ["--requests-per-month", "20,000"],
        ["--requests-per-month", "20k"],
        ["--requests-per-month", "20000"],
    ):
        code, out, _ = run(capsys, *base, *volume)
        assert code == 0
        monthly.add(json.loads(out)["scenarios"][0]["monthly"])
    assert monthly == {"100"}  # 20,000 x $0.005
    code, out, _ = run(capsys, *base, "--requests-per-day", "1,000")
    assert json.loads(out)["scenarios"][0]["requests_per_month"] == 30_000


def test_file_quote_matches_engine(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "example.yaml"
    code, out, _ = run(capsys, "quote", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    expected = [estimate(s) for s in scenario_file.load(path).scenarios]
    assert [Decimal(s["monthly"]) for s in data["scenarios"]] == [e.monthly for e in expected]
    assert Decimal(data["total_monthly"]) == sum(e.monthly for e in expected)


def test_table_output_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *ISSUE_QUOTE,
    )
    assert code == 0
    assert "Monthly: $250.00   Yearly: $3,000.00" in out
    assert "token-exact $0.2496" in out


def test_prices_lists_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "prices", "--format", "json")
    models = {m["id"]: m for m in json.loads(out)["models"]}
    assert code == 0 and models["chatgpt-image-latest"]["alias_of"] == "gpt-image-1.5"
    assert models["dall-e-3"]["status"] == "retired"
    code, out, _ = run(capsys, "prices", "--model", "gpt-image-1")
    assert "OpenAI GPT Image 1 model page (2026-11-23)" in out and "retired" in out


def test_prices_give_each_cell_its_own_source(capsys: pytest.CaptureFixture[str]) -> None:
    # pricing/openai-gpt-image.yaml: gpt-image-2's 1024x1024 prices come from seed 002 (checked 2026-06-11),
    # its 1024x1536 and 1536x1024 prices from pricing-facts.md (checked 2026-11-23).
    code, out, _ = run(capsys, "prices", "--model", "gpt-image-2")
    assert code == 0
    lines = out.splitlines()
    high = lines.index(next(line for line in lines if line.lstrip().startswith("high")))
    assert lines[high + 1 : high + 3] == [
        "      1024x1024: Flatkey, OpenAI Image API Pricing guide (2026-06-11)",
        "      1024x1536, 1536x1024: OpenAI's image guides and API reference (2026-11-23)",
    ]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (
            ["--model", "gpt-image-9", "--quality", "low", "--size", "1024x1024", "--requests-per-month", "5"],
            "unknown model 'gpt-image-9'",
        ),
        (
            ["--model", "gpt-image-1", "--quality", "ultra", "--size", "1024x1024", "--requests-per-month", "5"],
            "no quality 'ultra'",
        ),
        (
            ["--model", "gpt-image-1", "--quality", "low", "--size", "4096x4096", "--requests-per-month", "5"],
            "no size 4096x4096",
        ),
        (
            ["--model", "gpt-image-1", "--quality", "low", "--size", "1024x1024", "--requests-per-month", "-5"],
            "negative",
        ),
        (
            ["--model", "gpt-image-1", "--quality", "low", "--size", "1024x1024", "--requests-per-month", "lots"],
            "not a number",
        ),
        (["--model", "gpt-image-1", "--quality", "low", "--size", "1024x1024"], "missing --requests-per-month"),
        (
            ["--model", "dall-e-3", "--quality", "hd", "--size", "1024x1024", "--requests-per-month", "5", "--batch"],
            "no Batch API price",
        ),
    ],
)
def test_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    code, _, err = run(capsys, "quote", *argv)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and needle in err
    assert "Traceback" not in err


def test_broken_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\nscenarios:\n  - name: x\n    modle: gpt-image-1\n")
    code, _, err = run(capsys, "quote", str(path))
    assert code == 2 and err.startswith("error: broken.yaml, line 4") and err.count("\n") == 1


def test_console_script_is_installed() -> None:
    exe = shutil.which("imagecost-cli", path=str(Path(sys.executable).parent))
    assert exe is not None
    done = subprocess.run(
        [exe, *ISSUE_QUOTE, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["scenarios"][0]["monthly"] == "250"
    bad = subprocess.run([exe, "quote", "--model", "nope"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and "Traceback" not in bad.stderr


def test_cli_prices_with_the_persons_own_sheets(capsys: pytest.CaptureFixture[str]) -> None:
    """The command line prices like the window: bundled sheets with the user's on top."""
    from core.files.paths import price_sheets_dir

    folder = price_sheets_dir(ensure=True)
    shutil.copy(EXAMPLES / "negotiated-2027.yaml", folder / "negotiated-2027.yaml")
    (folder / "broken.yaml").write_text("sheet: [\n")
    argv = [
        "quote",
        "--model",
        "gpt-image-2",
        "--quality",
        "high",
        "--size",
        "2048x1152",
        "--requests-per-month",
        "1000",
        "--format",
        "json",
    ]
    code, out, err = run(capsys, *argv)
    assert code == 0
    # 5650 output tokens x the negotiated $27 / 1M (bundled: $30) = $0.15255 per image.
    assert json.loads(out)["scenarios"][0]["monthly"] == "152.55"
    assert "broken.yaml" in err and err.startswith("note:")
