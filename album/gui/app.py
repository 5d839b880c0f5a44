"""Start the desktop app (a placeholder window until the GUI issue lands)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from album import __version__


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("album")
    app.setApplicationVersion(__version__)
    window = QMainWindow()
    window.setWindowTitle("album")
    label = QLabel("album is being built.\nIndex photos from the terminal for now:  album index ~/Pictures")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    window.resize(900, 600)
    window.show()
    return app.exec()
