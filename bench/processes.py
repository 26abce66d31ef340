"""Starting the app and its floors as child processes, each in the same clean environment.

Children run with the start-up probe on (gui.startup_probe), user folders in a
temporary directory (no real settings are read or written) and the Qt platform
the bench was asked for (offscreen unless QT_QPA_PLATFORM says otherwise).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from gui.startup_probe import ENV as PROBE_ENV
from gui.startup_probe import FIRST_PAINT, PREFIX

REPO = Path(__file__).resolve().parent.parent
FLOOR_WINDOW = REPO / "bench" / "floor_window.py"
#: Longest a child may take to paint (the 10,000-scenario file on a busy machine takes seconds).
TIMEOUT_S = 60


def child_env(home: Path) -> dict[str, str]:
    """The environment every child gets: probe on, user folders under HOME, quiet Qt, byte-code caches on.

    An installed app has its byte-code compiled (pip does it; the bench's warm-up round writes the
    caches of the source tree): a PYTHONDONTWRITEBYTECODE from the caller's shell would have every
    start compile every module of the app again, which no person's start does.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env[PROBE_ENV] = FIRST_PAINT
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), str(REPO)) if p)
    return env


def app_command(*args: str) -> list[str]:
    """`imagecost` from source: the venv's entry-point script, or `python -m gui.app` without one."""
    script = Path(sys.executable).with_name("imagecost")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "gui.app", *args]


def core_open_command(*args: str) -> list[str]:
    """The core alone opening and pricing a file (bench/hold_file.py), in the same interpreter."""
    return [sys.executable, "-m", "bench.hold_file", *args]


def floor_command() -> list[str]:
    """The bare PySide6 window script, in the same interpreter."""
    return [sys.executable, str(FLOOR_WINDOW)]


@dataclass(frozen=True)
class Painted:
    """What the probe reported: time from spawn to first paint, and peak memory by then."""

    ms: float
    maxrss_mb: float


def time_to_first_paint(command: list[str], env: dict[str, str]) -> Painted:
    """Start COMMAND, wait for it to report its first paint and exit."""
    start = time.monotonic_ns()
    try:
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{' '.join(command)} did not report a first paint within {TIMEOUT_S} s") from None
    for line in done.stdout.splitlines():
        if line.startswith(PREFIX):
            fields = dict(part.split("=", 1) for part in line.split()[1:])
            return Painted((int(fields["painted_ns"]) - start) / 1e6, int(fields["maxrss_kb"]) / 1024)
    raise RuntimeError(
        f"{' '.join(command)} exited with {done.returncode} without reporting a first paint:\n"
        f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
    )


def peak_mb(command: list[str]) -> float:
    """Run COMMAND to its end in the repository and read the peak memory it reports (``maxrss_kb=``), in MB."""
    out = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout
    return int(out.split("maxrss_kb=")[1].split()[0]) / 1024
