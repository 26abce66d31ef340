"""PyInstaller options shared by imagecost.spec and bare_window.spec.

The two specs freeze with exactly these settings, so the bare PySide6 window
is a like-for-like baseline for the app's bundle size and start-up time.
Kept free of PyInstaller imports: the build script and the tests read the
names and paths here too.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from gui.preflight import SYSTEM_LIBRARIES as _KNOWN_LIBRARIES

#: soname -> Debian package, from the one table the app's own start-up check uses.
DEBIAN_PACKAGES: dict[str, str] = {name: packages[0] for name, packages in _KNOWN_LIBRARIES.items()}

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
ICONS = REPO / "resources" / "icons"
HOOKS = PACKAGING / "hooks"

APP_NAME = "Image Cost Calculator"
BUNDLE_ID = "io.github.imagecost.ImageCostCalculator"
GUI_NAME = "imagecost"
CLI_NAME = "imagecost-cli"
BARE_NAME = "bare-window"

# Python modules the app never imports. PyInstaller only follows real imports,
# so these guard against optional imports inside libraries (PySide6's own
# helpers, pydantic's plugins) dragging in whole toolkits.
EXCLUDED_MODULES = [
    # Development tools that optional imports in libraries could pull in
    # (hooks/hook-pydantic.py already leaves out the pydantic modules that do).
    "mypy",
    "hypothesis",
    "pygments",
    "markdown_it",
    "rich",
    "pytest",
    "_pytest",
    # No network access: Python's OpenSSL bindings alone weigh about 6 MB.
    # Every stdlib import of these is guarded, so hashlib falls back to its
    # built-in hashes. Remove them here if the app ever goes online.
    "ssl",
    "_ssl",
    "_hashlib",
    # Never imported by the app: only typing_extensions' deprecated() on a coroutine function
    # reaches asyncio, and asyncio brings concurrent.futures and multiprocessing, whose
    # PyInstaller runtime hooks would import multiprocessing and pkgutil at every start
    # (the bare window's bundle has neither; bench/README.md, frozen_startup_ratio).
    "asyncio",
    "concurrent",
    "multiprocessing",
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "pdb",
    "lib2to3",
    "setuptools",
    "pkg_resources",
    "pip",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtCharts",
    "PySide6.QtStateMachine",
]

# Qt plugins the app needs: folder under Qt's plugins/ -> plugin names kept
# there (None keeps the whole folder). Everything else the PySide6 hooks collect
# is dropped. platforms: the windowing systems of the three desktops, plus
# offscreen/minimal for headless runs (tests, --smoke-test on CI);
# platformthemes: native file dialogs through the XDG portal on Linux (the GTK3
# theme would drag in half of GTK, and mixing a bundled GTK stack with the
# system's breaks); imageformats/iconengines: SVG and ICO icons (PNG is built
# in); printsupport: CUPS printers; styles: native Windows/macOS widgets;
# input contexts: dead keys and IBus input methods; Wayland: the client
# decorations, the standard xdg shell and the EGL buffer integration.
KEPT_QT_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"},
    "platforms/darwin": None,
    "platformthemes": {"qxdgdesktopportal"},
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "imageformats": {"qsvg", "qico"},
    "iconengines": {"qsvgicon"},
    "printsupport": None,
    "styles": None,
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl"},
}
# Qt libraries that only unused modules or dropped plugins link to, by Qt
# module name: libQt6Network.so.6 (Linux), Qt6Network.dll (Windows),
# QtNetwork.framework/... (macOS). They are named here because PyInstaller
# resolves a plugin's libraries before the spec can drop the plugin.
DROPPED_QT_LIBRARIES = (
    "Network",
    "Qml",
    "Quick",
    "Pdf",
    "VirtualKeyboard",
    "WebSockets",
    "EglFs",
    "EglFS",
    "WlShellIntegration",
    "WaylandCompositor",
    "WaylandEgl",
    "OpenGLWidgets",
)
_DROPPED_LIBRARY = re.compile(r"(^|/)(lib)?Qt6?(" + "|".join(DROPPED_QT_LIBRARIES) + ")")


# Linux plugins whose non-Qt libraries come from the user's system rather than
# the bundle: Qt's CUPS printer plugin links the CUPS client and, with it, a
# TLS, Kerberos and Avahi stack (about 11 MB). The client must match the
# system's print server and configuration, and every desktop that prints has
# it. Without it Qt lists no printers; PDF export still works.
SYSTEM_LINKED_PLUGINS = ("/plugins/printsupport/",)

# Linux: the libraries Qt's xcb platform plugin (plugins/platforms/libqxcb.so and
# lib/libQt6XcbQpa.so.6) links that a desktop may well lack, by soname, with the
# Debian package that provides each. Qt 6.5+ will not start on X11 without
# libxcb-cursor, and the xcb-util family and the xcb extension libraries are
# often missing from Wayland-first installs and minimal ones. They are small
# (about 1 MB together), their ABI is stable and they only talk to the X server,
# so the bundle carries them; build.py fails the build when one is missing from
# it (PyInstaller only warns when it cannot find a library on the build machine).
BUNDLED_XCB_LIBRARIES: dict[str, str] = {
    name: DEBIAN_PACKAGES[name]
    for name in (
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-image.so.0",
        "libxcb-keysyms.so.1",
        "libxcb-render-util.so.0",
        "libxcb-util.so.1",
        "libxcb-randr.so.0",
        "libxcb-render.so.0",
        "libxcb-shape.so.0",
        "libxcb-shm.so.0",
        "libxcb-sync.so.1",
        "libxcb-xfixes.so.0",
        "libxcb-xkb.so.1",
        "libxkbcommon-x11.so.0",
        "libxkbcommon.so.0",
    )
}
# Linux: libraries the bundle leaves to the user's system although PyInstaller
# would collect them, by soname, with their Debian package. Every Linux desktop
# has them, and a copy from the (older) build machine does harm:
# - libX11 and its X protocol helpers belong with the system's libxcb.so.1, which
#   PyInstaller never bundles (nor libGL/libEGL/libdrm/libwayland-*, which must
#   match the system's graphics drivers, nor glibc).
# - fontconfig and freetype read the system's /etc/fonts: an older bundled
#   fontconfig warns about or ignores a newer configuration.
# - libdbus talks to the system's bus daemon.
# - libstdc++ and libgcc_s: the system's graphics drivers (Mesa links LLVM) need
#   the system's, newer, C++ runtime, and a bundled older one loaded first makes
#   them fail ("GLIBCXX_3.4.30 not found"). Builds run on the oldest supported
#   distribution, so the system's copy is never older than the build's.
SYSTEM_LIBRARIES: dict[str, str] = {
    name: DEBIAN_PACKAGES[name]
    for name in (
        "libX11.so.6",
        "libX11-xcb.so.1",
        "libXau.so.6",
        "libXdmcp.so.6",
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libdbus-1.so.3",
        "libstdc++.so.6",
        "libgcc_s.so.1",
    )
}


def missing_xcb_libraries(runtime: Path) -> dict[str, str]:
    """The BUNDLED_XCB_LIBRARIES absent from a Linux bundle's runtime folder, with their Debian packages."""
    return {name: package for name, package in BUNDLED_XCB_LIBRARIES.items() if not (runtime / name).is_file()}


