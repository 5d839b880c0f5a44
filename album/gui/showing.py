"""Quick look and the slideshow of one window's grid: which photos they show, and back to the grid after.

Both go through the selection when several photos are selected, else through all the results; both come
back to the grid where it was, the photo last shown made current (the grid scrolls only if it is out of
sight).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from album.gui.icons import icon
from album.gui.photo_decoder import PhotoDecoder
from album.gui.photo_grid import PhotoGrid
from album.gui.quick_look import QuickLook
from album.gui.slideshow import Slideshow


class PhotoShows(QObject):
    """Quick look (Space on the grid) and the slideshow (F5, the grid's context menu, the View menu).

    Args:
        window: owns the slideshow window and the action.
        grid: whose photos are shown.
        page: the widget quick look covers (the grid's page).
        seconds: how long the slideshow shows each photo (the user's setting).
    """

    def __init__(self, window: QWidget, grid: PhotoGrid, page: QWidget, seconds: Callable[[], float]) -> None:
        super().__init__(window)
        self.grid, self.seconds = grid, seconds
        self.decoder = PhotoDecoder(parent=self)
        self.quick_look = QuickLook(self.decoder, lambda row: grid.photos.tile(row)[0], page)
        self.slideshow = Slideshow(self.decoder, window)
        grid.quick_look.connect(self.look)
        self.quick_look.closed.connect(self._back)
        self.slideshow.ended.connect(self._back)
        self.slideshow_action = QAction(icon("square-play"), "", window)
        self.slideshow_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.slideshow_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.slideshow_action.triggered.connect(self.start_slideshow)
        grid.addAction(self.slideshow_action)  # the grid's context menu lists it
        self.retranslate()

    def retranslate(self) -> None:
        self.slideshow_action.setText(self.tr("Slideshow"))

    def _chosen(self, row: int) -> tuple[Sequence[int], int]:
        """The rows to go through, and where ``row`` is among them: the selection if it holds several
        photos and ``row``, else every result."""
        selected = sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())
        if len(selected) > 1 and row in selected:
            return selected, selected.index(row)
        return range(self.grid.model().rowCount()), row

    def look(self, row: int) -> None:
        """Quick look at ``row``."""
        rows, position = self._chosen(row)
        self.quick_look.open(self.grid.photos.hits, rows, position)

    def start_slideshow(self) -> None:
        """The selection (several photos) or all the results, from the current photo or the first."""
        if self.grid.model().rowCount() == 0 or not self.grid.isVisible():
            return
        current = self.grid.currentIndex()
        selected = sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())
        row = current.row() if current.isValid() else (selected[0] if selected else 0)
        if len(selected) > 1 and row not in selected:
            row = selected[0]
        rows, position = self._chosen(row)
        self.slideshow.start(self.grid.photos.hits, rows, position, self.seconds())

    def _back(self, row: int) -> None:
        if row < self.grid.model().rowCount():
            self.grid.selectionModel().setCurrentIndex(self.grid.model().index(row, 0),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)  # fmt: skip
        self.grid.setFocus()

    def shutdown(self) -> None:
        """End a running show and stop the decoding thread (the window is closing)."""
        self.slideshow.close()
        self.quick_look.hide()
        self.decoder.shutdown()
