"""The photo grid: a list model over search results with thumbnails loaded lazily off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from album.core.records import Photo, SearchHit
from album.gui.availability import FileChecker
from album.gui.search_bar import reason_labels
from album.gui.styles import scaled_font
from album.gui.texts import taken_text
from album.gui.theme import colours

ModelIndex = QModelIndex | QPersistentModelIndex
PathRole = Qt.ItemDataRole.UserRole + 1
HitRole = Qt.ItemDataRole.UserRole + 2  # the row's SearchHit
OpensRole = Qt.ItemDataRole.UserRole + 3  # whether the photo's file opens: True, False, or None (not known yet)
FavouriteRole = Qt.ItemDataRole.UserRole + 4  # whether the user marked the photo as a favourite (the tile's heart)
RECHECK_MS = 30_000  # the shown tiles' files are checked again this often: a drive plugged back in turns them colour


class _ThumbSignals(QObject):
    loaded = Signal(str, QImage)


def _load_thumb(digest: str, path: Path, signals: _ThumbSignals) -> None:
    """Runs in a pool thread: decode one cached thumbnail (a small JPEG); the signal queues it to the GUI.

    A plain Python thread pool, not QThreadPool + QRunnable: Python QRunnables crashed PySide6 6.12
    (a reference-count error) when thousands were started while scrolling 100k photos.
    """
    signals.loaded.emit(digest, QImage(str(path)))


def greyed(pixmap: QPixmap) -> QPixmap:
    """A photo whose file cannot be opened: its thumbnail grey and faded, with a "!" badge in the corner."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    out = QPixmap(pixmap.size())
    out.fill(QColor(colours().window))
    painter = QPainter(out)
    painter.setOpacity(0.45)
    painter.drawImage(0, 0, image)
    painter.setOpacity(1.0)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = max(14, min(out.width(), out.height()) // 5)
    margin = side // 4
    badge = out.rect().adjusted(out.width() - side - margin, out.height() - side - margin, -margin, -margin)
    painter.setPen(QColor(colours().badge_text))
    painter.setBrush(QBrush(QColor(colours().badge)))
    painter.drawEllipse(badge)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(side * 0.7))
    painter.setFont(font)
    painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), "!")
    painter.end()
    return out


