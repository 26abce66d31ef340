"""Build the frozen app (or the bare-window baseline) unless dist/ already holds a fresh one.

``make package`` and the packaging test both come through here, so they agree
on when a build is up to date: dist/ keeps a stamp with a fingerprint of every
file that goes into the bundle (sources, price sheets, resources, specs) and
of the Python, PyInstaller and PySide6 versions. A matching stamp means the
bundle in dist/ was built from exactly these inputs and is reused; anything
else rebuilds. A PyInstaller build takes minutes on a small machine.

    python packaging/build.py [app|bare] [--force]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import freeze_options as opt

DIST = opt.REPO / "dist"
BUILD = opt.REPO / "build"
# What goes into the bundle: a change to any of these files calls for a rebuild.
INPUT_GLOBS = (
    "core/**/*.py",
    "gui/**/*.py",
    "pricing/**/*",
    "resources/**/*",
    "packaging/*.py",
    "packaging/*.spec",
    "bench/floor_window.py",
    "pyproject.toml",
)
# In those folders, but not part of the bundle: packaging it as a .deb leaves the bundle as it is.
NOT_INPUTS = frozenset({"packaging/build_deb.py"})
VERSIONED_TOOLS = (
    "pyinstaller",
    "pyinstaller-hooks-contrib",
    "PySide6-Essentials",
    "pydantic",
    "PyYAML",
    "platformdirs",
)
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


@dataclass(frozen=True)
class Target:
    """One spec and the files it leaves in dist/."""

    key: str
    spec: str
    folder: str  # the one-folder bundle, dist/<folder>/
    executables: tuple[str, ...]  # inside the folder
    onefiles: tuple[str, ...]  # dist/<name> one-file executables

    @property
    def stamp(self) -> Path:
        return DIST / f".{self.key}-build.json"

    def outputs(self, dist: Path = DIST) -> list[Path]:
        return [dist / self.folder, *(dist / name for name in self.onefiles)]


def _app_version() -> str:
    sys.path.insert(0, str(opt.REPO))
    from core import __version__

    return __version__


def _onefiles(*names: str) -> tuple[str, ...]:
    # macOS ships the window as a .app bundle only, no one-file window.
    shipped = [name for name in names if not (sys.platform == "darwin" and name == opt.GUI_NAME)]
    return tuple(opt.onefile_name(name, _app_version()) + EXE_SUFFIX for name in shipped)


TARGETS = {
    "app": Target(
        key="app",
        spec="imagecost.spec",
        folder=opt.GUI_NAME,
        executables=(opt.GUI_NAME + EXE_SUFFIX, opt.CLI_NAME + EXE_SUFFIX),
        onefiles=_onefiles(opt.GUI_NAME, opt.CLI_NAME),
    ),
    "bare": Target(
        key="bare",
        spec="bare_window.spec",
        folder=opt.BARE_NAME,
        executables=(opt.BARE_NAME + EXE_SUFFIX,),
        onefiles=_onefiles(opt.BARE_NAME),
    ),
}


def fingerprint(target: Target) -> str:
    """A digest of every input file and tool version that shapes ``target``'s bundle."""
    digest = hashlib.sha256(target.key.encode())
    files = sorted({path for pattern in INPUT_GLOBS for path in opt.REPO.glob(pattern) if path.is_file()})
    for path in files:
        if "__pycache__" in path.parts or path.relative_to(opt.REPO).as_posix() in NOT_INPUTS:
            continue
        digest.update(path.relative_to(opt.REPO).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(sys.version.encode())
    for tool in VERSIONED_TOOLS:
        digest.update(f"{tool}={metadata.version(tool)}".encode())
    return digest.hexdigest()


def is_fresh(target: Target) -> bool:
    """Whether dist/ holds a complete build of ``target`` from the current inputs."""
    try:
        stamp = json.loads(target.stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("fingerprint") == fingerprint(target) and all(path.exists() for path in target.outputs())


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Hold a lock file so two builds in this checkout (say, make package and the test) never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: CI runs one build at a time anyway
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def bundle_problems(target: Target, dist: Path = DIST) -> list[str]:
    """What a finished build of ``target`` lacks, one sentence each; empty when it is complete.

    On Linux that is each library Qt's xcb platform plugin needs that the bundle
    must carry (freeze_options.BUNDLED_XCB_LIBRARIES). PyInstaller only warns
    when it cannot find one on the build machine, and the build then falls back
    on the user's system at run time, where Qt aborts if it is missing too.
    """
    problems = [f"the build left out {path}" for path in target.outputs(dist) if not path.exists()]
    runtime = dist / target.folder / "_internal"
    if sys.platform.startswith("linux") and runtime.is_dir():
        for name, package in opt.missing_xcb_libraries(runtime).items():
            problems.append(
                f"{runtime} lacks {name}, which Qt's xcb platform plugin needs to start on X11: "
                f"PyInstaller did not find it on this machine. Install the Debian package {package} "
                f"(sudo apt-get install {package}; on other distributions, the package that provides {name}) "
                f"and build again"
            )
    return problems


def build(target: Target, *, force: bool = False) -> list[Path]:
    """Build ``target`` into dist/ unless a fresh build is there; return its outputs."""
    with _exclusive(BUILD / ".lock"):
        if not force and is_fresh(target):
            return target.outputs()
        target.stamp.unlink(missing_ok=True)
        for path in target.outputs():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        command = [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / target.key),
            str(opt.PACKAGING / target.spec),
        ]
        # PyInstaller's cache of stripped libraries is per user by default and keyed by
        # file name: a concurrent build from another checkout (say, another PySide6)
        # can slip its libraries into this bundle. Each checkout keeps its own.
        env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(BUILD / "pyinstaller-cache")}
        inputs = fingerprint(target)  # before the build: a file edited during it calls for another
        subprocess.run(command, check=True, cwd=opt.REPO, env=env)
        problems = bundle_problems(target)
        if problems:
            raise SystemExit("".join(f"error: {problem}\n" for problem in problems).rstrip("\n"))
        target.stamp.write_text(json.dumps({"fingerprint": inputs}) + "\n", encoding="utf-8")
        return target.outputs()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the frozen app into dist/ unless it is up to date.")
    parser.add_argument("target", nargs="?", choices=sorted(TARGETS), default="app")
    parser.add_argument("--force", action="store_true", help="rebuild even if dist/ is up to date")
    args = parser.parse_args(argv)
    target = TARGETS[args.target]
    fresh = not args.force and is_fresh(target)
    for path in build(target, force=args.force):
        print(path)
    if fresh:
        print(f"(up to date: reused the {target.key} build in dist/; --force rebuilds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
