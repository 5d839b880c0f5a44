"""The window comes back as it was left: size, page, the sidebar collapsed, the layout and thumbnail size survive a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from album.core.library import Paths
from album.gui.main_window import MainWindow
from album.gui.window_state import FILE_NAME


def open_window(qtbot: Any) -> MainWindow:
    window = MainWindow(Paths.from_env())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library is not None, timeout=30_000)
    return window


def test_window_state_survives_a_restart(qtbot: Any, album_home: Path) -> None:
    first = open_window(qtbot)
    assert first.size().width() == 1200 and first.grid.thumb_size == 180  # the defaults, before anything is saved
    first.resize(640, 480)  # inside the offscreen screen (800 x 600): restoring keeps a window on screen
    first.sidebar.set_collapsed(True)
    first.set_layout_mode("square")
    first.sidebar.set_current("people")
    first.grid.set_thumb_size(260)
    qtbot.wait(50)
    size = (first.size().width(), first.size().height())  # the width stops at the window's minimum
    assert size[1] == 480
    first.close()
    assert (Paths.from_env().data_dir / FILE_NAME).is_file()  # in the library's own folder, not ~/.config

    second = open_window(qtbot)
    try:
        assert (second.size().width(), second.size().height()) == size
        assert second.sidebar.collapsed and second.layout_mode == "square"
        assert second.toolbar.layout_actions["square"].isChecked()
        assert second.sidebar.current_key() == "people" and second.pages.currentIndex() == 1
        assert second.grid.thumb_size == 260 and second.toolbar.slider.value() == 260  # the slider shows it
    finally:
        second.close()


def test_an_unreadable_state_file_keeps_the_defaults(qtbot: Any, album_home: Path) -> None:
    paths = Paths.from_env()
    paths.ensure()
    (paths.data_dir / FILE_NAME).write_text("[window]\ngeometry=not bytes\npage=seven\n[grid]\nthumbSize=x\n")
    window = open_window(qtbot)
    try:
        assert window.size().width() == 1200 and window.sidebar.current_key() == "photos" and window.grid.thumb_size == 180
        assert not window.sidebar.collapsed
    finally:
        window.close()
