"""Worst event-loop stall while scrolling a 100k-photo grid (album's real PhotoModel + PhotoGrid).

Usage: QT_QPA_PLATFORM=offscreen python bench/gui_scroll.py [ROWS] [--theme=light|dark]   (default 100000)

``--theme`` applies album's palette and style sheet first, as the app does (album.gui.styles.use_theme).

Thumbnails are real JPEGs in a cache dir (one per 50 rows, so the thread pool really loads files while
scrolling); the scroll bar is moved page by page from top to bottom, then in big jumps, with the event
loop running between steps. A 5 ms timer measures how late it fires: the worst lateness is the stall.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from album.core.records import Photo, SearchHit
from album.gui.photo_grid import PhotoGrid, PhotoModel
from album.gui.styles import use_theme


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 100_000
    theme = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--theme=")), None)
    app = QApplication(sys.argv)
    if theme is not None:
        use_theme(app, theme)
    thumbs = Path(tempfile.mkdtemp(prefix="album-scroll-"))
    digests = [f"{i:032x}" for i in range(rows // 50 + 1)]
    for i, digest in enumerate(digests):
        Image.new("RGB", (320, 240), ((i * 37) % 256, (i * 91) % 256, 120)).save(thumbs / f"{digest}.jpg", "JPEG")
    model = PhotoModel(lambda photo: thumbs / f"{photo.content_hash}.jpg")
    hits = [SearchHit(Photo(id=str(i), path=f"/photos/{i}.jpg", content_hash=digests[i // 50]), None, ())
            for i in range(rows)]  # fmt: skip
    started = time.perf_counter()
    model.set_hits(hits)
    grid = PhotoGrid(model)
    grid.resize(1280, 800)
    grid.show()
    app.processEvents()
    print(f"{rows} rows shown in {1000 * (time.perf_counter() - started):.0f} ms")

    worst = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    timer = QTimer(interval=5, timeout=tick)
    timer.start()
    bar = grid.verticalScrollBar()

    def pump(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    pump(50)
    worst[0] = 0.0
    steps = 0
    while bar.value() < bar.maximum() and steps < 400:
        bar.setValue(bar.value() + bar.pageStep())
        pump(16)
        steps += 1
    page_worst = worst[0]
    for fraction in (0.5, 0.1, 0.9, 0.0, 1.0, 0.33, 0.66):
        bar.setValue(int(bar.maximum() * fraction))
        pump(30)
    timer.stop()
    print(f"page-by-page scroll ({steps} pages): worst stall {1000 * (page_worst - 0.005):.1f} ms")
    print(f"with jumps across the grid: worst stall {1000 * (worst[0] - 0.005):.1f} ms")


if __name__ == "__main__":
    main()
