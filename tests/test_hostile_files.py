"""Issue 17: hostile files and bad days. Each test here failed before its fix."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

#: Head room over the file size limit, in multiples of the limit, that reading a hostile file may use.
MEMORY_FACTOR = 8

# Runs in a child: the address space is capped just above what the interpreter already uses, then
# the file is read. A regression raises MemoryError (exit 3) instead of taking the machine down.
_CHILD = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from core import scenario_file
    from core.errors import ScenarioFileError
    from core.yamlio import MAX_FILE_BYTES

    def vm_bytes() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
        raise SystemExit("no VmSize")

    limit = vm_bytes() + int(sys.argv[2]) * MAX_FILE_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        scenario_file.load(Path(sys.argv[1]))
    except ScenarioFileError as exc:
        print(exc)
        raise SystemExit(0)
    except MemoryError:
        raise SystemExit(3)
    raise SystemExit(4)
    """
)


def _fill(path: Path, head: str, line: str, target: int) -> Path:
    """HEAD then LINE repeated until the file is just under TARGET bytes."""
    count = (target - len(head)) // len(line)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(count // 10_000):
            handle.write(line * 10_000)
        handle.write(line * (count % 10_000))
    return path


HOSTILE_BIG_FILES = [
    ("empty-scenarios", "version: 1\nscenarios:\n", "- {}\n", "scenarios[0]"),
    ("numbers-as-scenarios", "version: 1\nscenarios:\n", "- 0\n", "scenarios[0]"),
    ("flow-list", "version: 1\nscenarios: [", "{}, ", "scenarios[0]"),
    ("junk-key", "version: 1\njunk:\n", "- 0\n", "values in one place"),
    ("version-last", "scenarios:\n", "- {}\n", "values in one place"),
    ("old-format", "version: 0\nscenarios:\n", "- {}\n", "values in one place"),
    ("long-mapping", "version: 1\nquote:\n", "  k: v\n", "values in one place"),
]


@pytest.mark.parametrize(("case", "head", "line", "needle"), HOSTILE_BIG_FILES, ids=[c[0] for c in HOSTILE_BIG_FILES])
def test_a_32_mb_hostile_file_is_refused_in_bounded_memory(
    tmp_path: Path, case: str, head: str, line: str, needle: str
) -> None:
    from core.yamlio import MAX_FILE_BYTES

    path = _fill(tmp_path / f"{case}.yaml", head, line, MAX_FILE_BYTES)
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(MEMORY_FACTOR)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert child.returncode == 0, (child.returncode, child.stdout, child.stderr[-2000:])
    assert needle in child.stdout
