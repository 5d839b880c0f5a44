"""The real window, driven as a person would: drop a folder, watch it index, search, open, cancel, resume."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data

from album.gui.scrubber import month_text
from album.gui.search_bar import chips_of


def make_photos(folder: Path, count: int, size: tuple[int, int] = (640, 480)) -> None:
    for i in range(count):
        exif = Exif(taken=datetime(2023 if i % 2 else 2021, 1 + i % 12, 1 + i % 28), lat=38.72, lon=-9.14)
        write_photo(folder / f"IMG_{i:04d}.jpg", exif, image=scene(*size, seed=i))


def drop(window, paths: list[Path], at: QPoint | None = None) -> None:  # type: ignore[no-untyped-def]
    """Deliver a real QDropEvent with file URLs, as a file manager does."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    position = QPointF(at or QPoint(window.width() // 2, window.height() // 2))
    event = QDropEvent(
        position, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)


def test_welcome_then_drop_a_folder_and_search(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.welcome.isVisible() and "Drop a folder" in window.welcome.text()
    folder = tmp_path / "Holiday"
    make_photos(folder, 12)
    drop(window, [folder])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    assert window.controller.last_report.added == 12
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=10_000)
    assert not window.welcome.isVisible()
    assert str(folder) in window.library.settings.library_folders  # remembered for the next start
    completes = window.search_bar.suggestions.stringList
    qtbot.waitUntil(lambda: {"Lisbon", "Portugal"} <= set(completes()), timeout=10_000)  # where the photos are

    window.search_bar.edit.setText("summer 2023 near Lisbon")
    window.search_bar.edit.returnPressed.emit()
    kinds = [chip.objectName() for chip in window.search_bar.chips()]
    assert kinds == ["chip-date", "chip-place"]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)  # June–August 2023 photos
    window.search_bar.chips()[0].remove_button.click()  # remove the date chip
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=10_000)


def test_cancel_then_resume_on_next_start(qtbot, window, tmp_path: Path, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Big"
    make_photos(folder, 60, size=(1600, 1200))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.index_job is not None and window.progress.maximum() > 0, timeout=60_000)
    qtbot.waitUntil(lambda: window.progress.value() >= 5, timeout=60_000)
    window.cancel_button.click()
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)
    assert window.controller.last_report.cancelled
    saved = window.library.stats().photos
    assert 0 < saved < 60
    window.close()

    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    again = MainWindow(Paths.from_env())  # the next start re-scans the remembered folder and resumes
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.controller.last_report is not None, timeout=120_000)
    assert (again.controller.last_report.unchanged, again.controller.last_report.added) == (saved, 60 - saved)
    again.close()


def test_event_loop_stays_responsive_while_indexing(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Load"
    make_photos(folder, 200, size=(2400, 1800))
    lags: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        lags.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10, timeout=tick)
    timer.start()
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=180_000)
    timer.stop()
    assert window.controller.last_report.added == 200
    assert len(lags) > 50
    assert max(lags) < 0.1, f"the GUI froze for {max(lags) * 1000:.0f} ms"


def test_timeline_keyboard_open_viewer_and_step(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "V"
    make_photos(folder, 3)  # taken 2021-01-01, 2023-02-02, 2021-03-03
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 3 and window.controller.index_job is None, timeout=60_000)
    scrubber = window.grid.scrubber
    qtbot.waitUntil(scrubber.isVisible, timeout=5_000)
    assert [month_text(month.when) for month in scrubber.months] == ["February 2023", "March 2021", "January 2021"]
    assert scrubber.current() == 0 and "February 2023" in scrubber.accessibleDescription()  # the top's month
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.model.index(0))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = window.viewer
    assert viewer.isVisible()
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull(), timeout=10_000)
    taken = next(line for line in viewer.info.text().splitlines() if line.startswith("Taken: "))
    assert "2023" in taken and "February" in taken and "00:00" in taken  # 2023-02-02, in the UI's language
    assert "38.72000" in viewer.info.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 1
    viewer.back.emit()


def test_chips_for_every_kind_of_filter(album_home: Path) -> None:
    from album.core.library import KnownPerson, Library, Paths

    library = Library(Paths.from_env())
    query = library.parse("Anna camera:canon tag:dog -tag:screenshot 2023", known=[KnownPerson("a", "Anna")])
    kinds = [kind for kind, _value, _label in chips_of(query)]
    assert kinds == ["person", "date", "camera", "tag", "exclude"]


