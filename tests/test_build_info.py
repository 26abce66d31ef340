"""``--version --verbose`` says what the app runs with: the bundle's record when frozen, else what is installed.

The frozen side (a real build-info.json in a real bundle) is checked in
test_packaging.py; here the record is faked by pointing ``sys._MEIPASS`` at a
folder, as PyInstaller's bootloader does.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

from core import __version__, build_info
from gui import app, cli

RECORD = {
    "app_version": "9.9.9",
    "python": "3.11.99",
    "versions": {
        "PySide6": "6.11.3",
        "pydantic": "2.14.4",
        "PyYAML": "6.0.4",
        "platformdirs": "4.0",
        "PyInstaller": "6.22.3",
    },
    "frozen": True,
    "build_date": "2026-12-01T09:00:00Z",
    "git_commit": "0123456789abcdef0123456789abcdef01234567",
    "git_dirty": False,
}


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A process that looks frozen, with its bundle in tmp_path (write build-info.json there)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    return tmp_path


def test_source_install_reports_the_installed_versions() -> None:
    info = build_info.current()
    assert not info.frozen and info.build_date is None
    assert info.app_version == __version__
    assert info.python == platform.python_version()
    assert info.versions["PySide6"] == metadata.version("PySide6-Essentials")
    assert info.versions["pydantic"] == metadata.version("pydantic")
    assert info.versions["PyYAML"] == metadata.version("PyYAML")
    assert info.versions["platformdirs"] == metadata.version("platformdirs")


def test_frozen_app_reports_the_bundles_record_not_the_environment(frozen: Path) -> None:
    (frozen / build_info.FILE_NAME).write_text(json.dumps(RECORD), encoding="utf-8")
    info = build_info.current()
    assert info.to_json() == RECORD
    text = info.text("imagecost")
    assert text.splitlines() == [
        "imagecost 9.9.9",
        "build: frozen build of 2026-12-01T09:00:00Z",
        "commit: 0123456789abcdef0123456789abcdef01234567",
        "Python: 3.11.99",
        "PySide6: 6.11.3",
        "pydantic: 2.14.4",
        "PyYAML: 6.0.4",
        "platformdirs: 4.0",
        "PyInstaller: 6.22.3",
    ]


@pytest.mark.parametrize("content", ["", "[]", '{"python": "3.11"}', '{"app_version": "1", "python": 3}'])
def test_a_frozen_app_with_a_missing_or_broken_record_still_answers(frozen: Path, content: str) -> None:
    if content:
        (frozen / build_info.FILE_NAME).write_text(content, encoding="utf-8")
    info = build_info.current()
    assert info.frozen and info.app_version == __version__
    assert info.versions == {}  # a bundle carries no package metadata to fall back on
    assert "frozen build of an unknown date" in info.text("imagecost")


def test_record_round_trips_and_notes_uncommitted_changes() -> None:
    info = build_info.for_build(build_date="2026-01-02T03:04:05Z", git_commit="abc", git_dirty=True)
    again = build_info.BuildInfo.from_json(json.loads(json.dumps(info.to_json())))
    assert again == info and again.frozen
    assert "commit: abc (with uncommitted changes)" in again.text("imagecost")


@pytest.mark.parametrize("argv", [["--version", "--verbose"], ["--verbose", "--version"]])
def test_cli_version_verbose_prints_the_build_info(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 0
    assert capsys.readouterr().out == build_info.current().text("imagecost-cli")


def test_window_version_verbose_prints_the_frozen_record(frozen: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (frozen / build_info.FILE_NAME).write_text(json.dumps(RECORD), encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        app.build_parser().parse_args(["--version", "--verbose"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("imagecost 9.9.9\nbuild: frozen build of 2026-12-01T09:00:00Z\n")


@pytest.mark.parametrize(("parser", "prog"), [(app.build_parser, "imagecost"), (cli.build_parser, "imagecost-cli")])
def test_plain_version_stays_one_line(
    parser: Callable[[], argparse.ArgumentParser], prog: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(["--version"])
    assert capsys.readouterr().out == f"{prog} {__version__}\n"


def test_verbose_alone_does_not_stop_the_window_from_starting() -> None:
    args = app.build_parser().parse_args(["--verbose", "plan.yaml"])
    assert args.verbose and args.file == Path("plan.yaml")
