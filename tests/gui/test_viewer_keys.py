"""The viewer's keys on the real viewer page opened from the grid: ←/→ step and + / − / 1 / 0 zoom for small
and large photos alike, whichever of the viewer's widgets has the keyboard focus; Esc goes back to the grid
where it was; I toggles the info panel; F11 full screen."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

SIZES = [(2400, 1600), (160, 120), (1200, 1800), (64, 48)]  # large, small, portrait, tiny


def open_viewer(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "Keys"
    for i, (width, height) in enumerate(SIZES):
        exif = Exif(taken=datetime(2023, 1, 10 - i), lat=38.72, lon=-9.14)  # newest first = this order
        write_photo(folder / f"IMG_{i}.jpg", exif, image=scene(width, height, seed=i))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 4 and window.controller.index_job is None, timeout=60_000)
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.model.index(0))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)  # as a person opens it
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.isVisible() and not viewer._pixmap.isNull(), timeout=10_000)
    return viewer


def press(qtbot, viewer, key: Qt.Key, text: str = "") -> None:  # type: ignore[no-untyped-def]
    """A key as the keyboard delivers it: to the widget that has the focus inside the viewer."""
    target: QWidget = QApplication.focusWidget() or viewer.focusWidget() or viewer
    assert target is viewer or viewer.isAncestorOf(target)
    qtbot.keyClick(target, key)


def shown_width(viewer) -> int:  # type: ignore[no-untyped-def]
    return viewer.image.pixmap().width()


def test_arrows_step_through_every_photo_size(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    viewer = open_viewer(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: viewer.isActiveWindow(), timeout=5_000)
    seen = []
    for expected in (1, 2, 3, 0):  # through large, small, portrait, tiny and round again
        press(qtbot, viewer, Qt.Key.Key_Right)
        assert viewer.index == expected
        title = f"{Path(viewer.hits[viewer.index].photo.path).name} — album"
        qtbot.waitUntil(lambda t=title: not viewer._pixmap.isNull() and window.windowTitle() == t
                        and viewer.filmstrip.currentIndex().row() + viewer.filmstrip.offset == viewer.index, timeout=10_000)  # fmt: skip
        seen.append(viewer._pixmap.size().toTuple())
    assert seen == [(160, 120), (1200, 1800), (64, 48), (2400, 1600)]
    press(qtbot, viewer, Qt.Key.Key_Left)
    assert viewer.index == 3
    window.close_viewer()


def test_zoom_keys_work_on_a_small_photo(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    viewer = open_viewer(qtbot, window, tmp_path)
    press(qtbot, viewer, Qt.Key.Key_Right)  # the 160 × 120 photo
    qtbot.waitUntil(lambda: viewer._pixmap.width() == 160 and viewer.image.pixmap() is not None, timeout=10_000)
    qtbot.waitUntil(lambda: shown_width(viewer) > 160, timeout=5_000)  # blown up to fit the window
    fitted = shown_width(viewer)
    press(qtbot, viewer, Qt.Key.Key_1)
    assert viewer.zoom == 1.0 and shown_width(viewer) == 160  # 100 %: its real size
    press(qtbot, viewer, Qt.Key.Key_Plus)
    assert shown_width(viewer) == 200
    press(qtbot, viewer, Qt.Key.Key_0)
    assert viewer.zoom is None and shown_width(viewer) == fitted
    press(qtbot, viewer, Qt.Key.Key_Plus)
    assert shown_width(viewer) > fitted  # + past the fit of a small photo still enlarges it
    press(qtbot, viewer, Qt.Key.Key_Minus)
    assert viewer.zoom is None and shown_width(viewer) == fitted
    window.close_viewer()


def test_the_viewer_opens_in_the_window_and_esc_returns_to_the_same_place(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Many"
    for i in range(60):
        write_photo(folder / f"IMG_{i:02}.jpg", Exif(taken=datetime(2023, 1, 1, 12, i)), image=scene(64, 48, seed=i))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 60 and window.controller.index_job is None, timeout=60_000)
    window.resize(900, 600)
    window.grid.set_thumb_size(120)
    bar = window.grid.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200, timeout=5_000)
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    centre = window.grid.viewport().rect().center()  # (maybe in the gap between two tiles: the nearest below)
    probes = (window.grid.indexAt(centre + QPoint(dx, dy)).row() for dy in range(0, 200, 4) for dx in (0, 8, 16))
    row = next(r for r in probes if r >= 0)
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.model.index(row))
    assert bar.value() == scrolled and row > 0
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = window.viewer
    assert window.pages.currentWidget() is viewer and viewer.isVisible()  # a page of the window, no new window
    assert not window.grid.isVisible() and not window.sidebar.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    name = Path(window.model.hits[row].photo.path).name
    assert window.windowTitle() == f"{name} — album"  # the file's name, not its path
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull(), timeout=10_000)
    press(qtbot, viewer, Qt.Key.Key_I)
    assert viewer.info.isHidden() and not viewer.info_button.isChecked()
    press(qtbot, viewer, Qt.Key.Key_I)
    assert viewer.info.isVisible()
    press(qtbot, viewer, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == 0 and window.grid.isVisible() and window.sidebar.isVisible()
    assert bar.value() == scrolled and window.grid.currentIndex().row() == row
    assert window.windowTitle() == "album"
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    press(qtbot, viewer, Qt.Key.Key_Right)  # a step in the viewer: back in the grid, that photo is selected
    viewer.back_button.click()
    assert window.grid.currentIndex().row() == row + 1 and window.grid.hasFocus()


def test_f11_toggles_full_screen_and_esc_leaves_it_first(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    viewer = open_viewer(qtbot, window, tmp_path)
    assert not window.isFullScreen()
    press(qtbot, viewer, Qt.Key.Key_F11)
    assert window.isFullScreen() and not window.menuBar().isVisible() and not window.statusBar().isVisible()
    press(qtbot, viewer, Qt.Key.Key_Escape)  # leaves full screen, stays on the photo
    assert not window.isFullScreen() and window.pages.currentWidget() is viewer
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    qtbot.mouseDClick(viewer.image_area.viewport(), Qt.MouseButton.LeftButton)  # a double-click on the photo
    assert window.isFullScreen()
    viewer.full_screen_button.click()
    assert not window.isFullScreen()
    press(qtbot, viewer, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == 0


def test_the_status_bar_takes_the_viewers_dark_surround_in_the_light_theme(qtbot, window, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The light status bar stayed a light band under the dark viewer; it keeps the index progress there."""
    from PySide6.QtGui import QColor

    from album.gui.styles import use_theme
    from album.gui.theme import LIGHT, VIEWER

    use_theme(qapp, "light")

    def band() -> tuple[QColor, QColor]:
        """The bar's background at its left end, and its message's colour."""
        bar = window.statusBar()
        return bar.grab().toImage().pixelColor(2, bar.height() // 2), window.status.palette().windowText().color()

    assert band()[0] == QColor(LIGHT.surface)
    viewer = open_viewer(qtbot, window, tmp_path)
    window.say("Importing 3 of 40 photos…")
    assert window.statusBar().isVisible()
    assert band() == (QColor(VIEWER.window), QColor(VIEWER.text))
    press(qtbot, viewer, Qt.Key.Key_Escape)
    assert band() == (QColor(LIGHT.surface), QColor(LIGHT.text))
