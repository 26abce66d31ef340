"""Check, before `make` builds .venv, that this Python can: 3.11 or newer, with venv and pip.

Debian and Ubuntu ship ``venv`` without ``ensurepip`` (package python3.X-venv), so
``python3 -m venv`` fails half-way with a message that names no package. This
says which package to install, and stops before anything is created.
Standard library only: it runs with the system Python, before any set-up.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys

MINIMUM = (3, 11)


def problems() -> list[str]:
    """What stops this interpreter from building the project's virtual environment, one line each."""
    found: list[str] = []
    if sys.version_info < MINIMUM:
        have = ".".join(map(str, sys.version_info[:3]))
        found.append(f"Python {have} is too old: the app needs 3.11 or newer (e.g. make test PYTHON=python3.12)")
        return found
    if importlib.util.find_spec("ensurepip") is None or importlib.util.find_spec("venv") is None:
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"
        command = f"sudo apt-get install python{version}-venv" if shutil.which("apt-get") else "install its venv module"
        found.append(f"this Python ({sys.executable}) cannot create virtual environments: {command}")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(f"error: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
