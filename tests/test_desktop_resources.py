"""The icon, the desktop entry and the scenario file type agree with each other and with the app.

A desktop ties them together by name only (Icon=, MimeType=, the window's
desktop file name, the first line the app writes), so a rename in one place
silently breaks the double-click. These tests pin the names to each other.
"""

from __future__ import annotations

import configparser
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage, QImageReader
from pytestqt.qtbot import QtBot

from core import __version__
from core.storage import scenario_file
from gui.desktop.identity import DESKTOP_FILE_NAME, apply_identity
from gui.window.main_window import APP_TITLE
from tests.conftest import EXAMPLES, REPO
from tests.packaging_scripts import load_packaging_script, require_tool

RESOURCES = REPO / "resources"
ICONS = RESOURCES / "icons"
APP_ID = "io.github.imagecost.ImageCostCalculator"
DESKTOP = RESOURCES / "linux" / f"{APP_ID}.desktop"
MIME = RESOURCES / "linux" / "imagecost-scenario.xml"
METAINFO = RESOURCES / "linux" / f"{APP_ID}.metainfo.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


render_icons = load_packaging_script("render_icons")
freeze_options = load_packaging_script("freeze_options")


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_type() -> ET.Element:
    types = ET.parse(MIME).getroot().findall("m:mime-type", MIME_NS)
    assert len(types) == 1
    return types[0]


def test_desktop_entry_starts_the_app_with_the_file_and_names_the_scenario_type() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "imagecost %f"  # install-desktop.sh points it at the installed executable
    assert entry["Icon"] == "imagecost"
    assert entry["Terminal"] == "false"
    assert mime_type().get("type") in entry["MimeType"].rstrip(";").split(";")


def test_windows_belong_to_the_installed_desktop_entry() -> None:
    # Wayland and KDE match windows by the desktop file name; X11 desktops by
    # WM_CLASS, whose class Qt takes from the application name.
    assert DESKTOP.stem == DESKTOP_FILE_NAME
    assert desktop_entry()["StartupWMClass"] == APP_TITLE


def test_one_app_id_names_the_desktop_entry_the_metainfo_and_the_macos_bundle() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID == freeze_options.BUNDLE_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert component.findtext("project_license") == "MIT"
    assert component.findtext("metadata_license") in {"CC0-1.0", "FSFAP"}
    assert component.findtext("name") == desktop_entry()["Name"]
    assert component.findtext("icon[@type='stock']") == desktop_entry()["Icon"]
    provides = component.find("provides")
    assert provides is not None
    assert {binary.text for binary in provides.findall("binary")} == {"imagecost", "imagecost-cli"}
    assert [media.text for media in provides.findall("mediatype")] == [mime_type().get("type")]


def test_metainfo_lists_the_current_version_as_its_newest_release() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == __version__  # newest first, as AppStream wants


@pytest.mark.packaging
def test_appstream_accepts_the_metainfo() -> None:
    appstreamcli = require_tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", "--no-color", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Errors (E:) and warnings (W:) fail; infos and pedantic notes (the id's capitals, from the bundle id) pass.
    assert not [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))], result.stdout


@pytest.mark.packaging
def test_desktop_file_validate_accepts_the_entry() -> None:
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_scenario_type_is_yaml_recognised_by_name_and_by_the_line_the_app_writes() -> None:
    element = mime_type()
    parents = {parent.get("type") for parent in element.findall("m:sub-class-of", MIME_NS)}
    assert {"application/yaml", "application/x-yaml"} <= parents
    globs = {glob.get("pattern") for glob in element.findall("m:glob", MIME_NS)}
    assert "*.imagecost.yaml" in globs
    magic = element.find("m:magic/m:match", MIME_NS)
    assert magic is not None and magic.get("offset") == "0"
    written = scenario_file.dumps(scenario_file.load(EXAMPLES / "example.yaml"))
    assert written.startswith(magic.get("value", "<none>"))


