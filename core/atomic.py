"""Atomic file writes for the command line and core (the GUI uses QSaveFile).

The new content goes to a temporary file in the same folder, is flushed to
disk, and then replaces the target in one ``os.replace``: a crash, a kill or a
full disk leaves either the complete old file or the complete new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from core.errors import ScenarioFileError

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    """Where the previous version of PATH is kept: PATH.bak beside it."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc)


def keep_backup(path: Path) -> None:
    """Copy the current PATH to PATH.bak, itself atomically."""
    if not path.exists():
        return
    target = backup_path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak-tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Replace PATH with DATA atomically, optionally keeping PATH.bak."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        if backup:
            keep_backup(path)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ScenarioFileError(
            f"cannot save: {_describe(exc)}", path=path, hint="the file on disk was left as it was"
        ) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
