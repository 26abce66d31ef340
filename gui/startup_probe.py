"""Opt-in start-up probe for ``make bench``; does nothing unless IMAGECOST_BENCH_PROBE is set.

With ``IMAGECOST_BENCH_PROBE=first-paint`` in the environment, the window
reports the moment it is first painted and leaves at once, printing one line
to stdout::

    imagecost-probe painted_ns=<time.monotonic_ns()> maxrss_kb=<peak RSS>

With ``IMAGECOST_BENCH_PROBE=figures`` it waits instead for the start to say
its figures are real (the READY signal: content built, file opened) and
reports the end of the next frame painted after that, the first with every
figure of the opened file on screen.

The bench compares that clock with the one it read before starting the process
(CLOCK_MONOTONIC is system-wide), so the figure runs from process start to the
frame on screen. The bench's bare-window floor uses this same probe, so both
sides pay for it equally. Without the variable, ``install`` returns at once and
nothing is hooked. Importing this module does not import Qt.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

ENV = "IMAGECOST_BENCH_PROBE"
FIRST_PAINT = "first-paint"
FIGURES = "figures"
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


def install(window: QWidget, ready: SignalInstance | None = None) -> None:
    """Hook the probe onto WINDOW when the environment asks for it (off by default).

    READY is the start's signal that every figure is in the window (``figures`` mode waits for it).
    """
    mode = os.environ.get(ENV)
    if mode not in (FIRST_PAINT, FIGURES):
        return
    from PySide6.QtCore import QEvent, QObject, QTimer

    class NextPaint(QObject):
        """Waits for the window's next paint event once armed, then reports once the whole frame is drawn."""

        armed = mode == FIRST_PAINT
        seen = False

        def arm(self) -> None:
            self.armed = True
            window.update()  # the frame that shows the figures

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.armed and not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                # The window's paint event comes first in a frame; a zero timer fires after
                # its children are painted and the backing store is flushed.
                QTimer.singleShot(0, _report_and_exit)
            return False

    probe = NextPaint(window)
    window.installEventFilter(probe)
    if mode == FIGURES and ready is not None:
        ready.connect(probe.arm)
