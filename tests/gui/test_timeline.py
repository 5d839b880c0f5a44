"""The timeline as a person uses it: a header above each day's photos (date and shared town, in the UI's
language), the scrubber's months with their counts, a click on a month that brings it to the top, and
selection and arrow keys that still work across the headers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QPoint, Qt

from album.core.records import Photo, SearchHit
from album.core.timeline import sections
from album.gui.grid_layout import SPACING, layout
from album.gui.photo_grid import PhotoGrid, PhotoModel
from album.gui.scrubber import month_text

LISBON, PORTO = (38.72, -9.14), (41.15, -8.61)
# Newest first, as the grid shows them: (day, where, how many photos).
DAYS = [(datetime(2023, 3, 11, 12), [LISBON] * 5), (datetime(2023, 3, 4, 12), [LISBON, PORTO, PORTO]),
        (datetime(2023, 1, 15, 12), [PORTO] * 4), (datetime(2021, 8, 20, 12), [None] * 4)]  # fmt: skip


def write_days(folder: Path) -> None:
    number = 0
    for day, places in DAYS:
        for i, where in enumerate(places):
            lat, lon = where if where is not None else (None, None)
            taken = day.replace(minute=59 - i)  # newest first within the day too: the files' order here
            write_photo(folder / f"IMG_{number:03d}.jpg", Exif(taken=taken, lat=lat, lon=lon),
                        image=scene(320, 240, seed=number))  # fmt: skip
            number += 1


def test_headers_scrubber_and_keys_across_days(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_days(tmp_path / "Days")
    window.resize(1000, 560)
    window.import_paths([str(tmp_path / "Days")])
    qtbot.waitUntil(lambda: window.model.rowCount() == 16 and window.controller.index_job is None, timeout=60_000)
    grid, model, scrubber = window.grid, window.model, window.grid.scrubber
    grid.set_thumb_size(200)
    qtbot.waitUntil(scrubber.isVisible, timeout=5_000)

    # The scrubber lists the months with their photos, newest first.
    assert [(month_text(m.when), m.count) for m in scrubber.months] == [
        ("March 2023", 8), ("January 2023", 4), ("August 2021", 4)]  # fmt: skip
    # A header above each day: its date, and the town where all its photos were taken.
    assert grid.sections.start.tolist() == [0, 5, 8, 12]
    headers = [grid.header_text(i) for i in range(4)]
    assert all(word in headers[0] for word in ("Saturday", "11", "March", "2023")) and headers[0].endswith("· Lisbon")
    assert "4" in headers[1] and "March" in headers[1] and "·" not in headers[1]  # Lisbon and Porto: no town
    assert "January" in headers[2] and headers[2].endswith("· Porto")
    assert "2021" in headers[3] and "·" not in headers[3]  # no GPS
    for first in (5, 8, 12):  # each day starts a row of its own, under its header
        above, rect = grid.visualRect(model.index(first - 1)), grid.visualRect(model.index(first))
        assert rect.left() == SPACING and rect.top() >= above.bottom() + grid.header_height()
        assert not grid.indexAt(QPoint(rect.left() + 20, rect.top() - grid.header_height() // 2)).isValid()

    # Hovering the scrubber names the month under the pointer; a click brings its first photo to the top.
    january = scrubber.y_of(scrubber.months[1].top) + 1
    qtbot.mouseMove(scrubber, QPoint(30, january))
    assert scrubber.bubble.isVisible() and scrubber.bubble.text() == "January 2023 · 4 photos"
    qtbot.mouseClick(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(30, january))
    assert grid._top_item() == 8 and scrubber.current() == 1
    top = grid.visualRect(model.index(8)).top()
    assert grid.header_height() <= top <= grid.header_height() + 2 * SPACING  # its header just above it
    qtbot.keyClick(scrubber, Qt.Key.Key_Up)  # the keyboard steps a month
    assert grid._top_item() == 0 and scrubber.current() == 0

    # The arrow keys and Shift-selection go across the headers.
    grid.setFocus()
    grid.setCurrentIndex(model.index(4))  # the first day's last photo, in its second row
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.currentIndex().row() in range(5, 8)  # the next day's row, past its header
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.currentIndex().row() in (3, 4)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    selected = sorted(index.row() for index in grid.selectionModel().selectedIndexes())
    assert selected == list(range(selected[0], grid.currentIndex().row() + 1)) and grid.currentIndex().row() >= 8

    grid.set_dated(False)  # ranked results (a text search): no headers, no scrubber
    assert not scrubber.isVisible() and len(grid.grid_layout().headers) == 0


def test_headers_and_months_in_chinese(qtbot, chinese) -> None:  # type: ignore[no-untyped-def]
    photos = [Photo(id=str(i), path=f"/p/{i}.jpg", width=400, height=300, taken_at=datetime(2023, 3, 11 - i // 3),
                    place="Lisbon") for i in range(6)]  # fmt: skip
    model = PhotoModel(lambda photo: None, place=lambda photo: "里斯本")
    model.set_hits([SearchHit(photo, None, ()) for photo in photos])
    grid = PhotoGrid(model)
    qtbot.addWidget(grid)
    grid.set_dated(True)
    grid.resize(800, 500)
    grid.show()
    assert grid.header_text(0) == "2023年3月11日星期六 · 里斯本"
    assert [month_text(m.when) for m in grid.scrubber.months] == ["2023年三月"]
    assert grid.scrubber.accessibleName() == "时间线"


def test_rows_never_mix_days_and_headers_hold_no_photos() -> None:
    rng = np.random.default_rng(3)
    count = 3000
    days = (np.datetime64("2024-01-01") - np.sort(rng.integers(0, 400, count))).astype("datetime64[D]")
    found = sections(days, np.full(count, -1))
    section = np.searchsorted(found.start, np.arange(count), side="right") - 1
    for mode in ("justified", "square"):
        grid = layout(mode, rng.choice([4 / 3, 3 / 4, 1.0, 3.0], count), 1200, 180, found.start, 40)
        assert len(grid.headers) == len(found)
        assert (grid.row_start[grid.headers] == grid.row_start[grid.headers + 1]).all()  # a header has no photos
        assert (grid.row_start[grid.headers] == found.start).all() and (grid.row_height[grid.headers] == 40).all()
        same_row = np.diff(grid.row) == 0
        assert (np.diff(section)[same_row] == 0).all()  # no row holds two days
        assert (grid.x + grid.width <= 1200 - SPACING).all() and (np.diff(grid.row_top) > 0).all()
