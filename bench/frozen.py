"""One-file executable size and start-up against a bare PySide6 window frozen the same way.

Both executables come from the packaging helper (packaging/build.py), which
freezes imagecost.spec and bare_window.spec with the same PyInstaller options
and reuses a build in dist/ whose inputs have not changed. A full run builds
whatever is stale (minutes); a quick run never builds and says so instead.
Start-up is timed like the source start-up: spawn to first paint, reported by
gui.startup_probe, which both frozen programs carry.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from bench.figures import Figure, unavailable
from bench.processes import REPO, child_env, time_to_first_paint
from bench.stats import Spread, interleave, paired_ratios

PACKAGING = REPO / "packaging"
BUILD_SCRIPT = PACKAGING / "build.py"
BARE_SPEC = PACKAGING / "bare_window.spec"
KEYS = ("onefile_ratio", "frozen_startup_ratio")


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
    app_mb, bare_mb = app_exe.stat().st_size / 1e6, bare_exe.stat().st_size / 1e6
    size = Figure(
        "onefile_ratio",
        "x floor",
        Spread.of([app_mb / bare_mb]),
        app=Spread.of([app_mb]),
        floor=Spread.of([bare_mb]),
        measure_unit="MB",
        note=f"{app_exe.name} against {bare_exe.name}",
    )
    env = child_env(work / "home")
    sides = {
        "app": lambda: time_to_first_paint([str(app_exe)], env).ms,
        "floor": lambda: time_to_first_paint([str(bare_exe)], env).ms,
    }
    try:
        interleave(1, sides)
    except RuntimeError as exc:  # e.g. a frozen program built without the start-up probe
        reason = f"no first-paint report from a frozen program ({str(exc).splitlines()[0]})"
        return [size, unavailable("frozen_startup_ratio", "x floor", None, reason)]
    times = interleave(rounds, sides)
    startup = Figure(
        "frozen_startup_ratio",
        "x floor",
        Spread.of(paired_ratios(times["app"], times["floor"])),
        app=Spread.of(times["app"]),
        floor=Spread.of(times["floor"]),
        measure_unit="ms",
        note="one-file executables: each start unpacks the bundle to a temporary folder first",
    )
    return [size, startup]
