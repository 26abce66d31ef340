"""Make ``imagecost --version`` and ``--help`` readable from the windowed Windows executable.

The frozen window is built with ``console=False``: Windows gives it no console,
and Python sets ``sys.stdout`` and ``sys.stderr`` to None, so whatever argparse
prints goes nowhere. When there is nowhere to write, ``write`` first attaches to
the console of the process that started the app (``AttachConsole``, when it was
started from cmd or PowerShell) and reopens the standard streams on it; started
from Explorer there is no such console, and the text is shown in a message box.
Everywhere else (a terminal, Linux, macOS, the console ``imagecost-cli.exe``),
the streams exist and ``write`` just writes.

Only argparse's output comes through here (gui/version_option.py), so a normal
start from Explorer never opens a console or a box.
"""

from __future__ import annotations

import sys
from typing import Protocol, TextIO

ATTACH_PARENT_PROCESS = 0xFFFFFFFF  # (DWORD)-1: the console of the parent process
MB_ICONERROR = 0x10
MB_ICONINFORMATION = 0x40
TITLE = "Image Cost Calculator"


class Win32(Protocol):
    """The two Windows calls this module makes, so tests can stand in for them on Linux."""

    def attach_parent_console(self) -> bool: ...

    def message_box(self, text: str, title: str, flags: int) -> None: ...


class _Ctypes:
    """The real calls, through ctypes (Windows only)."""

    def attach_parent_console(self) -> bool:
        if sys.platform != "win32":
            return False
        import ctypes

        return bool(ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS))

    def message_box(self, text: str, title: str, flags: int) -> None:
        if sys.platform != "win32":
            return
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, text, title, flags)


win32: Win32 = _Ctypes()


def _open_console_stream() -> TextIO:
    """A text stream on the attached console ('CONOUT$' is the console's screen buffer)."""
    return open("CONOUT$", "w", encoding="utf-8", errors="replace")  # lives as sys.stdout


def attach_console() -> bool:
    """On Windows without standard streams, reopen them on the parent's console; whether they now exist."""
    if sys.stdout is not None and sys.stderr is not None:
        return True
    if sys.platform != "win32" or not win32.attach_parent_console():
        return False
    try:
        stream = _open_console_stream()
    except OSError:
        return False
    # One stream for both: the console is one screen, and separate buffers would interleave out of order.
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    # The prompt came back when the windowed app started; a new line keeps the text off the prompt's line.
    stream.write("\n")
    return True


def write(message: str, *, error: bool = False) -> None:
    """Print ``message`` (to stderr if ``error``) where the user will see it, even from a windowed exe."""
    if not message:
        return
    stream = sys.stderr if error else sys.stdout
    if stream is None and attach_console():
        stream = sys.stderr if error else sys.stdout
    if stream is not None:
        stream.write(message)
        stream.flush()
    elif sys.platform == "win32":
        win32.message_box(message.rstrip("\n"), TITLE, MB_ICONERROR if error else MB_ICONINFORMATION)
    # Elsewhere, with no streams at all (a daemonised run), there is no one to tell.
