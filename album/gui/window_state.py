"""What the window looked like when album closed (geometry, page, sidebar, thumbnail size, layout), in QSettings.

Only window state lives here (the user's choices are :class:`~album.core.config.Settings`). The file
is ``window.ini`` in the library's data folder rather than Qt's per-user default, so each library
(``ALBUM_HOME``, tests) keeps its own and nothing is written outside album's folders. There is no
sort order to remember: photos show in date order, or ranked for a text or "similar" search.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from album.core.library import Paths
from album.gui.photo_grid import PhotoGrid
from album.gui.sidebar import Sidebar

FILE_NAME = "window.ini"
FIRST_RUN_DONE = "firstRun/modelsOffered"


def window_settings(paths: Paths) -> QSettings:
    return QSettings(str(paths.data_dir / FILE_NAME), QSettings.Format.IniFormat)


def save_window(settings: QSettings, window: QMainWindow, sidebar: Sidebar, grid: PhotoGrid) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/sidebarCollapsed", sidebar.collapsed)
    settings.setValue("window/page", sidebar.current_key())
    settings.setValue("grid/thumbSize", grid.thumb_size)
    settings.sync()


def restore_window(settings: QSettings, window: QMainWindow, sidebar: Sidebar, grid: PhotoGrid) -> None:
    """Put the window back as it was; a missing or unreadable value keeps the default."""
    for key, restore in (("window/geometry", window.restoreGeometry), ("window/state", window.restoreState)):
        value = settings.value(key)
        if isinstance(value, QByteArray | bytes):
            restore(QByteArray(value))
    sidebar.set_collapsed(settings.value("window/sidebarCollapsed") in (True, "true"))
    page = settings.value("window/page")
    if page in sidebar.entry_keys():
        sidebar.set_current(str(page))
    size = _int(settings.value("grid/thumbSize"))
    if size is not None:
        grid.set_thumb_size(size)


def save_layout_mode(settings: QSettings, mode: str) -> None:
    settings.setValue("grid/layout", mode)
    settings.sync()


def restore_layout_mode(settings: QSettings) -> str:
    """The grid's layout when album closed: "justified" (the default) or "square"."""
    return "square" if settings.value("grid/layout") == "square" else "justified"


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None
