"""Child process for the core-only memory figure: open a scenario file, price it all, print peak RSS.

Imports no Qt (gui.startup_probe does not import it at module level).
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.pricing.engine import estimate
from core.storage import scenario_file
from gui.startup_probe import peak_rss_kb


def main(argv: list[str]) -> int:
    document = scenario_file.load(Path(argv[0]))
    estimates = [estimate(scenario) for scenario in document.scenarios]
    print(f"scenarios={len(estimates)} maxrss_kb={peak_rss_kb()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
