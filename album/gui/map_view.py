"""The Places map: every geotagged photo as clustered markers over an offline basemap, drawn with QPainter.

Web-Mercator like every web map, so optional OpenStreetMap tiles (:mod:`album.gui.map_tiles`) fit under
the markers. Drag pans; the wheel, a pinch, the +/- buttons and a double click zoom. A click on a marker,
a Shift-drag circle or "Search this area" asks for the photos in a circle, said as the search box says it
(``near:lat,lon km:r``), so the map and the search bar speak the same language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from album.core.library import (
    TILE_PX,
    Basemap,
    Circle,
    Clusters,
    Lines,
    MapPoints,
    TileCache,
    cluster,
    distances_km,
    enclosing_circle,
    load_basemap,
    unproject,
)
from album.core.records import Photo
from album.gui.map_tiles_layer import TileLayer
from album.gui.photo_grid import _load_thumb, _ThumbSignals
from album.gui.theme import colours, qcolor

MIN_ZOOM, MAX_ZOOM = 1.0, 18.0
DETAIL_ZOOM = 3.0  # from here on the 1:50m coastlines; the 1:110m world is enough below
MARKER_PX = 46  # a marker's diameter
CLICK_SLOP_PX = 4  # a press that moves less than this is a click, not a drag
WHEEL_STEP = 0.5  # zoom levels per wheel notch
CITY_LABELS_AT_ZOOM_1 = 12  # labels of the best-known cities; four times as many per level zoomed in


@dataclass(frozen=True)
class _Paths:
    """Lines as painter paths in world units, with their bounds (left, top, right, bottom) in one array,
    so painting skips what is off screen with one numpy test."""

    paths: list[QPainterPath]
    bounds: np.ndarray


def _ring_paths(lines: Lines) -> _Paths:
    """A line that goes on past the world's edge (across the antimeridian) is drawn a second time a world
    away, so both its ends show."""
    paths, bounds = [], []
    for line in lines:
        low, high = line.min(axis=0), line.max(axis=0)
        for shift in (0.0, -1.0 if high[0] > 1 else 1.0 if low[0] < 0 else None):
            if shift is None:
                continue
            path = QPainterPath(QPointF(line[0, 0] + shift, line[0, 1]))
            for x, y in line[1:]:
                path.lineTo(x + shift, y)
            paths.append(path)
            bounds.append((low[0] + shift, low[1], high[0] + shift, high[1]))
    return _Paths(paths, np.array(bounds))


class MapView(QWidget):
    """The map of the library's geotagged photos.

    Args:
        thumbnail: where a photo's cached thumbnail is (as the grid's model asks), or None.

    Signals:
        area_chosen(str): a circle to search in, in the explicit syntax ("near:38.72,-9.14 km:2.5").
    """

    area_chosen = Signal(str)

    def __init__(self, thumbnail: Callable[[Photo], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.thumbnail = thumbnail
        self.basemap: Basemap = load_basemap()
        self._land_world = _ring_paths(self.basemap.land_world)
        self._land_detail = _ring_paths(self.basemap.land_detail)
        self._borders = _ring_paths(self.basemap.borders)
        self.points = MapPoints(np.array([], str), np.zeros(0), np.zeros(0), np.array([], str))
        self._x = self._y = np.zeros(0)
        self._clusters: dict[int, Clusters] = {}
        self.centre = QPointF(0.5, 0.42)  # world units; the world with its inhabited latitudes
        self.zoom = 2.0
        self._press: QPointF | None = None
        self._press_centre = QPointF()
        self._dragged = False
        self._circle: tuple[QPointF, QPointF] | None = None  # a Shift-drag: its centre and edge, on screen
        self.pictures: dict[str, QPixmap] = {}  # markers' discs, by their photo's content hash
        self._drawn: dict[tuple[str, str], QPixmap] = {}  # the blank disc and the count badges, by theme
        self._city_x = np.array([city.x for city in self.basemap.cities])
        self._city_y = np.array([city.y for city in self.basemap.cities])
        self._pending: set[str] = set()
        self._signals = _ThumbSignals()
        self._signals.loaded.connect(self._on_loaded)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="album-map-thumbs")
        self.tile_layer: TileLayer | None = None  # OpenStreetMap tiles, when the user allowed the network
        self._build_buttons()
        self.retranslate()

    # -- the controls ------------------------------------------------------------------------------
    def _build_buttons(self) -> None:
        self.zoom_in_button, self.zoom_out_button = QToolButton(self), QToolButton(self)
        self.search_area_button = QPushButton(self)
        for button, text in ((self.zoom_in_button, "+"), (self.zoom_out_button, "−")):
            button.setText(text)
            button.setFixedSize(32, 32)
            button.setFont(QFont(button.font().family(), 14))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1.0))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1.0))
        self.search_area_button.clicked.connect(self.search_this_area)
        self.search_area_button.hide()  # until there are photos on the map to search
        self.empty_notice = QLabel(self)  # no photo has a place: say why the map is bare, not a blank world
        self.empty_notice.setObjectName("map-empty")
        self.empty_notice.setWordWrap(True)
        self.empty_notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_notice.hide()  # placed over the map's middle in resizeEvent (a wrapped label in a layout
        # of stretches is given one line's height)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.search_area_button)
        top.addStretch(1)
        column.addLayout(top)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        zoom = QVBoxLayout()
        zoom.setSpacing(4)
        zoom.addWidget(self.zoom_in_button)
        zoom.addWidget(self.zoom_out_button)
        row.addLayout(zoom)
        column.addLayout(row)

    def retranslate(self) -> None:
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.search_area_button.setText(self.tr("Search this area"))
        self.search_area_button.setToolTip(self.tr("Show the photos taken in the middle of the map "
                                                   "(Shift-drag on the map to draw a circle)"))  # fmt: skip
        self.setAccessibleName(self.tr("Map of the photos' places"))
        self.empty_notice.setText(self.tr("No photos with a place yet. Photos taken with the camera's location "
                                          "on appear here, where they were taken."))  # fmt: skip
        self._place_notice()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_notice()
        super().resizeEvent(event)

    def _place_notice(self) -> None:
        """The empty map's notice in the middle, wrapped to at most 420 pixels."""
        notice = self.empty_notice
        notice.setFixedWidth(min(420, max(120, self.width() - 40)))
        notice.setFixedHeight(notice.heightForWidth(notice.width()))
        notice.move((self.width() - notice.width()) // 2, (self.height() - notice.height()) // 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:  # a theme switch: the map in its colours
            self.pictures.clear()  # their rings, in the new theme's colour when they load again
            self._pending.clear()
            self.update()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Stop loading thumbnails and tiles (at exit)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.use_tiles(None)

    def use_tiles(self, cache: TileCache | None) -> None:
        """Draw OpenStreetMap tiles from ``cache`` under the markers, or (None) only the offline basemap."""
        if self.tile_layer is not None:
            self.tile_layer.shutdown()
        self.tile_layer = TileLayer(cache, self.update) if cache is not None else None
        self.update()

    # -- data --------------------------------------------------------------------------------------
    def set_points(self, points: MapPoints, levels: Sequence[Clusters] = ()) -> None:
        """Show these photos, with their clusters per zoom level where already made (``cluster_levels``,
        in a worker); the first time there are any, the map shows them all."""
        first = len(self.points) == 0 and len(points) > 0
        self.points = points
        self._x, self._y = points.world()
        self._clusters = dict(enumerate(levels))
        if first:
            self.show_all()
        self.empty_notice.setVisible(len(points) == 0)
        self.search_area_button.setVisible(len(points) > 0)
        self.update()

    def show_all(self) -> None:
        """Centre and zoom the map on every photo."""
        if not len(self.points):
            return
        left, right = float(self._x.min()), float(self._x.max())
        top, bottom = float(self._y.min()), float(self._y.max())
        self.centre = QPointF((left + right) / 2, (top + bottom) / 2)
        room = max(1.0, min(self.width(), self.height()) - 2 * MARKER_PX)
        span = max(right - left, bottom - top, 1e-6)
        self.zoom = float(np.clip(math.log2(room / (span * TILE_PX)), MIN_ZOOM, 14.0))
        self.update()

    def clusters(self) -> Clusters:
        """The markers at the current zoom (computed once per whole zoom level)."""
        level = round(self.zoom)
        found = self._clusters.get(level)
        if found is None:
            found = self._clusters[level] = cluster(self._x, self._y, level)
        return found

    # -- geometry ----------------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """Pixels per world unit."""
        return TILE_PX * 2.0**self.zoom

    def to_screen(self, x: float, y: float) -> QPointF:
        return QPointF((x - self.centre.x()) * self.scale + self.width() / 2,
                       (y - self.centre.y()) * self.scale + self.height() / 2)  # fmt: skip

    def to_world(self, point: QPointF) -> QPointF:
        return QPointF((point.x() - self.width() / 2) / self.scale + self.centre.x(),
                       (point.y() - self.height() / 2) / self.scale + self.centre.y())  # fmt: skip

    def visible_world(self) -> QRectF:
        return QRectF(self.to_world(QPointF(0, 0)), self.to_world(QPointF(self.width(), self.height())))

    def _clamp(self) -> None:
        self.zoom = float(np.clip(self.zoom, MIN_ZOOM, MAX_ZOOM))
        self.centre = QPointF(min(1.0, max(0.0, self.centre.x())), min(1.0, max(0.0, self.centre.y())))

    def zoom_by(self, levels: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``levels`` keeping the world point under ``anchor`` (default: the middle) in place."""
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        before = self.to_world(anchor)
        self.zoom += levels
        self._clamp()
        after = self.to_world(anchor)
        self.centre += before - after
        self._clamp()
        self.update()

    def circle_at(self, centre: QPointF, edge: QPointF) -> Circle:
        """The circle between two screen points (its centre and a point of its edge), in km."""
        lat, lon = unproject(*self._world_xy(centre))
        edge_lat, edge_lon = unproject(*self._world_xy(edge))
        km = float(distances_km(lat, lon, np.array([edge_lat]), np.array([edge_lon]))[0])
        return Circle(lat, lon, float(f"{max(km, 0.01):.3g}"))

    def _world_xy(self, point: QPointF) -> tuple[float, float]:
        world = self.to_world(point)
        return world.x(), world.y()

    def marker_at(self, point: QPointF) -> int | None:
        """The cluster whose marker is under ``point`` (the nearest, where markers overlap)."""
        found = self.clusters()
        if not len(found):
            return None
        sx = (found.x - self.centre.x()) * self.scale + self.width() / 2
        sy = (found.y - self.centre.y()) * self.scale + self.height() / 2
        distance = np.hypot(sx - point.x(), sy - point.y())
        nearest = int(np.argmin(distance))
        return nearest if distance[nearest] <= MARKER_PX / 2 else None

    # -- what a click asks for ---------------------------------------------------------------------
    def open_marker(self, index: int) -> None:
        self.area_chosen.emit(enclosing_circle(self.points, self.clusters().members(index)).syntax())

    def search_this_area(self) -> None:
        """The circle inside the visible map, around its middle."""
        middle = QPointF(self.width() / 2, self.height() / 2)
        edge = QPointF(middle.x(), 0) if self.height() < self.width() else QPointF(0, middle.y())
        self.area_chosen.emit(self.circle_at(middle, edge).syntax())

    # -- input -------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._press, self._press_centre, self._dragged = event.position(), QPointF(self.centre), False
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._circle = (event.position(), event.position())
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        moved = event.position() - self._press
        self._dragged = self._dragged or moved.manhattanLength() >= CLICK_SLOP_PX
        if self._circle is not None:
            self._circle = (self._circle[0], event.position())
        elif self._dragged:
            self.centre = self._press_centre - moved / self.scale
            self._clamp()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        circle, self._circle, dragged, self._press = self._circle, None, self._dragged, None
        self.unsetCursor()
        self.update()
        if circle is not None and dragged:
            self.area_chosen.emit(self.circle_at(*circle).syntax())
        elif not dragged:
            index = self.marker_at(event.position())
            if index is not None:
                self.open_marker(index)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.marker_at(event.position()) is None:  # a double click on a marker already opened it
            out = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.zoom_by(-1.0 if out else 1.0, event.position())

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if notches:
            self.zoom_by(notches * WHEEL_STEP, event.position())

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.0)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_by(-1.0)
        else:
            super().keyPressEvent(event)

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = colours()
        painter.fillRect(self.rect(), qcolor(theme.map_water))
        self._paint_basemap(painter)
        if self.tile_layer is not None:
            self.tile_layer(painter, self)
        self._paint_cities(painter)
        self._paint_markers(painter)
        if self._circle is not None:
            centre, edge = self._circle
            radius = math.hypot(edge.x() - centre.x(), edge.y() - centre.y())
            accent = qcolor(theme.accent)
            painter.setPen(QPen(accent, 2))
            accent.setAlpha(50)
            painter.setBrush(accent)
            painter.drawEllipse(centre, radius, radius)
        painter.end()

    def _paint_basemap(self, painter: QPainter) -> None:
        theme = colours()
        painter.save()
        painter.setTransform(QTransform(self.scale, 0, 0, self.scale, self.width() / 2 - self.centre.x() * self.scale,
                                        self.height() / 2 - self.centre.y() * self.scale))  # fmt: skip
        painter.setClipRect(QRectF(0, 0, 1, 1))  # one world: a line's copy a world away shows only its far end
        coast = QPen(qcolor(theme.map_coast), 1.0)
        coast.setCosmetic(True)
        painter.setPen(coast)
        painter.setBrush(QBrush(qcolor(theme.map_land)))
        for path in self._visible(self._land_detail if self.zoom >= DETAIL_ZOOM else self._land_world):
            painter.drawPath(path)
        border = QPen(qcolor(theme.map_border), 1.0)
        border.setCosmetic(True)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in self._visible(self._borders):
            painter.drawPath(path)
        painter.restore()

    def _visible(self, paths: _Paths) -> list[QPainterPath]:
        """The paths whose bounds meet the visible part of the world (one numpy test for all of them)."""
        seen = self.visible_world()
        bounds = paths.bounds
        meets = ((bounds[:, 0] <= seen.right()) & (bounds[:, 2] >= seen.left())
                 & (bounds[:, 1] <= seen.bottom()) & (bounds[:, 3] >= seen.top()))  # fmt: skip
        return [paths.paths[i] for i in np.flatnonzero(meets)]

    def _paint_cities(self, painter: QPainter) -> None:
        """The best-known cities' names, fewer the farther out, none on top of another."""
        chinese = QLocale().language() == QLocale.Language.Chinese  # the UI's language now, after a live switch
        shown = min(len(self.basemap.cities), int(CITY_LABELS_AT_ZOOM_1 * 4 ** (self.zoom - 1)))
        sx = (self._city_x[:shown] - self.centre.x()) * self.scale + self.width() / 2
        sy = (self._city_y[:shown] - self.centre.y()) * self.scale + self.height() / 2
        inside = np.flatnonzero((sx >= 0) & (sx < self.width()) & (sy >= 0) & (sy < self.height()))
        painter.setPen(qcolor(colours().muted_text))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        taken: list[QRectF] = []
        for index in inside:
            city, where = self.basemap.cities[index], QPointF(float(sx[index]), float(sy[index]))
            name = (chinese and city.name_zh) or city.name
            box = QRectF(where.x() + 4, where.y() - metrics.height() / 2, metrics.horizontalAdvance(name),
                         metrics.height())  # fmt: skip
            if any(box.intersects(other) for other in taken):
                continue
            taken.append(box)
            painter.drawEllipse(where, 1.5, 1.5)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)

    def _paint_markers(self, painter: QPainter) -> None:
        """Each marker as two ready-made pixmaps, its picture (or a blank disc) and its count's badge:
        drawing discs and text anew for hundreds of markers per frame took most of a frame."""
        found = self.clusters()
        if not len(found):
            return
        sx = (found.x - self.centre.x()) * self.scale + self.width() / 2
        sy = (found.y - self.centre.y()) * self.scale + self.height() / 2
        margin = MARKER_PX
        on_screen = np.flatnonzero((sx > -margin) & (sx < self.width() + margin)
                                   & (sy > -margin) & (sy < self.height() + margin))  # fmt: skip
        on_screen = on_screen[np.argsort(found.counts[on_screen], kind="stable")]  # the biggest drawn last, on top
        blank = self._blank_marker()
        radius = MARKER_PX / 2
        for index in on_screen:
            x, y = float(sx[index]), float(sy[index])
            first = found.first[index]
            picture = self._picture(str(self.points.hashes[first]), str(self.points.ids[first])) or blank
            painter.drawPixmap(QPointF(x - radius, y - radius), picture)
            painter.drawPixmap(QPointF(x + radius * 0.35, y - radius - 4), self._badge(int(found.counts[index])))

    def _new_pixmap(self, width: int, height: int) -> QPixmap:
        """A transparent pixmap of that many (logical) pixels, sharp on a high-density screen."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(0, 0, 0, 0))
        return pixmap

    def _disc(self, fill: QImage | None) -> QPixmap:
        """A marker's disc: ``fill`` cut round (or the placeholder colour) inside a ring of the window's colour."""
        theme = colours()
        disc = self._new_pixmap(MARKER_PX, MARKER_PX)
        painter = QPainter(disc)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        inner = QRectF(2, 2, MARKER_PX - 4, MARKER_PX - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(qcolor(theme.placeholder)))
        painter.drawEllipse(inner)
        if fill is not None:
            clip = QPainterPath()
            clip.addEllipse(inner)
            painter.setClipPath(clip)
            scale = max(inner.width() / fill.width(), inner.height() / fill.height())
            size = QSizeF(fill.width() * scale, fill.height() * scale)
            painter.drawImage(QRectF(inner.center() - QPointF(size.width() / 2, size.height() / 2), size), fill)
            painter.setClipping(False)
        painter.setPen(QPen(qcolor(theme.window), 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(inner)
        painter.end()
        return disc

    def _blank_marker(self) -> QPixmap:
        key = ("blank", colours().name)
        if key not in self._drawn:
            self._drawn[key] = self._disc(None)
        return self._drawn[key]

    def _badge(self, count: int) -> QPixmap:
        """A marker's count in a pill of the accent colour."""
        key = (f"{count:,}", colours().name)
        badge = self._drawn.get(key)
        if badge is None:
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.8)
            metrics = QFontMetricsF(font)
            height = metrics.height() + 2
            width = max(height, metrics.horizontalAdvance(key[0]) + 10)
            badge = self._drawn[key] = self._new_pixmap(math.ceil(width), math.ceil(height))
            painter = QPainter(badge)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(qcolor(colours().accent)))
            box = QRectF(0, 0, width, height)
            painter.drawRoundedRect(box, height / 2, height / 2)
            painter.setFont(font)
            painter.setPen(qcolor(colours().accent_text))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), key[0])
            painter.end()
        return badge

    # -- thumbnails --------------------------------------------------------------------------------
    def _picture(self, digest: str, photo_id: str) -> QPixmap | None:
        """A marker's round picture, or None while it loads (in a pool thread, never here) or if it cannot."""
        picture = self.pictures.get(digest)
        if picture is None and digest and digest not in self._pending:
            self._pending.add(digest)  # and kept there if it cannot load: not asked for again
            path = self.thumbnail(Photo(id=photo_id, path="", content_hash=digest))
            if path is not None:
                self._pool.submit(_load_thumb, digest, path, self._signals)
        return picture

    def _on_loaded(self, digest: str, image: QImage) -> None:
        if image.isNull():
            return
        self._pending.discard(digest)
        self.pictures[digest] = self._disc(image)
        self.update()
