"""Background work for the GUI: one worker shape for every slow core job.

A :class:`Job` runs a plain core function ``fn(progress, cancel)`` on its own QThread. Progress
reaches the GUI thread only by signal and at most ~10 times a second; cancellation is a
``threading.Event`` the core checks between items. Results and failures arrive as signals, never as
widget calls from the worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1  # seconds between progress signals


class _Runner(QObject):
    """Lives in the worker thread and calls the job function."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[Callable[[Any], None], threading.Event], Any], cancel: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel
        self._last = 0.0
        self._phase: object = None

    def _report(self, value: Any) -> None:
        """Throttled, except that a new phase ("paused", "finishing") always gets through."""
        now = time.monotonic()
        phase = getattr(value, "phase", None)
        if now - self._last >= PROGRESS_INTERVAL or phase != self._phase:
            self._last, self._phase = now, phase
            self.progress.emit(value)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._report, self._cancel)
        except Exception as exc:  # shown to the user; the app keeps running
            if self._cancel.is_set():  # the core's way out of a cancelled job (the Explore map left at quit)
                log.debug("background job stopped: %r", exc)
            else:
                log.error("background job failed: %s", traceback.format_exc())
            self.failed.emit(str(exc) or exc.__class__.__name__)
        else:
            self.finished.emit(result)


class Job(QObject):
    """A cancellable background job.

    Signals:
        progress(object): the core's progress value, throttled.
        finished(object): the function's return value.
        failed(str): a message for the user.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[Callable[[Any], None], threading.Event], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self._thread = QThread()
        self._runner = _Runner(fn, self.cancel_event)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self.progress)
        self._runner.finished.connect(self._done)
        self._runner.failed.connect(self._fail)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        """Stop the thread (after the function returned) and wait for it."""
        self._thread.quit()
        return bool(self._thread.wait(ms))

    @Slot(object)
    def _done(self, result: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(result)

    @Slot(str)
    def _fail(self, message: str) -> None:
        self._thread.quit()
        self._thread.wait()
        self.failed.emit(message)
