"""The documents tell the truth: every shell command they show runs as written.

Each fenced ``sh`` block in README.md, docs/*.md, bench/README.md and
packaging/README.md is run line by line (a line ending in a backslash goes
on) in a new folder holding a copy of docs/examples, with ``imagecost-cli``
and ``.venv/bin/imagecost-cli`` meaning the command line installed beside
this Python, and must exit 0. Two kinds of block are not run, and say so to
the reader in their info string:

* ``sh setup``: the set-up itself (``make run``, ``make test``, ``make package``);
  the test suite is what they run, or they build for minutes.
* ``sh example``: needs the reader's own files (``FILE.yaml``, ``SHEET.yaml``).

A plain block that starts with ``$ imagecost-cli ...`` is a transcript: the
command runs the same way and every line shown (``...`` skips lines) must be
in its output, in that order.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from core.model.plan_settings import PlanSettings
from core.model.quote_header import QuoteHeader
from core.model.scenario import Scenario, Stage
from tests.conftest import EXAMPLES, REPO

DOCUMENTS = [
    REPO / "README.md",
    *sorted((REPO / "docs").glob("*.md")),
    REPO / "bench" / "README.md",
    REPO / "packaging" / "README.md",
]
_FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```", re.M | re.S)
NOT_RUN = {"setup", "example"}
TIMEOUT_S = 120


def fenced_blocks(document: Path) -> list[tuple[int, list[str], str]]:
    """(line, info words, body) of every fenced block."""
    text = document.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m[1].split(), m[2]) for m in _FENCE.finditer(text)]


def shell_blocks(document: Path) -> list[tuple[int, str, str]]:
    """(line, info, body) of every fenced block whose language is sh."""
    return [(line, " ".join(words[1:]), body) for line, words, body in fenced_blocks(document) if words[:1] == ["sh"]]


TRANSCRIPTS = [
    pytest.param(document, line, body, id=f"{document.relative_to(REPO)}:{line}")
    for document in DOCUMENTS
    for line, words, body in fenced_blocks(document)
    if not words and body.startswith("$ imagecost-cli ")  # a frozen build's sample output is marked 'text'
]


def run_documented(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """COMMAND as the reader types it, in CWD holding a copy of docs/examples."""
    shutil.copytree(EXAMPLES, cwd / "docs" / "examples")
    argv = shlex.split(command)
    program = argv[0].removeprefix(".venv/bin/")
    assert program in {"imagecost-cli"}, f"{command}: mark the block 'sh setup' or 'sh example'"
    executable = Path(sys.executable).with_name(program)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(executable), *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S
    )


def commands(body: str) -> list[str]:
    """The commands of a block: continuation lines joined, comments dropped."""
    joined = body.replace("\\\n", " ")
    return [line.split(" #", 1)[0].strip() for line in joined.splitlines() if line.strip() and not line.startswith("#")]


CASES = [
    pytest.param(document, line, command, id=f"{document.relative_to(REPO)}:{line}:{command[:40]}")
    for document in DOCUMENTS
    for line, info, body in shell_blocks(document)
    if info not in NOT_RUN
    for command in commands(body)
]


def test_every_block_is_run_or_says_why_not() -> None:
    for document in DOCUMENTS:
        for line, info, _body in shell_blocks(document):
            assert info in NOT_RUN | {""}, f"{document.name}:{line}: unknown block kind 'sh {info}'"
    assert CASES, "the documents show commands"


@pytest.mark.parametrize(("document", "line", "command"), CASES)
def test_documented_command_runs(document: Path, line: int, command: str, tmp_path: Path) -> None:
    result = run_documented(command, tmp_path)
    assert result.returncode == 0, f"{document.name}:{line}: {command}\n{result.stderr}"


@pytest.mark.parametrize(("document", "line", "body"), TRANSCRIPTS)
def test_documented_output_is_what_the_command_prints(document: Path, line: int, body: str, tmp_path: Path) -> None:
    command, *shown = body.splitlines()
    result = run_documented(command.removeprefix("$ "), tmp_path)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    at = 0
    for text in shown:
        if text == "...":
            continue
        assert text in printed[at:], f"{document.name}:{line}: not printed (in this order): {text!r}"
        at = printed.index(text, at) + 1
    assert TRANSCRIPTS


def _bounds(model: type[BaseModel], field: str) -> dict[str, Any]:
    """The ge/gt/le/min_length/max_length the model enforces on FIELD (an Optional one's too)."""
    found: dict[str, Any] = {}
    info = model.model_fields[field]
    stack: list[Any] = [*info.metadata, info.annotation]
    while stack:
        item = stack.pop()
        for name in ("ge", "gt", "le", "min_length", "max_length"):
            if getattr(item, name, None) is not None and not isinstance(item, type):
                found[name] = getattr(item, name)
        if isinstance(item, FieldInfo):
            stack.extend(item.metadata)
        stack.extend(getattr(item, "__metadata__", ()))
        stack.extend(a for a in getattr(item, "__args__", ()) if a is not type(None))
    return found


_OWNERS: dict[str, type[BaseModel]] = {
    "scenarios[].stages[]": Stage,
    "scenarios[]": Scenario,
    "quote": QuoteHeader,
    "plan": PlanSettings,
}
_LIMIT_FORMS = [
    (re.compile(r"^(-?\d+) to (\d+) characters$"), ("min_length", "max_length")),
    (re.compile(r"^at most (\d+) characters$"), ("max_length",)),
    (re.compile(r"^at most (\d+) entries$"), ("max_length",)),
    (re.compile(r"^more than (-?\d+), up to (\d+)$"), ("gt", "le")),
    (re.compile(r"^(-?\d+) to (\d+)$"), ("ge", "le")),
]


def _limit_rows() -> list[tuple[str, str]]:
    text = (REPO / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| `")]
    return [(key.strip(), accepted.strip()) for keys, accepted in rows for key in keys.split(",")]


def test_every_limit_the_docs_state_is_the_models_bound() -> None:
    rows = _limit_rows()
    assert len(rows) >= 20
    for key, accepted in rows:
        path = key.strip("`")
        owner = next(prefix for prefix in _OWNERS if path.startswith(prefix + "."))
        field = path.removeprefix(owner + ".")
        form = next((names, match) for pattern, names in _LIMIT_FORMS if (match := pattern.match(accepted)))
        names, match = form
        stated = {name: Decimal(value) for name, value in zip(names, match.groups(), strict=True)}
        bounds = _bounds(_OWNERS[owner], field)
        assert {name: Decimal(str(bounds.get(name))) for name in stated} == stated, f"{key}: {bounds}"


_KEY = re.compile(r"\b(?:(?:Ctrl|Alt|Shift)\+)+(?:[A-Z0-9]\b|F\d+\b|Up\b|Down\b|Left\b|Right\b|Delete\b)|\bF\d+\b")
_TAB_KEY = re.compile(r"\**(Breakdown|Comparison|Stages|Plan|Charts)\** tab[ ,(]+(Ctrl\+\d)")


def _table_keys() -> dict[str, set[str]]:
    """Every key text of the shortcut table -> the actions it belongs to (standard keys as Linux shows them)."""
    from PySide6.QtGui import QKeySequence

    from gui.shortcuts import SHORTCUTS

    keys: dict[str, set[str]] = {}
    for name, bindings in SHORTCUTS.items():
        for binding in bindings:
            sequences = QKeySequence.keyBindings(binding) if isinstance(binding, QKeySequence.StandardKey) else [
                QKeySequence(binding)
            ]
            for sequence in sequences:
                keys.setdefault(sequence.toString(), set()).add(name)
    return keys


def test_every_shortcut_the_docs_name_is_in_the_shortcut_table(qapp: object) -> None:
    keys = _table_keys()
    for document in DOCUMENTS:
        for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1):
            for key in _KEY.findall(line):
                assert key in keys, f"{document.relative_to(REPO)}:{number}: {key} is no shortcut of the window"
            for tab, key in _TAB_KEY.findall(line):
                assert f"view.{tab.lower()}" in keys.get(key, set()), (
                    f"{document.relative_to(REPO)}:{number}: the {tab} tab is not {key} (gui/shortcuts.py)"
                )
