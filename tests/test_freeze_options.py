"""Which files the lean bundle keeps, on the three platforms' PySide6 layouts.

Linux and macOS wheels keep Qt under PySide6/Qt/, Windows wheels under PySide6/;
macOS ships Qt libraries as frameworks. Only Linux is built here, so the other
layouts are pinned by path.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import PySide6
import pytest

from tests.packaging_scripts import load_packaging_script, require_tool

freeze_options = load_packaging_script("freeze_options")

KEPT = [
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "libQt6Gui.so.6",  # PyInstaller's symlink at the top of the bundle
    "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
    "PySide6\\Qt6Gui.dll",
    "PySide6/Qt/lib/libQt6OpenGL.so.6",  # the Wayland EGL client integration links it
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6\\plugins\\imageformats\\qsvg.dll",
    "PySide6/Qt/plugins/styles/libqmacstyle.dylib",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "pricing/openai-gpt-image.yaml",
    "resources/icons/imagecost-256.png",
    "libpython3.11.so.1.0",
]
DROPPED = [
    "PySide6/Qt/lib/libQt6Network.so.6",
    "libQt6Network.so.6",
    "PySide6\\Qt6Network.dll",
    "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork",
    "PySide6/Qt/lib/libQt6QuickWidgets.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6\\translations\\qtbase_de.qm",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6\\plugins\\imageformats\\qpdf.dll",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-server/libqt-wayland-compositor-wayland-egl.so",
]


@pytest.mark.parametrize("dest", KEPT)
def test_keeps_what_the_app_needs(dest: str) -> None:
    assert freeze_options.keep(dest)


@pytest.mark.parametrize("dest", DROPPED)
def test_drops_what_the_app_never_uses(dest: str) -> None:
    assert not freeze_options.keep(dest)


def test_onefile_names_carry_version_and_platform() -> None:
    name = freeze_options.onefile_name("imagecost", "1.2.3")
    assert name == f"imagecost-1.2.3-{freeze_options.platform_tag()}"
    system, _, machine = freeze_options.platform_tag().partition("-")
    assert system in {"linux", "windows", "macos"} and machine


build = load_packaging_script("build")
QT = Path(PySide6.__file__).resolve().parent / "Qt"
XCB_PLUGIN_LIBRARIES = (QT / "plugins" / "platforms" / "libqxcb.so", QT / "lib" / "libQt6XcbQpa.so.6")


@pytest.mark.packaging  # Linux wheel layout; objdump (binutils) reads the ELF files
def test_bundled_xcb_list_is_what_qts_xcb_plugin_links_beyond_libxcb_itself() -> None:
    """A PySide6 upgrade that links one more xcb library fails here until it is added to the list."""
    require_tool("objdump", "binutils")
    needed = {name for path in XCB_PLUGIN_LIBRARIES for name in freeze_options.needed_libraries(str(path))}
    xcb_family = {name for name in needed if name.startswith(("libxcb", "libxkbcommon"))}
    assert xcb_family - {"libxcb.so.1"} == set(freeze_options.BUNDLED_XCB_LIBRARIES)
    # What is left to the system is really linked, and never also bundled.
    assert {"libX11.so.6", "libX11-xcb.so.1", "libxcb.so.1", "libGL.so.1"} <= needed
    assert not set(freeze_options.SYSTEM_LIBRARIES) & set(freeze_options.BUNDLED_XCB_LIBRARIES)


@pytest.mark.parametrize("name", ["libX11.so.6", "libfontconfig.so.1", "libdbus-1.so.3", "libstdc++.so.6"])
def test_system_libraries_are_left_out_of_the_bundle(name: str) -> None:
    assert not freeze_options.keep(name)
    assert freeze_options.keep("libxcb-cursor.so.0")


def fake_linux_build(dist: Path, *, without: str | None = None) -> None:
    target = build.TARGETS["app"]
    runtime = dist / target.folder / "_internal"
    runtime.mkdir(parents=True)
    for name in target.onefiles:
        (dist / name).write_bytes(b"")
    for name in freeze_options.BUNDLED_XCB_LIBRARIES:
        if name != without:
            (runtime / name).write_bytes(b"\x7fELF")


def test_a_linux_build_without_xcb_cursor_fails_naming_the_library_and_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    fake_linux_build(tmp_path, without="libxcb-cursor.so.0")
    [problem] = build.bundle_problems(build.TARGETS["app"], tmp_path)
    assert "libxcb-cursor.so.0" in problem and "Debian package libxcb-cursor0" in problem
    assert "apt-get install libxcb-cursor0" in problem


def test_a_complete_linux_build_has_no_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    fake_linux_build(tmp_path)
    assert build.bundle_problems(build.TARGETS["app"], tmp_path) == []


# PySide6's macOS wheels, by version: the platform tag on PyPI (pip download PySide6-Essentials==V
# --no-deps --only-binary=:all: --platform macosx_13_0_universal2 shows the file name).
MACOS_WHEEL_TAGS = {
    "6.9.3": "cp39-abi3-macosx_12_0_universal2",
    "6.11.3": "cp310-abi3-macosx_13_0_universal2",
}


def test_macos_minimum_comes_from_the_wheel_tag() -> None:
    assert freeze_options.macos_minimum_from_tags(["cp310-abi3-macosx_13_0_universal2"]) == "13.0"
    assert freeze_options.macos_minimum_from_tags(["cp39-abi3-macosx_12_0_x86_64", "cp39-abi3-macosx_11_0_arm64"]) == (
        "12.0"
    )
    assert freeze_options.macos_minimum_from_tags(["cp310-abi3-manylinux_2_34_x86_64"]) is None


def test_macos_fallback_matches_the_installed_pyside6s_macos_wheel() -> None:
    """Off macOS the spec cannot read the macOS wheel; the fallback must name what the installed version needs."""
    installed = metadata.version("PySide6-Essentials")
    assert installed in MACOS_WHEEL_TAGS, f"look up PySide6-Essentials {installed}'s macOS wheel tag (see above)"
    expected = freeze_options.macos_minimum_from_tags([MACOS_WHEEL_TAGS[installed]])
    assert expected == freeze_options.MACOS_MINIMUM_FALLBACK
    if sys.platform != "darwin":
        assert freeze_options.macos_minimum_version() == expected
