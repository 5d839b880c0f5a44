"""The photo grid: a list model over search results with thumbnails loaded lazily off the GUI thread, and
the view that lays them out in justified rows or square tiles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDrag, QFont, QIcon, QImage, QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QAbstractItemView, QRubberBand, QWidget

from album.core.library import NO_PLACE, Period, Sections, day_columns, empty_sections, sections
from album.core.records import Photo, SearchHit
from album.gui.availability import FileChecker
from album.gui.grid_layout import LAYOUT_MODES, SPACING, GridLayout, LayoutMode, empty_layout, layout
from album.gui.grid_tiles import TileState, duration_text, heart_rect, paint_tile
from album.gui.scrubber import WIDTH as SCRUBBER_WIDTH
from album.gui.scrubber import MonthMark, Scrubber, month_text
from album.gui.search_bar import reason_labels
from album.gui.styles import scaled_font
from album.gui.texts import date_text, taken_text
from album.gui.theme import colours, qcolor

ModelIndex = QModelIndex | QPersistentModelIndex
PathRole = Qt.ItemDataRole.UserRole + 1
HitRole = Qt.ItemDataRole.UserRole + 2  # the row's SearchHit
OpensRole = Qt.ItemDataRole.UserRole + 3  # whether the photo's file opens: True, False, or None (not known yet)
FavouriteRole = Qt.ItemDataRole.UserRole + 4  # whether the user marked the photo as a favourite (the tile's heart)
ScrollHint = QAbstractItemView.ScrollHint
PHOTO_IDS_MIME = "application/x-album-photo-ids"  # photos dragged out of the grid (onto an album, within one)
RECHECK_MS = 30_000  # the shown tiles' files are checked again this often: a drive plugged back in turns them colour
MONTHS_BELOW = 120  # thumbnail size (pixels) under which the grid's sections are months, not days


class _ThumbSignals(QObject):
    loaded = Signal(str, QImage)


def _load_thumb(digest: str, path: Path, signals: _ThumbSignals) -> None:
    """Runs in a pool thread: decode one cached thumbnail (a small JPEG); the signal queues it to the GUI.

    A plain Python thread pool, not QThreadPool + QRunnable: Python QRunnables crashed PySide6 6.12
    (a reference-count error) when thousands were started while scrolling 100k photos.
    """
    signals.loaded.emit(digest, QImage(str(path)))


def _load_frame(key: str, locate: Callable[[], Path | None], signals: _ThumbSignals) -> None:
    """Runs in a pool thread: a video's frame thumbnail, decoded and cached by ``locate`` on a miss (a null
    image when there is none)."""
    path = locate()
    signals.loaded.emit(key, QImage(str(path)) if path is not None else QImage())


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
        frame: a video hit's frame at its matched second (``Library.video_frame``: decodes on a cache
            miss, so it is called in the thumbnail threads), or None; the tile shows the poster until
            it arrives, and keeps it if there is none. None: tiles always show the poster.
        why: a hit's reasons in the UI's language (for the tooltip).
        place: where a photo was taken, in the UI's language ("" if unknown), for the hover caption.

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
        place: Callable[[Photo], str] = lambda photo: photo.place or photo.region or photo.country or "",
        parent: QObject | None = None,
        frame: Callable[[Photo, float], Path | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.thumbnail = thumbnail
        self.frame = frame
        self.why = why
        self.place = place
        self.hits: Sequence[SearchHit] = []
        self._icons: dict[str, QIcon] = {}
        self._pending: set[str] = set()
        self._no_frame: set[str] = set()  # frames that could not be decoded: not asked for again
        self._signals = _ThumbSignals()
        self._signals.loaded.connect(self._on_loaded)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="album-thumbs")
        placeholder = QPixmap(320, 240)
        placeholder.fill(qcolor(colours().placeholder))
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
            return self._icon(hit) or self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole:
            missing = self.tr("The file is not available (its folder may be offline)")
            taken = taken_text(photo, long=False) if photo.taken_at is not None else ""
            lines = [Path(photo.path).name, taken, self.place(photo), *self.why(hit)]
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

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:
        return [PHOTO_IDS_MIME]

    def mimeData(self, indexes: Sequence[ModelIndex]) -> QMimeData:
        """The dragged photos' ids, in grid order (an album takes them, or puts them in that order)."""
        rows = sorted({i.row() for i in indexes})
        mime = QMimeData()
        mime.setData(PHOTO_IDS_MIME, QByteArray("\n".join(self.hits[r].photo.id for r in rows).encode()))
        return mime

    def tile(self, row: int) -> tuple[QIcon | None, QColor, Photo]:
        """What the grid paints for a row: its thumbnail as shown (greyed if the file does not open; None while
        it loads), the colour shown until it has loaded, and the photo (its heart and stars). A direct call,
        not ``data()``: the grid asks for every visible tile on every repaint, and the QVariant round trips
        were a third of a repaint."""
        hit = self.hits[row]
        return self._icon(hit), placeholder_colour(hit.photo), hit.photo

    def badge(self, row: int) -> str:
        """What a tile's corner says: a video's length, or that a photo is a Live Photo (it moves in the viewer)."""
        photo = self.hits[row].photo
        if photo.kind == "live":
            return QCoreApplication.translate("PhotoGrid", "Live")
        return duration_text(photo.duration) if photo.kind == "video" and photo.duration is not None else ""

    def caption(self, row: int) -> tuple[str, ...]:
        """What a hovered tile says: the day it was taken and where (either may be missing)."""
        photo = self.hits[row].photo
        day = date_text(photo.taken_at.date()) if photo.taken_at is not None else ""
        return tuple(line for line in (day, self.place(photo)) if line)

    def _icon(self, hit: SearchHit) -> QIcon | None:
        """The thumbnail (greyed if the file does not open), or None while it loads."""
        available = self.opens(hit.photo.path) is not False  # unknown counts as available: no grey flicker
        key, icon = self._shown(hit)
        if available:
            return icon
        if icon is None:
            return self._greyed_placeholder
        if key not in self._greyed:
            self._greyed[key] = QIcon(greyed(icon.pixmap(icon.availableSizes()[0])))
        return self._greyed[key]

    def _shown(self, hit: SearchHit) -> tuple[str, QIcon | None]:
        """The key and icon a tile shows: for a video ranked by a text search, its frame at the matched
        second once loaded (the poster may show another scene), else the photo's thumbnail (a poster)."""
        photo = hit.photo
        digest = photo.content_hash or ""
        poster = self._icons.get(digest)
        if poster is None and digest and digest not in self._pending:
            path = self.thumbnail(photo)
            if path is not None:
                self._pending.add(digest)
                self._pool.submit(_load_thumb, digest, path, self._signals)
        frame, second = self.frame, hit.time
        if frame is None or second is None or photo.kind != "video" or not digest:
            return digest, poster
        key = f"{digest}@{second:.1f}"  # as the core caches it: per content hash and tenth of a second
        icon = self._icons.get(key)
        if icon is None and key not in self._pending and key not in self._no_frame:
            self._pending.add(key)
            self._pool.submit(_load_frame, key, lambda: frame(photo, second), self._signals)
        return (key, icon) if icon is not None else (digest, poster)

    def _on_loaded(self, key: str, image: QImage) -> None:
        self._pending.discard(key)
        if image.isNull():
            if "@" in key:  # a frame the video does not give: decoding it again would fail again
                self._no_frame.add(key)
            return
        self._icons[key] = QIcon(QPixmap.fromImage(image))  # an icon scales to the grid's size
        self.thumbnail_ready.emit()


