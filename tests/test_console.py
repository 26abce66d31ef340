"""The windowed Windows executable shows --help, --version and usage errors somewhere visible.

Windows cannot run here, so the platform and the two Win32 calls are stood in
for: ``sys.platform`` says win32, ``sys.stdout``/``sys.stderr`` are None as
Python leaves them in a ``console=False`` executable, and a fake records
AttachConsole and MessageBoxW.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field

import pytest

from core import __version__
from gui import app, console


@dataclass
class FakeWin32:
    """Stands in for kernel32.AttachConsole and user32.MessageBoxW."""

    has_parent_console: bool
    attached: int = 0
    boxes: list[tuple[str, str, int]] = field(default_factory=list)

    def attach_parent_console(self) -> bool:
        self.attached += 1
        return self.has_parent_console

    def message_box(self, text: str, title: str, flags: int) -> None:
        self.boxes.append((text, title, flags))


def windowed(monkeypatch: pytest.MonkeyPatch, *, parent_console: bool) -> tuple[FakeWin32, io.StringIO]:
    """A windowed Windows process; returns the fake Win32 and what the parent's console would show."""
    fake = FakeWin32(parent_console)
    screen = io.StringIO()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(console, "win32", fake)
    monkeypatch.setattr(console, "_open_console_stream", lambda: screen)
    return fake, screen


def test_started_from_a_terminal_version_goes_to_that_console(monkeypatch: pytest.MonkeyPatch) -> None:
    fake, screen = windowed(monkeypatch, parent_console=True)
    with pytest.raises(SystemExit) as exited:
        app.build_parser().parse_args(["--version"])
    assert exited.value.code == 0
    assert screen.getvalue() == f"\nimagecost {__version__}\n"
    assert sys.stdout is screen and sys.stderr is screen  # reopened on the console for what follows
    assert fake.attached == 1 and fake.boxes == []


def test_started_from_explorer_help_shows_in_a_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    fake, screen = windowed(monkeypatch, parent_console=False)
    with pytest.raises(SystemExit) as exited:
        app.build_parser().parse_args(["--help"])
    assert exited.value.code == 0
    [(text, title, flags)] = fake.boxes
    assert text.startswith("usage: imagecost") and "--smoke-test" in text
    assert title == "Image Cost Calculator" and flags == console.MB_ICONINFORMATION
    assert screen.getvalue() == ""


def test_a_usage_error_is_one_error_box_with_usage_and_message(monkeypatch: pytest.MonkeyPatch) -> None:
    fake, _screen = windowed(monkeypatch, parent_console=False)
    with pytest.raises(SystemExit) as exited:
        app.build_parser().parse_args(["--no-such-flag"])
    assert exited.value.code == 2
    [(text, _title, flags)] = fake.boxes
    assert text.startswith("usage: imagecost")
    assert text.endswith("imagecost: error: unrecognized arguments: --no-such-flag")
    assert flags == console.MB_ICONERROR


def test_with_streams_nothing_is_attached_or_boxed(monkeypatch: pytest.MonkeyPatch) -> None:
    """imagecost-cli.exe, or the window started with a console: argparse prints as usual."""
    fake = FakeWin32(has_parent_console=True)
    out = io.StringIO()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(console, "win32", fake)
    console.write("hello\n")
    assert out.getvalue() == "hello\n"
    assert fake.attached == 0 and fake.boxes == []


def test_off_windows_without_streams_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWin32(has_parent_console=True)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(console, "win32", fake)
    console.write("nobody sees this\n", error=True)
    assert fake.attached == 0 and fake.boxes == []
