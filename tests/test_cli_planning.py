"""imagecost-cli budget, table, limits, growth and reprice: figures worked by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.files import paths
from core.model.plan_settings import PlanSettings
from core.storage import scenario_file
from tests.conftest import EXAMPLES
from tests.test_cli import run

EXAMPLE = str(EXAMPLES / "example.yaml")
SHEET = str(EXAMPLES / "negotiated-2027.yaml")


def test_table_prints_prices_and_cheaper_equivalents(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "table")
    assert code == 0
    assert "gpt-image-2 (GPT Image 2)" in out and "$0.211" in out
    assert "GPT Image 1 [retired]" in out
    equivalents, alternatives = out.split("Cheaper equivalents")[1].split("Alternatives (not the same output):")
    # No size of another shape is offered as an equivalent: there is none today.
    assert "none: no size of the same shape costs less" in equivalents
    assert (
        "gpt-image-2 high 1024x1024 ($0.211) -> gpt-image-2 high 1024x1536 ($0.165), saves $0.046 an image: "
        "different shape: 2:3 instead of 1:1, larger: check the layout before switching"
    ) in alternatives
    assert (
        "gpt-image-1.5 medium 1024x1024 ($0.034) -> gpt-image-1-mini medium 1024x1024 ($0.011), saves $0.023 an "
        "image: different model: check the output before switching"
    ) in alternatives
    # A figure from the unconfirmed token formula keeps its mark, and so does the saving worked from it.
    assert "-> gpt-image-2 low 1152x2048 ($0.0047*), saves $0.0013* an image" in alternatives


def test_budget_prints_images_bought_and_the_fit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "budget", EXAMPLE, "--budget", "$1,000")
    assert code == 0
    # $1,000 / $0.005 (mini low 1024x1024) = 200,000; / $0.211 (gpt-image-2 high) = 4,739.3 -> 4,739.
    assert "200,000" in out and "4,739" in out
    # gpt-image-2 low 1152x2048: 157 tokens x $30 / 1M = $0.00471 (the unconfirmed formula) -> 212,314, marked.
    assert "212,314*" in out and "* priced from an unconfirmed rule" in out
    # Example file: $100.00 + $649.40 + $241.80 = $991.20 of $1,000.00.
    assert "Total                      $991.20" in out
    assert "Fits: $8.80 a month left over." in out


def test_budget_comes_from_the_file_or_is_asked_for(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "budget", EXAMPLE)
    assert code == 2 and err.startswith("error: --budget: no budget given")
    doc = scenario_file.load(EXAMPLES / "example.yaml")
    doc.plan = PlanSettings(monthly_budget=900)
    path = tmp_path / "with-budget.yaml"
    scenario_file.save(doc, path)
    code, out, _ = run(capsys, "budget", str(path))
    assert code == 0 and "Over budget by $91.20 a month." in out


def test_limits_with_a_working_hours_window(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "limits", EXAMPLE, "--tier", "2", "--peak-hours", "8", "--days", "22")
    assert code == 0
    assert (
        "Tier 2 allows 20 generated images a minute: at most 864,000 a 30-day month around the clock; "
        "211,200 in the traffic window (8 h a day, 22 days a month (of 30))." in out
    )
    # 20,000 + 8,000 x 1.3 + 400 x 2 x 1.5 = 31,600 images; / 10,560 minutes = 2.99 IPM.
    assert "All scenarios                                31,600                    2.99" in out
    assert "Lowest tier that fits: Tier 1 (5 IPM)." in out


def test_limits_refuses_an_unknown_tier(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "limits", EXAMPLE, "--tier", "9")
    assert code == 2 and "unknown usage tier '9'" in err and err[-1] == "\n" and err.count("\n") == 1


def test_growth_projects_twelve_months(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "growth", EXAMPLE, "--scenario", "Onboarding thumbnails", "--rate", "10%", "--start", "2027-01"
    )
    assert code == 0
    # $100 a month growing 10%: $100, $110, $121, ... each month to the cent; 100 x (1.1^12 - 1) / 0.1 is
    # $2,138.428..., but the twelve shown months ($100.00 + $110.00 + ... + $285.31) add up to $2,138.42.
    assert "2027-01    20,000  $100.00" in out
    assert "2027-03    24,200  $121.00" in out
    assert "2027-12" in out
    assert "2027-12    57,062  $285.31   $2,138.42" in out
    assert "Next 12 months: $2,138.42 (flat: $1,200.00, growth adds $938.42)" in out


def test_reprice_prints_was_now_and_the_rates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reprice", EXAMPLE, "--price-sheet", SHEET)
    assert code == 0
    assert "gpt-image-2 medium 1024x1024: $0.053 -> $0.0477 / image" in out
    assert "$649.40 -> $584.46 a month: -$64.94 (-10.0%)" in out
    assert "Image output: $0.053 -> $0.0477 per unit, $551.20 -> $496.08" in out
    assert "Onboarding thumbnails\n  $100.00 a month: unchanged" in out
    assert "Total: $991.20 -> $926.26 a month" in out


def test_reprice_compares_with_the_sheet_each_scenario_records_even_when_the_new_one_is_installed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Saved while priced with the bundled sheet (priced_with: openai-gpt-image), then the negotiated
    # sheet was installed: re-pricing must still say what changes against what the file recorded.
    from core.pricing.catalog import Catalog, bundled_sheets
    from core.pricing.reprice import stamp

    document = scenario_file.load(EXAMPLES / "example.yaml")
    document.scenarios = stamp(document.scenarios, Catalog(bundled_sheets()))
    stamped = tmp_path / "stamped.yaml"
    scenario_file.save(document, stamped)
    shutil.copy2(SHEET, paths.price_sheets_dir(ensure=True) / "negotiated-2027.yaml")

    code, out, _ = run(capsys, "reprice", str(stamped), "--price-sheet", SHEET)
    assert code == 0
    assert "Marketplace listing edits (last priced with openai-gpt-image" in out
    assert "$649.40 -> $584.46 a month: -$64.94 (-10.0%)" in out
    assert "Total: $991.20 -> $926.26 a month" in out


def test_reprice_with_a_broken_sheet_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sheet: x\ntitle: x\nprovider: x\nchecked: 2027-01-01\nmodels: []\n")
    code, _, err = run(capsys, "reprice", EXAMPLE, "--price-sheet", str(bad))
    assert code == 2 and err.startswith("error: bad.yaml") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("limits", EXAMPLE, "--tier", "6"), "--tier"),
        (("limits", EXAMPLE, "--peak-hours", "25"), "--peak-hours"),
        (("limits", EXAMPLE, "--days", "31"), "--days"),
        (("growth", EXAMPLE, "--rate", "-100"), "--rate"),
    ],
)
def test_an_out_of_range_option_is_named_as_typed(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], flag: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.startswith(f"error: {flag}: "), err


def test_growth_starts_where_the_file_says(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (EXAMPLES / "example.yaml").read_text(encoding="utf-8")
    path = tmp_path / "later.yaml"
    path.write_text(text.replace("scenarios:", "plan:\n  growth_start: 2027-03-01\nscenarios:", 1), encoding="utf-8")
    code, out, _ = run(capsys, "growth", str(path), "--rate", "5")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("2027-03 ") for line in lines) and not any(line.startswith("2027-02 ") for line in lines)
    assert "12 months from Mar 2027: " in out
