"""Child process for the core-only memory figure: open a scenario file, price it all, print peak RSS."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from core import scenario_file
from core.engine import estimate


def main(argv: list[str]) -> int:
    document = scenario_file.load(Path(argv[0]))
    estimates = [estimate(scenario) for scenario in document.scenarios]
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"scenarios={len(estimates)} maxrss_kb={maxrss_kb}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
