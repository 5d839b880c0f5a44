"""Start-up as a person meets it: a returning user sees their library opening, never the invitation to drop
a first folder; a first run sees the empty library at once, laid out as it stays (nothing jumps)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, write_photo
from PySide6.QtCore import QTimer

from album.core.library import Paths
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


def test_a_returning_user_never_sees_the_empty_state(qtbot, album_home: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     language: str) -> None:  # fmt: skip
    write_photo(tmp_path / "photos" / "IMG_1.jpg", Exif(taken=datetime(2023, 7, 2, 14, 5)))
    first = MainWindow(Paths.from_env())
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.library is not None, timeout=60_000)
    first.import_paths([str(tmp_path / "photos")])
    qtbot.waitUntil(lambda: first.controller.last_report is not None, timeout=60_000)
    first.close()

    window = MainWindow(Paths.from_env())  # the next start
    qtbot.addWidget(window)
    assert window.welcome.state == "opening" and window.welcome.text() == OPENING[language]
    assert EMPTY_HINT[language] not in window.welcome.text()
    seen: list[str] = []  # what the page says, every few milliseconds until the photo is shown
    watch = QTimer(interval=5)
    watch.timeout.connect(lambda: seen.append(window.welcome.text() if window.welcome.isVisible() else "grid"))
    watch.start()
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.grid.isVisible(), timeout=60_000)
    watch.stop()
    assert seen and set(seen) <= {OPENING[language], "grid"}, set(seen)
    assert not window.welcome.isVisible()
    assert window.result_label.text() == {"en": "1 photo", "zh_CN": "1 张照片"}[language]
    window.close()
