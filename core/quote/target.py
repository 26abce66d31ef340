"""Where an export may go: never over its own input, a read-only file or a device.

``imagecost-cli quote plan.yaml -o plan.yaml`` once replaced the scenario file
with the text table (issue 17). Before an export is written, the target is
checked: the input files, read-only files and anything that is not a regular
file are refused; an existing file that is not an export this app made needs
the person's yes (``--force`` on the command line, a question in the window),
and the file replaced is kept as FILE.bak.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from core.errors import ImageCostError
from core.files.atomic import atomic_write_bytes, resolve_target
from core.files.yamlio import read_bytes

#: Every text export ends with this, and the PDF names it as its creator.
PREPARED_WITH = "Prepared with Image Cost Calculator"
_PDF_CREATOR = b'CreatorTool="Image Cost Calculator"'
#: The estimate table's column header (core.pricing.report.estimate_table).
_TABLE_HEADER = re.compile(r"^Item +Quantity +Unit +Unit price +Monthly cost$", re.MULTILINE)
#: The CSV's first columns: today's (with the row type of the total rows) and before them.
_CSV_HEADERS = (
    "row,scenario,item,quantity,unit,unit_price_usd,monthly_cost_usd,",
    "scenario,item,quantity,unit,unit_price_usd,monthly_cost_usd,",
)
_JSON_KEYS = {"schema", "currency", "scenarios"}


def made_by_app(path: Path) -> bool:
    """Whether PATH looks like an export this app wrote (any format), reading at most the size limit."""
    try:
        raw = read_bytes(path, what="export")
    except ImageCostError:
        return False
    if raw.startswith(b"%PDF"):
        return _PDF_CREATOR in raw
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return False
        return isinstance(data, dict) and data.keys() >= _JSON_KEYS
    return text.startswith(_CSV_HEADERS) or PREPARED_WITH in text or bool(_TABLE_HEADER.search(text))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refusal(path: Path, *, inputs: Iterable[Path] = ()) -> str | None:
    """Why an export must not go to PATH at all, or None (a missing file is fine)."""
    for source in inputs:
        if _same_file(path, source):
            return "it is the file the quote is made from; choose another name"
    try:
        info = os.stat(resolve_target(path))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be checked: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return "it is a folder"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file (a device, pipe or socket)"
    # The mode bits, not os.access: root may write anything, but a read-only file says 'keep me'.
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return "it is read-only"
    return None


def needs_consent(path: Path) -> bool:
    """Whether PATH exists and is not an export this app made: replacing it needs a yes."""
    return os.path.lexists(path) and not made_by_app(path)


def check_target(path: Path, *, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Raise :class:`ImageCostError` unless an export may replace PATH (FORCE: the person said yes)."""
    reason = refusal(path, inputs=inputs)
    if reason is not None:
        raise ImageCostError(f"will not write the export over this file: {reason}", path=path)
    if not force and needs_consent(path):
        raise ImageCostError(
            "the file exists and is not an export this app made",
            path=path,
            hint=f"add --force to replace it (a copy is kept as {Path(path).name}.bak), or choose another name",
        )


def write_checked(path: Path, data: bytes) -> None:
    """Write an export to a checked PATH; an existing file is kept as PATH.bak."""
    atomic_write_bytes(path, data, backup=os.path.lexists(path))
