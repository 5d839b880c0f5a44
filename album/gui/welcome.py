"""What the photos page shows when it has no photos to show: the library opening, or an empty library.

Both states fill the grid's place and centre their words in it, so the search bar and the result line
stay where they are when the grid appears: nothing on the page jumps between the first frame, the
library opening and the first photos.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from album.gui.styles import scaled_font


class Welcome(QWidget):
    """The empty photos page, in one of two states.

    * ``opening``: a returning user's library is being opened; a quiet line, never the invitation to
      drop a folder (their photos are about to appear).
    * ``empty``: no photos yet (a first run): a title, how to add photos, and a button to do it.

    Signals:
        import_requested(): the user clicked "Import Folder…".
    """

    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setObjectName("welcome-title")
        self.hint = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.hint.setObjectName("welcome-hint")
        self.import_button = QPushButton()
        self.import_button.setObjectName("welcome-import")
        self.import_button.clicked.connect(self.import_requested)
        for widget, factor in ((self.title, 1.6), (self.hint, 1.15), (self.import_button, 1.15)):
            widget.setFont(scaled_font(widget, factor))  # colours: album.gui.styles
        for hidden_while_opening in (self.hint, self.import_button):  # the title stays put between states
            policy = hidden_while_opening.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            hidden_while_opening.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.addStretch(2)  # a little above the middle, where the eye rests
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.hint)
        layout.addSpacing(16)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.state = ""
        self.retranslate()
        self.show_opening()

    def retranslate(self) -> None:
        """Every text in the current language (at start, and after a language switch)."""
        self.hint.setText(self.tr("Drop a folder of photos here, or choose File ▸ Import Folder…"))
        self.import_button.setText(self.tr("Import Folder…"))
        if self.state:
            self.show_opening() if self.state == "opening" else self.show_empty()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_opening(self) -> None:
        self.state = "opening"
        self.title.setText(self.tr("Opening your library…"))
        self.hint.hide()
        self.import_button.hide()

    def show_empty(self) -> None:
        self.state = "empty"
        self.title.setText(self.tr("No photos yet"))
        self.hint.show()
        self.import_button.show()

    def text(self) -> str:
        """What the page says (for tests and screenshots)."""
        return "\n".join(w.text() for w in (self.title, self.hint) if not w.isHidden())
