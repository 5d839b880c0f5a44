"""A page's busy state: what is happening, a progress bar, and what to expect, in the middle of the page.

A long first computation (Explore's first UMAP layout compiles for ~10 s) left a blank canvas with a small
line at the top: the user could not tell work from a hang. The panel fills the page's place in the theme's
colours until the result arrives; a worker that reports ``(done, total)`` moves its bar, and while the
first step's length is unknown the bar shows Qt's busy animation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from album.gui.styles import scaled_font
from album.gui.theme import colours, qcolor

BAR_WIDTH = 320


class BusyPanel(QWidget):
    """A title, a progress bar and a quieter line, centred on the canvas's background (the labels' colours:
    ``#busy-title``, ``#busy-hint`` in album.gui.styles)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busy-panel")
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.title.setObjectName("busy-title")
        self.title.setFont(scaled_font(self.title, 1.3))
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(BAR_WIDTH)
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.hint.setObjectName("busy-hint")
        self.hint.setFixedWidth(BAR_WIDTH * 3 // 2)  # a fixed width: a wrapped label then gets the height it needs
        layout = QVBoxLayout(self)
        layout.addStretch(2)  # a little above the middle, as the welcome page
        layout.addWidget(self.title)
        layout.addSpacing(14)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(10)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.set_progress(0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)  # the background the page's canvas paints: no seam when the map replaces it
        painter.fillRect(self.rect(), qcolor(colours().window))

    def set_text(self, title: str, hint: str = "") -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def set_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps; nothing done yet (or no total) shows the busy animation."""
        if done <= 0 or total <= 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def text(self) -> str:
        """What the panel says (for tests and screenshots)."""
        return "\n".join(w.text() for w in (self.title, self.hint) if not w.isHidden() and w.text())
