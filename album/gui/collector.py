"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles when an allocation crosses a threshold, in whichever thread made it. album's
other threads allocate all the time (thumbnail loaders, file checks, background jobs, LanceDB's event loop),
so a widget or dialog caught in a cycle — a lambda connected to its own signal, a language follower — used to
be freed by one of them: Qt then destroyed it outside the GUI thread, which Qt does not allow (a crash after
naming a person, see :mod:`album.gui.modal`; a hang is the other way it can end). So the window turns
automatic collection off, and a timer on the GUI thread collects instead, generation by generation, once the
counts pass the thresholds the automatic collector uses (calibre does the same for the same reason).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000  # cycles wait at most this long; a young generation's collection costs well under 1 ms

_held = threading.Event()


@contextlib.contextmanager
def collection_held() -> Iterator[None]:
    """No collection at all meanwhile (from any thread): for a burst of long-lived objects, such as a big
    import, which a collection would walk for nothing. Freeze them (``gc.freeze()``) afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    _held.set()
    try:
        yield
    finally:
        _held.clear()
        if enabled:
            gc.enable()


class GuiCollector(QObject):
    """Turns automatic collection off and collects on the GUI thread instead, as long as it lives.

    Create it on the GUI thread, with the application as its parent.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """Collect the oldest generation that is due, as the automatic collector would (an older one
        includes the younger ones)."""
        if _held.is_set():
            return
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Collection as it was before (for tests; the app does not need it at exit)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
