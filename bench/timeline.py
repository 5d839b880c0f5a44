"""The timeline at 100k photos: how long the grid's layout with day headers takes, and the worst event-loop
stall while the scrubber is dragged from top to bottom and back, and while scrolling page by page.

Usage: QT_QPA_PLATFORM=offscreen python bench/timeline.py [ROWS] [justified|square] (default 100000 justified)

The photos are gui_scroll.py's camera roll (real thumbnail files, a real camera's shapes), dated over ten
years, newest first, as the Photos page shows a library. A drag is real mouse events sent to the scrubber
(press, a move every 4 pixels with 16 ms of event loop between them, as a hand drags, release).
"""

from __future__ import annotations

import sys
import time

import numpy as np
from gui_scroll import camera_roll
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from stall_meter import StallMeter, pump

from album.core.timeline import day_columns, sections
from album.gui.grid_layout import layout
from album.gui.photo_grid import PhotoGrid


def drag(widget: object, ys: range) -> None:
    """Press at the first y, move through the others (the event loop running between), release at the last."""
    left = Qt.MouseButton.LeftButton
    kinds = [QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * (len(ys) - 2) + [QEvent.Type.MouseButtonRelease]
    for kind, y in zip(kinds, ys, strict=True):
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else left
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
        point = QPointF(30, y)
        QApplication.sendEvent(widget, QMouseEvent(kind, point, point, button, buttons, Qt.KeyboardModifier.NoModifier))
        pump(16)


def main() -> None:
    args = sys.argv[1:]
    rows = int(args[0]) if args else 100_000
    mode = args[1] if len(args) > 1 else "justified"
    app = QApplication(sys.argv[:1])
    model, hits = camera_roll(rows)
    started = time.perf_counter()
    days, places = day_columns((hit.photo.taken_at for hit in hits), (hit.photo.place for hit in hits))
    print(f"days and towns of {rows} records: {1000 * (time.perf_counter() - started):.0f} ms (the library's "
          "results read them from columns instead)")
    ratios = np.array([hit.photo.aspect_ratio or np.nan for hit in hits])
    for period in ("day", "month"):
        timings = []
        for width in (1280, 1279, 1920, 800):
            started = time.perf_counter()
            found = sections(days, places, period)
            layout(mode, ratios, width, 180, found.start, 44)
            timings.append(1000 * (time.perf_counter() - started))
        print(f"{mode} layout of {rows} photos with {len(found)} {period} headers: "
              f"{min(timings):.1f}–{max(timings):.1f} ms (sections included; widths 800–1920)")
    model.set_hits(hits)
    grid = PhotoGrid(model)
    grid.set_layout_mode(mode)
    grid.set_dated(True)
    grid.resize(1280, 800)
    grid.show()
    app.processEvents()
    print(f"{len(grid.scrubber.months)} months on the scrubber, grid {grid.grid_layout().height} px high")

    meter = StallMeter()
    meter.start()
    height = grid.scrubber.height()
    drag(grid.scrubber, range(2, height - 2, 4))
    drag(grid.scrubber, range(height - 2, 2, -4))
    moves = 2 * len(range(2, height - 2, 4))
    print(f"scrubber dragged down and up ({moves} moves): worst stall {meter.worst_ms:.1f} ms")
    meter.reset()
    bar = grid.verticalScrollBar()
    bar.setValue(0)
    for _ in range(200):
        bar.setValue(bar.value() + bar.pageStep())
        pump(16)
    print(f"page-by-page scroll (200 pages) through the headers: worst stall {meter.worst_ms:.1f} ms")
    meter.stop()
    model.shutdown()


if __name__ == "__main__":
    main()
