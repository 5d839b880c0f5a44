"""The explore map's drawing surface: 100k photos as dots that become thumbnails as you zoom in.

One custom-painted widget, not a widget or scene item per photo. Dots are written straight into a pixel
buffer with numpy (every visible point at once, a few ms for 100k) and drawn as one image; only when few
enough photos are on screen and each has room for a picture are their thumbnails drawn, loaded in a small
thread pool by the grid's own loader. Dragging pans, the wheel zooms about the mouse, Shift+drag (or a
right-button drag) draws a lasso, a click opens the photo under the mouse.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from album.gui.photo_grid import _ThumbSignals
from album.gui.theme import colours, qcolor

MIN_SCALE_FACTOR, MAX_SCALE_FACTOR = 0.5, 400.0  # zoom limits, relative to the whole map fitting the widget
THUMB_MIN_PX = 40  # a photo's room on screen from which it is drawn as a thumbnail
MAX_THUMBS = 400  # never more thumbnails at once than this (dots beyond)
THUMB_CACHE = 3000  # decoded thumbnails kept
HOVER_PX = 10  # how near the mouse a dot must be to be the photo under it
PREVIEW_PX = 180  # the hovered photo's preview
THUMB_PX = PREVIEW_PX  # thumbnails are kept this size: the largest they are drawn
CLICK_SLOP_PX = 4  # a press and release closer than this is a click, not a drag
COLOUR_BAR_PX = 4  # the bar under a thumbnail in its point's colour (region, date, place, person)


def _load_small(key: str, path: Path, signals: _ThumbSignals) -> None:
    """Runs in a pool thread: a cached thumbnail decoded and scaled to the map's largest tile, so painting
    hundreds of them while zooming scales small pictures (the grid's loader, plus the scaling)."""
    image = QImage(str(path))
    if not image.isNull():
        image = image.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    signals.loaded.emit(key, image)


def inside(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Which of ``points`` (N, 2) lie inside ``polygon`` (M, 2) by the even-odd rule, vectorised per edge."""
    result = np.zeros(len(points), bool)
    if len(polygon) < 3 or len(points) == 0:
        return result
    low, high = polygon.min(axis=0), polygon.max(axis=0)
    near = np.flatnonzero(((points >= low) & (points <= high)).all(axis=1))  # the lasso's box first
    x, y = points[near, 0], points[near, 1]
    crossings = np.zeros(len(near), bool)
    x1, y1 = polygon[:, 0], polygon[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    for ax, ay, bx, by in zip(x1, y1, x2, y2, strict=True):
        if ay == by:
            continue
        straddles = (ay > y) != (by > y)
        at = ax + (y - ay) * (bx - ax) / (by - ay)
        crossings ^= straddles & (x < at)
    result[near] = crossings
    return result


class ExploreCanvas(QWidget):
    """The map itself: points at ``xy`` in [0, 1]², each in its colour (0xAARRGGBB).

    Args:
        thumbnail: where point ``i``'s cached thumbnail is (None: draw it as a dot).

    Signals:
        activated(int): a point was clicked.
        lassoed(object): the points inside a lasso the user drew (a numpy index array).
        hovered(int): the point under the mouse changed (-1: none).
    """

    activated = Signal(int)
    lassoed = Signal(object)
    hovered = Signal(int)

    def __init__(self, thumbnail: Callable[[int], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explore-canvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)
        self.thumbnail = thumbnail
        self.xy = np.zeros((0, 2), np.float32)
        self.colour = np.zeros(0, np.uint32)
        self.selected = np.zeros(0, bool)
        self.labels: list[tuple[float, float, str]] = []
        self.message = ""  # shown instead of the map while it has no points: why, and what to do
        self.centre = np.array([0.5, 0.5])
        self.span = np.ones(2)  # the points' extent in map units: the whole map fits the widget
        self.zoom = 1.0  # relative to the whole map fitting the widget
        self.hover = -1
        self._tree: object | None = None
        self._press: QPointF | None = None
        self._press_centre = self.centre.copy()
        self._lasso: list[QPointF] | None = None
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self._signals = _ThumbSignals()
        self._signals.loaded.connect(self._loaded)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="album-explore-thumbs")

    # -- data -------------------------------------------------------------------------------------
    def set_points(self, xy: np.ndarray, colour: np.ndarray) -> None:
        """New points (a new map): the view fits them all again."""
        from scipy.spatial import cKDTree

        self.xy = np.asarray(xy, np.float32)
        self.colour = np.asarray(colour, np.uint32)
        self.selected = np.zeros(len(self.xy), bool)
        self._tree = cKDTree(self.xy) if len(self.xy) else None
        self.hover = -1
        self.fit()

    def fit(self) -> None:
        """Show every point: the points' box centred and filling the widget (not just the map's square)."""
        low, high = (self.xy.min(axis=0), self.xy.max(axis=0)) if len(self.xy) else (np.zeros(2), np.ones(2))
        self.centre = (low + high).astype(np.float64) / 2
        self.span = np.maximum(high - low, 1e-3).astype(np.float64)
        self.zoom = 1.0
        self.update()

    def set_message(self, message: str) -> None:
        """What the canvas says while it has no points (empty: nothing)."""
        self.message = message
        self.update()

    def set_colours(self, colour: np.ndarray) -> None:
        self.colour = np.asarray(colour, np.uint32)
        self.update()

    def set_labels(self, labels: list[tuple[float, float, str]]) -> None:
        """Region names at their centres (map coordinates)."""
        self.labels = labels
        self.update()

    def set_selected(self, selected: np.ndarray) -> None:
        self.selected = selected
        self.update()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- geometry ---------------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """Pixels per map unit: at zoom 1 the points' box fills the widget, with a margin of half a
        thumbnail all round so the photos at its edges are drawn whole."""
        room = np.array([self.width(), self.height()], np.float64)
        fitted = float((room / self.span).min())
        margin = min(0.45 * fitted / math.sqrt(max(len(self.xy), 1)), THUMB_PX / 2) + 8
        return max(1.0, float(((room - 2 * margin) / self.span).min())) * self.zoom

    def to_screen(self, xy: np.ndarray) -> np.ndarray:
        """Map coordinates to pixels, in float32 (half the memory traffic of float64 for 100k points)."""
        offset = np.array([self.width() / 2, self.height() / 2], np.float32) - self.centre.astype(
            np.float32
        ) * np.float32(self.scale)
        return xy.astype(np.float32, copy=False) * np.float32(self.scale) + offset

    def to_map(self, point: QPointF) -> np.ndarray:
        return (np.array([point.x(), point.y()]) - np.array([self.width() / 2, self.height() / 2])) / self.scale \
            + self.centre  # fmt: skip

    def zoom_by(self, factor: float, about: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the map point under ``about`` (default: the centre) where it is."""
        anchor = self.to_map(about) if about is not None else self.centre.copy()
        self.zoom = min(MAX_SCALE_FACTOR, max(MIN_SCALE_FACTOR, self.zoom * factor))
        if about is not None:
            self.centre = anchor - (self.to_map(about) - self.centre)
        self.update()

    def pan_by(self, dx: float, dy: float) -> None:
        self.centre = self.centre - np.array([dx, dy]) / self.scale
        self.update()

    def thumb_side(self) -> float:
        """The room one photo has on screen at this zoom: the typical spacing of the points."""
        return self.scale * 0.9 / math.sqrt(max(len(self.xy), 1))

    def point_at(self, pos: QPointF) -> int:
        """The point drawn under ``pos`` (-1: none)."""
        if self._tree is None:
            return -1
        reach = max(HOVER_PX, self.thumb_side() / 2 if self.thumb_side() >= THUMB_MIN_PX else 0) / self.scale
        distance, index = self._tree.query(self.to_map(pos), distance_upper_bound=reach)  # type: ignore[attr-defined]
        return int(index) if math.isfinite(distance) else -1

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), qcolor(colours().window))
        if not len(self.xy) and self.message:
            painter.setPen(qcolor(colours().muted_text))
            box = QRectF(0, 0, min(self.width() - 80, 520), self.height() - 80)  # a readable line length
            box.moveCenter(QRectF(self.rect()).center())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.message)
        if len(self.xy):
            screen = self.to_screen(self.xy)
            w, h = self.width(), self.height()
            side = self.thumb_side()
            margin = side / 2
            visible = np.flatnonzero((screen[:, 0] > -margin) & (screen[:, 0] < w + margin)
                                     & (screen[:, 1] > -margin) & (screen[:, 1] < h + margin))  # fmt: skip
            if side >= THUMB_MIN_PX and len(visible) <= MAX_THUMBS:
                self._paint_thumbs(painter, screen, visible, side)
            else:
                self._paint_dots(painter, screen, visible, side)
            self._paint_labels(painter)
            if self.hover >= 0:
                self._paint_preview(painter, screen[self.hover])
        if self._lasso:
            path = QPainterPath(self._lasso[0])
            for point in self._lasso[1:]:
                path.lineTo(point)
            path.closeSubpath()
            accent = qcolor(colours().accent)
            painter.setPen(QPen(accent, 2, Qt.PenStyle.DashLine))
            fill = QColor(accent)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.drawPath(path)
        painter.end()

    def _paint_dots(self, painter: QPainter, screen: np.ndarray, visible: np.ndarray, side: float) -> None:
        """Every visible point as a small disc, written into one pixel buffer (numpy), drawn as one image.

        The buffer has a margin of the disc's radius all round, so each of the disc's pixel offsets is one
        fancy-index assignment over all points, without bounds checks."""
        ratio = self.devicePixelRatioF()
        radius = int(max(1, min(3, side / 8)) * ratio)
        bw, bh = max(1, int(self.width() * ratio)) + 2 * radius, max(1, int(self.height() * ratio)) + 2 * radius
        px = (screen[visible] * ratio).astype(np.int32) + radius
        keep = (px[:, 0] >= radius) & (px[:, 0] < bw - radius) & (px[:, 1] >= radius) & (px[:, 1] < bh - radius)
        px, colour = px[keep], self.colour[visible[keep]]
        if self.selected.any():  # the lasso's points stay bright, the others fade
            faded = ~self.selected[visible[keep]]
            colour = premultiplied(np.where(faded, (colour & 0x00FFFFFF) | 0x50000000, colour).astype(np.uint32))
            order = np.argsort(~faded, kind="stable")  # the bright ones drawn last, on top
            px, colour = px[order], colour[order]
        buffer = np.zeros(bh * bw, np.uint32)
        flat = px[:, 1] * bw + px[:, 0]
        for dy in range(-radius, radius + 1):
            for dx in range(-radius, radius + 1):
                if dx * dx + dy * dy <= radius * radius + radius:
                    buffer[flat + (dy * bw + dx)] = colour
        image = QImage(buffer.data, bw, bh, bw * 4, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        painter.drawImage(QPointF(-radius / ratio, -radius / ratio), image)  # before ``buffer`` goes: not copied

    def _paint_thumbs(self, painter: QPainter, screen: np.ndarray, visible: np.ndarray, side: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        accent = qcolor(colours().accent)
        for index in visible.tolist():
            x, y = screen[index]
            pixmap = self._pixmap(index)
            if pixmap is None:
                rect = QRectF(x - side * 0.35, y - side * 0.35, side * 0.7, side * 0.7)
                painter.fillRect(rect, QColor.fromRgba(int(self.colour[index])))
            else:
                room = min(side * 0.95, THUMB_PX)  # never drawn larger than kept: no blur
                fit = min(room / max(pixmap.width(), 1), room / max(pixmap.height(), 1))
                pw, ph = pixmap.width() * fit, pixmap.height() * fit
                rect = QRectF(x - pw / 2, y - ph / 2, pw, ph)
                painter.drawPixmap(rect, pixmap, QRectF(pixmap.rect()))
                bar = QRectF(rect.left(), rect.bottom() - COLOUR_BAR_PX, rect.width(), COLOUR_BAR_PX)
                painter.fillRect(bar, QColor.fromRgba(int(self.colour[index])))  # colour by: seen on photos too
            if self.selected[index]:
                painter.setPen(QPen(accent, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
            elif self.selected.any():
                painter.fillRect(rect, QColor(0, 0, 0, 110))

    def _paint_labels(self, painter: QPainter) -> None:
        """Region names at their centres (those on screen), kept inside the widget; a name that would cover one
        drawn before it (the larger regions come first) moves below or above it, or is left out."""
        metrics = QFontMetrics(painter.font())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bounds = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        drawn: list[QRectF] = []
        for x, y, text in self.labels:
            if not text:
                continue
            sx, sy = self.to_screen(np.array([x, y]))
            if not bounds.contains(QPointF(sx, sy)):
                continue  # its region is off screen: a name at the edge would point at the wrong photos
            box = QRectF(metrics.boundingRect(text)).adjusted(-6, -3, 6, 3)
            for shift in (0.0, 1.1, -1.1, 2.2, -2.2):
                box.moveCenter(QPointF(sx, sy + shift * box.height()))
                box.moveLeft(min(max(box.left(), bounds.left()), bounds.right() - box.width()))
                box.moveTop(min(max(box.top(), bounds.top()), bounds.bottom() - box.height()))
                if not any(box.intersects(other) for other in drawn):
                    break
            else:
                continue
            drawn.append(QRectF(box))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolor(colours().overlay_background))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(qcolor(colours().overlay_text))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_preview(self, painter: QPainter, at: np.ndarray) -> None:
        pixmap = self._pixmap(self.hover)
        if pixmap is None:
            return
        fit = PREVIEW_PX / max(pixmap.width(), pixmap.height(), 1)
        pw, ph = pixmap.width() * fit, pixmap.height() * fit
        x = at[0] + 16 if at[0] + 16 + pw < self.width() else at[0] - 16 - pw
        y = min(max(0.0, at[1] - ph / 2), self.height() - ph)
        rect = QRectF(x, y, pw, ph)
        painter.setPen(QPen(qcolor(colours().border), 1))
        painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        painter.drawPixmap(rect, pixmap, QRectF(pixmap.rect()))

    # -- thumbnails -------------------------------------------------------------------------------
    def _pixmap(self, index: int) -> QPixmap | None:
        """Point ``index``'s thumbnail if decoded; else None, and it is loaded in the background."""
        path = self.thumbnail(index)
        if path is None:
            return None
        key = str(path)
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            self._pixmaps.move_to_end(key)
            return pixmap
        if key not in self._pending:
            self._pending.add(key)
            self._pool.submit(_load_small, key, path, self._signals)
        return None

    def _loaded(self, key: str, image: QImage) -> None:
        self._pending.discard(key)
        if image.isNull():
            return
        self._pixmaps[key] = QPixmap.fromImage(image)
        while len(self._pixmaps) > THUMB_CACHE:
            self._pixmaps.popitem(last=False)
        self.update()

    # -- input ------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """+ and - zoom, the arrow keys pan: the map without a mouse."""
        key = event.key()
        steps = {
            Qt.Key.Key_Left: (60, 0),
            Qt.Key.Key_Right: (-60, 0),
            Qt.Key.Key_Up: (0, 60),
            Qt.Key.Key_Down: (0, -60),
        }
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.25)
        elif key in steps:
            self.pan_by(*steps[Qt.Key(key)])
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps, event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        self._press_centre = self.centre.copy()
        lasso = event.button() == Qt.MouseButton.RightButton or (
            event.button() == Qt.MouseButton.LeftButton and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        self._lasso = [event.position()] if lasso else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._lasso is not None:
            self._lasso.append(event.position())
            self.update()
        elif self._press is not None:
            delta = event.position() - self._press
            self.centre = self._press_centre - np.array([delta.x(), delta.y()]) / self.scale
            self.update()
        else:
            hover = self.point_at(event.position())
            if hover != self.hover:
                self.hover = hover
                self.hovered.emit(hover)
                self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, lasso = self._press, self._lasso
        self._press, self._lasso = None, None
        if lasso is not None and len(lasso) >= 3:
            self.finish_lasso([self.to_map(p) for p in lasso])
        elif press is not None and (event.position() - press).manhattanLength() < CLICK_SLOP_PX:
            index = self.point_at(event.position())
            if index >= 0:
                self.activated.emit(index)
            elif self.selected.any():  # a click beside the photos lets the lasso's choice go
                self.set_selected(np.zeros(len(self.xy), bool))
                self.lassoed.emit(np.zeros(0, np.int64))
        self.update()

    def leaveEvent(self, event: object) -> None:
        if self.hover >= 0:
            self.hover = -1
            self.hovered.emit(-1)
            self.update()

    def finish_lasso(self, polygon: list[np.ndarray]) -> None:
        """Select the points inside ``polygon`` (map coordinates) and say which."""
        chosen = inside(self.xy, np.asarray(polygon, np.float64))
        self.set_selected(chosen)
        self.lassoed.emit(np.flatnonzero(chosen))


def premultiplied(argb: np.ndarray) -> np.ndarray:
    """0xAARRGGBB colours with their RGB scaled by their alpha, as QImage's premultiplied format wants."""
    alpha = (argb >> 24) & 0xFF
    out = argb & 0xFF000000
    for shift in (16, 8, 0):
        out |= (((argb >> shift) & 0xFF) * alpha // 255) << shift
    return out.astype(np.uint32)
