"""The viewer's filmstrip holds a window of the results around the photo shown, slides it as the viewer steps,
and answers clicks with the result's index in all the results."""

from __future__ import annotations

from PySide6.QtCore import Qt

from album.core.records import Photo, SearchHit
from album.gui.filmstrip import REACH, SLIDE_MARGIN, Filmstrip


def hits(count: int) -> list[SearchHit]:
    return [SearchHit(Photo(id=str(i), path=f"/photos/{i}.jpg"), None, ()) for i in range(count)]


def test_the_strip_holds_a_window_that_follows_the_photo_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    strip = Filmstrip(lambda _photo: None)
    qtbot.addWidget(strip)
    strip.resize(900, strip.height())
    strip.show()
    results = hits(100_000)
    strip.show_hits(results)
    strip.mark(50_000)
    assert strip.strip_model.rowCount() == 2 * REACH + 1 and strip.offset == 50_000 - REACH
    assert strip.currentIndex().row() + strip.offset == 50_000
    shown = strip.strip_model.hits
    strip.mark(50_000 + REACH - SLIDE_MARGIN - 1)  # still well inside: the same window
    assert strip.strip_model.hits is shown
    strip.mark(50_000 + REACH - SLIDE_MARGIN + 1)  # near its edge: the window slides
    assert strip.offset == 50_000 - SLIDE_MARGIN + 1
    assert strip.strip_model.hits[strip.currentIndex().row()] is results[50_000 + REACH - SLIDE_MARGIN + 1]
    strip.mark(99_999)  # the last result: the window ends with it
    assert strip.offset + strip.strip_model.rowCount() == 100_000
    with qtbot.waitSignal(strip.chosen) as chosen:
        rect = strip.visualRect(strip.strip_model.index(strip.currentIndex().row() - 1, 0))
        qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [99_998]
    strip.show_hits(hits(3))  # new results: a new window
    strip.mark(1)
    assert strip.offset == 0 and strip.strip_model.rowCount() == 3
    strip.shutdown()
