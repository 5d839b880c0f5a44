"""Favourites, stars and albums in the real window: keys on the selection, the Albums page, an export with
progress, and everything still there after a restart."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QItemSelectionModel, Qt

from album.core.library import Query
from album.gui.photo_grid import FavouriteRole, HitRole


def make_photos(folder: Path, count: int) -> None:
    for i in range(count):
        write_photo(folder / f"IMG_{i}.jpg", Exif(taken=datetime(2023, 1, i + 1), make="Canon"), scene(seed=i))


def select(window, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    selection = window.grid.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(window.model.index(rows[-1]), QItemSelectionModel.SelectionFlag.NoUpdate)


def names(window, rows: list[int]) -> list[str]:  # type: ignore[no-untyped-def]
    return [Path(window.model.index(r).data(HitRole).photo.path).name for r in rows]


def test_favourite_stars_and_album_round_trip_across_a_restart(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Trip"
    make_photos(folder, 4)
    window.import_paths([str(folder)])
    settled = lambda: window.controller.index_job is None and window.controller.search_job is None  # noqa: E731
    qtbot.waitUntil(lambda: window.model.rowCount() == 4 and settled(), timeout=60_000)  # no answer on its way
    window.grid.setFocus()
    select(window, [0, 1])
    favourites = names(window, [0, 1])
    qtbot.keyClick(window.grid, Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: window.model.index(0).data(FavouriteRole) is True, timeout=10_000)
    assert [window.model.index(r).data(FavouriteRole) for r in range(4)] == [True, True, False, False]
    qtbot.waitUntil(lambda: len(window.grid.selectionModel().selectedIndexes()) == 2, timeout=5_000)  # kept
    select(window, [2])
    qtbot.keyClick(window.grid, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: window.model.index(2).data(HitRole).photo.stars == 4, timeout=10_000)
    select(window, [1])
    qtbot.keyClick(window.grid, Qt.Key.Key_F)  # all selected are favourites: F takes the heart off
    qtbot.waitUntil(lambda: window.model.index(1).data(FavouriteRole) is False, timeout=10_000)
    qtbot.waitUntil(lambda: not window.collections._reselect, timeout=5_000)  # the selection is back before it changes

    collections = window.collections
    select(window, [3, 2])
    in_album = names(window, [2, 3])
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        collections.new_album([], ask=lambda _title: "Trip to Japan")
    assert [a.name for a in collections.albums] == ["Trip to Japan"]
    collections.album_menu.aboutToShow.emit()  # the context menu's "Add to Album" submenu
    entry = next(a for a in collections.album_menu.actions() if a.text() == "Trip to Japan")
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        entry.trigger()
    assert collections.albums[0].photo_count == 2
    assert collections.view.list.count() == 1 and "2 photos" in collections.view.list.item(0).text()

    window.sidebar.set_current("albums")
    assert window.pages.currentWidget() is collections.view
    collections.view.open_album.emit(collections.albums[0])
    assert window.pages.currentIndex() == 0 and window.search_bar.chips()[0].objectName() == "chip-album"
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    assert sorted(names(window, [0, 1])) == sorted(in_album)

    def export(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.folder.setText(str(tmp_path / "out"))
        dialog.resized.setChecked(True)
        dialog.long_edge.setValue(300)
        dialog.keep_metadata.setChecked(False)
        dialog.accept()

    with qtbot.waitSignal(collections.exported, timeout=30_000) as exported:
        collections.export(collections.selected() or [window.model.index(0).data(HitRole).photo], show=export)
    report = exported.args[0]
    assert len(report.written) >= 1 and not report.failed and all(p.parent == tmp_path / "out" for p in report.written)

    window.close()
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    again = MainWindow(Paths.from_env())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.library is not None and again.controller.index_job is None, timeout=60_000)
    with qtbot.waitSignal(again.controller.results, timeout=10_000):  # the library's answer, not the page kept at exit
        again.controller.search(Query())
    marked = {Path(again.model.index(r).data(HitRole).photo.path).name: again.model.index(r).data(HitRole).photo
              for r in range(4)}  # fmt: skip
    assert [n for n, p in marked.items() if p.favourite] == [favourites[0]]
    assert [n for n, p in marked.items() if p.stars == 4] == [in_album[0]]
    again.search_bar.edit.setText('album:"Trip to Japan"')
    again.search_bar.edit.returnPressed.emit()
    qtbot.waitUntil(lambda: again.model.rowCount() == 2, timeout=10_000)
    again.search_bar.edit.setText("我收藏的照片")
    again.search_bar.edit.returnPressed.emit()
    qtbot.waitUntil(lambda: again.model.rowCount() == 1, timeout=10_000)
    assert [c.objectName() for c in again.search_bar.chips()] == ["chip-favourite"]
    again.close()
