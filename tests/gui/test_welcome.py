"""Start-up as a person meets it: a returning user sees their library opening, never the invitation to drop
a first folder; a first run sees the empty library at once, laid out as it stays (nothing jumps)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, write_photo
from PySide6.QtCore import QTimer

from album.core.library import Paths
from album.gui import first_page
from album.gui.main_window import MainWindow

EMPTY_HINT = {"en": "Drop a folder of photos here", "zh_CN": "把照片文件夹拖到这里"}
OPENING = {"en": "Opening your library…", "zh_CN": "正在打开你的相册…"}


def layout_of(window: MainWindow) -> tuple[object, ...]:
    """Where the page's parts are, in window coordinates."""
    where = (window.search_bar, window.result_label, window.welcome, window.welcome.title, window.welcome.hint)
    return tuple((w.mapTo(window, w.rect().topLeft()), w.size()) for w in where)


def test_a_first_run_shows_the_empty_library_at_once_and_it_does_not_move(qtbot, album_home: Path,  # type: ignore[no-untyped-def]
                                                                         language: str) -> None:  # fmt: skip
    window = MainWindow(Paths.from_env())
    qtbot.addWidget(window)
    assert window.welcome.state == "empty"  # decided before the first frame: no library on disk
    with qtbot.waitSignal(window.controller.results, timeout=60_000):  # opened, and the (empty) answer shown
        window.show()
        qtbot.waitExposed(window)
        first_frame = layout_of(window)
        assert EMPTY_HINT[language] in window.welcome.text()
    qtbot.wait(50)  # layout requests are handled
    assert layout_of(window) == first_frame  # the search bar, the line and the words stay where they were
    assert window.welcome.isVisible() and not window.grid.isVisible()
    assert window.result_label.text() == ""  # no "0 photos" in the middle of an empty window
    assert window.welcome.import_button.isVisible()
    bar_top = window.search_bar.mapTo(window, window.search_bar.rect().topLeft()).y()
    assert bar_top < window.menuBar().height() + 30  # the search bar at the top, not mid-window
    title = window.welcome.title.mapTo(window.welcome, window.welcome.title.rect().center()).y()
    assert window.welcome.height() * 0.25 < title < window.welcome.height() * 0.6  # composed, near the middle
    window.close()


def start_and_watch(qtbot, language: str) -> tuple[MainWindow, list[str]]:  # type: ignore[no-untyped-def]
    """A new window (the next start), shown; what its photos page says every few milliseconds until the
    library's own answer (one photo) is on screen."""
    window = MainWindow(Paths.from_env())
    qtbot.addWidget(window)
    seen: list[str] = []
    watch = QTimer(interval=5)
    watch.timeout.connect(lambda: seen.append(window.welcome.text() if window.welcome.isVisible() else "grid"))
    watch.start()
    window.show()
    qtbot.waitUntil(lambda: window.library is not None and window.model.rowCount() == 1, timeout=60_000)
    watch.stop()
    assert window.result_label.text() == {"en": "1 photo", "zh_CN": "1 张照片"}[language]
    return window, seen


def test_a_returning_user_sees_the_library_at_once_never_the_empty_state(qtbot, album_home: Path,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path, language: str) -> None:  # fmt: skip
    write_photo(tmp_path / "photos" / "IMG_1.jpg", Exif(taken=datetime(2023, 7, 2, 14, 5)))
    first = MainWindow(Paths.from_env())
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.library is not None, timeout=60_000)
    first.import_paths([str(tmp_path / "photos")])
    qtbot.waitUntil(lambda: first.controller.last_report is not None and first.model.rowCount() == 1, timeout=60_000)
    first.close()  # keeps the first page for the next start
    paths = Paths.from_env()
    assert first_page.page_file(paths).is_file()

    window = MainWindow(paths)  # the next start: the kept page is on the first frame
    qtbot.addWidget(window)
    assert window.library is None and window.model.rowCount() == 1 and window.grid.isVisibleTo(window)
    assert window.result_label.text() == {"en": "1 photo", "zh_CN": "1 张照片"}[language]
    hit = window.model.hits[0]
    assert hit.photo.path.endswith("IMG_1.jpg") and Path(str(window._thumbnail(hit.photo))).is_file()
    window.close()
    window, seen = start_and_watch(qtbot, language)
    assert set(seen) == {"grid"}  # the photos from the first frame to the library's answer
    window.close()

    first_page.page_file(paths).unlink()  # no page kept (a crash, an older album): the library opening
    window = MainWindow(paths)
    qtbot.addWidget(window)
    assert window.welcome.state == "opening" and window.welcome.text() == OPENING[language]
    window.close()  # before the library opened: nothing to keep
    assert not first_page.page_file(paths).exists()
    window, seen = start_and_watch(qtbot, language)
    assert seen and set(seen) <= {OPENING[language], "grid"}, set(seen)  # never "Drop a folder…"
    assert not window.welcome.isVisible()
    window.close()


def test_a_damaged_kept_page_means_the_opening_state(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    paths = Paths.from_env()
    paths.db_dir.mkdir(parents=True)
    first_page.page_file(paths).parent.mkdir(parents=True, exist_ok=True)
    first_page.page_file(paths).write_text('{"version": 1, "count": 3, "photos": [{"id": "x"}]}')
    window = MainWindow(paths)
    qtbot.addWidget(window)
    assert window.welcome.state == "opening" and window.model.rowCount() == 0
