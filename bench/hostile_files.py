"""Time and peak memory to refuse the 32 MB hostile files of issue 17 (tests/test_hostile_files.py).

Run: `.venv/bin/python -m bench.hostile_files`. Each file is read by ``scenario_file.load``
in a fresh child process; prints seconds and the child's peak resident memory.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from core.files.yamlio import MAX_FILE_BYTES
from tests.test_hostile_files import HOSTILE_BIG_FILES, _fill

_CHILD = """
import resource, sys, time
from pathlib import Path
from core.storage import scenario_file
start = time.perf_counter()
try:
    scenario_file.load(Path(sys.argv[1]))
except Exception:
    pass
seconds = time.perf_counter() - start
print(f"{seconds:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for case, head, line, _needle in HOSTILE_BIG_FILES:
            path = _fill(Path(folder) / f"{case}.yaml", head, line, MAX_FILE_BYTES)
            out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
            seconds, peak = out.stdout.split()
            print(f"{case:<24}{seconds:>8} s {peak:>8} MB peak RSS")


if __name__ == "__main__":
    main()
