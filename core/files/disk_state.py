"""What a file on disk looked like when the app last read or wrote it.

Saving compares it with the file now, so a change by another program or a
colleague on a shared folder is noticed before it is overwritten. Size and
modification time are checked first; the content hash settles it when only the
time moved (a 'touch', a sync tool re-writing the same bytes), so no false alarm.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


def _digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


@dataclass(frozen=True)
class DiskState:
    """Size, modification time and SHA-256 of a file's content."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        """The state of PATH now, or None if it does not exist or cannot be read."""
        try:
            info = os.stat(path)
            return cls(info.st_size, info.st_mtime_ns, _digest(Path(path)))
        except OSError:
            return None

    def changed(self, path: Path) -> bool:
        """Whether PATH now differs from this state (deleted or unreadable counts as changed)."""
        try:
            info = os.stat(path)
        except OSError:
            return True
        if info.st_size != self.size:
            return True
        if info.st_mtime_ns == self.mtime_ns:
            return False
        try:
            return _digest(Path(path)) != self.sha256
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
