"""The window paints before the library opens: opening (the store, the library's data) waits for the
first paint, so it does not share the CPU with it."""

from __future__ import annotations

from pathlib import Path


def test_the_library_opens_once_the_window_is_shown_not_before(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    win = MainWindow(Paths.from_env())
    qtbot.addWidget(win)
    qtbot.wait(300)  # an event loop turning, with the window built but not shown
    assert win.library is None and not win.controller.jobs
    win.show()
    qtbot.waitUntil(lambda: win.library is not None, timeout=120_000)  # the first open builds the place table
    win.close()
    assert not win.controller.jobs