@needs_face_data
def test_viewer_outlines_faces_with_names(qtbot, tmp_path: Path, album_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    monkeypatch.setenv("ALBUM_MODELS_DIR", str(SHARED_MODELS))
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    folder = tmp_path / "G"
    folder.mkdir()
    shutil.copy(SHARED_FACES / "group" / "two_people.jpg", folder)
    win = MainWindow(Paths.from_env())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.library is not None, timeout=30_000)
    win.import_paths([str(folder)])
    qtbot.waitUntil(lambda: win.controller.last_report is not None and win.model.rowCount() == 1, timeout=120_000)
    library = win.library
    faces = library.faces_in_photo(win.model.hits[0].photo.id)
    assert len(faces) == 2
    viewer = win.make_viewer(0, ask=lambda _parent, _current, _names: "Barack")
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull() and len(viewer.faces) == 2, timeout=10_000)
    image = viewer._pixmap.toImage()
    x1, y1, x2, y2 = faces[0].bbox
    edge = image.pixelColor(round(x1 * image.width()), int((y1 + y2) / 2 * image.height()))  # on the line
    assert (edge.red(), edge.green()) > (200, 180) and edge.blue() < 120  # the yellow outline
    # click the first face and name it, as a person would
    shown = viewer.image.pixmap()
    left = (viewer.image.width() - shown.width()) / 2
    top = (viewer.image.height() - shown.height()) / 2
    centre = QPoint(int(left + (x1 + x2) / 2 * shown.width()), int(top + (y1 + y2) / 2 * shown.height()))
    qtbot.mouseClick(viewer, Qt.MouseButton.LeftButton, pos=viewer.image.mapTo(viewer, centre))
    qtbot.waitUntil(lambda: any(f.person_name == "Barack" for f in viewer.faces), timeout=10_000)
    named = library.faces_in_photo(win.model.hits[0].photo.id)
    assert [f.person_name for f in named if f.id == faces[0].id] == ["Barack"]
    # clicked again: the dialog starts with the face's name and completes the library's names
    asked = []
    viewer.ask = lambda _parent, current, names: asked.append((current, list(names))) or None
    qtbot.waitUntil(lambda: [k.name for k in win.controller.known_people] == ["Barack"], timeout=10_000)
    qtbot.mouseClick(viewer, Qt.MouseButton.LeftButton, pos=viewer.image.mapTo(viewer, centre))
    assert asked == [("Barack", ["Barack"])]
    # the info panel shows him as a chip with his face; a click shows his photos in the grid
    qtbot.waitUntil(lambda: viewer.info.people.chip_texts() == ["Barack"], timeout=10_000)
    chip = viewer.info.people.chip_layout.itemAt(0).widget()
    assert not chip.icon().isNull() and chip.accessibleName() == "Photos of Barack"
    chip.click()
    assert window_shows_grid(win)
    assert [c.text_button.text() for c in win.search_bar.chips()] == ["Person: Barack"]
    barack = next(f.person_id for f in named if f.id == faces[0].id)
    assert win.controller.query.person_ids == (barack,)
    qtbot.waitUntil(lambda: win.model.rowCount() == 1 and win.grid.isVisible(), timeout=10_000)
    win.close()


def window_shows_grid(win) -> bool:  # type: ignore[no-untyped-def]
    return win.pages.currentIndex() == 0 and win.grid.isVisible() and win.windowTitle() == "album"


def test_app_icon_comes_in_every_size_for_high_dpi_screens(qapp) -> None:  # type: ignore[no-untyped-def]
    from album.gui.app import app_icon

    sizes = {size.width() for size in app_icon().availableSizes()}
    assert {16, 24, 32, 48, 64, 128, 256, 512} <= sizes
    assert not app_icon().pixmap(64, 64).isNull()


def test_viewer_zooms_and_fits(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Z"
    make_photos(folder, 1, size=(2400, 1600))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=60_000)
    viewer = window.make_viewer(0)
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull(), timeout=10_000)
    assert viewer._pixmap.width() == 2400  # decoded at full size up to 3200 px, for zooming
    fitted = viewer.image.pixmap().width()
    assert fitted < viewer.image_area.viewport().width() + 1
    qtbot.keyClick(viewer, Qt.Key.Key_1)  # 100 %: one photo pixel per screen pixel, scrollable
    assert viewer.image.pixmap().width() == 2400 and viewer.image_area.horizontalScrollBar().maximum() > 0
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.image.pixmap().width() == 1920
    qtbot.keyClick(viewer, Qt.Key.Key_0)  # fit again
    assert viewer.zoom is None and viewer.image.pixmap().width() == fitted
    viewer.back.emit()
