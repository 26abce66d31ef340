"""PyInstaller options shared by imagecost.spec and bare_window.spec.

The two specs freeze with exactly these settings, so the bare PySide6 window
is a like-for-like baseline for the app's bundle size and start-up time.
Kept free of PyInstaller imports: the build script and the tests read the
names and paths here too.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Any

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


def _linked(entries: list[tuple[str, str, str]], roots: list[tuple[str, str, str]]) -> set[str]:
    """Bundle paths of the libraries that ``roots`` load, directly or through each other.

    From a plugin in SYSTEM_LINKED_PLUGINS only the Qt libraries are followed.
    """
    from PyInstaller.depend import bindepend

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
        for name, _path in bindepend.get_imports(src):
            library = PurePosixPath(name).name
            if not qt_only or library.startswith("libQt6"):
                stack.extend(by_name.get(library, []))
    return seen


def slim(analysis: Any) -> None:
    """Drop what a lean bundle does without from a PyInstaller Analysis, in place.

    First the unwanted Qt files (see ``keep``). Then, on Linux, every library
    that nothing kept links to any more: PyInstaller resolved the libraries of
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
