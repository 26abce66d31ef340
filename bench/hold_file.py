"""Child process for the core-only figures: open a scenario file as the window does, price it all, report.

It checks every scenario against the catalog while loading (as the window's
document does) and prices each once, then prints the start-up probe's line
(gui.startup_probe), so the bench times it like the window: ``open_10k_window_ratio``
is the window against this, and ``peak_rss_mb_10k_core`` is its peak memory.
Imports no Qt (gui.startup_probe does not import it at module level).
"""

from __future__ import annotations

import sys
import time
from functools import partial
from pathlib import Path

from core.pricing.catalog import default_catalog
from core.pricing.engine import check_scenario, estimate
from core.storage import scenario_file
from gui.startup_probe import PREFIX, peak_rss_kb


def main(argv: list[str]) -> int:
    catalog = default_catalog()
    document = scenario_file.load(Path(argv[0]), check=partial(check_scenario, catalog=catalog))
    estimates = [estimate(scenario, catalog) for scenario in document.scenarios]
    done = time.monotonic_ns()
    print(f"{PREFIX} painted_ns={done} maxrss_kb={peak_rss_kb()} scenarios={len(estimates)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
