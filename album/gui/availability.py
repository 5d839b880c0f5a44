"""Whether a photo's file can be opened, asked off the GUI thread: its folder may be an unplugged drive
or a network share that went away, and the photo is still in the library (the core keeps it).

A ``stat`` or ``open`` on a dead network mount can block for minutes (or for good, on a hard NFS
mount), so checks run in a few daemon threads of their own: a hung check holds one of them, never
the GUI thread, the thumbnail loaders, or the app's exit.
"""

from __future__ import annotations

import queue
import threading

from PySide6.QtCore import QObject, Signal

CHECK_THREADS = 3


def file_opens(path: str) -> bool:
    """Whether ``path`` can be opened for reading now (missing, unreadable or offline: False)."""
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


class FileChecker(QObject):
    """Checks files in background threads; answers by signal, queued to the GUI thread.

    The threads start with the first request and are daemons: a check stuck on a dead mount must not
    keep the process alive at exit (joining it could wait forever). :meth:`stop` lets idle ones end.

    Signals:
        checked(str, bool): a path, and whether it opens.
    """

    checked = Signal(str, bool)

    def __init__(self, threads: int = CHECK_THREADS) -> None:
        super().__init__()  # no parent: the threads hold it, so it outlives any check in flight
        self._threads = threads
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._started = False

    def request(self, path: str) -> None:
        if not self._started:
            self._started = True
            for i in range(self._threads):
                threading.Thread(target=self._work, name=f"album-filecheck-{i}", daemon=True).start()
        self._queue.put(path)

    def stop(self) -> None:
        """Let the threads end once the checks queued so far are done (without waiting for them)."""
        if self._started:
            for _ in range(self._threads):
                self._queue.put(None)
            self._started = False

    def _work(self) -> None:
        while (path := self._queue.get()) is not None:
            opens = file_opens(path)
            try:
                self.checked.emit(path, opens)
            except RuntimeError:  # the app is shutting down and Qt's side of this object is gone
                return
