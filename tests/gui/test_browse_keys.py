"""Browsing with the mouse and keyboard in the real window: desktop selection (click, Shift, Ctrl, Ctrl+A, Esc,
rubber band), keypad Enter, quick look, the slideshow, the tiles' hearts, and album edits (rename, order by
drag and drop, key photo, remove, drop onto the sidebar, delete) that are still there after a restart."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from album.core.library import Paths, Query
from album.gui.grid_tiles import heart_rect
from album.gui.photo_grid import FavouriteRole, HitRole

COUNT = 6


def imported(qtbot, window, folder: Path, count: int = COUNT) -> None:  # type: ignore[no-untyped-def]
    """``count`` photos of one day (newest first = IMG_0 first; one day: one header, rows of several photos),
    imported and shown, nothing on its way."""
    for i in range(count):
        write_photo(folder / f"IMG_{i}.jpg", Exif(taken=datetime(2023, 1, 20, 18 - i)), scene(900, 600, seed=i))
    window.import_paths([str(folder)])
    settled = lambda: window.controller.index_job is None and window.controller.search_job is None  # noqa: E731
    qtbot.waitUntil(lambda: window.model.rowCount() == count and settled(), timeout=60_000)
    window.grid.setFocus()


def centre(window, row: int) -> QPoint:  # type: ignore[no-untyped-def]
    return window.grid.visualRect(window.model.index(row)).center()


def selected_rows(window) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(i.row() for i in window.grid.selectionModel().selectedIndexes())


def name(window, row: int) -> str:  # type: ignore[no-untyped-def]
    return Path(window.model.index(row).data(HitRole).photo.path).name


def mouse(widget, kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:  # type: ignore[no-untyped-def]
    """A mouse event as the window system delivers it (QTest's mouseMove carries no button)."""
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(point), widget.mapToGlobal(QPointF(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, event)


def drop(widget, point: QPoint, data: QMimeData) -> None:  # type: ignore[no-untyped-def]
    """A drag entering ``widget``, moving to ``point`` and dropped there, as the window system delivers it."""
    args = (Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    for event in (QDragEnterEvent(point, *args), QDragMoveEvent(point, *args), QDropEvent(QPointF(point), *args)):
        QApplication.sendEvent(widget, event)


def test_desktop_selection_rubber_band_and_keypad_enter(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    imported(qtbot, window, tmp_path / "Photos")
    grid, viewport = window.grid, window.grid.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre(window, 0))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, centre(window, 3))
    assert selected_rows(window) == [0, 1, 2, 3]
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, centre(window, 1))
    assert selected_rows(window) == [0, 2, 3]
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, centre(window, 5))
    assert selected_rows(window) == [0, 2, 3, 5]
    qtbot.keyClick(grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert selected_rows(window) == list(range(COUNT))
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert selected_rows(window) == []

    # A rubber band from the empty space below the photos up into the first photo's row, over the grid's
    # right part: it selects the photos it touches, those of the rows it crosses right of its left edge.
    last = grid.visualRect(window.model.index(COUNT - 1))
    assert last.bottom() + 40 < viewport.height(), "room below the photos to start a band"
    first = grid.visualRect(window.model.index(0))
    start = QPoint(first.right() + 20, last.bottom() + 30)
    end = QPoint(viewport.width() - 2, first.center().y())
    mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    mouse(viewport, QEvent.Type.MouseMove, QPoint(start.x(), start.y() - 20), Qt.MouseButton.LeftButton)
    mouse(viewport, QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton)
    assert grid._band.isVisible()
    mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    assert not grid._band.isVisible()
    touched = [r for r in range(COUNT) if grid.visualRect(window.model.index(r)).right() >= start.x()]
    assert selected_rows(window) == touched and 0 not in touched and 1 in touched

    grid.setCurrentIndex(window.model.index(2))
    qtbot.keyClick(grid, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter
    qtbot.waitUntil(lambda: window.viewer.isVisible() and window.viewer.index == 2, timeout=10_000)
    window.close_viewer()


def test_quick_look_and_slideshow(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    imported(qtbot, window, tmp_path / "Photos")
    grid, look = window.grid, window.shows.quick_look
    grid.setCurrentIndex(window.model.index(1))
    scrolled = grid.verticalScrollBar().value()
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert look.isVisible() and look.row == 1 and look.geometry() == look.host.rect()
    qtbot.waitUntil(lambda: look.shown_image() is not None, timeout=10_000)
    assert look.shown_image().width() > 200 and look.photo_rect.width() > 200  # the photo itself, not a thumbnail
    qtbot.keyClick(look, Qt.Key.Key_Right)
    qtbot.keyClick(look, Qt.Key.Key_Right)
    assert look.row == 3
    qtbot.keyClick(look, Qt.Key.Key_Left)
    assert look.row == 2
    qtbot.keyClick(look, Qt.Key.Key_Escape)
    assert not look.isVisible() and grid.currentIndex().row() == 2 and grid.hasFocus()
    assert grid.verticalScrollBar().value() == scrolled

    grid.setCurrentIndex(window.model.index(1))  # with several photos selected, ←/→ go through them only
    grid.selectionModel().select(window.model.index(4), grid.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    qtbot.keyClick(look, Qt.Key.Key_Right)
    assert look.row == 4
    qtbot.keyClick(look, Qt.Key.Key_Right)  # the end of the selection
    assert look.row == 4
    qtbot.keyClick(look, Qt.Key.Key_Space)
    assert not look.isVisible() and grid.currentIndex().row() == 4

    show = window.shows.slideshow
    window.controller.settings.slideshow_seconds = 0.4
    grid.clearSelection()
    grid.setCurrentIndex(window.model.index(0))
    grid.clearSelection()
    window.shows.slideshow_action.trigger()
    assert show.isVisible() and show.isFullScreen() and list(show.rows) == list(range(COUNT))
    assert show.size() == window.screen().size()
    qtbot.waitUntil(lambda: show.position == 2, timeout=10_000)  # it advances by itself
    qtbot.keyClick(show, Qt.Key.Key_Space)  # pause
    at = show.position
    qtbot.wait(900)
    assert show.paused and show.position == at
    qtbot.keyClick(show, Qt.Key.Key_Left)
    assert show.position == at - 1
    qtbot.keyClick(show, Qt.Key.Key_Escape)
    assert not show.isVisible() and grid.currentIndex().row() == at - 1


def test_hearts_and_album_edits_survive_a_restart(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    imported(qtbot, window, tmp_path / "Photos", 5)
    grid, collections = window.grid, window.collections
    heart = heart_rect(grid.visualRect(window.model.index(3))).center()
    qtbot.mouseMove(grid.viewport(), heart)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=heart)
    qtbot.waitUntil(lambda: window.model.index(3).data(FavouriteRole) is True, timeout=10_000)
    assert 3 not in selected_rows(window), "a heart's click marks the photo without selecting it"
    hearted = name(window, 3)

    for album_name in ("Trip", "Spare"):
        with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
            collections.new_album([window.model.index(r).data(HitRole).photo for r in range(3)],
                                  ask=lambda _title, n=album_name: n)  # fmt: skip
    assert window.sidebar.entry_keys()[-2:] == [f"album:{a.id}" for a in collections.albums]  # Spare, Trip
    spare, trip = collections.albums
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):  # the Albums page loads them again
        window.sidebar.set_current("albums")
    window.sidebar.set_current(f"album:{trip.id}")  # the album's entry in the sidebar opens it
    assert window.pages.currentIndex() == 0 and window.sidebar.current_key() == f"album:{trip.id}"
    qtbot.waitUntil(lambda: window.model.rowCount() == 3 and grid.reorderable, timeout=10_000)
    order = [name(window, r) for r in range(3)]
    assert collections.remove_action.isVisible() and collections.cover_action.isVisible()

    # Drag the first photo after the last: dropped on the right half of the last tile.
    grid.setCurrentIndex(window.model.index(0))
    drop_at = grid.visualRect(window.model.index(2)).center() + QPoint(10, 0)
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        drop(grid.viewport(), drop_at, window.model.mimeData([window.model.index(0)]))
    order = [*order[1:], order[0]]
    qtbot.waitUntil(lambda: [name(window, r) for r in range(3)] == order, timeout=10_000)

    grid.setCurrentIndex(window.model.index(1))
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        collections.cover_action.trigger()  # Make Key Photo
    grid.setCurrentIndex(window.model.index(0))
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        collections.remove_action.trigger()
    removed, order = order[0], order[1:]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)

    # Photos dragged from the grid onto the album's entry in the sidebar join it.
    window.controller.search(Query())
    qtbot.waitUntil(lambda: window.model.rowCount() == 5 and window.controller.search_job is None, timeout=10_000)
    extra = next(r for r in range(5) if name(window, r) not in order and name(window, r) != removed)
    sidebar = window.sidebar
    item = next(sidebar.list.item(r) for r in range(sidebar.list.count())
                if sidebar.list.item(r).data(Qt.ItemDataRole.UserRole) == f"album:{trip.id}")  # fmt: skip
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        drop(sidebar.list.viewport(), sidebar.list.visualItemRect(item).center(),
             window.model.mimeData([window.model.index(extra)]))
    order.append(name(window, extra))

    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        collections.rename_album(trip, ask=lambda _title: "Trip to Japan")
    refused: list[str] = []
    collections.delete_album(spare, confirm=lambda text: refused.append(text) or False)
    assert refused and "Spare" in refused[0] and len(collections.albums) == 2
    with qtbot.waitSignal(collections.albums_loaded, timeout=10_000):
        collections.delete_album(spare, confirm=lambda _text: True)
    assert [a.name for a in collections.albums] == ["Trip to Japan"]
    assert not any(k.endswith(spare.id) for k in sidebar.entry_keys())
    window.close()

    from album.gui.main_window import MainWindow

    again = MainWindow(Paths.from_env())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.library is not None and again.controller.index_job is None, timeout=60_000)
    qtbot.waitUntil(lambda: bool(again.collections.albums), timeout=10_000)  # listed in the sidebar at start
    album = again.collections.albums[0]
    assert album.name == "Trip to Japan" and album.photo_count == 3 and f"album:{album.id}" in again.sidebar.entry_keys()
    assert album.cover is not None and Path(album.cover.path).name == order[0]  # the key photo: first of the order then
    again.search_bar.edit.setText('album:"Trip to Japan"')
    again.search_bar.edit.returnPressed.emit()
    qtbot.waitUntil(lambda: again.model.rowCount() == 3 and again.controller.search_job is None, timeout=10_000)
    assert [name(again, r) for r in range(3)] == order  # the album's own order, as dragged
    again.search_bar.edit.setText("is:favourite")
    again.search_bar.edit.returnPressed.emit()
    qtbot.waitUntil(lambda: again.model.rowCount() == 1 and again.controller.search_job is None, timeout=10_000)
    assert name(again, 0) == hearted
    again.close()
