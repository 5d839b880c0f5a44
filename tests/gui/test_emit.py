"""Emitting through album's helper leaves ``True``'s reference count whole (PySide6 6.12.0's emit takes one
for good per call, and enough calls abort Python), from the GUI thread and from a worker thread."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from album.gui.emit import emit


class Source(QObject):
    said = Signal(str, bool)


def test_many_emits_keep_true_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    source, heard = Source(), []
    source.said.connect(lambda text, flag: heard.append(flag))
    before = sys.getrefcount(True)
    for _ in range(20_000):
        emit(source.said, "x", True)
    worker = threading.Thread(target=lambda: [emit(source.said, "y", False) for _ in range(5_000)])
    worker.start()
    worker.join()
    qapp.processEvents()
    heard.clear()
    assert abs(sys.getrefcount(True) - before) < 50  # a bare emit() loop here leaves it 25,000 short
