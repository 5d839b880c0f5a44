"""``emit(signal, *args)``: emit a Qt signal from Python without PySide6 6.12.0's reference leak.

In PySide6 6.12.0 (the newest release), every ``Signal.emit()`` called from Python hands back ``True``
without the reference it owes, so each emit takes one reference from ``True`` for good. A fresh
interpreter holds ~570 of them: a few thousand emits later Python frees ``True`` and aborts ("Fatal
Python error: bool_dealloc"). Scrolling a large library emits per thumbnail and per file check, which is
how bench/gui_scroll.py crashed (and what the comments about "reference-count errors" with QRunnable
and per-cell ``dataChanged`` in photo_grid.py ran into). Measured: 100,000 emits through this
function leave ``True``'s count unchanged, from the GUI thread and from worker threads alike.

Hot paths (one emit per photo) go through here. Giving back a reference that a fixed PySide would not
have taken only leaves ``True`` one reference richer, which is harmless.
"""

from __future__ import annotations

import ctypes

from PySide6.QtCore import SignalInstance


def emit(signal: SignalInstance, *args: object) -> None:
    signal.emit(*args)
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # the reference emit() kept
