"""A video's tile: its poster with its length in the corner, as players write it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from album.core.records import Photo, SearchHit
from album.gui.grid_tiles import TileState, duration_text, paint_tile
from album.gui.photo_grid import PhotoModel


def test_lengths_read_as_players_write_them() -> None:
    assert [duration_text(s) for s in (0.4, 42, 59.6, 725, 3723)] == ["0:00", "0:42", "1:00", "12:05", "1:02:03"]


def painted(state: TileState) -> QImage:
    image = QImage(200, 150, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_tile(painter, QRect(0, 0, 200, 150), None, QColor("white"), state)
    painter.end()
    return image


def test_the_badge_is_painted_in_the_bottom_right_corner_only(qapp) -> None:  # type: ignore[no-untyped-def]
    plain, badged = painted(TileState()), painted(TileState(badge="0:42"))
    corner = [(x, y) for x in range(150, 195) for y in range(125, 145)]
    assert all(plain.pixelColor(x, y) == QColor("white") for x, y in corner)
    assert sum(badged.pixelColor(x, y) != QColor("white") for x, y in corner) > len(corner) // 2
    assert all(badged.pixelColor(x, y) == QColor("white") for x in range(0, 100) for y in range(0, 100, 7))


def test_only_a_video_gets_a_badge(qapp) -> None:  # type: ignore[no-untyped-def]
    model = PhotoModel(lambda photo: None)
    model.set_hits([SearchHit(Photo("v", "/v.mp4", kind="video", duration=42.2), None, ()),
                    SearchHit(Photo("l", "/l.jpg", kind="live"), None, ()),
                    SearchHit(Photo("p", "/p.jpg"), None, ())])  # fmt: skip
    assert [model.badge(row) for row in range(3)] == ["0:42", "", ""]
