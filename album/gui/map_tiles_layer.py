"""OpenStreetMap tiles under the Places map's markers, when the user allowed the network (Settings).

Only the tiles the map shows are asked for, at most ``MAX_CONNECTIONS`` at a time, in pool threads
(:class:`~album.core.map_tiles.TileCache` does the HTTP and the disk cache); a tile no longer on screen
when its turn comes is not fetched. The attribution is always drawn while tiles are.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter

from album.core.library import ATTRIBUTION, MAX_CONNECTIONS, TileCache, TileKey
from album.gui.theme import colours, qcolor

if TYPE_CHECKING:
    from album.gui.map_view import MapView

MAX_TILE_ZOOM = 19  # OpenStreetMap's deepest level
RETRY_S = 60.0  # a tile the server or the network refused is asked for again after this long
KEPT_TILES = 512  # decoded tiles kept in memory (about 130 MB at most); the disk cache keeps the rest


class _Signals(QObject):
    loaded = Signal(object, object)  # TileKey, the decoded QImage (null: none to be had), or None: not fetched


class TileLayer:
    """Draws the cached tiles of the map's view and fetches the missing ones in the background."""

    def __init__(self, cache: TileCache, repaint: Callable[[], None]) -> None:
        self.cache = cache
        self._repaint = repaint
        self._images: dict[TileKey, QImage] = {}
        self._pending: set[TileKey] = set()
        self._failed: dict[TileKey, float] = {}  # when a tile could not be had: not asked again for a while
        self._wanted: set[TileKey] = set()
        self._signals = _Signals()
        self._signals.loaded.connect(self._on_loaded)
        self._pool = ThreadPoolExecutor(max_workers=MAX_CONNECTIONS, thread_name_prefix="album-map-tiles")

    def shutdown(self) -> None:
        self._wanted.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __call__(self, painter: QPainter, view: MapView) -> None:
        level = max(0, min(MAX_TILE_ZOOM, round(view.zoom)))
        count = 2**level
        size = view.scale / count  # a tile's side on screen
        visible = view.visible_world()

        def span(low: float, high: float) -> range:
            return range(max(0, math.floor(low * count)), min(count - 1, math.floor(high * count)) + 1)

        self._wanted = set()
        for ty in span(visible.top(), visible.bottom()):
            for tx in span(visible.left(), visible.right()):
                key = TileKey(level, tx, ty)
                self._wanted.add(key)
                corner = view.to_screen(tx / count, ty / count)
                image = self._images.get(key)
                if image is not None:
                    painter.drawImage(QRectF(corner, corner + QPointF(size, size)), image)
                elif key not in self._pending and time.monotonic() - self._failed.get(key, -RETRY_S) >= RETRY_S:
                    self._pending.add(key)
                    self._pool.submit(self._load, key)
        self._attribution(painter, view)

    def _load(self, key: TileKey) -> None:
        """In a pool thread: the tile from disk or the server, unless the map moved on meanwhile."""
        if key not in self._wanted:
            self._signals.loaded.emit(key, None)
            return
        data = self.cache.fetch(key)
        self._signals.loaded.emit(key, QImage.fromData(data) if data else QImage())

    def _on_loaded(self, key: TileKey, image: QImage | None) -> None:
        self._pending.discard(key)
        if image is None:  # skipped: the map had moved on
            return
        if image.isNull():
            self._failed[key] = time.monotonic()
            return
        if len(self._images) >= KEPT_TILES:
            self._images.pop(next(iter(self._images)))
        self._images[key] = image
        self._repaint()

    @staticmethod
    def _attribution(painter: QPainter, view: MapView) -> None:
        metrics = painter.fontMetrics()
        box = QRectF(0, 0, metrics.horizontalAdvance(ATTRIBUTION) + 12, metrics.height() + 4)
        box.moveBottomLeft(QPointF(0, view.height()))
        painter.fillRect(box, qcolor(colours().overlay_background))
        painter.setPen(qcolor(colours().overlay_text))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), ATTRIBUTION)
