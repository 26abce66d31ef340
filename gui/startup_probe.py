"""Opt-in start-up probe for ``make bench``; does nothing unless IMAGECOST_BENCH_PROBE is set.

With ``IMAGECOST_BENCH_PROBE=first-paint`` in the environment, the window
reports the moment it is first painted and leaves at once, printing one line
to stdout::

    imagecost-probe painted_ns=<time.monotonic_ns()> maxrss_kb=<peak RSS>

The bench compares that clock with the one it read before starting the process
(CLOCK_MONOTONIC is system-wide), so the figure runs from process start to the
first frame on screen. The bench's bare-window floor uses this same probe, so
both sides pay for it equally. Without the variable, ``install`` returns at
once and nothing is hooked.
"""

from __future__ import annotations

import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV = "IMAGECOST_BENCH_PROBE"
FIRST_PAINT = "first-paint"
PREFIX = "imagecost-probe"


def _report_and_exit() -> None:
    painted = time.monotonic_ns()
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(f"{PREFIX} painted_ns={painted} maxrss_kb={maxrss_kb}\n")
    sys.stdout.flush()
    # Leave without tearing Qt down or asking about unsaved work: the measurement is taken.
    os._exit(0)


class _FirstPaint(QObject):
    """Waits for the window's first paint event, then reports once the whole frame is drawn."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            # The window's paint event comes first in a frame; a zero timer fires after the
            # children are painted and the backing store is flushed.
            QTimer.singleShot(0, _report_and_exit)
        return False


def install(window: QWidget) -> None:
    """Hook the probe onto WINDOW when the environment asks for it (off by default)."""
    if os.environ.get(ENV) != FIRST_PAINT:
        return
    window.installEventFilter(_FirstPaint(window))