class PhotoModel(QAbstractListModel):
    """Search hits with thumbnails, loaded on first display.

    A photo whose file cannot be opened (its drive unplugged, its share gone) is drawn greyed with a
    badge. Files are checked for the tiles Qt asks about, i.e. the visible ones, in
    :class:`~album.gui.availability.FileChecker`'s threads; the answers are cached, and checked again
    after each :meth:`set_hits` and every ``RECHECK_MS`` (a drive can come back, or go), showing the
    last answer meanwhile.

    Args:
        thumbnail: where a photo's cached thumbnail is (``Library.thumbnail``), or None.
        why: a hit's reasons in the UI's language (for the tooltip).

    Signals:
        thumbnail_ready(): a thumbnail arrived; the view repaints what is visible. (Emitting
            dataChanged per cell from here crashed PySide6 6.12 with a reference-count error when
            thousands of thumbnails arrived while scrolling 100k photos.)
    """

    thumbnail_ready = Signal()

    def __init__(
        self,
        thumbnail: Callable[[Photo], Path | None],
        why: Callable[[SearchHit], Sequence[str]] = lambda hit: reason_labels(hit.reasons),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.thumbnail = thumbnail
        self.why = why
        self.hits: Sequence[SearchHit] = []
        self._icons: dict[str, QIcon] = {}
        self._pending: set[str] = set()
        self._signals = _ThumbSignals()
        self._signals.loaded.connect(self._on_loaded)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="album-thumbs")
        placeholder = QPixmap(320, 240)
        placeholder.fill(QColor(colours().placeholder))
        self._placeholder = QIcon(placeholder)
        self._greyed_placeholder = QIcon(greyed(placeholder))
        self._greyed: dict[str, QIcon] = {}  # by content hash, made on first need from the loaded icon
        self._opens: dict[str, bool] = {}  # by path: the last answer of the file check
        self._checked: set[str] = set()  # paths whose answer is current (checked since the last set_hits)
        self._checking: set[str] = set()
        self._checker = FileChecker()
        self._checker.checked.connect(self._on_checked)
        self._recheck = QTimer(self, interval=RECHECK_MS)
        self._recheck.timeout.connect(self.check_again)
        self._recheck.start()

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self._checked.clear()  # shown tiles are checked again: an unplugged drive may be back
        self.endResetModel()

    def check_again(self) -> None:
        """Check the shown tiles' files again (they are asked for as the view repaints)."""
        self._checked.clear()
        self.thumbnail_ready.emit()

    def shutdown(self) -> None:
        """Stop the file checks (without waiting for one that hangs on a dead mount)."""
        self._recheck.stop()
        self._checker.stop()

    def opens(self, path: str) -> bool | None:
        """Whether the photo's file opened when last checked (None: not checked yet); asks for a check
        if the answer is not current."""
        if path not in self._checked and path not in self._checking:
            self._checking.add(path)
            self._checker.request(path)
        return self._opens.get(path)

    def _on_checked(self, path: str, opens: bool) -> None:
        self._checking.discard(path)
        self._checked.add(path)
        if self._opens.get(path) != opens:
            self._opens[path] = opens
            self.thumbnail_ready.emit()  # repaint: the tile turns grey (or back)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        photo = hit.photo
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(photo)
        if role == Qt.ItemDataRole.ToolTipRole:
            missing = self.tr("The file is not available (its folder may be offline)")
            taken = taken_text(photo, long=False) if photo.taken_at is not None else ""
            lines = [Path(photo.path).name, taken, *self.why(hit)]
            lines += [missing] if self._opens.get(photo.path) is False else []
            return "\n".join(line for line in lines if line)
        if role == PathRole:
            return photo.path
        if role == HitRole:
            return hit
        if role == OpensRole:
            return self.opens(photo.path)
        if role == FavouriteRole:
            return photo.favourite
        return None

    def _icon(self, photo: Photo) -> QIcon:
        """The thumbnail (greyed if the file does not open), or a placeholder while it loads."""
        available = self.opens(photo.path) is not False  # unknown counts as available: no grey flicker
        digest = photo.content_hash or ""
        icon = self._icons.get(digest)
        if icon is None and digest and digest not in self._pending:
            path = self.thumbnail(photo)
            if path is not None:
                self._pending.add(digest)
                self._pool.submit(_load_thumb, digest, path, self._signals)
        if available:
            return icon or self._placeholder
        if icon is None:
            return self._greyed_placeholder
        if digest not in self._greyed:
            self._greyed[digest] = QIcon(greyed(icon.pixmap(icon.availableSizes()[0])))
        return self._greyed[digest]

    def _on_loaded(self, digest: str, image: QImage) -> None:
        self._pending.discard(digest)
        if image.isNull():
            return
        self._icons[digest] = QIcon(QPixmap.fromImage(image))  # an icon scales to the grid's size
        self.thumbnail_ready.emit()


TILE_PADDING = 4  # between a tile's edge and its photo: room for the selection frame


