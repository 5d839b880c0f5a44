"""Duplicates in the real window: the review page keeps the suggested photo and the copies leave the grid;
the Delete key in the grid asks through the Move to Trash dialog, then the file is in the (temp) Trash and
gone from the library."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication
from shared_data import SHARED_FACES

from album.gui.duplicate_review import TrashDialog
from album.gui.photo_grid import HitRole

ORIGINAL = SHARED_FACES / "group" / "t1.jpg"


def _grid_names(window) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Path(window.model.index(r).data(HitRole).photo.path).name for r in range(window.model.rowCount()))


def test_review_then_delete_key_trashes_after_the_dialog(qtbot, window, tmp_path: Path, trash_folder: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Photos"
    folder.mkdir()
    shutil.copy(ORIGINAL, folder / "t1.jpg")
    shutil.copy(ORIGINAL, folder / "t1 copy.jpg")
    shutil.copy(SHARED_FACES / "group" / "two_people.jpg", folder / "other.jpg")
    window.import_paths([str(folder)])
    settled = lambda: window.controller.index_job is None and window.controller.search_job is None  # noqa: E731
    qtbot.waitUntil(lambda: window.model.rowCount() == 3 and settled(), timeout=60_000)
    assert window.sidebar.count("duplicates") is None, "found only when the page is shown (costly on big libraries)"

    window.sidebar.set_current("duplicates")
    view = window.duplicates.view
    assert window.pages.currentWidget() is view
    qtbot.waitUntil(lambda: len(view.rows) == 1 and window.sidebar.count("duplicates") == 1, timeout=20_000)
    row = view.rows[0]
    assert row.radios[0].isChecked() and row.radios[0].text().startswith("Keep · 1280×886")
    assert "Exact copies" in row.title.text() and "first copy found" in row.title.text()
    keeper = Path(row.group.keeper.path).name
    window.explore_view.stale = False  # as if the Explore map had been computed
    with qtbot.waitSignal(window.duplicates.photos_changed, timeout=20_000):
        qtbot.mouseClick(row.keep_button, Qt.MouseButton.LeftButton)
    assert window.explore_view.stale, "the map is computed again without the copy set aside"
    qtbot.waitUntil(lambda: window.sidebar.count("duplicates") == 0 and not view.rows, timeout=20_000)
    qtbot.waitUntil(lambda: _grid_names(window) == sorted([keeper, "other.jpg"]), timeout=20_000)
    assert sorted(p.name for p in folder.iterdir()) == ["other.jpg", "t1 copy.jpg", "t1.jpg"], "set aside, not deleted"

    window.sidebar.set_current("photos")
    row_of_other = next(r for r in range(2) if window.model.index(r).data(HitRole).photo.path.endswith("other.jpg"))
    selection = window.grid.selectionModel()
    selection.select(window.model.index(row_of_other), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.setCurrentIndex(window.model.index(row_of_other), QItemSelectionModel.SelectionFlag.NoUpdate)
    window.grid.setFocus()
    asked: list[str] = []

    def answer(click_move: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TrashDialog)
        asked.append(dialog.text())
        (dialog.move_button if click_move else dialog.defaultButton()).click()

    QTimer.singleShot(0, lambda: answer(click_move=False))
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    size = (folder / "other.jpg").stat().st_size
    assert asked == [f"Move 1 photo ({window.locale().formattedDataSize(size)}) to the Trash?"]
    assert (folder / "other.jpg").exists(), "Cancel moves nothing"

    window.activateWindow()  # offscreen, the closed dialog leaves no window active (a desktop gives it back)
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.grid.setFocus()
    QTimer.singleShot(0, lambda: answer(click_move=True))
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _grid_names(window) == [keeper], timeout=20_000)
    assert not (folder / "other.jpg").exists()
    assert [p.name for p in trash_folder.iterdir()] == ["other.jpg"]
    assert window.library.photo(str(folder / "other.jpg")) is None
    qtbot.waitUntil(settled, timeout=10_000)
