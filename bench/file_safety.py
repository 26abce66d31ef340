"""What the loader's safety checks cost, and how fast bad files are refused.

Run: `.venv/bin/python bench/file_safety.py [COUNT]` (default 10,000 scenarios).
Prints, best of five: PyYAML's C loader alone on a COUNT-scenario file; the
project's ``load_yaml`` and the full ``scenario_file.loads`` (YAML + pydantic +
catalog checks) on the same text, as written by the app and with an '&' in a
name (which adds the parser-event walk); a save; and the time to refuse an
alias bomb, 100,000-deep nesting and a 400 MB file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

import yaml

from core.errors import ImageCostError
from core.files.yamlio import load_yaml
from core.model.scenario import Scenario
from core.storage import scenario_file
from core.storage.scenario_file import ScenarioFile

MODELS = [("gpt-image-1", "low", "1024x1024"), ("gpt-image-2", "high", "2048x1152"), ("dall-e-3", "hd", "1024x1792")]


def best(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def refused(text: str) -> Callable[[], None]:
    def action() -> None:
        try:
            load_yaml(text)
        except ImageCostError:
            return
        raise AssertionError("not refused")

    return action


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    scenarios = [
        Scenario(
            name=f"Scenario {i}",
            model=MODELS[i % 3][0],
            quality=MODELS[i % 3][1],
            size=MODELS[i % 3][2],
            requests_per_month=i * 37,
            retry_multiplier=Decimal("1.25"),
            prompt_tokens=i % 500,
            notes="free text",
        )
        for i in range(count)
    ]
    text = scenario_file.dumps(ScenarioFile(scenarios=scenarios))
    anchored = text.replace("Scenario 0\n", "R & D\n", 1)
    c_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = best(lambda: yaml.load(text, Loader=c_loader))  # the safe C loader, as a baseline
    print(f"{count:,} scenarios, {len(text) / 1_048_576:.2f} MB")
    print(f"  {'PyYAML CSafeLoader alone':<45}{raw * 1000:8.0f} ms   1.00x")
    for label, source in (("as written by the app", text), ("with '&' (event walk)", anchored)):
        ours = best(partial(load_yaml, source))
        full = best(partial(scenario_file.loads, source))
        print(f"  {'load_yaml, ' + label:<45}{ours * 1000:8.0f} ms   {ours / raw:.2f}x")
        print(f"  {'scenario_file.loads, ' + label:<45}{full * 1000:8.0f} ms   {full / raw:.2f}x")
    with tempfile.TemporaryDirectory(prefix="imagecost-bench-") as tmp:  # the 400 MB file goes with it
        folder = Path(tmp)
        document = ScenarioFile(scenarios=scenarios)
        save = best(lambda: scenario_file.save(document, folder / "a.yaml"))
        print(f"  {'save (atomic, fsync, .bak)':<45}{save * 1000:8.0f} ms")
        bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
        )
        print(f"  {'refuse a billion-laughs bomb':<45}{best(refused(bomb)) * 1000:8.2f} ms")
        nesting = "x: " + "[" * 100_000 + "]" * 100_000
        print(f"  {'refuse 100,000-deep nesting':<45}{best(refused(nesting)) * 1000:8.2f} ms")
        huge = folder / "huge.yaml"
        with huge.open("wb") as handle:
            handle.truncate(400 * 1024 * 1024)

        def big() -> None:
            try:
                scenario_file.load(huge)
            except ImageCostError:
                return

        print(f"  {'refuse a 400 MB file':<45}{best(big) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