class PhotoGrid(QAbstractItemView):
    """The photos as justified rows (each in its own shape, rows edge to edge) or even square tiles.

    Qt's list view cannot justify rows, so this view lays the tiles out itself
    (:mod:`album.gui.grid_layout`, once per results, width, size and mode) and paints only the visible
    rows; Qt's item view still does selection (click, Shift, Ctrl, Ctrl+A, keyboard), activation and
    tooltips. Shift-selection is a range in reading order, as in every photo app; a drag from the space
    between photos draws a rubber band and selects the photos it touches; Esc clears the selection.
    A drag from a photo carries the selection (onto an album in the sidebar, or to a new place in an
    album shown in its own order, see ``reorderable``). Ctrl+wheel changes the thumbnail size. While
    photos are in date order (``dated``), each day's photos (each month's, zoomed out) come under a
    header with the date and the town they share, and the timeline :class:`Scrubber` stands at the
    right edge in place of the scroll bar; ranked results (a text search) have neither.

    ``painted`` keeps where each row's photo was last drawn (row → rect in viewport coordinates), so tests
    and the screenshot script check what a person sees.

    Signals:
        thumb_size_changed(int): the thumbnails' size changed (the toolbar's slider follows Ctrl+wheel).
        heart_clicked(int): the heart of this row's tile was clicked (mark or unmark it as a favourite).
        quick_look(int): Space on this row: show it large over the grid.
        reordered(list, int): photos (ids) of this grid were dropped before this row (``reorderable``).
    """

    thumb_size_changed = Signal(int)
    heart_clicked = Signal(int)
    quick_look = Signal(int)
    reordered = Signal(list, int)

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumb_size = 180
        self.layout_mode: LayoutMode = "justified"
        self.painted: dict[int, QRect] = {}
        self._hovered = -1
        self.show_stars = False  # every tile's stars, not only the hovered one's (results filtered by rating)
        self.reorderable = False  # the results are an album in its own order: a drop puts photos in place
        self._band_origin: QPoint | None = None  # a rubber band's first corner (content coordinates)
        self._band_base = QItemSelection()  # what stays selected besides the band's photos (Ctrl or Shift held)
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._ratios: np.ndarray | None = None  # the results' aspect ratios, read once per reset
        self._generation = 0  # counts resets: the layout is computed again for new results
        self._layout = empty_layout()
        self._layout_key: tuple[object, ...] = ()
        self._days: tuple[np.ndarray, np.ndarray] | None = None  # each photo's day and town code, once per reset
        self.sections = empty_sections()  # of the current layout (none unless dated)
        self._headers: dict[int, str] = {}  # section → its header's text, made when first painted
        self.dated = False
        self.scrubber = Scrubber(self)
        self.scrubber.hide()
        self.scrubber.jumped.connect(lambda top: self.verticalScrollBar().setValue(top - SPACING))
        self.verticalScrollBar().valueChanged.connect(self.scrubber.set_position)
        self.photos = model
        self.setModel(model)
        model.thumbnail_ready.connect(self.viewport().update)  # coalesced by Qt into one repaint
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Photos"))
        self.setAccessibleDescription(self.tr("Arrow keys move, Shift or Ctrl selects, Enter opens the photo"))

    # -- layout ---------------------------------------------------------------------------------------
    def grid_layout(self) -> GridLayout:
        """The layout for the current results, width, size and mode (recomputed only when one changes)."""
        if self._ratios is None:
            hits = self.photos.hits
            fast = getattr(hits, "aspect_ratios", None)  # the library's lazy results answer from columns
            self._ratios = fast() if fast is not None else np.array(
                [hit.photo.aspect_ratio or np.nan for hit in hits], dtype=np.float64)  # fmt: skip
        period: Period = "month" if self.thumb_size < MONTHS_BELOW else "day"
        key = (self._generation, self.viewport().width(), self.thumb_size, self.layout_mode, self.dated, period)
        if key != self._layout_key:
            self._layout_key = key
            self.sections = self._sections(period)
            self._headers.clear()
            self._layout = layout(self.layout_mode, self._ratios, self.viewport().width(), self.thumb_size,
                                  self.sections.start, self.header_height())  # fmt: skip
            self._mark_months()
        return self._layout

    def _sections(self, period: Period) -> Sections:
        """The days (or months) of the results in date order; none for ranked results."""
        if not self.dated:
            return empty_sections(period)
        if self._days is None:
            hits = self.photos.hits
            fast = getattr(hits, "timeline_columns", None)  # the library's lazy results answer from columns
            self._days = fast() if fast is not None else day_columns((hit.photo.taken_at for hit in hits),
                                                                     (hit.photo.place for hit in hits))  # fmt: skip
        days, places = self._days
        return sections(days, places, period)

    def header_height(self) -> int:
        """A section header's height: a line of the header font with room above and below."""
        return round(self.fontMetrics().height() * 2.4)

    def _mark_months(self) -> None:
        """Tell the scrubber where each month's header is in the new layout."""
        if not self.dated or self._days is None or not len(self._layout):
            self.scrubber.set_months([], 1)
            return
        days, places = self._days
        months = sections(days, places, "month")
        shown = np.searchsorted(self.sections.start, months.start)  # months start sections of either period
        tops = self._layout.row_top[self._layout.headers[shown]].tolist()
        counts = months.sizes().tolist()
        marks = [MonthMark(months.date_of(i), top, n) for i, (top, n) in enumerate(zip(tops, counts, strict=True))]
        self.scrubber.set_months(marks, self._layout.height)

    def set_layout_mode(self, mode: str) -> None:
        """ "justified" (photos whole in their own shapes, the default) or "square" (even tiles, each photo's
        centre filling its tile)."""
        if mode not in LAYOUT_MODES:
            raise ValueError(f"unknown grid layout {mode!r}; one of {', '.join(LAYOUT_MODES)}")
        self._relayout(lambda: setattr(self, "layout_mode", mode))

    def set_thumb_size(self, size: int) -> None:
        """The target row height (justified) or tile side (square), in pixels."""
        self._relayout(lambda: setattr(self, "thumb_size", max(64, min(400, size))))
        self.thumb_size_changed.emit(self.thumb_size)

    def _relayout(self, change: Callable[[], None]) -> None:
        """Apply ``change`` and lay out again, keeping the photo at the top of the view at the top."""
        top = self._top_item()
        change()
        self.painted.clear()
        self.updateGeometries()
        if top is not None:
            self.verticalScrollBar().setValue(self.grid_layout().item_top(top) - SPACING)
        self.viewport().update()

    def _top_item(self, grid: GridLayout | None = None) -> int | None:
        """The first photo of the top row in view (of ``grid``, by default the current layout)."""
        grid = self.grid_layout() if grid is None else grid
        rows = grid.rows_between(self.verticalOffset(), self.verticalOffset() + SPACING + 1)  # past a gap
        if not rows:
            return None
        return int(grid.row_start[grid.photo_row(rows.start, 1)])  # a header: the first photo under it

    def reset(self) -> None:
        self._ratios = None
        self._days = None
        self._generation += 1
        self._hovered = -1
        self.painted.clear()
        super().reset()
        self.updateGeometries()

    def updateGeometries(self) -> None:
        grid = self.grid_layout()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, grid.height - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(max(20, self.thumb_size // 3))
        super().updateGeometries()
        self.scrubber.set_position(bar.value())

    def resizeEvent(self, event: Any) -> None:
        top = self._top_item(self._layout)  # in the layout of the old width
        super().resizeEvent(event)  # lays out again at the new width
        if top is not None and len(self._layout) > top and event.size().width() != event.oldSize().width():
            self.verticalScrollBar().setValue(self.grid_layout().item_top(top) - SPACING)  # the same photos in view
        self._place_scrubber()

    # -- QAbstractItemView's geometry -----------------------------------------------------------------
    def visualRect(self, index: ModelIndex) -> QRect:
        grid = self.grid_layout()
        if not index.isValid() or index.row() >= len(grid):
            return QRect()
        x, y, width, height = grid.rect(index.row())
        return QRect(x, y - self.verticalOffset(), width, height)

    def indexAt(self, point: QPoint) -> QModelIndex:
        item = self.grid_layout().item_at(point.x(), point.y() + self.verticalOffset())
        return self.model().index(item, 0) if item is not None else QModelIndex()

    def scrollTo(self, index: ModelIndex, hint: QAbstractItemView.ScrollHint = ScrollHint.EnsureVisible) -> None:
        rect = self.visualRect(index)
        if rect.isEmpty():
            return
        bar, height = self.verticalScrollBar(), self.viewport().height()
        top = rect.top() + self.verticalOffset()
        if hint == ScrollHint.PositionAtTop or (hint == ScrollHint.EnsureVisible and rect.top() < 0):
            bar.setValue(self.grid_layout().item_top(index.row()) - SPACING)  # with its day's header
        elif hint == ScrollHint.PositionAtBottom or (hint == ScrollHint.EnsureVisible and rect.bottom() >= height):
            bar.setValue(top + rect.height() + SPACING - height)
        elif hint == ScrollHint.PositionAtCenter:
            bar.setValue(top + rect.height() // 2 - height // 2)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: ModelIndex) -> bool:
        return False

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        grid = self.grid_layout()
        if len(grid) == 0:
            return QModelIndex()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        if current < 0:
            return self.model().index(0, 0)
        Move = QAbstractItemView.CursorAction
        page = max(1, self.viewport().height() // (self.thumb_size + SPACING))
        moves = {
            Move.MoveLeft: lambda: current - 1, Move.MovePrevious: lambda: current - 1,
            Move.MoveRight: lambda: current + 1, Move.MoveNext: lambda: current + 1,
            Move.MoveUp: lambda: grid.below(current, -1), Move.MoveDown: lambda: grid.below(current, 1),
            Move.MovePageUp: lambda: grid.below(current, -page), Move.MovePageDown: lambda: grid.below(current, page),
            Move.MoveHome: lambda: 0, Move.MoveEnd: lambda: len(grid) - 1,
        }  # fmt: skip
        target = moves[action]() if action in moves else current
        return self.model().index(min(max(0, target), len(grid) - 1), 0)

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        """Select the photos from the one at the rect's first corner to the one at its second, in reading
        order: Qt gives the anchor and the current point as the rect's corners (a click, a Shift-click,
        Shift+arrow)."""
        grid = self.grid_layout()
        if len(grid) == 0:
            return
        offset = self.verticalOffset()
        first = grid.nearest(rect.left(), rect.top() + offset)
        last = grid.nearest(rect.right(), rect.bottom() + offset)
        low, high = min(first, last), max(first, last)
        model = self.model()
        self.selectionModel().select(QItemSelection(model.index(low, 0), model.index(high, 0)), command)

    def _drag_band(self, point: QPoint) -> None:
        """Draw the rubber band to ``point`` and select what it touches, besides what was selected when it
        started if Ctrl or Shift was held then: one selection range per row (a row's photos are in x order,
        so those touched are consecutive)."""
        assert self._band_origin is not None
        origin = QPoint(self._band_origin.x(), self._band_origin.y() - self.verticalOffset())
        self._band.setGeometry(QRect(origin, point).normalized())
        self._band.show()
        band = self._band.geometry().translated(0, self.verticalOffset())
        grid, model = self.grid_layout(), self.model()
        selection = QItemSelection(self._band_base)
        for row in grid.rows_between(band.top(), band.bottom() + 1):
            items = grid.items_of(range(row, row + 1))
            left, width = grid.x[items.start : items.stop], grid.width[items.start : items.stop]
            touched = np.flatnonzero((left <= band.right()) & (left + width > band.left()))
            if len(touched):
                first, last = items.start + int(touched[0]), items.start + int(touched[-1])
                selection.select(model.index(first, 0), model.index(last, 0))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        visible = self._visible_items()
        for span in (selection.at(i) for i in range(selection.size())):
            for row in range(max(span.top(), visible.start), min(span.bottom() + 1, visible.stop)):
                region += self.visualRect(self.model().index(row, 0))
        return region

    def _visible_items(self) -> range:
        grid, top = self.grid_layout(), self.verticalOffset()
        return grid.items_of(grid.rows_between(top, top + self.viewport().height()))

    # -- painting ---------------------------------------------------------------------------------------
    def paintEvent(self, event: Any) -> None:
        grid, offset = self.grid_layout(), self.verticalOffset()
        area: QRect = event.rect()
        painter = QPainter(self.viewport())
        painter.fillRect(area, qcolor(colours().window))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        selection = self.selectionModel()
        selected = selection.isSelected if selection.hasSelection() else lambda index: False
        current = self.currentIndex().row() if self.currentIndex().isValid() and self.hasFocus() else -1
        model = self.photos
        rows = grid.rows_between(area.top() + offset, area.bottom() + 1 + offset)
        shown = grid.items_of(rows)
        stop = min(shown.stop, model.rowCount())
        lefts, widths = grid.x[shown.start : stop].tolist(), grid.width[shown.start : stop].tolist()
        row_of = (grid.row[shown.start : stop] - rows.start).tolist()
        tops, heights = grid.row_top[rows.start : rows.stop].tolist(), grid.row_height[rows.start : rows.stop].tolist()
        cropped = self.layout_mode == "square"  # even tiles, filled, as in every photo app's square view
        for i, row in enumerate(range(shown.start, stop)):
            hovered = row == self._hovered
            thumb, placeholder, photo = model.tile(row)
            state = TileState(selected=selected(model.index(row, 0)), focused=row == current, hovered=hovered,
                              caption=model.caption(row) if hovered else (), cropped=cropped,
                              favourite=photo.favourite, stars=max(0, photo.stars or 0),
                              show_stars=self.show_stars, badge=model.badge(row))  # fmt: skip
            cell = QRect(lefts[i], tops[row_of[i]] - offset, widths[i], heights[row_of[i]])
            self.painted[row] = paint_tile(painter, cell, thumb, placeholder, state)
        self._paint_headers(painter, grid, rows, offset)
        painter.end()

    def _paint_headers(self, painter: QPainter, grid: GridLayout, rows: range, offset: int) -> None:
        first, last = np.searchsorted(grid.headers, [rows.start, rows.stop])
        if first == last:
            return
        painter.setFont(scaled_font(self, 1.05, bold=True))
        painter.setPen(qcolor(colours().text))
        for section in range(int(first), int(last)):
            row = int(grid.headers[section])
            box = QRect(SPACING + 6, int(grid.row_top[row]) - offset, self.viewport().width() - 2 * SPACING - 12,
                        int(grid.row_height[row]))  # fmt: skip
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextSingleLine
            painter.drawText(box, int(flags), self.header_text(section))

    def header_text(self, section: int) -> str:
        """ "Saturday, 12 March 2023 · Lisbon" (in the locale's own date format), or "March 2023" zoomed out;
        the town only where all the section's photos were taken in it."""
        text = self._headers.get(section)
        if text is None:
            when = self.sections.date_of(section)
            text = month_text(when) if when is None or self.sections.period == "month" else date_text(when, long=True)
            if self.sections.place[section] != NO_PLACE:
                place = self.photos.place(self.photos.hits[int(self.sections.start[section])].photo)
                text = self.tr("{date} · {place}").format(date=text, place=place) if place else text
            self._headers[section] = text
        return text

    # -- mouse and keys -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: Any) -> None:
        """A click on a tile's heart marks it (the selection stays); a press between photos may start a
        rubber band."""
        point = event.position().toPoint()
        index = self.indexAt(point)
        if event.button() == Qt.MouseButton.LeftButton and index.isValid() \
                and heart_rect(self.visualRect(index)).contains(point):  # fmt: skip
            self.heart_clicked.emit(index.row())
            event.accept()
            return
        band = event.button() == Qt.MouseButton.LeftButton and not index.isValid()
        self._band_origin = QPoint(point.x(), point.y() + self.verticalOffset()) if band else None
        adding = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        self._band_base = QItemSelection(self.selectionModel().selection()) if adding else QItemSelection()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:
        point = event.position().toPoint()
        item = self.grid_layout().item_at(point.x(), point.y() + self.verticalOffset())
        self._hover(-1 if item is None else item)
        if self._band_origin is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._drag_band(point)  # Qt's own drag-selecting selects only over photos, as a range
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: Any) -> None:
        """The end of a click, or of a rubber band: what the band selected stays (Qt's release would select
        the photo under the mouse, or nothing)."""
        banded = QItemSelection(self.selectionModel().selection()) if self._band.isVisible() else None
        super().mouseReleaseEvent(event)
        if banded is not None:
            self.selectionModel().select(banded, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._band_origin = None
        self._band.hide()

    def keyPressEvent(self, event: Any) -> None:
        """Space shows the current photo in quick look (Ctrl+Space still toggles its selection, Qt's way);
        Esc clears the selection."""
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() == Qt.Key.Key_Space and plain and self.currentIndex().isValid():
            self.quick_look.emit(self.currentIndex().row())
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and plain and self.selectionModel().hasSelection():
            self.clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- dragging photos ------------------------------------------------------------------------------------
    def startDrag(self, supported: Qt.DropAction) -> None:
        """Drag the selected photos, shown by the current photo's thumbnail."""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return
        drag = QDrag(self)
        drag.setMimeData(self.photos.mimeData(indexes))
        thumb = self.photos.tile(self.currentIndex().row() if self.currentIndex().isValid() else indexes[0].row())[0]
        if thumb is not None:
            drag.setPixmap(thumb.pixmap(96, 96))
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.CopyAction)

    def set_reorderable(self, reorderable: bool) -> None:
        """Whether photos dropped on the grid move there (an album shown in its own order)."""
        self.reorderable = reorderable
        self.setAcceptDrops(reorderable)
        self.viewport().setAcceptDrops(reorderable)

    def dragEnterEvent(self, event: Any) -> None:
        if self.reorderable and event.mimeData().hasFormat(PHOTO_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:
        if not (self.reorderable and event.mimeData().hasFormat(PHOTO_IDS_MIME)):
            event.ignore()
            return
        ids = bytes(event.mimeData().data(PHOTO_IDS_MIME).data()).decode().split("\n")
        self.reordered.emit([i for i in ids if i], self.drop_row(event.position().toPoint()))
        event.acceptProposedAction()

    def drop_row(self, point: QPoint) -> int:
        """The row a drop at ``point`` goes before: the photo under it, or the next one past its middle."""
        grid = self.grid_layout()
        if len(grid) == 0:
            return 0
        item = grid.nearest(point.x(), point.y() + self.verticalOffset())
        rect = self.visualRect(self.model().index(item, 0))
        return item + 1 if point.x() > rect.center().x() else item

    def leaveEvent(self, event: Any) -> None:
        self._hover(-1)
        super().leaveEvent(event)

    def _hover(self, item: int) -> None:
        if item == self._hovered:
            return
        for row in (self._hovered, item):
            if row >= 0:
                self.viewport().update(self.visualRect(self.model().index(row, 0)))
        self._hovered = item

    def wheelEvent(self, event: Any) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_thumb_size(self.thumb_size + (20 if event.angleDelta().y() > 0 else -20))
            event.accept()
            return
        super().wheelEvent(event)

    # -- the timeline ------------------------------------------------------------------------------------
    def set_dated(self, dated: bool) -> None:
        """Whether the results are in date order (browsing, filters: day headers and the scrubber) or ranked
        (text, similar photos: neither)."""
        if dated == self.dated:
            return
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if dated
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # fmt: skip
        self.setViewportMargins(0, 0, SCRUBBER_WIDTH if dated else 0, 0)
        self.scrubber.setVisible(dated)
        self._place_scrubber()
        self._relayout(lambda: setattr(self, "dated", dated))

    def _place_scrubber(self) -> None:
        """The scrubber in the margin right of the photos (where the scroll bar was)."""
        area = self.viewport().geometry()
        self.scrubber.setGeometry(area.right() + 1, area.top(), SCRUBBER_WIDTH, area.height())

    def retranslate(self) -> None:
        """The headers and the scrubber in the new language (dates in its format)."""
        self._headers.clear()
        self._layout_key = ()  # the months' names are read again
        self.grid_layout()
        self.scrubber.retranslate()
        self.viewport().update()
        self.scrubber.update()


def placeholder_colour(photo: Photo) -> QColor:
    """What a tile shows until its thumbnail loads: the photo's mean colour, or the theme's placeholder for a
    photo indexed before album kept it."""
    if photo.average_colour is None:
        return qcolor(colours().placeholder)
    return QColor((photo.average_colour >> 16) & 255, (photo.average_colour >> 8) & 255, photo.average_colour & 255)
