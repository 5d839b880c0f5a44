"""Worst event-loop stall while scrolling a 100k-photo grid (album's real PhotoModel + PhotoGrid).

Usage: QT_QPA_PLATFORM=offscreen python bench/gui_scroll.py [ROWS] [justified|square] [--theme=light|dark] [--stars]
(default 100000 justified)

``--theme`` applies album's palette and style sheet first, as the app does (album.gui.styles.use_theme).

The photos have the shapes of a real camera roll (landscape, portrait, square, panoramas, a few unknown)
and their mean colours, so the justified layout and the colour placeholders do their real work.
Thumbnails are real JPEGs in a cache dir (one per 50 rows, so the thread pool really loads files while
scrolling); the scroll bar is moved page by page from top to bottom, then in big jumps, with the event
loop running between steps. A 5 ms timer measures how late it fires: the worst lateness is the stall.
Every 7th photo is a favourite and every 3rd has stars, so tiles draw their hearts (and, with ``--stars``,
every tile its stars, as while the search filters by rating).
Also printed: how long one layout of every photo takes (it runs again on each resize or size change).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtWidgets import QApplication
from stall_meter import StallMeter, pump

from album.core.records import Photo, SearchHit
from album.gui.grid_layout import layout
from album.gui.photo_grid import PhotoGrid, PhotoModel
from album.gui.styles import use_theme

# (width, height, share): a phone and camera library's shapes; (0, 0) is a photo of unknown size.
SHAPES = [(4032, 3024, 0.45), (3024, 4032, 0.3), (1920, 1080, 0.08), (3000, 3000, 0.07), (6000, 4000, 0.05),
          (8000, 2000, 0.03), (0, 0, 0.02)]  # fmt: skip


def camera_roll(rows: int) -> tuple[PhotoModel, list[SearchHit]]:
    """A model with real thumbnail files, and ``rows`` photos in a camera roll's shapes and colours, newest
    first over ten years (a few to a few dozen a day, in towns that change every few days)."""
    thumbs = Path(tempfile.mkdtemp(prefix="album-scroll-"))
    digests = [f"{i:032x}" for i in range(rows // 50 + 1)]
    for i, digest in enumerate(digests):
        Image.new("RGB", (320, 240), ((i * 37) % 256, (i * 91) % 256, 120)).save(thumbs / f"{digest}.jpg", "JPEG")
    model = PhotoModel(lambda photo: thumbs / f"{photo.content_hash}.jpg")
    rng = np.random.default_rng(7)
    shapes = rng.choice(len(SHAPES), rows, p=[share for _, _, share in SHAPES])
    colours = rng.integers(0, 0xFFFFFF, rows)
    newest = datetime(2026, 11, 1)
    ages = np.sort(rng.integers(0, 3650 * 24 * 60, rows))  # minutes before the newest photo
    hits = [SearchHit(Photo(id=str(i), path=str(thumbs / f"{digests[i // 50]}.jpg"), content_hash=digests[i // 50],
                            width=SHAPES[s][0] or None, height=SHAPES[s][1] or None, average_colour=int(c),
                            taken_at=newest - timedelta(minutes=int(age)), place=f"Town {int(age) // 5000}",
                            favourite=i % 7 == 0, user_rating=i % 6 if i % 3 == 0 else None), None, ())
            for i, (s, c, age) in enumerate(zip(shapes, colours, ages, strict=True))]  # fmt: skip
    return model, hits


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 100_000
    mode = args[1] if len(args) > 1 else "justified"
    theme = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--theme=")), None)
    app = QApplication(sys.argv[:1])
    if theme is not None:
        use_theme(app, theme)
    model, hits = camera_roll(rows)
    ratios = np.array([hit.photo.aspect_ratio or np.nan for hit in hits])
    timings = []
    for width in (1280, 1279, 1920, 800):
        started = time.perf_counter()
        layout(mode, ratios, width, 180)
        timings.append(1000 * (time.perf_counter() - started))
    print(f"{mode} layout of {rows} photos: {min(timings):.1f}–{max(timings):.1f} ms (widths 800–1920)")
    started = time.perf_counter()
    model.set_hits(hits)
    grid = PhotoGrid(model)
    grid.show_stars = "--stars" in sys.argv
    grid.set_layout_mode(mode)
    grid.resize(1280, 800)
    grid.show()
    app.processEvents()
    print(f"{rows} rows shown in {1000 * (time.perf_counter() - started):.0f} ms")

    bar = grid.verticalScrollBar()
    meter = StallMeter()
    meter.start()
    steps = 0
    while bar.value() < bar.maximum() and steps < 400:
        bar.setValue(bar.value() + bar.pageStep())
        pump(16)
        steps += 1
    page_worst = meter.worst_ms
    for fraction in (0.5, 0.1, 0.9, 0.0, 1.0, 0.33, 0.66):
        bar.setValue(int(bar.maximum() * fraction))
        pump(30)
    meter.stop()
    print(f"page-by-page scroll ({steps} pages): worst stall {page_worst:.1f} ms")
    print(f"with jumps across the grid: worst stall {meter.worst_ms:.1f} ms")
    model.shutdown()  # the file checks' threads end before Qt does (they emit into the model's checker)


if __name__ == "__main__":
    main()
