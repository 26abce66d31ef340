"""Atomic file writes: the one way the app writes a file (window, command line, autosave, price sheets).

The new content goes to a temporary file in the same folder, is written out
and fsynced, and then replaces the target in one ``os.replace``; the folder is
fsynced after, so the rename itself survives a power cut. A crash, a kill or a
full disk leaves either the complete old file or the complete new one.

Details a careful save gets right:

* a symlink is followed: the file it points at is replaced, the link stays;
* an existing file keeps its permission bits; a new one gets the usual
  0666 & ~umask (not tempfile's private 0600);
* the previous version is copied to FILE.bak first, itself atomically, so the
  backup is never half a file either;
* temporary files are removed on every failure, and ones left by a killed save
  (older than :data:`STALE_TEMP_SECONDS`) are cleaned up by the next save or open;
* every OSError becomes one :class:`SaveError` that says what happened and that
  the file on disk was left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from core.errors import SaveError

BACKUP_SUFFIX = ".bak"
TEMP_SUFFIX = ".tmp"
#: A temp file this old beside the target is left over from a killed save.
STALE_TEMP_SECONDS = 600
_WRITE_CHUNK = 1 << 20


def backup_path(path: Path) -> Path:
    """Where the previous version of PATH is kept: PATH.bak beside it."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def resolve_target(path: Path) -> Path:
    """The file a save to PATH really replaces: symlinks followed, so the link survives."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _describe(exc: OSError, folder: Path) -> tuple[str, str]:
    """A sentence for the error and a hint for what to do."""
    code = exc.errno
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: sharing or lock violation
        return "the file is open in another program", "close it there and try again, or save it elsewhere"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full", "free some space or save it elsewhere"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {folder} is read-only for you ({exc.strerror})", "save it elsewhere"
    if code == errno.ENOENT:
        return f"the folder {folder} does not exist", "save it elsewhere"
    if code == errno.EISDIR:
        return "there is a folder of that name", "choose another name"
    return exc.strerror or str(exc), "try again or save it elsewhere"


def _new_file_mode() -> int:
    """0666 & ~umask: the mode a plain ``open(path, 'w')`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def fsync_folder(folder: Path) -> None:
    """Make a rename in FOLDER durable. Not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        # Best effort: the file's data is already synced and the rename done; some file
        # systems refuse fsync on a folder, and a save that happened must not be reported as failed.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_WRITE_CHUNK])
        view = view[written:]


def _temp_in(folder: Path, name: str, suffix: str) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=folder)
    return fd, Path(tmp)


def _write_synced(folder: Path, name: str, data: bytes, mode: int, suffix: str) -> Path:
    """DATA in a new fsynced temp file in FOLDER with MODE; removed again if anything fails."""
    fd, tmp = _temp_in(folder, name, suffix)
    try:
        try:
            _write_all(fd, data)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def keep_backup(path: Path) -> None:
    """Copy the current PATH to PATH.bak, itself atomically (a kill leaves the old .bak or the new one)."""
    path = resolve_target(path)
    if not path.is_file():
        return
    tmp: Path | None = None
    try:
        fd, tmp = _temp_in(path.parent, path.name, ".bak" + TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            shutil.copyfileobj(src, out, _WRITE_CHUNK)
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(path, tmp)
        os.replace(tmp, backup_path(path))
        tmp = None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


#: Names of the app's own temporary files beside NAME: tempfile.mkstemp's 8 characters between
#: '.NAME.' and '.tmp' or '.bak.tmp' (this module), and QSaveFile's 6 after 'NAME.' (the window,
#: before it saved through this module). Nothing else is ever removed.
_OWN_TEMP = r"\.{name}\.[a-z0-9_]{{8}}(?:\.bak)?{suffix}|{name}\.[A-Za-z0-9]{{6}}"
#: What a QSaveFile temporary of a scenario file starts with (core.storage.scenario_file.dumps).
_APP_TEXT_START = b"# Image Cost Calculator scenario file"


def _is_own_temp(item: Path, name: str) -> bool:
    pattern = _OWN_TEMP.format(name=re.escape(name), suffix=re.escape(TEMP_SUFFIX))
    if not re.fullmatch(pattern, item.name):
        return False
    if item.name.startswith("."):
        return True
    # A visible 'NAME.abcdef' could be a person's own file: only one holding the app's text goes.
    with item.open("rb") as handle:
        return handle.read(len(_APP_TEXT_START)) == _APP_TEXT_START


def clean_stale_temps(path: Path) -> int:
    """Remove the temporary files a killed save of PATH left beside it; returns how many.

    Only names the app makes (see :data:`_OWN_TEMP`), only regular files, and only ones older
    than :data:`STALE_TEMP_SECONDS`, so a save in progress in another window is never touched.
    Called after every save and when a file is opened (issue 17: killed saves left them for good).
    """
    target = resolve_target(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    cutoff = time.time() - STALE_TEMP_SECONDS
    removed = 0
    with contextlib.suppress(OSError):
        for item in folder.glob(f"*{glob.escape(target.name)}.*"):
            with contextlib.suppress(OSError):
                info = item.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff and _is_own_temp(item, target.name):
                    item.unlink()
                    removed += 1
    return removed


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Replace PATH with DATA atomically, optionally keeping PATH.bak; raise :class:`SaveError`."""
    shown = Path(path)
    target = resolve_target(shown)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        try:
            info = os.stat(target)
        except FileNotFoundError:
            mode = _new_file_mode()
        else:
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
            mode = stat.S_IMODE(info.st_mode)
        tmp = _write_synced(folder, target.name, data, mode, TEMP_SUFFIX)
        try:
            if backup:
                keep_backup(target)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        fsync_folder(folder)
    except OSError as exc:
        message, hint = _describe(exc, folder)
        raise SaveError(
            f"cannot save: {message}", path=shown, hint=f"{hint}; the file on disk was left as it was"
        ) from exc
    clean_stale_temps(target)


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
