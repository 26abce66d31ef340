"""Saving files from the window through QSaveFile: all of the new file or none of it.

QSaveFile writes to a temporary file beside the target and renames it over the
target only on commit(), so a failed write (full disk, permissions, a crash)
leaves the previous file untouched. The previous version is kept as FILE.bak,
as ``core.storage.scenario_file.save`` does for the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile

from core.errors import ScenarioFileError
from core.files.atomic import keep_backup


def _why(handle: QSaveFile, path: Path) -> str:
    """Qt's error string, made specific where the folder explains it (as core.files.atomic does for the CLI)."""
    folder = path.resolve().parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only for you ({handle.errorString()})"
    return handle.errorString()


def save_text(path: Path, text: str, *, backup: bool = True) -> None:
    """Write TEXT (UTF-8) to PATH atomically; raise ScenarioFileError saying why not."""
    handle = QSaveFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ScenarioFileError(
            f"cannot save: {_why(handle, path)}",
            path=path,
            hint="save it elsewhere; the file on disk was left as it was",
        )
    try:
        data = text.encode("utf-8")
        if handle.write(data) != len(data):
            raise ScenarioFileError(
                f"cannot save: {handle.errorString()}", path=path, hint="the file on disk was left as it was"
            )
        if backup:
            keep_backup(path)
    except OSError as exc:
        handle.cancelWriting()
        raise ScenarioFileError(
            f"cannot keep a backup: {exc.strerror or exc}", path=path, hint="the file on disk was left as it was"
        ) from None
    except BaseException:
        handle.cancelWriting()
        raise
    if not handle.commit():
        raise ScenarioFileError(
            f"cannot save: {handle.errorString()}", path=path, hint="the file on disk was left as it was"
        )
