"""Frozen executables' size and start-up, each against a bare PySide6 window frozen the same way.

Both builds come from the packaging helper (packaging/build.py), which freezes
imagecost.spec and bare_window.spec with the same PyInstaller options and
reuses a build in dist/ whose inputs have not changed: the one-file executables
(which unpack their bundle to a temporary folder at every start) and the
one-folder bundles (what the .deb installs). A full run builds whatever is stale
(minutes); a quick run never builds and says so instead. Start-up is timed like
the source start-up: spawn to first paint, reported by gui.startup_probe, which
both frozen programs carry.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from bench.figures import Figure, Goal, unavailable
from bench.processes import REPO, child_env, time_to_first_paint
from bench.stats import Spread, interleave, paired_ratios

PACKAGING = REPO / "packaging"
BUILD_SCRIPT = PACKAGING / "build.py"
BARE_SPEC = PACKAGING / "bare_window.spec"
KEYS = ("onefile_ratio", "frozen_startup_ratio", "folder_ratio", "frozen_folder_startup_ratio")
FROZEN_STARTUP_GOAL = Goal("<=", 1.15)


def _unavailable(reason: str) -> list[Figure]:
    return [unavailable(key, "x floor", None, reason) for key in KEYS]


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("imagecost_packaging_build", BUILD_SCRIPT)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {BUILD_SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _onefile(build: ModuleType, key: str) -> Path:
    target = build.TARGETS[key]
    return Path(build.DIST, target.onefiles[0])


def _folder_executable(build: ModuleType, key: str) -> Path:
    target = build.TARGETS[key]
    return Path(build.DIST, target.folder, target.executables[0])


def _size_mb(path: Path) -> float:
    """A file's size, or a folder's (every file in it), in MB."""
    files = [path] if path.is_file() else [item for item in path.rglob("*") if item.is_file() and not item.is_symlink()]
    return sum(item.stat().st_size for item in files) / 1e6


def _size_figure(key: str, app: Path, bare: Path, note: str) -> Figure:
    app_mb, bare_mb = _size_mb(app), _size_mb(bare)
    return Figure(
        key,
        "x floor",
        Spread.of([app_mb / bare_mb]),
        app=Spread.of([app_mb]),
        floor=Spread.of([bare_mb]),
        measure_unit="MB",
        note=note,
    )


def _startup_figure(key: str, app: Path, bare: Path, work: Path, rounds: int, goal: Goal | None, note: str) -> Figure:
    env = child_env(work / "home")
    sides = {
        "app": lambda: time_to_first_paint([str(app)], env).ms,
        "floor": lambda: time_to_first_paint([str(bare)], env).ms,
    }
    try:
        interleave(1, sides)
    except RuntimeError as exc:  # e.g. a frozen program built without the start-up probe
        reason = f"no first-paint report from a frozen program ({str(exc).splitlines()[0]})"
        return unavailable(key, "x floor", goal, reason)
    times = interleave(rounds, sides)
    return Figure(
        key,
        "x floor",
        Spread.of(paired_ratios(times["app"], times["floor"])),
        goal,
        app=Spread.of(times["app"]),
        floor=Spread.of(times["floor"]),
        measure_unit="ms",
        note=note,
    )


def frozen_figures(work: Path, rounds: int, *, quick: bool) -> list[Figure]:
    if not BUILD_SCRIPT.exists() or not BARE_SPEC.exists():
        return _unavailable("packaging not landed")
    build = _build_module()
    targets = [build.TARGETS["app"], build.TARGETS["bare"]]
    if quick:
        if not all(build.is_fresh(target) for target in targets):
            return _unavailable("no fresh build in dist/ (a quick run never builds; run make package)")
    else:
        for target in targets:
            if not build.is_fresh(target):
                print(f"... building the frozen {target.key} with PyInstaller (a minute or more)", file=sys.stderr)
            build.build(target)
    app_exe, bare_exe = _onefile(build, "app"), _onefile(build, "bare")
    app_folder, bare_folder = _folder_executable(build, "app"), _folder_executable(build, "bare")
    return [
        _size_figure("onefile_ratio", app_exe, bare_exe, f"{app_exe.name} against {bare_exe.name}"),
        _startup_figure(
            "frozen_startup_ratio",
            app_exe,
            bare_exe,
            work,
            rounds,
            FROZEN_STARTUP_GOAL,
            "one-file executables: each start unpacks the bundle to a temporary folder first",
        ),
        _size_figure(
            "folder_ratio",
            app_folder.parent,
            bare_folder.parent,
            f"dist/{app_folder.parent.name}/ (imagecost and imagecost-cli sharing one _internal/) "
            f"against dist/{bare_folder.parent.name}/",
        ),
        _startup_figure(
            "frozen_folder_startup_ratio",
            app_folder,
            bare_folder,
            work,
            rounds,
            None,
            "one-folder bundles (what the .deb installs): nothing to unpack",
        ),
    ]
