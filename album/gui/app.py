"""Start the desktop app."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Sequence
from datetime import datetime
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from album import __version__, resources
from album.core.library import Paths, Settings
from album.gui.collector import GuiCollector
from album.gui.i18n import install_translators
from album.gui.main_window import MainWindow
from album.gui.styles import use_theme
from album.runtime import configure_process

log = logging.getLogger(__name__)


def install_crash_handler(paths: Paths, show_dialog: bool = True) -> None:
    """One place for unexpected errors, on the GUI thread or any other: a crash log in the data dir,
    and a dialog (shown by the GUI thread) instead of a silent exit or a thread dying unseen."""

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        crash_log = paths.log_dir / "crash.log"
        with open(crash_log, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat()} album {__version__}\n{text}\n")
        log.error("unexpected error (details in %s):\n%s", crash_log, text)
        app = QApplication.instance()
        if show_dialog and app is not None:
            message = QCoreApplication.translate(
                "App", "Something unexpected happened: {error}\n\nDetails were saved to {log}."
            ).format(error=error, log=crash_log)
            title = QCoreApplication.translate("App", "album hit a problem")
            QTimer.singleShot(0, app, lambda: QMessageBox.critical(None, title, message))  # on the GUI thread

    def handle_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            handle(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = handle_thread


def app_icon() -> QIcon:
    """album's icon in every rendered size (Qt picks per screen scale), and the SVG for the rest."""
    theme = resources.icon_theme_dir()
    icon = QIcon()
    for png in sorted(theme.glob(f"*x*/apps/{resources.ICON_NAME}.png")):
        icon.addFile(str(png))
    icon.addFile(str(theme / "scalable" / "apps" / f"{resources.ICON_NAME}.svg"))
    return icon


def main(open_paths: Sequence[str] = ()) -> int:
    """Show the window; ``open_paths`` (files and folders from the command line) are imported once it is open."""
    paths = Paths.from_env()
    configure_process(log_file=paths.log_dir / "album.log")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("album")
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(resources.APP_ID)  # Wayland finds the icon and name through it
    QApplication.setWindowIcon(app_icon())
    settings = Settings.load(paths)
    install_translators(app, settings.language)
    use_theme(app, settings.theme)
    install_crash_handler(paths)
    GuiCollector(app)  # Qt objects in reference cycles are freed on the GUI thread, never by a worker
    window = MainWindow(paths)
    window.show()
    if open_paths:
        window.import_paths(list(open_paths))
    window.offer_models(first_run=True)  # the welcome dialog, while models are missing
    return int(app.exec())
