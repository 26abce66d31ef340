"""Checks made before Qt starts, so a broken install says what to do instead of aborting.

Two things go wrong on a person's machine before the app's own code can speak:

* **Another project's package under our name.** The import packages are
  ``core``, ``gui``, ``pricing`` and ``resources`` (the layout the project
  asked for). Installed beside another distribution that ships one of them,
  pip says nothing and the app runs the other project's code.
  :func:`foreign_packages` finds that from a marker each of our packages
  carries, and names both distributions.
* **Qt's X11 plugin without its system libraries.** On Debian, Ubuntu or
  Fedora without ``libxcb-cursor0`` and friends, Qt aborts (exit 134) with a
  hint that names the wrong package, and from a menu the app just never opens.
  :func:`missing_qt_libraries` asks the dynamic linker first (one ``dlopen``,
  nothing when all is well) and only on failure lists what is missing, which
  :func:`install_command` turns into the one command to run.

Standard library only, and no Qt: this runs before PySide6 is imported. What only
the X11 check or a failure needs (ctypes, subprocess) is imported there, not at
every start (`make bench`, startup_ratio).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

#: The distribution our import packages belong to (each package's ``DISTRIBUTION``).
DISTRIBUTION = "image-cost-calculator"
#: Our top-level import packages, each with ``DISTRIBUTION`` in its ``__init__``.
PACKAGES = ("core", "gui", "pricing", "resources")

#: What Qt's xcb platform plugin and the Qt libraries under it load from the system, by soname:
#: (Debian/Ubuntu package, Fedora package). The one table: packaging/freeze_options.py takes the
#: Debian names of what the frozen build bundles or leaves to the system from here. glibc, libxcb
#: itself and zlib are left out: a machine without them has no X session to open a window on.
SYSTEM_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libstdc++.so.6": ("libstdc++6", "libstdc++"),
    "libgcc_s.so.1": ("libgcc-s1", "libgcc"),
}


def foreign_packages() -> list[str]:
    """One line for each of our import packages that another distribution provides; empty when all are ours."""
    found = []
    folders = set()
    for name in PACKAGES:
        module = importlib.import_module(name)
        if getattr(module, "DISTRIBUTION", None) != DISTRIBUTION:
            where = Path(module.__file__ or name).parent
            found.append(
                f"the package '{name}' at {where} belongs to {_owners(name)}, not to {DISTRIBUTION}: "
                "install Image Cost Calculator with pipx or use the standalone build"
            )
        else:
            folders.add(Path(module.__file__ or name).resolve().parent.parent)
    if not found and len(folders) > 1:
        found.append(f"Image Cost Calculator's packages come from {len(folders)} places: {sorted(map(str, folders))}")
    return found


def _owners(name: str) -> str:
    """The distributions that install import package NAME (read only when something is wrong: it scans all)."""
    from importlib.metadata import packages_distributions

    others = sorted(set(packages_distributions().get(name, [])) - {DISTRIBUTION})
    return " and ".join(f"'{other}'" for other in others) or "another project"


def qt_platform_plugin() -> Path | None:
    """The xcb platform plugin Qt would load, found without importing Qt; None off Linux or without X11."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, minimal, wayland: not the X11 plugin
    if not platform and os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return None  # Qt picks its Wayland plugin in a Wayland session
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None:
        base = Path(frozen) / "PySide6" / "Qt"
    else:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
        if spec is None or not spec.submodule_search_locations:
            return None
        base = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    plugin = base / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_qt_libraries(plugin: Path | None = None) -> list[str]:
    """The sonames the xcb plugin needs and the system lacks, in the linker's order; empty when it loads."""
    plugin = plugin or qt_platform_plugin()
    if plugin is None:
        return []
    import ctypes

    try:
        ctypes.CDLL(str(plugin))  # what Qt is about to do anyway; cheap when it works
    except OSError as exc:
        reason = str(exc)
    else:
        return []
    missing = _not_found_by_ldd(plugin)
    if not missing:  # no ldd on this system: the linker's own message names the first one
        first = reason.split(":", 1)[0].strip()
        missing = [first] if first.endswith(tuple(f".so.{n}" for n in range(10))) else [reason]
    return missing


def _not_found_by_ldd(plugin: Path) -> list[str]:
    import subprocess

    try:
        result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    # ldd names a library once per library that needs it: each once, in the linker's order.
    return list(dict.fromkeys(line.split()[0] for line in result.stdout.splitlines() if "not found" in line))


def _distribution_family() -> str:
    """'debian', 'fedora' or '' from /etc/os-release (ID and ID_LIKE)."""
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    words: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            words.update(value.strip().strip('"').split())
    if words & {"debian", "ubuntu"}:
        return "debian"
    if words & {"fedora", "rhel", "centos"}:
        return "fedora"
    return ""


def install_command(missing: list[str], family: str | None = None) -> str:
    """The one command that installs MISSING, for this distribution (or FAMILY), or the list of libraries."""
    family = _distribution_family() if family is None else family
    index = {"debian": 0, "fedora": 1}.get(family)
    known = [SYSTEM_LIBRARIES[name] for name in missing if name in SYSTEM_LIBRARIES]
    if index is None or len(known) != len(missing):
        return "install the system packages that provide: " + ", ".join(missing)
    packages = " ".join(dict.fromkeys(pair[index] for pair in known))
    return f"sudo apt-get install {packages}" if family == "debian" else f"sudo dnf install {packages}"


def problems() -> list[str]:
    """Everything that stops the window from starting, one line each; empty when it can start."""
    found = foreign_packages()
    missing = missing_qt_libraries()
    if missing:
        found.append(
            f"the window needs system libraries that are missing ({', '.join(missing)}): {install_command(missing)}"
        )
    return found
