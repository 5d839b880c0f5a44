"""Videos play in the viewer (Qt Multimedia on real small H.264 files made with PyAV): a search hit opens at
its matched second, marked on the seek bar; Space plays and pauses; leaving the video stops it; a file the
backend cannot play says so and keeps "Open in video player"; a Live Photo's clip plays once over its still."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from photofactory import scene, write_photo
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication
from videofactory import write_video

from album.core.library import Library
from album.core.records import Photo, SearchHit
from album.gui.theme import VIEWER
from album.gui.viewer import Viewer

Playing = QMediaPlayer.PlaybackState.PlayingState


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 6 s video, a photo, and a Live Photo (a still and its 1 s clip, written together)."""
    folder = tmp_path_factory.mktemp("media")
    write_video(folder / "birthday.mp4", [("red", "circle", 3.0), ("blue", "square", 3.0)])
    write_photo(folder / "photo.jpg", image=scene(120, 80))
    write_photo(folder / "IMG_0001.jpg", image=scene(120, 80))
    write_video(folder / "IMG_0001.mov", [("green", "triangle", 1.0)])
    os.utime(folder / "IMG_0001.mov", ns=(os.stat(folder / "IMG_0001.jpg").st_mtime_ns,) * 2)
    return folder


@pytest.fixture
def viewer(qtbot) -> Viewer:  # type: ignore[no-untyped-def]
    viewer = Viewer(clip_for=Library.motion_clip)
    qtbot.addWidget(viewer)
    viewer.resize(640, 480)
    viewer.show()
    yield viewer
    viewer.shutdown()


def test_a_video_hit_opens_at_its_second_marked_space_pauses_and_leaving_stops(qtbot, viewer, media) -> None:  # type: ignore[no-untyped-def]
    video = Photo("v", str(media / "birthday.mp4"), kind="video", duration=6.0)
    viewer.show_hits(
        [SearchHit(video, 0.3, (), time=4.0), SearchHit(Photo("p", str(media / "photo.jpg")), None, ())], 0
    )
    player = viewer.player
    assert player is not None
    qtbot.waitUntil(lambda: player.playing() and player.player.position() >= 3000, timeout=10_000)
    assert abs(player.player.position() / 1000 - 4.0) <= 0.5  # not from the start
    assert viewer.image_area.isHidden() and not player.isHidden()
    assert player.seek.marks == (4.0,) and player.seek.maximum() == 6000
    bar = player.seek.grab().toImage()
    x, y = player.seek.x_of(4.0), player.seek.height() // 2
    assert bar.pixelColor(x, y) == QColor(VIEWER.text) != bar.pixelColor(player.seek.x_of(1.0), y)
    assert player.time.text().endswith("/ 0:06")
    qtbot.keyClick(viewer, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not player.playing())
    qtbot.keyClick(viewer, Qt.Key.Key_Space)
    qtbot.waitUntil(player.playing)
    viewer.step(1)  # → the photo: the video stops and lets go of its file
    assert not player.playing() and player.player.source().isEmpty() and player.isHidden()
    assert not viewer.image_area.isHidden()
    viewer.step(-1)
    qtbot.waitUntil(player.playing, timeout=10_000)
    viewer.hide()  # Esc: the window shows the grid
    assert not player.playing() and player.player.source().isEmpty()


@pytest.mark.qt_log_ignore("Could not open media")  # what the backend says of the file, as it should
def test_a_file_the_backend_cannot_play_says_so_and_offers_the_video_player(qtbot, viewer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "broken.mp4").write_bytes(b"not a video at all" * 100)
    viewer.show_hits([SearchHit(Photo("v", str(tmp_path / "broken.mp4"), kind="video"), None, ())], 0)
    qtbot.waitUntil(lambda: not viewer.notice.isHidden(), timeout=10_000)
    assert viewer.notice.text().startswith("This video cannot be played here (")
    assert viewer.player is not None and viewer.player.isHidden() and not viewer.play_button.isHidden()


def test_a_live_photos_clip_plays_once_muted_over_the_still(qtbot, viewer, media) -> None:  # type: ignore[no-untyped-def]
    still = Photo("l", str(media / "IMG_0001.jpg"), kind="live")
    viewer.show_hits([SearchHit(still, None, ())], 0)
    qtbot.waitUntil(lambda: not viewer.live_button.isHidden(), timeout=10_000)
    assert viewer.clip == str(media / "IMG_0001.mov") and viewer.live_button.text() == "Live"
    viewer.live_button.click()
    player = viewer.player
    assert player is not None
    qtbot.waitUntil(player.playing, timeout=10_000)
    assert player.audio.isMuted() and player.controls.isHidden() and viewer.image_area.isHidden()
    with qtbot.waitSignal(player.clip_ended, timeout=10_000):
        pass
    assert player.isHidden() and not viewer.image_area.isHidden() and not player.playing()
    QApplication.sendEvent(viewer.live_button, QEvent(QEvent.Type.Enter))  # pointing at the badge plays it again
    qtbot.waitUntil(player.playing, timeout=10_000)
    viewer.show_current()  # the photo shown again (a face named): the clip stops, the still is back
    assert player.isHidden() and not viewer.image_area.isHidden()
