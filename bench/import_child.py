"""Child process for the import memory figure: read one usage log with the importer, print peak RSS.

Run in a fresh process per size, so each figure is that size's own peak. Imports no Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.actuals.read import read_usage
from core.pricing.catalog import default_catalog
from gui.startup_probe import peak_rss_kb


def main(argv: list[str]) -> int:
    collected = read_usage([Path(argv[0])], default_catalog())
    calls = sum(group.delivered for group in collected.calls.values())
    print(f"calls={calls} maxrss_kb={peak_rss_kb()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
