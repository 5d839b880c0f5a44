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


def test_the_first_answer_goes_before_the_reads_that_can_wait(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    """When the library opens, its first search is the only job: the sidebar's counts, the people and the
    albums are read once it has answered (on 100k photos they cost the first answer a third of a second)."""
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    win = MainWindow(Paths.from_env())
    qtbot.addWidget(win)
    c = win.controller
    at_open: list[tuple[object, list[object]]] = []
    events: list[str] = []
    c.opened.connect(lambda _library: at_open.append((c.search_job, list(c.jobs))))  # after the window's own
    c.results.connect(lambda _result: events.append("results"))
    c.people_changed.connect(lambda _snapshot: events.append("people"))
    win.show()
    qtbot.waitUntil(lambda: "people" in events, timeout=120_000)
    ((search, jobs),) = at_open
    assert search is not None and jobs[1:] == [search]  # (jobs[0]: the opening itself, ending)
    assert events.index("results") < events.index("people")
    win.close()
    assert not c.jobs
