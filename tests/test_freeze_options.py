"""Which files the lean bundle keeps, on the three platforms' PySide6 layouts.

Linux and macOS wheels keep Qt under PySide6/Qt/, Windows wheels under PySide6/;
macOS ships Qt libraries as frameworks. Only Linux is built here, so the other
layouts are pinned by path.
"""

from __future__ import annotations

import pytest

from tests.packaging_scripts import load_packaging_script

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
