"""An unplugged drive in the window: its photos stay, and the user is asked before they go."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo


def index_and_wait(qtbot, window, folder: Path):  # type: ignore[no-untyped-def]
    window.controller.last_report = None
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    return window.controller.last_report


def test_photos_of_an_emptied_folder_are_kept_until_the_user_says_they_are_gone(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "USB"
    for i in range(5):
        write_photo(folder / f"p{i}.jpg", Exif(taken=datetime(2022, 5, 1 + i)), image=scene(seed=i))
    assert index_and_wait(qtbot, window, folder).added == 5
    folder.rename(tmp_path / "unplugged")
    folder.mkdir()  # what an unmounted drive's mount point looks like

    report = index_and_wait(qtbot, window, folder)
    assert report.removed == 0 and [k.kept for k in report.kept_folders] == [5]
    qtbot.waitUntil(lambda: window.kept_button.isVisible(), timeout=10_000)
    assert "5 photos kept" in window.kept_button.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 5, timeout=30_000)  # still in the library

    questions: list[str] = []
    window.review_kept_folders(ask=lambda text: questions.append(text) or False)  # "no": nothing happens
    assert len(questions) == 1 and str(folder) in questions[0] and "empty" in questions[0]
    assert window.controller.index_job is None and window.kept_button.isVisible()

    window.controller.last_report = None
    window.review_kept_folders(ask=lambda _text: True)  # "yes, they are gone"
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    assert window.controller.last_report.removed == 5
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=30_000)
    assert not window.kept_button.isVisible()