@pytest.mark.parametrize("size", render_icons.PNG_SIZES)
def test_every_png_size_is_a_square_of_that_size(size: int) -> None:
    image = QImage(str(ICONS / render_icons.png_name(size)))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_pngs_are_rendered_from_the_current_svg(qapp: QGuiApplication) -> None:
    """Catches an edited SVG whose PNGs were not re-rendered (make icons)."""
    size = 64
    fresh = QImage.fromData(render_icons.render_png(render_icons.SVG, size), "PNG")
    committed = QImage(str(ICONS / render_icons.png_name(size)))
    assert fresh.size() == committed.size()
    fresh = fresh.convertToFormat(QImage.Format.Format_RGBA8888)
    committed = committed.convertToFormat(QImage.Format.Format_RGBA8888)
    a, b = bytes(fresh.constBits()), bytes(committed.constBits())  # type: ignore[call-overload]
    mean_difference = sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)
    assert mean_difference < 2  # room for antialiasing differences between Qt versions


def frames(path: Path) -> list[tuple[int, int]]:
    reader = QImageReader(str(path))
    sizes = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append((image.width(), image.height()))
    return sizes


def test_windows_icon_holds_every_size_up_to_256(qapp: QGuiApplication) -> None:
    assert frames(ICONS / "imagecost.ico") == [(size, size) for size in render_icons.ICO_SIZES]


def test_macos_icon_holds_every_size_up_to_retina_512(qapp: QGuiApplication) -> None:
    sizes = {width for width, _height in frames(ICONS / "imagecost.icns")}
    assert sizes == set(render_icons.ICNS_TYPES.values())


def test_app_carries_its_icon_in_every_size(qtbot: QtBot, qapp: QGuiApplication) -> None:
    apply_identity()
    available = {size.width() for size in QGuiApplication.windowIcon().availableSizes()}
    assert available == set(render_icons.PNG_SIZES)
    assert QGuiApplication.windowIcon().pixmap(48, 48).size().width() == 48  # the files really load
    assert QGuiApplication.desktopFileName() == DESKTOP_FILE_NAME


@pytest.mark.packaging
def test_install_desktop_registers_the_app_for_scenario_files_and_uninstalls(tmp_path: Path) -> None:
    folder = tmp_path / "my apps"  # a space, as in many real paths
    folder.mkdir()
    executable = folder / "imagecost"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = str(REPO / "packaging" / "install-desktop.sh")

    old_entry = data / "applications" / "imagecost.desktop"  # the name before the entry took the app id
    old_entry.parent.mkdir(parents=True)
    old_entry.write_text("[Desktop Entry]\n")

    subprocess.run(["sh", script, str(executable)], env=env, check=True, capture_output=True)

    assert not old_entry.exists()  # else the menu would list the app twice
    installed = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{executable}" %f' in installed.splitlines()
    assert f"TryExec={executable}" in installed.splitlines()
    assert (data / "mime" / "packages" / "imagecost-scenario.xml").read_bytes() == MIME.read_bytes()
    for size in render_icons.PNG_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "imagecost.png").is_file()

    # What xdg-mime default writes at install (where xdg-utils is installed), beside another app's line.
    mimeapps = tmp_path / ".config" / "mimeapps.list"
    mimeapps.parent.mkdir(exist_ok=True)
    env["XDG_CONFIG_HOME"] = str(mimeapps.parent)
    mimeapps.write_text(
        f"[Default Applications]\napplication/x-imagecost-scenario={APP_ID}.desktop\ntext/plain=gedit.desktop\n"
    )

    subprocess.run(["sh", script, "--uninstall"], env=env, check=True, capture_output=True)

    assert not (data / "applications" / f"{APP_ID}.desktop").exists()
    assert not list((data / "icons").rglob("imagecost.*"))
    assert mimeapps.read_text() == "[Default Applications]\ntext/plain=gedit.desktop\n"


@pytest.mark.packaging
def test_install_desktop_refuses_a_missing_executable(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share")}
    script = str(REPO / "packaging" / "install-desktop.sh")
    result = subprocess.run(
        ["sh", script, str(tmp_path / "nothing-here")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert not (tmp_path / "share" / "applications").exists()
