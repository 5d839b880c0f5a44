"""The viewer's filmstrip: one row of the current results' thumbnails, the shown photo marked; a click jumps."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from album.gui.photo_grid import PhotoModel
from album.gui.theme import VIEWER

THUMB_EM = 4.5  # a thumbnail's height in the font's line heights: the strip grows with the system font
MARK_WIDTH = 3  # the frame around the shown photo


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
        if index.row() == self.strip.current:
            pen = QPen(QColor(VIEWER.accent))
            pen.setWidth(MARK_WIDTH)
            painter.save()
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(1, 1, -2, -2))
            painter.restore()


class Filmstrip(QListView):
    """A horizontal strip over a :class:`PhotoModel`; scrolls to keep the current photo in the middle.

    Signals:
        chosen(int): the user clicked (or pressed Return on) a photo: show that row.
    """

    chosen = Signal(int)

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = -1
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
        self.clicked.connect(lambda index: self.chosen.emit(index.row()))
        self.activated.connect(lambda index: self.chosen.emit(index.row()))
        self.setObjectName("filmstrip")
        self.setStyleSheet(f"#filmstrip {{ background: {VIEWER.window}; border: none; }}")

    def wheelEvent(self, event: QWheelEvent) -> None:
        """A mouse wheel (vertical) scrolls the strip sideways."""
        delta = event.angleDelta()
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() - (delta.y() or delta.x()) * self.thumb_side // 120)
        event.accept()

    def mark(self, row: int) -> None:
        """Frame ``row`` as the photo shown and scroll it to the middle of the strip."""
        self.current = row
        index = self.model().index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.viewport().update()