def _qt_relative(dest: str) -> PurePosixPath | None:
    """The part of a bundle path below PySide6's Qt folder, or None if outside it."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if parts[:1] != ("PySide6",):
        return None
    rest = parts[1:]
    if rest[:1] == ("Qt",):  # Linux and macOS wheels keep Qt under PySide6/Qt/
        rest = rest[1:]
    return PurePosixPath(*rest) if rest else None


def _plugin_name(filename: str) -> str:
    """'libqxcb.so' -> 'qxcb', 'qwindows.dll' -> 'qwindows', 'libqcocoa.dylib' -> 'qcocoa'."""
    stem = filename.split(".", maxsplit=1)[0]
    return stem.removeprefix("lib")


def keep(dest: str) -> bool:
    """Whether a file headed for ``dest`` in the bundle belongs in a lean app."""
    path = dest.replace("\\", "/")
    if "/" not in path and path in SYSTEM_LIBRARIES:
        return False  # Linux: left to the user's system (see SYSTEM_LIBRARIES)
    if _DROPPED_LIBRARY.search(path):
        return False  # the library, its framework folder, or its symlink at the top of the bundle
    name = PurePosixPath(path).name
    rel = _qt_relative(dest)
    if rel is None:
        return True
    if rel.parts[0] == "translations":
        return False  # the app is in English and installs no QTranslator
    if rel.parts[0] == "plugins":
        folder = "/".join(rel.parts[1:-1])
        if folder not in KEPT_QT_PLUGINS:
            return False
        wanted = KEPT_QT_PLUGINS[folder]
        return wanted is None or _plugin_name(name) in wanted
    return True


def needed_libraries(path: str) -> list[str]:
    """The sonames an ELF file names as DT_NEEDED: exactly what the dynamic linker loads for it.

    Not PyInstaller's ``bindepend.get_imports``, which asks ldd and so also lists
    what those libraries need in turn, as found on the build machine: through a
    library left to the system (SYSTEM_LIBRARIES) that would keep its whole
    stack in the bundle. objdump comes with binutils, which PyInstaller needs on
    Linux anyway.
    """
    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return [line.split()[1] for line in result.stdout.splitlines() if line.split()[:1] == ["NEEDED"]]


def _linked(entries: list[tuple[str, str, str]], roots: list[tuple[str, str, str]]) -> set[str]:
    """Bundle paths of the libraries that ``roots`` load, directly or through each other.

    From a plugin in SYSTEM_LINKED_PLUGINS only the Qt libraries are followed.
    """
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in entries:
        by_name.setdefault(PurePosixPath(entry[0]).name, []).append(entry)
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        dest, src, _kind = stack.pop()
        if dest in seen:
            continue
        seen.add(dest)
        qt_only = any(folder in dest.replace("\\", "/") for folder in SYSTEM_LINKED_PLUGINS)
        for library in needed_libraries(src):
            if not qt_only or library.startswith("libQt6"):
                stack.extend(by_name.get(library, []))
    return seen


def slim(analysis: Any) -> None:
    """Drop what a lean bundle does without from a PyInstaller Analysis, in place.

    First the unwanted Qt files and, on Linux, the libraries left to the system
    (see ``keep`` and SYSTEM_LIBRARIES). Then, on Linux, every library that
    nothing kept links to any more (DT_NEEDED, followed through the bundle): PyInstaller resolved the libraries of
    the dropped plugins before the spec could drop them (the GTK3 theme alone
    brings cairo, pango, gdk-pixbuf, atk...). Roots are the Python extension
    modules, the kept Qt plugins and libpython; the printer plugin's CUPS stack
    is left to the system (SYSTEM_LINKED_PLUGINS). Windows and macOS keep the
    plugin trimming only: their system libraries are never bundled anyway.
    """
    binaries = [entry for entry in analysis.binaries if keep(entry[0])]
    if sys.platform.startswith("linux"):
        roots = [
            entry
            for entry in binaries
            if entry[2] == "EXTENSION" or "/plugins/" in entry[0] or entry[0].startswith("libpython")
        ]
        linked = _linked(binaries, roots)
        binaries = [entry for entry in binaries if entry[0] in linked]
    kept = {entry[0] for entry in binaries}
    analysis.binaries = binaries
    analysis.datas = [
        entry
        for entry in analysis.datas
        if keep(entry[0]) and (entry[2] != "SYMLINK" or entry[1].replace("\\", "/") in kept)
    ]


def platform_tag() -> str:
    """A release-asset suffix such as linux-x86_64, windows-amd64 or macos-arm64."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def onefile_name(name: str, version: str) -> str:
    """The one-file executable's name in dist/: versioned and tagged like a release asset."""
    return f"{name}-{version}-{platform_tag()}"


