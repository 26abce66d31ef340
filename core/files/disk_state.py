"""What a file on disk looked like when the app last read or wrote it.

Saving compares it with the file now, so a change by another program or a
colleague on a shared folder is noticed before it is overwritten. The size is checked
first; the content hash settles the rest, so a 'touch' or a sync tool re-writing
the same bytes is no false alarm and a same-size edit that restores the time is noticed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


def _digest(path: Path, size: int) -> str | None:
    """SHA-256 of a regular file of SIZE bytes, reading at most SIZE + 1; None for anything else.

    Opened without blocking and checked on the handle, so a pipe or a device put in the file's
    place cannot hang the window, and a file that grew is told apart without reading all of it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        hasher = hashlib.sha256()
        left = size + 1
        while left > 0:
            chunk = handle.read(min(_CHUNK, left))
            if not chunk:
                break
            hasher.update(chunk)
            left -= len(chunk)
        return hasher.hexdigest() if left > 0 else None


@dataclass(frozen=True)
class DiskState:
    """Size, modification time and SHA-256 of a file's content."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        """The state of PATH now (a file the app just wrote), or None if it is not a readable regular file."""
        try:
            info = os.stat(path)
            digest = _digest(Path(path), info.st_size) if stat.S_ISREG(info.st_mode) else None
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, digest) if digest is not None else None

    @classmethod
    def of_read(cls, raw: bytes, info: os.stat_result) -> DiskState:
        """The state of a file whose bytes RAW were read after its status INFO: no second read."""
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(raw).hexdigest())

    def changed(self, path: Path) -> bool:
        """Whether PATH now differs from this state (deleted or unreadable counts as changed).

        The content is compared even when size and time match: an edit of the same length that
        restores the modification time (issue 17) is a change too. At most size + 1 bytes are read.
        """
        try:
            info = os.stat(path)
            if info.st_size != self.size or not stat.S_ISREG(info.st_mode):
                return True
            return _digest(Path(path), self.size) != self.sha256
        except OSError:
            return True

    def to_data(self) -> dict[str, object]:
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_data(cls, data: object) -> DiskState | None:
        if not isinstance(data, dict):
            return None
        size, mtime, digest = data.get("size"), data.get("mtime_ns"), data.get("sha256")
        if type(size) is int and type(mtime) is int and isinstance(digest, str):
            return cls(size, mtime, digest)
        return None
