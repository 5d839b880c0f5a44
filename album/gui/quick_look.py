"""Quick look: Space on the grid shows the focused photo large over the grid, as macOS Quick Look does.

Lighter than the viewer page: no info panel, faces or zoom, and the grid stays where it was underneath.
←/→ go through the selection (when several photos are selected) or the results; Space, Esc or a click
beside the photo closes it. The photo shows at once from its thumbnail and sharpens when the
:class:`~album.gui.photo_decoder.PhotoDecoder` has it; its neighbours are decoded ahead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from album.core.records import SearchHit
from album.gui.grid_tiles import fitted
from album.gui.photo_decoder import PhotoDecoder
from album.gui.theme import VIEWER, qcolor

# The keys that step through the photos, here and in the slideshow: → and ↓ forward, ← and ↑ back.
STEP_KEYS: dict[int, int] = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}

MARGIN = 24  # between the photo and the overlay's edge; the name line sits in the bottom margin


class QuickLook(QWidget):
    """A dark overlay over its parent (the grid's page) showing one photo at a time.

    Args:
        decoder: decodes the photos at the overlay's size.
        thumbnail: a row's loaded thumbnail (shown until the photo is decoded), or None.
        parent: the widget it covers, following its size.

    Signals:
        closed(int): quick look closed while showing this row (the grid makes it current).
    """

    closed = Signal(int)

    def __init__(self, decoder: PhotoDecoder, thumbnail: Callable[[int], QIcon | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.decoder = decoder
        self.thumbnail = thumbnail
        self.hits: Sequence[SearchHit] = []
        self.rows: Sequence[int] = []
        self.position = 0
        self.photo_rect = QRect()  # where the photo was last drawn (tests and screenshots check it)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("quick-look")
        self.setAccessibleName(self.tr("Quick look"))
        decoder.decoded.connect(self._decoded)
        self.host = parent
        parent.installEventFilter(self)
        self.hide()

    @property
    def row(self) -> int:
        """The results row shown."""
        return self.rows[self.position]

    def open(self, hits: Sequence[SearchHit], rows: Sequence[int], position: int) -> None:
        """Show ``hits[rows[position]]``; ←/→ go through ``rows``."""
        self.hits, self.rows, self.position = hits, rows, max(0, min(position, len(rows) - 1))
        self.setGeometry(self.host.rect())
        self.show()
        self.raise_()
        self.setFocus()
        self._show()

    def close_look(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit(self.row)

    def step(self, delta: int) -> None:
        position = self.position + delta
        if 0 <= position < len(self.rows):
            self.position = position
            self._show()

    def _box(self) -> QSize:
        return self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN * 2).size() * self.devicePixelRatioF()

    def _path(self, position: int) -> str:
        return self.hits[self.rows[position]].photo.path

    def _show(self) -> None:
        """Ask for the photo and its neighbours (decoded ahead), and paint what there is now."""
        box = self._box()
        self.decoder.get(self._path(self.position), box)
        for near in (self.position + 1, self.position - 1):
            if 0 <= near < len(self.rows):
                self.decoder.prefetch(self._path(near), box)
        self.update()

    def _decoded(self, path: str, _image: QImage) -> None:
        if self.isVisible() and self.rows and path == self._path(self.position):
            self.update()

    def shown_image(self) -> QImage | None:
        """The decoded photo now shown (None while the thumbnail stands in for it)."""
        image = self.decoder.get(self._path(self.position), self._box()) if self.rows else None
        return image if image is not None and not image.isNull() else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        backdrop = qcolor(VIEWER.window)
        backdrop.setAlpha(235)
        painter.fillRect(self.rect(), backdrop)
        if not self.rows:
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN * 2)
        image = self.shown_image()
        if image is not None:
            self.photo_rect = fitted(image.size(), area)
            painter.drawImage(self.photo_rect, image)
        else:
            thumb = self.thumbnail(self.row)
            if thumb is not None:
                sizes = thumb.availableSizes()
                self.photo_rect = fitted(sizes[0] if sizes else area.size(), area)
                painter.drawPixmap(self.photo_rect, thumb.pixmap(self.photo_rect.size()))
        painter.setPen(qcolor(VIEWER.text))
        line = QRect(MARGIN, self.height() - MARGIN * 2 + 4, self.width() - MARGIN * 2, MARGIN * 2 - 8)
        name = Path(self._path(self.position)).name
        where = self.tr("{n} of {total}").format(n=self.position + 1, total=len(self.rows))
        painter.drawText(line, int(Qt.AlignmentFlag.AlignCenter), f"{name}  ·  {where}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Escape):
            self.close_look()
        elif key in STEP_KEYS:
            self.step(STEP_KEYS[key])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click beside the photo closes quick look, as a click outside a macOS Quick Look panel does."""
        if not self.photo_rect.contains(event.position().toPoint()):
            self.close_look()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.host.rect())
            self.update()
        return False
