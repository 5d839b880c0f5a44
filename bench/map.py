"""The Places map at 100k geotagged photos: cluster time per zoom level, and the worst event-loop stall
while panning and zooming (album's real MapView, basemap and clustering).

Usage: QT_QPA_PLATFORM=offscreen python bench/map.py [POINTS] (default 100000)

The photos are where a travelling photographer's are: most round 300 of the world's best-known cities
(a few km of spread), a few along the way. Every marker has a real JPEG thumbnail (one per 200 photos,
so the thumbnail pool really loads files as new markers appear). The map zooms in by wheel notches from
the world to a city, pans by dragging at each level, and zooms out again, with the event loop running
between steps; a 5 ms timer measures how late it fires.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from stall_meter import StallMeter, pump

from album.core.basemap import load_basemap, unproject
from album.core.map_clusters import MapPoints, cluster, cluster_levels
from album.gui.map_view import MapView

THUMB_EVERY = 200


def photos(count: int, rng: np.random.Generator) -> MapPoints:
    cities = load_basemap().cities[:300]
    which = rng.integers(0, len(cities), count)
    centres = np.array([unproject(c.x, c.y) for c in cities])
    lat = centres[which, 0] + rng.normal(0, 0.03, count)
    lon = centres[which, 1] + rng.normal(0, 0.04, count)
    travel = rng.random(count) < 0.05
    lat[travel], lon[travel] = rng.uniform(-60, 70, travel.sum()), rng.uniform(-180, 180, travel.sum())
    ids = np.array([f"p{i}" for i in range(count)])
    hashes = np.array([f"h{i // THUMB_EVERY}" for i in range(count)])
    return MapPoints(ids, np.clip(lat, -85, 85), np.clip(lon, -180, 180), hashes)


def send(view: MapView, kind: QMouseEvent.Type, where: QPointF, buttons: Qt.MouseButton) -> None:
    event = QMouseEvent(kind, where, view.mapToGlobal(where), Qt.MouseButton.LeftButton, buttons,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, event)


def wheel(view: MapView, where: QPointF, notches: int) -> None:
    event = QWheelEvent(where, view.mapToGlobal(where), QPoint(), QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(view, event)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication(sys.argv)
    rng = np.random.default_rng(7)
    points = photos(count, rng)
    x, y = points.world()
    timings = []
    for zoom in range(1, 19):
        started = time.perf_counter()
        found = cluster(x, y, zoom)
        timings.append((zoom, (time.perf_counter() - started) * 1000, len(found)))
    worst = max(timings, key=lambda t: t[1])
    print(f"{count:,} photos: clustering one zoom level takes {np.median([t[1] for t in timings]):.1f} ms "
          f"(median over levels 1-18), worst {worst[1]:.1f} ms at level {worst[0]} ({worst[2]:,} markers)")
    with tempfile.TemporaryDirectory() as folder:
        thumbs = Path(folder)
        for i in range(count // THUMB_EVERY + 1):
            Image.new("RGB", (320, 240), tuple(int(c) for c in rng.integers(0, 255, 3))).save(thumbs / f"h{i}.jpg")
        view = MapView(lambda photo: thumbs / f"{photo.content_hash}.jpg")
        view.resize(1200, 800)
        view.show()
        levels = cluster_levels(points)  # in the app, made in a worker
        started = time.perf_counter()
        view.set_points(points, levels)
        view.grab()
        print(f"first paint with {count:,} photos: {(time.perf_counter() - started) * 1000:.0f} ms")
        view.zoom, view.centre = 1.0, QPointF(0.5, 0.45)
        pump(200)
        meter = StallMeter()
        meter.start()
        pump(5_000)  # the machine's own noise: the same event loop doing nothing
        idle = meter.worst_ms
        tokyo = next(c for c in load_basemap().cities if c.name == "Tokyo")
        steps = 0
        worst_wheel = worst_drag = 0.0
        middle = QPointF(600, 400)
        for direction in (1, -1):
            for _level in range(24):  # 12 levels in, by half-level wheel notches, and out again
                view.centre = QPointF(tokyo.x, tokyo.y) if direction > 0 else view.centre
                meter.reset()
                wheel(view, middle, direction)
                pump(16)
                worst_wheel = max(worst_wheel, meter.worst_ms)
                meter.reset()
                send(view, QMouseEvent.Type.MouseButtonPress, middle, Qt.MouseButton.LeftButton)
                for step in range(1, 11):  # a drag of 200 px, 20 px a frame
                    send(view, QMouseEvent.Type.MouseMove, middle + QPointF(20 * step, 8 * step),
                         Qt.MouseButton.LeftButton)  # fmt: skip
                    pump(16)
                    steps += 1
                send(view, QMouseEvent.Type.MouseButtonRelease, middle + QPointF(200, 80), Qt.MouseButton.NoButton)
                pump(16)
                worst_drag = max(worst_drag, meter.worst_ms)
        pump(300)
        meter.stop()
        print(f"panning and zooming ({steps} drag frames over 48 zoom steps, world ↔ city): worst event-loop stall "
              f"{max(worst_wheel, worst_drag):.1f} ms (zooming {worst_wheel:.1f} ms, panning {worst_drag:.1f} ms); "
              f"{len(view.pictures)} marker thumbnails loaded; idle for 5 s on this machine: {idle:.1f} ms")
        view.shutdown()
    del app


if __name__ == "__main__":
    main()
