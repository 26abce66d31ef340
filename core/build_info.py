"""What the running app was built from, for ``--version --verbose`` and bug reports.

A frozen build cannot ask ``importlib.metadata``: PyInstaller bundles the
modules, not their ``*.dist-info`` folders. So the build writes the versions it
froze into ``build-info.json`` at the top of the bundle (packaging/imagecost.spec),
and the frozen app reads that file back. A source install has no such file and
reports the versions installed now instead.

Qt-free on purpose (core/): the versions are read from package metadata, never
by importing PySide6.
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core import __version__

FILE_NAME = "build-info.json"
#: The libraries a bug report needs, as (shown name, distribution name on PyPI).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("PySide6", "PySide6-Essentials"),
    ("pydantic", "pydantic"),
    ("PyYAML", "PyYAML"),
    ("platformdirs", "platformdirs"),
    ("PyInstaller", "pyinstaller"),
)


@dataclass(frozen=True)
class BuildInfo:
    """The app version and the versions of Python and the libraries it runs with."""

    app_version: str
    python: str
    versions: dict[str, str] = field(default_factory=dict)  # shown name -> version, installed ones only
    frozen: bool = False
    build_date: str | None = None  # ISO 8601, UTC
    git_commit: str | None = None
    git_dirty: bool = False

    def to_json(self) -> dict[str, Any]:
        """The content of build-info.json."""
        return {
            "app_version": self.app_version,
            "python": self.python,
            "versions": dict(self.versions),
            "frozen": self.frozen,
            "build_date": self.build_date,
            "git_commit": self.git_commit,
            "git_dirty": self.git_dirty,
        }

    @classmethod
    def from_json(cls, data: object) -> BuildInfo:
        """Read build-info.json's content back; ValueError if it is not what a build writes."""
        if not isinstance(data, dict):
            raise ValueError("build info is not a JSON object")
        versions = data.get("versions", {})
        if not isinstance(versions, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in versions.items()
        ):
            raise ValueError("build info 'versions' is not a table of names to versions")
        text_fields = ("app_version", "python")
        optional_fields = ("build_date", "git_commit")
        if not all(isinstance(data.get(name), str) for name in text_fields):
            raise ValueError("build info lacks app_version or python")
        if not all(data.get(name) is None or isinstance(data.get(name), str) for name in optional_fields):
            raise ValueError("build info build_date/git_commit must be text")
        return cls(
            app_version=data["app_version"],
            python=data["python"],
            versions=dict(versions),
            frozen=bool(data.get("frozen", False)),
            build_date=data.get("build_date"),
            git_commit=data.get("git_commit"),
            git_dirty=bool(data.get("git_dirty", False)),
        )

    def text(self, prog: str) -> str:
        """The ``--version --verbose`` report: one 'name: value' line each, easy to paste into an issue."""
        if self.frozen:
            origin = f"frozen build of {self.build_date or 'an unknown date'}"
        else:
            origin = "source install (the versions installed now)"
        lines = [f"{prog} {self.app_version}", f"build: {origin}"]
        if self.git_commit:
            lines.append(f"commit: {self.git_commit}" + (" (with uncommitted changes)" if self.git_dirty else ""))
        lines.append(f"Python: {self.python}")
        lines.extend(f"{name}: {self.versions[name]}" for name, _dist in COMPONENTS if name in self.versions)
        return "\n".join(lines) + "\n"


def installed_versions() -> dict[str, str]:
    """The versions of COMPONENTS installed in this environment (missing ones left out)."""
    from importlib import metadata

    versions: dict[str, str] = {}
    for name, dist in COMPONENTS:
        try:
            versions[name] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return versions


def installed() -> BuildInfo:
    """What a source install runs with: Python and the installed libraries."""
    return BuildInfo(app_version=__version__, python=platform.python_version(), versions=installed_versions())


def for_build(*, build_date: str, git_commit: str | None, git_dirty: bool) -> BuildInfo:
    """What a build records in its bundle: the installed versions it freezes, with when and from which commit."""
    return BuildInfo(
        app_version=__version__,
        python=platform.python_version(),
        versions=installed_versions(),
        frozen=True,
        build_date=build_date,
        git_commit=git_commit,
        git_dirty=git_dirty,
    )


def bundled(folder: Path) -> BuildInfo | None:
    """The build info a frozen bundle carries in ``folder``, or None if it has none (or a broken one)."""
    try:
        return BuildInfo.from_json(json.loads((folder / FILE_NAME).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def bundle_folder() -> Path | None:
    """Where a PyInstaller build unpacked its files (``sys._MEIPASS``); None when not frozen."""
    if not getattr(sys, "frozen", False):
        return None
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if isinstance(folder, str) else None


def current() -> BuildInfo:
    """The build info of this process: the bundle's record when frozen, else the installed versions."""
    folder = bundle_folder()
    if folder is None:
        return installed()
    # A frozen app without a record (a build by hand from an older spec): metadata is not bundled either.
    return bundled(folder) or BuildInfo(app_version=__version__, python=platform.python_version(), frozen=True)
