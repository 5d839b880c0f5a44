"""album watches its folders: a JPEG copied in appears in the grid, one deleted disappears, with no user action."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from photofactory import scene, write_photo

from album.gui.folder_watch import folder_tree
from album.gui.photo_grid import PathRole


def test_new_and_deleted_photos_show_without_user_action(window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    write_photo(folder / "first.jpg", image=scene(seed=1))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.controller.index_job is None, timeout=60_000)
    qtbot.waitUntil(lambda: str(folder) in window.controller.watcher.folders, timeout=10_000)

    staged = write_photo(tmp_path / "staging" / "second.jpg", image=scene(seed=2))
    (folder / "trip").mkdir()  # a new subfolder: watched too once the next listing runs
    shutil.copy(staged, folder / "second.jpg")  # as a file manager or a camera import would
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=60_000)
    qtbot.waitUntil(lambda: str(folder / "trip") in window.controller.watcher.folders, timeout=10_000)

    shutil.copy(staged, folder / "trip" / "third.jpg")
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=60_000)

    (folder / "first.jpg").unlink()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2 and window.controller.index_job is None, timeout=60_000)
    shown = {Path(window.model.index(row, 0).data(PathRole)).name for row in range(window.model.rowCount())}
    assert shown == {"second.jpg", "third.jpg"}


def test_the_folder_tree_leaves_hidden_folders_out(tmp_path: Path) -> None:
    for name in ("a/b", ".thumbnails/x", "c"):
        (tmp_path / name).mkdir(parents=True)
    assert folder_tree([str(tmp_path), str(tmp_path / "missing")]) == [
        str(tmp_path), str(tmp_path / "a"), str(tmp_path / "a/b"), str(tmp_path / "c")
    ]  # fmt: skip
