"""The worst event-loop stall while a bench drives the window: a 5 ms timer, and how late it fires.

Shared by the GUI benches (gui_scroll.py, viewer_open.py): a person feels the longest time the event loop
could not run, not the average.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer

TICK_MS = 5


class StallMeter:
    """Started, it records the longest gap between two ticks; :meth:`reset` starts a new measurement."""

    def __init__(self) -> None:
        self.worst = 0.0  # seconds between two ticks, the tick's own interval included
        self._last = time.perf_counter()
        self._timer = QTimer(interval=TICK_MS, timeout=self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        pump(50)  # the first ticks: starting the timer is not a stall
        self.reset()

    def reset(self) -> None:
        self.worst = 0.0

    def stop(self) -> None:
        self._timer.stop()

    @property
    def worst_ms(self) -> float:
        """The worst stall in ms, beyond the tick's own interval."""
        return max(0.0, 1000 * self.worst - TICK_MS)


def pump(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds, as it runs while a person waits."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
