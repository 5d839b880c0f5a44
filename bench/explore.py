"""The explore map's figures: layout time (PCA, UMAP), how well each keeps classes together, and the worst
event-loop stall while panning and zooming 100k points (album's real ExploreCanvas).

Usage: QT_QPA_PLATFORM=offscreen python bench/explore.py [--sizes=10000,100000] [--umap-sizes=10000]
       [--points=100000] [--no-gui]

The vectors are synthetic: 12 classes of 512-d unit vectors (a centre each, plus noise), as CLIP vectors of a
library with 12 kinds of photos would be, so neighbour purity (the share of each point's 5 nearest 2-D
neighbours of its own class) says how well a layout keeps classes apart; a random layout scores ~1/12.
The stall is measured as in bench/gui_scroll.py: a 5 ms timer and how late it fires while the canvas pans
across the map and zooms from the whole map (dots) to single photos (thumbnails: real JPEGs in a cache dir,
one per 50 points, loaded by the canvas's thread pool) and back.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from album.core import explore

CLASSES = 12


def vectors(count: int, dim: int = 512, seed: int = 0) -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(CLASSES, dim))
    labels = rng.integers(0, CLASSES, count)
    out = centres[labels] + rng.normal(scale=1.2, size=(count, dim))
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out.astype(np.float32), labels.tolist()


def layouts(sizes: list[int], umap_sizes: list[int]) -> None:
    for count in sizes:
        data, labels = vectors(count)
        methods = ["pca"] + (["umap"] if count in umap_sizes and explore.umap_available() else [])
        for method in methods:
            start = time.perf_counter()
            xy, used = explore.layout(data, method, seed=None)
            took = time.perf_counter() - start
            sample = slice(0, min(count, 10_000))
            purity = explore.neighbour_purity(xy[sample], [str(c) for c in labels[sample]])
            start = time.perf_counter()
            regions = explore.cluster(xy)
            print(f"{used:>4} {count:>7,} points: layout {took:7.2f} s, neighbour purity {purity:.3f}, "
                  f"{regions.max() + 1} regions in {time.perf_counter() - start:.2f} s")  # fmt: skip
        rng = np.random.default_rng(1)
        sample = slice(0, min(count, 10_000))
        random_purity = explore.neighbour_purity(rng.random((len(labels[sample]), 2)),
                                                 [str(c) for c in labels[sample]])  # fmt: skip
        print(f"random {count:>7,} points: neighbour purity {random_purity:.3f}")
        if count >= 1000:
            start = time.perf_counter()
            explore.place_by_neighbours(data[: count // 10], data[count // 10 :], np.zeros((count - count // 10, 2)))
            print(f"  placing {count // 10:,} new photos by their neighbours: {time.perf_counter() - start:.2f} s")


def stall(points: int) -> None:
    from PIL import Image
    from PySide6.QtWidgets import QApplication
    from stall_meter import StallMeter, pump

    from album.gui.explore_canvas import ExploreCanvas
    from album.gui.explore_view import PALETTE

    app = QApplication(sys.argv[:1])
    thumbs = Path(tempfile.mkdtemp(prefix="album-explore-"))
    for i in range(points // 50 + 1):
        Image.new("RGB", (320, 240), ((i * 37) % 256, (i * 91) % 256, 120)).save(thumbs / f"{i}.jpg", "JPEG")
    rng = np.random.default_rng(0)
    centres = rng.random((CLASSES, 2))
    labels = rng.integers(0, CLASSES, points)
    xy = explore.normalised(centres[labels] + rng.normal(scale=0.06, size=(points, 2)))
    canvas = ExploreCanvas(lambda i: thumbs / f"{i // 50}.jpg")
    canvas.resize(1200, 800)
    canvas.show()
    canvas.set_points(xy, PALETTE[labels % len(PALETTE)])
    canvas.set_labels([(float(x), float(y), f"region {n}") for n, (x, y) in enumerate(centres)])
    pump(300)
    meter = StallMeter()
    meter.start()
    for _ in range(40):  # pan across the whole map
        canvas.pan_by(25, 12)
        pump(16)
    panned = meter.worst_ms
    meter.reset()
    canvas.centre = xy[0].astype(np.float64)
    for _ in range(30):  # zoom in to single photos, then out again
        canvas.zoom_by(1.3)
        pump(16)
    for _ in range(30):
        canvas.zoom_by(1 / 1.3)
        pump(16)
    zoomed = meter.worst_ms
    meter.reset()
    selected = np.zeros(points, bool)
    selected[labels == 0] = True
    canvas.set_selected(selected)
    for _ in range(20):  # a lasso's photos highlighted
        canvas.pan_by(-30, 0)
        pump(16)
    highlighted = meter.worst_ms
    meter.stop()
    start = time.perf_counter()
    canvas.repaint()
    one = time.perf_counter() - start
    print(
        f"canvas {points:,} points: worst stall panning {panned:.1f} ms, zooming dots↔thumbnails {zoomed:.1f} ms, "
        f"panning with a selection {highlighted:.1f} ms (target < 50 ms); one full repaint {one * 1000:.1f} ms"
    )
    canvas.shutdown()
    app.quit()


def main() -> None:
    options = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    sizes = [int(s) for s in options.get("sizes", "10000,100000").split(",")]
    umap_sizes = [int(s) for s in options.get("umap-sizes", "10000").split(",") if s]
    layouts(sizes, umap_sizes)
    if "--no-gui" not in sys.argv:
        stall(int(options.get("points", "100000")))


if __name__ == "__main__":
    main()
