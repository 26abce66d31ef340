"""`python -m bench`: run every figure, print the table, write bench/results.json.

python -m bench                 # the full run (`make bench`), a few minutes
python -m bench --quick         # tiny inputs, one round each: checks the harness, not the app
python -m bench --only startup  # one group: core, import, startup, recalc, frozen
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import core_figures, frozen, import_figures, recalc, startup
from bench.corpus import write_corpus
from bench.figures import Figure
from bench.processes import REPO
from bench.report import results, table, write_json

GROUPS = ("core", "import", "startup", "recalc", "frozen")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs and one round: a harness check")
    parser.add_argument("--only", choices=GROUPS, action="append", help="run only this group (repeatable)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results.json", help="where to write results")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    groups = args.only or list(GROUPS)
    quick = args.quick
    big = 40 if quick else 10_000
    recalc_scenarios = 20 if quick else 1_000
    rounds = {
        "open": 1 if quick else 7,
        "save": 1 if quick else 7,
        "estimates": 1 if quick else 7,
        "rss": 1 if quick else 3,
        "open_window": 1 if quick else 5,
        "startup": 1 if quick else 15,
        "recalc": 4 if quick else 200,
        "frozen": 1 if quick else 7,
        "import": 1 if quick else 6,
    }
    import_lines = 8 if quick else 2_000
    figures: list[Figure] = []
    load_at_start = list(os.getloadavg())
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="imagecost-bench-") as tmp:
        work = Path(tmp)
        home = work / "home"
        big_file = work / "scenarios.yaml"

        def step(name: str, run: Callable[[], Figure]) -> None:
            print(f"... {name}", file=sys.stderr, flush=True)
            figures.append(run())

        if "core" in groups or "startup" in groups:
            write_corpus(big_file, big)
        if "startup" in groups:
            step("startup", lambda: startup.startup_figure(home, rounds["startup"]))
        if "recalc" in groups:
            print("... recalc", file=sys.stderr, flush=True)
            figures.extend(recalc.recalc_figures(work, recalc_scenarios, rounds["recalc"]))
        if "core" in groups:
            step("open", lambda: core_figures.open_figure(big_file, rounds["open"]))
            step("save", lambda: core_figures.save_figure(big_file, work, rounds["save"]))
            step("estimates", lambda: core_figures.estimates_figure(big_file, rounds["estimates"]))
        if "startup" in groups:
            print("... opening the big file in the window", file=sys.stderr, flush=True)
            note = recalc.window_note()
            figures.extend(startup.open_window_figures(home, big_file, rounds["open_window"], note=note))
        if "core" in groups:
            step("memory, core only", lambda: core_figures.core_rss_figure(big_file, rounds["rss"]))
        if "import" in groups:
            print("... usage import", file=sys.stderr, flush=True)
            figures.extend(import_figures.import_figures(work, import_lines, rounds["import"]))
        if "frozen" in groups:
            figures.extend(frozen.frozen_figures(work, rounds["frozen"], quick=quick))
    elapsed = time.monotonic() - started
    settings = {"quick": quick, "groups": groups, "scenarios_big": big, "scenarios_recalc": recalc_scenarios}
    settings["import_lines"] = import_lines
    settings["rounds"] = rounds
    settings["elapsed_s"] = round(elapsed, 1)
    settings["load_average_at_start"] = load_at_start
    if quick:
        print(f"quick run: {big}-scenario file, one round each: checks the harness, the figures mean nothing")
    print(table(figures))
    print(f"\n{len(figures)} figures in {elapsed:.0f} s; JSON: {args.json}")
    write_json(args.json, results(figures, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
