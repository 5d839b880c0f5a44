"""Start the desktop app."""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from album import __version__
from album.core.library import Paths, Settings
from album.gui.i18n import install_translators
from album.gui.main_window import MainWindow
from album.runtime import configure_process

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons" / "hicolor"
log = logging.getLogger(__name__)


def install_crash_handler(paths: Paths, show_dialog: bool = True) -> None:
    """One place for unexpected errors: a crash log in the data dir, and a dialog instead of a silent exit."""

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        crash_log = paths.log_dir / "crash.log"
        with open(crash_log, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat()} album {__version__}\n{text}\n")
        log.error("unexpected error (details in %s):\n%s", crash_log, text)
        if show_dialog and QApplication.instance() is not None:
            message = QCoreApplication.translate(
                "App", "Something unexpected happened: {error}\n\nDetails were saved to {log}."
            ).format(error=error, log=crash_log)
            QMessageBox.critical(None, QCoreApplication.translate("App", "album hit a problem"), message)

    sys.excepthook = handle


def app_icon() -> QIcon:
    """album's icon in every rendered size (Qt picks per screen scale), and the SVG for the rest."""
    icon = QIcon()
    for png in sorted(ICONS.glob("*x*/apps/album.png")):
        icon.addFile(str(png))
    icon.addFile(str(ICONS / "scalable" / "apps" / "album.svg"))
    return icon


def main() -> int:
    configure_process()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("album")
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("album")
    QApplication.setWindowIcon(app_icon())
    paths = Paths.from_env()
    install_translators(app, Settings.load(paths).language)
    install_crash_handler(paths)
    window = MainWindow(paths)
    window.show()
    return int(app.exec())
