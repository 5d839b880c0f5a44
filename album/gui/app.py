"""Start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from album import __version__
from album.gui.main_window import MainWindow

ICON = Path(__file__).resolve().parents[2] / "resources" / "album.svg"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("album")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("album")
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    window = MainWindow()
    window.show()
    return int(app.exec())
