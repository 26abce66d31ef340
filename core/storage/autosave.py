"""Autosave records: unsaved work kept in the app's state folder, offered back after a crash.

One record per running window, ``session-<id>.json`` in
:func:`core.files.paths.autosave_dir`, written atomically (a kill mid-write leaves
the previous record). It holds the scenario file text as the app would save
it, the file the work came from (if any) and what that file looked like when
opened, so a restored document still warns if the file changed on disk.

Which records belong to a crashed session is decided by the window (a lock
file per session, ``gui.safety.recovery``); this module only reads and writes them.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from core.errors import ImageCostError
from core.files.atomic import atomic_write_text
from core.files.disk_state import DiskState
from core.files.yamlio import MAX_FILE_BYTES, read_text

RECORD_FORMAT = 1
PREFIX = "session-"
SUFFIX = ".json"
#: A record that cannot be read is renamed with this in front: kept for a person to look at,
#: never read again at start (issue 17: one bad record crashed every start).
SET_ASIDE_PREFIX = "unreadable-"


def new_session_id() -> str:
    """Unique per window: start time and process id."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"


def record_path(folder: Path, session_id: str) -> Path:
    return folder / f"{PREFIX}{session_id}{SUFFIX}"


@dataclass(frozen=True)
class AutosaveRecord:
    """One autosaved piece of unsaved work."""

    path: Path
    text: str
    original: Path | None
    disk_state: DiskState | None
    saved_at: datetime

    @property
    def session_id(self) -> str:
        return self.path.name[len(PREFIX) : -len(SUFFIX)]

    def describe(self) -> str:
        """'team.yaml, autosaved 2026-11-23 11:02' for the restore question."""
        name = self.original.name if self.original else "an untitled document"
        return f"{name}, autosaved {self.saved_at.astimezone().strftime('%Y-%m-%d %H:%M')}"


def write_record(
    folder: Path, session_id: str, text: str, *, original: Path | None, disk_state: DiskState | None
) -> Path:
    """Write (or replace) this session's record atomically; raises SaveError if it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "format": RECORD_FORMAT,
        "saved_at": datetime.now(UTC).isoformat(),
        "original": str(original) if original else None,
        "disk_state": disk_state.to_data() if disk_state else None,
        "document": text,
    }
    path = record_path(folder, session_id)
    atomic_write_text(path, json.dumps(data, ensure_ascii=False))
    return path


def read_record(path: Path) -> AutosaveRecord:
    """A record from disk; ImageCostError if it is not one (it is then left where it is)."""
    raw = read_text(path, what="autosave", max_bytes=MAX_FILE_BYTES * 2)
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            raise ValueError("not an autosave record of this version")
        text = data["document"]
        if not isinstance(text, str):
            raise ValueError("no document")
        original = Path(data["original"]) if isinstance(data.get("original"), str) else None
        saved_at = datetime.fromisoformat(str(data["saved_at"]))
        saved_at.astimezone()  # describe() shows local time: a date at the edge of the calendar fails here
    except RecursionError:
        raise ImageCostError("not a readable autosave: it nests too deeply", path=path) from None
    except (ValueError, KeyError, TypeError, OverflowError, OSError) as exc:
        raise ImageCostError(f"not a readable autosave: {exc}", path=path) from None
    return AutosaveRecord(path, text, original, DiskState.from_data(data.get("disk_state")), saved_at)


def record_files(folder: Path) -> list[Path]:
    """Every record file in FOLDER, oldest first."""
    try:
        files = [p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX)]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.name)


def set_aside(path: Path) -> Path:
    """Rename an unreadable record so no start reads it again; returns where it is now."""
    target = path.with_name(SET_ASIDE_PREFIX + path.name)
    os.replace(path, target)
    return target


def remove_record(path: Path) -> None:
    """Delete a record (after a save, a clean close, or once its work is restored and re-autosaved)."""
    path.unlink(missing_ok=True)
