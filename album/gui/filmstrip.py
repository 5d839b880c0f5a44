"""The viewer's filmstrip: one row of the current results' thumbnails, the shown photo marked; a click jumps.

The strip holds a window of the results around the photo shown, not all of them: Qt lays a list view out
item by item, asking the model for each row, which took 1.6 s on 100k results (measured); a window of a few
hundred is laid out at once and slides along as the viewer steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from album.core.records import Photo, SearchHit
from album.gui.photo_grid import PhotoModel
from album.gui.theme import VIEWER

THUMB_EM = 4.5  # a thumbnail's height in the font's line heights: the strip grows with the system font
MARK_WIDTH = 3  # the frame around the shown photo
REACH = 300  # results the strip holds on either side of the photo shown
SLIDE_MARGIN = 60  # the window slides when the photo shown comes this close to its edge


class _FrameDelegate(QStyledItemDelegate):
    """Draws each thumbnail whole in its cell, and a frame in the accent colour around the current one."""

    def __init__(self, strip: Filmstrip) -> None:
        super().__init__(strip)
        self.strip = strip

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        side = self.strip.thumb_side
        return QSize(side + 2 * MARK_WIDTH, side + 2 * MARK_WIDTH)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        cell: QRect = option.rect  # type: ignore[attr-defined]
        inner = cell.adjusted(MARK_WIDTH, MARK_WIDTH, -MARK_WIDTH, -MARK_WIDTH)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, inner, Qt.AlignmentFlag.AlignCenter)  # keeps the photo's shape
        if index.row() + self.strip.offset == self.strip.current:
            pen = QPen(QColor(VIEWER.accent))
            pen.setWidth(MARK_WIDTH)
            painter.save()
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(1, 1, -2, -2))
            painter.restore()


class Filmstrip(QListView):
    """A horizontal strip of the results around the photo shown, which it keeps in the middle.

    Args:
        thumbnail: where a photo's cached thumbnail is (``Library.thumbnail``), or None.

    Signals:
        chosen(int): the user clicked (or pressed Return on) a photo: show that result (its index in the
            results, not in the strip's window).
    """

    chosen = Signal(int)

    def __init__(self, thumbnail: Callable[[Photo], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = -1  # the result shown, as an index in the results
        self.offset = 0  # the result the strip's first row is
        self.hits: Sequence[SearchHit] = []
        self._stale = True  # new results: the window is made again at the next mark
        model = PhotoModel(thumbnail, parent=self)
        self.strip_model = model
        self.setModel(model)
        model.thumbnail_ready.connect(self.viewport().update)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setUniformItemSizes(True)  # 100k results lay out at once
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # the frame marks the current photo
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # ←/→ are the viewer's; Tab reaches the strip for Return
        self.setItemDelegate(_FrameDelegate(self))
        self.thumb_side = round(self.fontMetrics().height() * THUMB_EM)
        self.setFixedHeight(self.thumb_side + 2 * MARK_WIDTH + self.frameWidth() * 2 + 4)
        self.clicked.connect(lambda index: self.chosen.emit(self.offset + index.row()))
        self.activated.connect(lambda index: self.chosen.emit(self.offset + index.row()))
        self.setObjectName("filmstrip")
        self.setStyleSheet(f"#filmstrip {{ background: {VIEWER.window}; border: none; }}")

    def shutdown(self) -> None:
        """Stop the strip's file checks (at exit)."""
        self.strip_model.shutdown()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """A mouse wheel (vertical) scrolls the strip sideways."""
        delta = event.angleDelta()
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() - (delta.y() or delta.x()) * self.thumb_side // 120)
        event.accept()

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        """The results the strip shows a window of (the photo shown is set by :meth:`mark`)."""
        self.hits = hits
        self._stale = True

    def mark(self, current: int) -> None:
        """Frame result ``current`` as the photo shown and scroll it to the middle of the strip; the window of
        results slides (or jumps) to keep it well inside."""
        self.current = current
        start, end = self.offset, self.offset + self.strip_model.rowCount()
        near_start = current < start + SLIDE_MARGIN and start > 0
        near_end = current >= end - SLIDE_MARGIN and end < len(self.hits)
        if self._stale or not start <= current < end or near_start or near_end:
            self._stale = False
            self.offset = max(0, current - REACH)
            window = range(self.offset, min(len(self.hits), current + REACH + 1))
            self.strip_model.set_hits([self.hits[i] for i in window])
        index = self.strip_model.index(current - self.offset, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.viewport().update()
