"""Opt-in start-up probe for ``make bench``; does nothing unless IMAGECOST_BENCH_PROBE is set.

With ``IMAGECOST_BENCH_PROBE=first-paint`` in the environment, the window
reports the moment it is first painted and leaves at once, printing one line
to stdout::

    imagecost-probe painted_ns=<time.monotonic_ns()> maxrss_kb=<peak RSS>

The bench compares that clock with the one it read before starting the process
(CLOCK_MONOTONIC is system-wide), so the figure runs from process start to the
first frame on screen. The bench's bare-window floor uses this same probe, so
both sides pay for it equally. Without the variable, ``install`` returns at
once and nothing is hooked. Importing this module does not import Qt.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ENV = "IMAGECOST_BENCH_PROBE"
FIRST_PAINT = "first-paint"
PREFIX = "imagecost-probe"


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB.

    Linux's VmHWM belongs to this program alone; ru_maxrss would also count
    the parent's peak, which Linux carries across fork and exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _report_and_exit() -> None:
    painted = time.monotonic_ns()
    sys.stdout.write(f"{PREFIX} painted_ns={painted} maxrss_kb={peak_rss_kb()}\n")
    sys.stdout.flush()
    # Leave without tearing Qt down or asking about unsaved work: the measurement is taken.
    os._exit(0)


def install(window: QWidget) -> None:
    """Hook the probe onto WINDOW when the environment asks for it (off by default)."""
    if os.environ.get(ENV) != FIRST_PAINT:
        return
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        """Waits for the window's first paint event, then reports once the whole frame is drawn."""

        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                # The window's paint event comes first in a frame; a zero timer fires after
                # its children are painted and the backing store is flushed.
                QTimer.singleShot(0, _report_and_exit)
            return False

    window.installEventFilter(FirstPaint(window))
