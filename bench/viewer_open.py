"""How fast the viewer page opens and steps on 100k results, and the worst event-loop stall meanwhile.

Usage: QT_QPA_PLATFORM=offscreen python bench/viewer_open.py [ROWS]   (default 100000)

The real Viewer (filmstrip over its own PhotoModel, info panel, loading worker) on ROWS results whose photos
are real JPEGs (one 2400 × 1600 camera-sized file per 50 rows; thumbnails likewise): it opens in the middle of
the results, then steps → 60 times with the event loop running between steps, then jumps across the strip.
A 5 ms timer measures how late it fires: the worst lateness is the stall a person would feel.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QApplication
from stall_meter import StallMeter, pump

from album.core.pipeline.exif import read_exposure
from album.core.records import Photo, SearchHit
from album.gui.viewer import Viewer


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="album-viewer-"))
    files = []
    for i in range(rows // 50 + 1):
        path = folder / f"{i:06}.jpg"
        Image.new("RGB", (2400, 1600), ((i * 37) % 256, (i * 91) % 256, 120)).save(path, "JPEG", quality=85)
        Image.new("RGB", (320, 213), ((i * 37) % 256, (i * 91) % 256, 120)).save(folder / f"t{i:06}.jpg", "JPEG")
        files.append(path)
    hits = [SearchHit(Photo(id=str(i), path=str(files[i // 50]), content_hash=f"{i // 50:06}", width=2400,
                            height=1600), None, ()) for i in range(rows)]  # fmt: skip
    viewer = Viewer(thumbnail=lambda p: folder / f"t{p.content_hash}.jpg", exposure_for=lambda p: read_exposure(p.path))
    viewer.resize(1300, 850)
    viewer.show()
    app.processEvents()

    def wait_loaded() -> None:
        while viewer._pixmap.isNull():
            pump(5)

    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    viewer.show_hits(hits, rows // 2)
    opened = time.perf_counter() - started
    wait_loaded()
    shown = time.perf_counter() - started
    print(f"{rows} results: the page answers in {1000 * opened:.0f} ms, the photo is shown after {1000 * shown:.0f} ms")
    steps = []
    for _ in range(60):
        started = time.perf_counter()
        viewer.step(1)
        wait_loaded()
        steps.append(time.perf_counter() - started)
        pump(20)
    steps.sort()
    print(f"→ 60 times: photo shown after {1000 * steps[len(steps) // 2]:.0f} ms (median), "
          f"{1000 * steps[-1]:.0f} ms (slowest)")  # fmt: skip
    for row in (0, rows - 1, rows // 3):
        viewer.go_to(row)
        wait_loaded()
        pump(100)
    print(f"worst event-loop stall: {meter.worst_ms:.0f} ms")
    viewer.shutdown()
    meter.stop()


if __name__ == "__main__":
    main()
