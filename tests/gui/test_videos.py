"""A video in the window: its poster with its length in the grid's corner (a Live Photo: "Live"), and in the
viewer its poster with "Open in video player"."""

from __future__ import annotations

from pathlib import Path

import pytest
from photofactory import scene, write_photo
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from album.core.records import Photo, SearchHit
from album.gui.grid_tiles import TileState, duration_text, paint_tile
from album.gui.photo_grid import PhotoModel
from album.gui.viewer import Viewer


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


def test_a_hovered_videos_caption_stops_before_its_length(qapp) -> None:  # type: ignore[no-untyped-def]
    long, blank = (painted(TileState(hovered=True, caption=(text,), badge="12:05")) for text in ("W" * 40, " "))
    differs = [(x, y) for x in range(200) for y in range(100, 150) if long.pixelColor(x, y) != blank.pixelColor(x, y)]
    assert differs  # the caption is drawn...
    assert max(x for x, _y in differs) < 200 - 5 - 40  # ...and ends left of the badge (about 40 px wide)


def test_a_video_shows_its_length_and_a_live_photo_says_live(qapp) -> None:  # type: ignore[no-untyped-def]
    model = PhotoModel(lambda photo: None)
    model.set_hits([SearchHit(Photo("v", "/v.mp4", kind="video", duration=42.2), None, ()),
                    SearchHit(Photo("l", "/l.jpg", kind="live"), None, ()),
                    SearchHit(Photo("p", "/p.jpg"), None, ())])  # fmt: skip
    assert [model.badge(row) for row in range(3)] == ["0:42", "Live", ""]


@pytest.mark.qt_log_ignore("Could not open media")  # what the backend says of the file, as it should
def test_the_viewer_shows_a_videos_poster_with_open_in_video_player(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    poster = tmp_path / "poster.jpg"
    QImage(160, 90, QImage.Format.Format_RGB32).save(str(poster))
    (tmp_path / "clip.mp4").write_bytes(b"not a picture Qt could read")
    write_photo(tmp_path / "photo.jpg", image=scene(120, 80))
    video = Photo("v", str(tmp_path / "clip.mp4"), kind="video", duration=6.0, content_hash="c")
    viewer = Viewer(thumbnail=lambda photo: poster if photo.kind == "video" else None)
    qtbot.addWidget(viewer)
    viewer.show_hits([SearchHit(video, None, ()), SearchHit(Photo("p", str(tmp_path / "photo.jpg")), None, ())], 0)
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull(), timeout=10_000)
    assert viewer._pixmap.size().toTuple() == (160, 90) and not viewer.play_button.isHidden()
    assert viewer.play_button.text() == "Open in video player"
    viewer.step(1)
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull(), timeout=10_000)
    assert viewer._pixmap.size().toTuple() == (120, 80) and viewer.play_button.isHidden()
    viewer.shutdown()
