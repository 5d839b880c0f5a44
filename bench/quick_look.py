"""How long quick look and the slideshow wait for a camera-sized photo, and the worst event-loop stall meanwhile.

Usage: QT_QPA_PLATFORM=offscreen python bench/quick_look.py [PHOTOS]   (default 12)

PHOTOS real 6000 × 4000 JPEGs (24 MP, a current camera's) are shown in the real QuickLook over a 1300 × 850 page:
Space on the first, then → through them with the event loop running between steps, as a person would. Prints
how long each photo took from the step to its sharp picture (the median and the worst), how many were ready at
once (decoded ahead while the previous one was shown), and the worst stall a 5 ms timer saw.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QApplication, QWidget
from stall_meter import StallMeter, pump

from album.core.records import Photo, SearchHit
from album.gui.photo_decoder import PhotoDecoder
from album.gui.quick_look import QuickLook


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="album-quicklook-"))
    hits = []
    for i in range(count):
        path = folder / f"{i:03}.jpg"
        Image.effect_noise((600, 400), 40 + i).resize((6000, 4000)).convert("RGB").save(path, "JPEG", quality=90)
        hits.append(SearchHit(Photo(id=str(i), path=str(path), width=6000, height=4000), None, ()))
    page = QWidget()
    page.resize(1300, 850)
    page.show()
    decoder = PhotoDecoder()
    look = QuickLook(decoder, lambda _row: None, page)
    meter = StallMeter()
    meter.start()
    waits, ready = [], 0
    for position in range(count):
        started = time.perf_counter()
        if position == 0:
            look.open(hits, range(count), 0)
        else:
            look.step(1)
        ready += look.shown_image() is not None
        while look.shown_image() is None:
            pump(5)
        waits.append(1000 * (time.perf_counter() - started))
        pump(800)  # a person looks at the photo: the next one decodes meanwhile
    meter.stop()
    decoder.shutdown()
    print(f"{count} photos of 6000 × 4000 in quick look at 1300 × 850:")
    print(f"  from the key to the sharp photo: median {statistics.median(waits):.0f} ms, worst {max(waits):.0f} ms "
          f"(the first, not decoded ahead: {waits[0]:.0f} ms)")
    print(f"  ready at once (decoded ahead): {ready} of {count}")
    print(f"  worst event-loop stall: {meter.worst_ms:.0f} ms")
    app.quit()


if __name__ == "__main__":
    main()
