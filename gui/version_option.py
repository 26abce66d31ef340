"""``--version [--verbose]`` for both executables, and argparse output that reaches the user.

argparse's own version action prints and exits the moment it meets
``--version``, before it has read a ``--verbose`` that follows. So the parser
remembers the command line it is parsing, and the version action looks at the
whole line. Every message argparse prints (help, usage, errors, the version)
goes through gui/console.py, which makes it visible from the windowed Windows
executable too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from core import __version__
from gui import console

VERBOSE_FLAG = "--verbose"


class VersionedParser(argparse.ArgumentParser):
    """An ArgumentParser whose output always reaches the user and whose --version sees --verbose."""

    command_line: tuple[str, ...] = ()

    def parse_known_args(  # one signature for typeshed's overloads
        self, args: Iterable[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        self.command_line = tuple(sys.argv[1:] if args is None else args)
        return super().parse_known_args(self.command_line, namespace)

    def print_usage(self, file: object = None) -> None:
        _show(self.format_usage(), file)

    def print_help(self, file: object = None) -> None:
        _show(self.format_help(), file)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            console.write(message, error=True)
        sys.exit(status)

    def error(self, message: str) -> NoReturn:
        # argparse prints the usage and the error separately; one write makes one message box on Windows.
        self.exit(2, f"{self.format_usage()}{self.prog}: error: {message}\n")


def _show(text: str, file: object) -> None:
    """Write to a stream the caller chose (say, a buffer), else to the user through gui/console.py."""
    write = getattr(file, "write", None)
    if callable(write) and file is not sys.stdout and file is not sys.stderr:
        write(text)
    else:
        console.write(text, error=file is not None and file is sys.stderr)


class _VersionAction(argparse.Action):
    """Print the version, or with --verbose anywhere on the command line the full build info, and exit."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        from core import build_info  # what it was built from: asked for rarely, and it reads the libraries' versions

        line = getattr(parser, "command_line", ())
        verbose = getattr(namespace, "verbose", False) or VERBOSE_FLAG in line
        text = build_info.current().text(parser.prog) if verbose else f"{parser.prog} {__version__}\n"
        console.write(text)
        parser.exit(0)


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """Add --version and --verbose to ``parser`` (a VersionedParser, so --verbose may come after --version)."""
    parser.add_argument(
        "--version", action=_VersionAction, help="print the version and exit (with --verbose: what it was built from)"
    )
    parser.add_argument(
        VERBOSE_FLAG, action="store_true", help="with --version: also print the Python and library versions"
    )
