"""Counts that say what the user sees: "2 photos, 1 video" under the grid, on the sidebar's Photos entry and
in the import's summary, in English and in Chinese, never "3 photos" when one of them is a clip."""

from __future__ import annotations

import sys
from pathlib import Path

from photofactory import scene, write_photo
from videofactory import write_video

from album.gui.item_counts import items_text

SAID = {
    "en": ["1 photo", "11 photos", "3 videos", "10 photos, 1 video", "1 photo, 2 videos"],
    "zh_CN": ["1 张照片", "11 张照片", "3 个视频", "10 张照片，1 个视频", "1 张照片，2 个视频"],
}


def test_counts_name_videos_with_their_plurals(language: str) -> None:
    assert [items_text(n, v) for n, v in [(1, 0), (11, 0), (3, 3), (11, 1), (3, 2)]] == SAID[language]


def test_the_window_counts_the_video_apart(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Party"
    folder.mkdir()
    for i in range(2):
        write_photo(folder / f"IMG_{i}.jpg", image=scene(160, 120, seed=i))
    write_video(folder / "clip.mp4", [("red", "circle", 1.0)])
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)
    assert window.status.text().startswith("Done: 2 photos, 1 video ·")
    qtbot.waitUntil(lambda: window.model.rowCount() == 3 and window.controller.index_job is None, timeout=60_000)
    qtbot.waitUntil(lambda: window.result_label.text() == "2 photos, 1 video", timeout=10_000)
    qtbot.waitUntil(lambda: window.sidebar.count("photos") == 3, timeout=10_000)
    item = window.sidebar._item("photos")
    assert item.toolTip() == "2 photos, 1 video"
    library = window.library
    party = library.create_album("Party")
    library.add_to_album(party.id, [hit.photo.id for hit in window.model.hits])
    (album,) = library.albums()
    assert (album.photo_count, album.video_count) == (3, 1)  # from the kind column, as the sidebar's
    assert window.collections.view._caption(album) == "Party\n2 photos, 1 video"


def test_the_import_says_videos_wait_for_video_support(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An import where PyAV cannot be loaded (``pip install album`` without the extra): the photos come in,
    the video waits, and the status line says so and what to install."""
    folder = tmp_path / "Party"
    folder.mkdir()
    write_photo(folder / "IMG_0.jpg", image=scene(160, 120, seed=0))
    write_video(folder / "clip.mp4", [("red", "circle", 1.0)])
    monkeypatch.setitem(sys.modules, "av", None)  # every `import av` now fails, as without the package
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)
    assert window.status.text().startswith("Done: 1 photo, 1 video ·")
    assert window.status.text().endswith(" · videos not indexed")
    assert window.status.toolTip().endswith("Video support is not installed: pip install 'album[video]', then "
                                            "import again.")  # after the models' sentence: none is installed here
    qtbot.waitUntil(lambda: window.controller.index_job is None, timeout=10_000)
    assert window.library.stats().videos == 0
