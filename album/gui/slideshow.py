"""The slideshow: the chosen photos full screen on black, one after another with a cross-fade.

Each photo stays ``seconds`` (a setting, 3 s by default); Space pauses and resumes, ←/→ step, Esc ends.
The next photo is decoded ahead by the :class:`~album.gui.photo_decoder.PhotoDecoder`'s thread: if it is
not ready when its turn comes (a slow drive), the show waits for it rather than decoding on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEasingCurve, QRect, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QCloseEvent, QColor, QImage, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from album.core.records import SearchHit
from album.gui.grid_tiles import fitted
from album.gui.photo_decoder import PhotoDecoder
from album.gui.quick_look import STEP_KEYS
from album.gui.theme import VIEWER, qcolor

FADE_MS = 700


class Slideshow(QWidget):
    """A full-screen window showing ``hits[rows[i]]`` in turn.

    Signals:
        ended(int): the show ended (Esc, or closed) while showing this results row.
    """

    ended = Signal(int)

    def __init__(self, decoder: PhotoDecoder, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.decoder = decoder
        self.hits: Sequence[SearchHit] = []
        self.rows: Sequence[int] = []
        self.position = 0
        self.paused = False
        self._current: QImage | None = None
        self._previous: QImage | None = None  # fading out
        self._waiting = False  # the next photo's turn came before it was decoded
        self.setWindowTitle(self.tr("Slideshow"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._turn)
        self.fade = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=FADE_MS)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self.fade.valueChanged.connect(self.update)
        decoder.decoded.connect(self._decoded)

    @property
    def row(self) -> int:
        return self.rows[self.position]

    def start(self, hits: Sequence[SearchHit], rows: Sequence[int], position: int = 0, seconds: float = 3.0) -> None:
        """Show ``rows`` of ``hits`` from ``position``, full screen, each for ``seconds``."""
        self.timer.setInterval(int(seconds * 1000))
        self.hits, self.rows, self.position = hits, rows, max(0, min(position, len(rows) - 1))
        self.paused, self._current, self._previous = False, None, None
        screen = (self.parentWidget() or self).screen()
        self.setGeometry(screen.geometry())  # (without a window manager, full screen alone may not resize it)
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()
        self._go(self.position, fade=False)
        self.timer.start()

    def end(self) -> None:
        if self.isVisible():
            self.timer.stop()
            self.fade.stop()
            self.hide()
            self.ended.emit(self.row)

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        if paused:
            self.timer.stop()
        else:
            self.timer.start()
        self.update()

    def step(self, delta: int) -> None:
        """Go ``delta`` photos on (wrapping at the ends, as a slideshow loops), restarting the photo's time."""
        if self.rows:
            self._go((self.position + delta) % len(self.rows), fade=True)
            if not self.paused:
                self.timer.start()

    def _box(self) -> QSize:
        return self.size() * self.devicePixelRatioF()

    def _path(self, position: int) -> str:
        return self.hits[self.rows[position]].photo.path

    def _go(self, position: int, fade: bool) -> None:
        """Show the photo at ``position`` if it is decoded (else wait for it), and decode the next ahead."""
        self.position = position
        image = self.decoder.get(self._path(position), self._box())
        self._waiting = image is None
        if image is not None:
            self._previous, self._current = (self._current if fade else None), image
            self.fade.stop()
            if self._previous is not None:
                self.fade.start()
            self.update()
        for near in (1, 2):  # the next two: a slow drive gets a head start
            self.decoder.prefetch(self._path((position + near) % len(self.rows)), self._box())

    def _turn(self) -> None:
        if not self._waiting:
            self.step(1)

    def _decoded(self, path: str, _image: QImage) -> None:
        if self.isVisible() and self._waiting and path == self._path(self.position):
            self._go(self.position, fade=self._current is not None)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        shown = float(self.fade.currentValue()) if self.fade.state() == QVariantAnimation.State.Running else 1.0
        for image, opacity in ((self._previous, 1.0 - shown), (self._current, shown)):
            if image is not None and not image.isNull() and opacity > 0:
                painter.setOpacity(opacity)
                painter.drawImage(fitted(image.size(), self.rect()), image)
        if self.paused:
            self._say(painter, self.tr("Paused — Space resumes, Esc ends"))

    def _say(self, painter: QPainter, text: str) -> None:
        """A line at the bottom on a dark pill, legible on any photo."""
        painter.setOpacity(1.0)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + 32, metrics.height() + 16
        pill = QRect((self.width() - width) // 2, self.height() - height - 40, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(qcolor(VIEWER.overlay_background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(qcolor(VIEWER.overlay_text))
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.end()
        elif key == Qt.Key.Key_Space:
            self.set_paused(not self.paused)
        elif key in STEP_KEYS:
            self.step(STEP_KEYS[key])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.end()
        super().closeEvent(event)
