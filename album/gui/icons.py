"""Interface icons: Lucide's line drawings (package data), drawn in the theme's colours.

Lucide's SVGs draw in ``currentColor``; each icon is rendered with that replaced by the colour asked for, so
one set of files serves the light and the dark theme and the always-dark viewer. Rendered icons are cached
per name and colour: a theme switch asks for new colours and gets new icons.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from album import resources
from album.gui.theme import colours

SIZES = (16, 20, 24, 32, 48, 64)  # Qt picks the nearest for each use; bigger ones serve high-DPI screens


@functools.cache
def _svg(name: str) -> str:
    path = resources.ui_icons_dir() / f"{name}.svg"
    if not path.is_file():
        raise KeyError(f"no interface icon named {name!r} in {path.parent}")
    return path.read_text(encoding="utf-8")


@functools.cache
def _rendered(name: str, colour: str) -> QIcon:
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode()))
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``name`` (a file in ``album/resources/icons/ui``) in ``colour``, by default the theme's text colour."""
    return _rendered(name, colour or colours().text)
