"""The bench harness runs and reports every figure; the caches it led to change no result.

No timing is asserted anywhere: speed is measured by `make bench` only. The
harness run uses tiny inputs and one round, just to keep it from rotting.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal, getcontext
from pathlib import Path

import pytest

from bench import corpus
from bench.stats import Spread, interleave, paired_ratios, percentile
from core.errors import InvalidOptionError
from core.model.sizes import Size
from core.money import PRECISION, money_context
from core.pricing.engine import estimate
from core.storage import scenario_file
from tests.conftest import REPO

FIGURES = {
    "startup_ratio",
    "recalc_p50_ms",
    "recalc_p99_ms",
    "recalc_comparison_p50_ms",
    "recalc_comparison_p99_ms",
    "add_scenario_p50_ms",
    "open_10k_ratio",
    "save_10k_ratio",
    "estimates_per_s",
    "open_10k_window_ratio",
    "peak_rss_mb_10k",
    "peak_rss_mb_10k_core",
    "onefile_ratio",
    "frozen_startup_ratio",
    "folder_ratio",
    "frozen_folder_startup_ratio",
    "import_lines_per_s",
    "import_ratio",
    "import_peak_rss_mb_small",
    "import_peak_rss_mb_big",
    "import_peak_growth",
}


def test_quick_bench_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["figures"]) == FIGURES
    assert results["settings"]["quick"] is True
    for key, figure in results["figures"].items():
        if figure["value"] is None:
            assert figure["note"].startswith("not available: "), key
            assert key in done.stdout  # the table says so too
        else:
            assert figure["min"] <= figure["value"] <= figure["max"], key
            assert figure["value"] > 0, key
            assert figure["met"] in (True, False, None), key
    for key in ("startup_ratio", "open_10k_window_ratio", "open_10k_ratio", "save_10k_ratio"):
        figure = results["figures"][key]
        assert figure["app"]["unit"] == figure["floor"]["unit"] == "ms"


def test_corpus_is_reproducible_and_round_trips(tmp_path: Path) -> None:
    first = corpus.make_document(60)
    assert first == corpus.make_document(60)
    assert len(first.scenarios) == 60
    assert len({s.model for s in first.scenarios}) > 3  # spread over the catalog
    path = corpus.write_corpus(tmp_path / "corpus.yaml", 60)
    assert scenario_file.load(path) == first
    for scenario in first.scenarios:
        assert estimate(scenario).monthly >= 0


def test_stats() -> None:
    assert Spread.of([3.0, 1.0, 2.0]) == Spread(2.0, 1.0, 3.0, 3)
    assert percentile(list(range(1, 201)), 99) == 198
    assert percentile([5.0], 50) == 5.0
    assert paired_ratios([2.0, 6.0], [1.0, 3.0]) == [2.0, 2.0]
    order: list[str] = []
    interleave(2, {"a": lambda: order.append("a") or 1.0, "b": lambda: order.append("b") or 2.0})
    assert order == ["a", "b", "b", "a"]


@pytest.mark.parametrize("text", ["1024x1536", " 1024 X 1536 ", "1024×1536"])
def test_size_parse_gives_the_same_size_every_time(text: str) -> None:
    assert Size.parse(text) == Size.parse(text) == Size(1024, 1536)
    assert str(Size.parse(text)) == "1024x1536"


def test_size_parse_still_refuses_bad_text_after_good_parses() -> None:
    Size.parse("1024x1024")
    for _ in range(2):
        with pytest.raises(InvalidOptionError) as caught:
            Size.parse("1024x0", field="input_image_size")
        assert caught.value.field == "input_image_size"


def test_money_context_is_wide_and_leaves_the_caller_context_alone() -> None:
    before = getcontext().prec
    with money_context() as ctx:
        assert ctx.prec == PRECISION
        assert str(Decimal(1) / 3).count("3") == PRECISION
        ctx.prec = 5  # a change inside must not leak into the next estimate
    with money_context() as ctx:
        assert ctx.prec == PRECISION
    assert getcontext().prec == before