def icon() -> str | None:
    """The app icon in the format the platform's executables take (Linux executables take none)."""
    if sys.platform == "win32":
        return str(ICONS / "imagecost.ico")
    if sys.platform == "darwin":
        return str(ICONS / "imagecost.icns")
    return None


# EXE settings both specs use. No UPX: it slows start-up, trips virus
# scanners and breaks Qt plugins. Stripping symbols is safe on Linux only
# (it would invalidate macOS signatures; Windows has no strip).
EXE_OPTIONS: dict[str, object] = {
    "debug": False,
    "bootloader_ignore_signals": False,
    "strip": sys.platform.startswith("linux"),
    "upx": False,
    "runtime_tmpdir": None,
    "disable_windowed_traceback": False,
    "argv_emulation": False,
    "target_arch": None,
    "codesign_identity": None,
    "entitlements_file": None,
}


# The oldest macOS the app runs on is the oldest the PySide6 wheels run on: their
# platform tag says so (PySide6-Essentials 6.11.3 and shiboken6 6.11.3 ship
# macosx_13_0_universal2; 6.8 and 6.9 were still macosx_12_0). On macOS the spec
# reads it from the installed wheels (macos_minimum_version); this fallback is for
# other platforms, and tests/test_freeze_options.py pins it to the installed version.
MACOS_MINIMUM_FALLBACK = "13.0"
QT_DISTRIBUTIONS = ("PySide6-Essentials", "shiboken6")
_MACOS_TAG = re.compile(r"macosx_(\d+)_(\d+)_")


def macos_minimum_from_tags(tags: Iterable[str]) -> str | None:
    """The highest macOS version named by macosx_X_Y_* wheel tags, as 'X.Y' (None without such tags)."""
    versions = [(int(major), int(minor)) for tag in tags for major, minor in _MACOS_TAG.findall(tag)]
    if not versions:
        return None
    major, minor = max(versions)
    return f"{major}.{minor}"


def installed_wheel_tags(distribution: str) -> list[str]:
    """The ``Tag:`` lines of an installed distribution's WHEEL file (empty if it has none)."""
    try:
        text = metadata.distribution(distribution).read_text("WHEEL") or ""
    except metadata.PackageNotFoundError:
        return []
    return [line.partition(":")[2].strip() for line in text.splitlines() if line.startswith("Tag:")]


def macos_minimum_version() -> str:
    """LSMinimumSystemVersion: what the installed Qt wheels need on macOS, else MACOS_MINIMUM_FALLBACK."""
    tags = [tag for name in QT_DISTRIBUTIONS for tag in installed_wheel_tags(name)]
    return macos_minimum_from_tags(tags) or MACOS_MINIMUM_FALLBACK


def git_state(repo: Path = REPO) -> tuple[str | None, bool]:
    """The checkout's commit and whether it has uncommitted changes; (None, False) outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None, False
    return commit or None, bool(status.strip())


def build_date() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def write_build_info(dest: Path) -> Path:
    """Write build-info.json (core/build_info.py) for the bundle: the versions frozen, when, from which commit."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from core import build_info

    commit, dirty = git_state()
    info = build_info.for_build(build_date=build_date(), git_commit=commit, git_dirty=dirty)
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / build_info.FILE_NAME
    path.write_text(json.dumps(info.to_json(), indent=2) + "\n", encoding="utf-8")
    return path
