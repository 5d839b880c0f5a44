"""Render the app icon's drawing (resources/icons/album.svg) into the packaged freedesktop theme.

Qt picks the right size for each screen scale from these (a 16 px menu icon on a 200 % screen uses
the 32 px file), and a Linux install copies the folder into the icon theme (the .deb, `album install-desktop`).
The SVG itself is copied as the scalable icon. Run after editing the drawing:  python packaging/make_icons.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "album.svg"
ICONS = ROOT / "album" / "resources" / "icons" / "hicolor"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / f"{size}x{size}" / "apps" / "album.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
    shutil.copyfile(SOURCE, ICONS / "scalable" / "apps" / "album.svg")


if __name__ == "__main__":
    main()
