"""A video ranked by a text search shows, in its grid tile, the frame at the second that matched (decoded in
the thumbnail threads, never the GUI thread), its poster while that loads, and its poster if it cannot."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from videofactory import write_video

from album.core.library import Library, Paths, Query, Settings
from album.core.records import Photo, SearchHit
from album.gui.photo_grid import PhotoModel


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library of one 6 s video: a red circle, then a blue square from 3 s (its poster, 1 s in, is red)."""
    root = tmp_path_factory.mktemp("tiles")
    folder = root / "Videos"
    folder.mkdir()
    write_video(folder / "shapes.mp4", [("red", "circle", 3.0), ("blue", "square", 3.0)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALBUM_HOME", str(root / "home"))
        patch.delenv("ALBUM_MODELS_DIR", raising=False)
        library = Library(Paths.from_env(), Settings(allow_downloads=False))
        library.index([str(folder)])
        yield library


def _centre(model: PhotoModel, row: int) -> QColor | None:
    icon = model.tile(row)[0]
    if icon is None:
        return None
    image = icon.pixmap(icon.availableSizes()[0]).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def _blue(colour: QColor | None) -> bool:
    return colour is not None and colour.blue() > colour.red()


def _red(colour: QColor | None) -> bool:
    return colour is not None and colour.red() > colour.blue()


def test_a_matched_video_shows_the_frame_at_its_second_and_the_poster_otherwise(qtbot, library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (video,) = [hit.photo for hit in library.search(Query()).hits]
    threads: list[threading.Thread] = []

    def frame(photo: Photo, second: float) -> Path | None:
        threads.append(threading.current_thread())
        return library.video_frame(photo, second)

    model = PhotoModel(library.thumbnail, frame=frame)
    broken = tmp_path / "moved.mp4"  # the same video's record, its file now damaged: no frame to decode
    broken.write_bytes(b"no longer a video" * 100)
    model.set_hits([SearchHit(video, 0.3, (), time=4.0), SearchHit(video, None, ()),
                    SearchHit(replace(video, path=str(broken)), 0.3, (), time=2.0)])  # fmt: skip
    shown = [_centre(model, row) for row in range(3)]  # the first paint: posters (or nothing) while frames load
    assert not _blue(shown[0])
    qtbot.waitUntil(lambda: _blue(_centre(model, 0)), timeout=10_000)  # the blue square matched at 4 s
    assert _red(_centre(model, 1)), "no matched second: the poster"
    qtbot.waitUntil(lambda: len(threads) == 2 and not model._pending, timeout=10_000)
    assert _red(_centre(model, 2)), "a frame that cannot be decoded leaves the poster"
    assert threading.main_thread() not in threads, "decoded in the thumbnail threads"
    for _ in range(3):  # repaints neither decode a failed frame again nor the cached one
        [model.tile(row) for row in range(3)]
    assert len(threads) == 2
    assert len(list(library.paths.thumbs_dir.rglob("*@4.0.jpg"))) == 1, "cached beside the poster"