def fitted(size: QSize, box: QRect) -> QRect:
    """The largest rect of ``size``'s aspect ratio inside ``box``, centred (small photos are enlarged)."""
    if size.isEmpty():
        return QRect(box)
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = box.left() + (box.width() - scaled.width()) // 2
    top = box.top() + (box.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


class TileDelegate(QStyledItemDelegate):
    """Draws each photo whole, fitted into a square tile of the grid's thumbnail size.

    Qt's own icon delegate sizes an item from its icon, and with uniform item sizes (needed to scroll
    100k photos) the first item's size is every item's: a panorama or a tiny photo first in the results
    made every tile a thin strip. Here the tile size comes from the grid alone and the photo is fitted
    into it, so no photo's shape can change another's.

    ``painted`` keeps where each row's photo was last drawn (row → rect in viewport coordinates), so
    tests and the screenshot script check what a person sees.
    """

    def __init__(self, grid: PhotoGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.painted: dict[int, QRect] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        side = self.grid.thumb_size + 2 * TILE_PADDING
        return QSize(side, side)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        cell: QRect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(cell, palette.color(QPalette.ColorRole.Highlight))
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if not isinstance(icon, QIcon) or icon.isNull():
            return
        box = cell.adjusted(TILE_PADDING, TILE_PADDING, -TILE_PADDING, -TILE_PADDING)
        sizes = icon.availableSizes()
        target = fitted(sizes[0] if sizes else box.size(), box)
        pixmap = icon.pixmap(target.size())  # cached by the icon; never larger than the thumbnail
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(target, pixmap)
        painter.restore()
        self.painted[index.row()] = QRect(target)


class PhotoGrid(QListView):
    """Icon-mode grid of photos; Ctrl+wheel zooms the thumbnails. While photos are in date order, a label
    in the corner names the month of the top row, as the grid scrolls (``dated``).

    Signals:
        thumb_size_changed(int): the thumbnails' size changed (the toolbar's slider follows Ctrl+wheel).
    """

    thumb_size_changed = Signal(int)

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        model.thumbnail_ready.connect(self.viewport().update)  # coalesced by Qt into one repaint
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setSpacing(6)
        self.thumb_size = 180
        self.delegate = TileDelegate(self)
        self.setItemDelegate(self.delegate)
        model.modelReset.connect(self.delegate.painted.clear)
        self.set_thumb_size(180)
        self.dated = True
        self.month_label = QLabel(self.viewport())
        self.month_label.setObjectName("month-label")
        self.month_label.setFont(scaled_font(self.month_label, bold=True))  # its colours: album.gui.styles
        self.month_label.hide()
        self.verticalScrollBar().valueChanged.connect(self.update_month_label)
        model.modelReset.connect(self.update_month_label)

    def set_dated(self, dated: bool) -> None:
        """Whether the results are in date order (browsing, filters) or ranked (text, similar photos)."""
        self.dated = dated
        self.update_month_label()

    def update_month_label(self) -> None:
        self.executeDelayedItemsLayout()  # right after a model reset the items have no positions yet
        cell = self.gridSize()
        probes = (QPoint(cell.width() // 2, y) for y in range(2, cell.height() + 2, max(1, cell.height() // 4)))
        index = next((i for i in map(self.indexAt, probes) if i.isValid()), QModelIndex())  # the top row's first
        if not self.dated or not index.isValid():
            self.month_label.hide()
            return
        self.month_label.setText(month_of(index.data(HitRole).photo.taken_at))
        self.month_label.adjustSize()
        self.month_label.move(self.viewport().width() - self.month_label.width() - 12, 8)
        self.month_label.show()
        self.month_label.raise_()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.update_month_label()

    def set_thumb_size(self, size: int) -> None:
        self.thumb_size = max(64, min(400, size))
        self.delegate.painted.clear()
        self.setIconSize(QSize(self.thumb_size, self.thumb_size))
        self.setGridSize(QSize(self.thumb_size + 2 * TILE_PADDING + 4, self.thumb_size + 2 * TILE_PADDING + 4))
        self.thumb_size_changed.emit(self.thumb_size)

    def wheelEvent(self, event: Any) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_thumb_size(self.thumb_size + (20 if event.angleDelta().y() > 0 else -20))
            event.accept()
            return
        super().wheelEvent(event)


def month_of(taken_at: datetime | None) -> str:
    """ "August 2023" / "2023年八月" for when a photo was taken; photos without a date say so."""
    if taken_at is None:
        return QCoreApplication.translate("PhotoGrid", "Undated")
    month = QLocale().standaloneMonthName(taken_at.month)
    return QCoreApplication.translate("PhotoGrid", "{month} {year}").format(month=month, year=taken_at.year)
