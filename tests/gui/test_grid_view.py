"""The photo grid as a person sees and uses it: justified rows edge to edge with every photo in its own
shape, square tiles as a setting, selection with the mouse and the keyboard, and tiles in the photo's own
colour while the thumbnail loads."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from photofactory import Exif, scene, write_photo
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from album.core.pipeline.indexer import Indexer
from album.core.query.model import Query
from album.core.records import Photo, SearchHit
from album.core.store.db import Store
from album.gui.grid_layout import SPACING
from album.gui.photo_grid import PhotoGrid, PhotoModel
from album.gui.theme import colours, qcolor

SHAPES = [(4000, 3000), (3000, 4000), (1920, 1080), (1000, 1000), (3000, 2000), (2000, 3000), (6000, 1500)]


def make_grid(qtbot, photos: list[Photo], width: int = 900, height: int = 600) -> PhotoGrid:  # type: ignore[no-untyped-def]
    model = PhotoModel(lambda photo: None)  # no thumbnails: every tile shows its placeholder
    model.set_hits([SearchHit(photo, None, ()) for photo in photos])
    grid = PhotoGrid(model)
    qtbot.addWidget(grid)
    grid.resize(width, height)
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def shaped(count: int) -> list[Photo]:
    return [Photo(id=str(i), path=f"/p/{i}.jpg", width=SHAPES[i % len(SHAPES)][0], height=SHAPES[i % len(SHAPES)][1],
                  taken_at=datetime(2024, 5, 1 + i % 28), place="Lisbon")
            for i in range(count)]  # fmt: skip


def rows_of(grid: PhotoGrid) -> list[list[tuple[int, QRect]]]:
    """The visible tiles' rects (as Qt reports them) grouped into rows by their top edge."""
    rows: dict[int, list[tuple[int, QRect]]] = defaultdict(list)
    for row in range(grid.model().rowCount()):
        rect = grid.visualRect(grid.model().index(row, 0))
        if rect.intersects(grid.viewport().rect()):
            rows[rect.top()].append((row, rect))
    return [sorted(tiles, key=lambda t: t[1].left()) for _, tiles in sorted(rows.items())]


def test_justified_rows_fill_the_width_and_keep_each_photos_shape(qtbot) -> None:  # type: ignore[no-untyped-def]
    photos = shaped(60)
    grid = make_grid(qtbot, photos)
    right_edge = grid.viewport().width() - SPACING
    rows = rows_of(grid)
    assert len(rows) >= 3
    for tiles in rows[:-1]:  # every full row, edge to edge
        assert tiles[0][1].left() == SPACING and tiles[-1][1].right() + 1 == right_edge
        assert len({rect.height() for _, rect in tiles}) == 1  # one height per row
        assert grid.thumb_size * 0.6 <= tiles[0][1].height() <= grid.thumb_size * 1.6
        for (_, a), (_, b) in itertools.pairwise(tiles):
            assert b.left() - a.right() - 1 == SPACING
        for row, rect in tiles:
            photo = photos[row]
            ratio = min(photo.width / photo.height, 4.0)  # type: ignore[operator]
            assert abs(rect.width() - ratio * rect.height()) <= 1.5, (row, rect, photo)
    order = [row for tiles in rows for row, _ in tiles]
    assert order == list(range(len(order)))  # reading order is the results' order

    grid.painted.clear()
    grab(grid)
    assert all(grid.painted[row] == rect for tiles in rows for row, rect in tiles)  # painted where Qt says

    grid.resize(600, 600)  # narrower: fewer photos a row, still edge to edge
    qtbot.waitUntil(lambda: grid.viewport().width() < 600)
    narrow = rows_of(grid)
    assert narrow[0][-1][1].right() + 1 == grid.viewport().width() - SPACING and len(narrow[0]) < len(rows[0])
    grid.scrollTo(grid.model().index(30, 0), grid.ScrollHint.PositionAtTop)
    top = rows_of(grid)[0][0][0]
    grid.resize(800, 600)  # the photos in view stay in view
    qtbot.waitUntil(lambda: grid.viewport().width() > 700)
    assert top in [row for row, _ in rows_of(grid)[0]]


def test_a_photo_of_unknown_shape_gets_a_square_tile_and_a_panorama_is_not_a_sliver(qtbot) -> None:  # type: ignore[no-untyped-def]
    photos = [Photo(id="a", path="/a.jpg"), Photo(id="b", path="/b.jpg", width=8000, height=500)]
    grid = make_grid(qtbot, photos, width=2000)
    unknown, panorama = (grid.visualRect(grid.model().index(i, 0)) for i in range(2))
    assert unknown.width() == unknown.height()
    assert panorama.width() == 4 * panorama.height()  # clamped to 4:1, the photo drawn whole inside it


def test_square_tiles_fill_the_width_evenly(qtbot) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(qtbot, shaped(40))
    grid.set_layout_mode("square")
    rows = rows_of(grid)
    sides = {(rect.width(), rect.height()) for tiles in rows for _, rect in tiles}
    assert all(abs(w - h) <= 1 and w >= grid.thumb_size for w, h in sides)
    assert len({len(tiles) for tiles in rows[:-1]}) == 1  # every full row as many tiles
    assert rows[0][-1][1].right() + 1 == grid.viewport().width() - SPACING
    with pytest.raises(ValueError, match="unknown grid layout"):
        grid.set_layout_mode("mosaic")
    grid.set_layout_mode("justified")
    assert len({rect.width() for _, rect in rows_of(grid)[0]}) > 1


def test_selection_with_the_mouse_and_the_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(qtbot, shaped(200))
    model, view = grid.model(), grid.viewport()

    def centre(row: int) -> QPoint:
        return grid.visualRect(model.index(row, 0)).center()

    def selected() -> list[int]:
        return sorted(i.row() for i in grid.selectionModel().selectedIndexes())

    rows = rows_of(grid)
    second_row_middle = rows[1][len(rows[1]) // 2][0]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre(1))
    assert selected() == [1] and grid.currentIndex().row() == 1
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, centre(second_row_middle))
    assert selected() == list(range(1, second_row_middle + 1))  # a range in reading order, across rows
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, centre(3))
    assert 3 not in selected() and len(selected()) == second_row_middle - 1
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre(2))
    with qtbot.waitSignal(grid.doubleClicked) as opened:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=centre(2))
    assert opened.args[0].row() == 2

    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.currentIndex().row() == 1 and selected() == [1]
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # the tile below, nearest the current one's centre
    below = grid.currentIndex().row()
    x = centre(1).x()
    rect = grid.visualRect(model.index(below, 0))
    assert below in [row for row, _ in rows[1]] and rect.left() - SPACING <= x <= rect.right() + SPACING
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.currentIndex().row() in [row for row, _ in rows[0]]
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert grid.currentIndex().row() == 199 and grid.visualRect(model.index(199, 0)).intersects(view.rect())
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert grid.currentIndex().row() == 0 and grid.verticalScrollBar().value() == 0
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    paged = grid.currentIndex().row()
    assert grid.visualRect(model.index(paged, 0)).top() >= 0 and paged > len(rows[0]) * 2
    qtbot.keyClick(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert selected() == list(range(paged, 200))
    qtbot.keyClick(grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(selected()) == 200
    with qtbot.waitSignal(grid.activated) as activated:  # Enter opens the photo
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert activated.args[0].row() == 199


def grab(grid: PhotoGrid) -> QImage:
    grid.viewport().repaint()
    return grid.viewport().grab().toImage()


def test_selection_focus_and_hover_are_drawn(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    grey = 0x808080
    for i in range(12):
        (tmp_path / f"{i}.jpg").touch()  # the files are there: no tile is greyed as offline
    photos = [Photo(id=str(i), path=str(tmp_path / f"{i}.jpg"), width=400, height=300, average_colour=grey, place="Porto",
                    taken_at=datetime(2021, 7, 4)) for i in range(12)]  # fmt: skip
    grid = make_grid(qtbot, photos)
    model = grid.model()
    assert grid.accessibleName() == "Photos" and grid.focusPolicy() == Qt.FocusPolicy.StrongFocus
    cell = grid.visualRect(model.index(0, 0))
    plain = grab(grid)
    assert plain.pixelColor(cell.center()) == QColor(grey)
    grid.selectionModel().select(model.index(0, 0), grid.selectionModel().SelectionFlag.Select)
    image = grab(grid)
    tint = image.pixelColor(cell.left() + 1, cell.bottom() - 1)  # the margin around the shrunken photo
    assert tint != QColor(grey) and tint.blue() > tint.red()  # tinted in the theme's accent
    mark = image.pixelColor(cell.left() + 6 + 3, cell.top() + 6 + 12)  # the check circle's left edge
    assert mark != QColor(grey)

    grid.activateWindow()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.setCurrentIndex(model.index(1, 0))
    focused = grid.visualRect(model.index(1, 0))
    assert grab(grid).pixelColor(focused.left() + 1, focused.center().y()) == qcolor(colours().accent)

    assert model.caption(2)[1] == "Porto" and "2021" in model.caption(2)[0]
    hover = grid.visualRect(model.index(6, 0))
    before = grab(grid).pixelColor(hover.center().x(), hover.bottom() - 8)
    # A plain move with no button held (QTest's mouseMove repeats the last test's button state).
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(hover.center()), grid.viewport().mapToGlobal(QPointF(hover.center())),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(grid.viewport(), move)
    assert grid.selectionModel().isSelected(model.index(1, 0)) and not grid.selectionModel().isSelected(model.index(6, 0))
    shaded = grab(grid).pixelColor(hover.center().x(), hover.bottom() - 8)
    assert before == QColor(grey) and shaded.lightness() < before.lightness() - 30  # the caption's shade


def test_a_loading_tile_shows_the_photos_own_colour(qtbot, indexer: Indexer, store: Store, photos_dir: Path) -> None:  # type: ignore[no-untyped-def]
    sunset = Image.new("RGB", (640, 400), (230, 120, 40))
    sunset.paste(scene(640, 100, seed=3), (0, 300))
    write_photo(photos_dir / "sunset.jpg", Exif(taken=datetime(2023, 8, 1)), image=sunset)
    write_photo(photos_dir / "forest.jpg", Exif(taken=datetime(2023, 7, 1)), image=Image.new("RGB", (500, 500), (30, 110, 50)))
    indexer.run([str(photos_dir)])
    photos = list(store.photos_matching(Query(), None))
    grid = make_grid(qtbot, photos)
    image = grab(grid)
    for row, photo in enumerate(photos):
        assert photo.average_colour is not None
        mean = np.asarray(Image.open(photo.path).convert("RGB"), dtype=np.float64).reshape(-1, 3).mean(axis=0)
        stored = [(photo.average_colour >> shift) & 255 for shift in (16, 8, 0)]
        assert np.abs(mean - stored).max() <= 4  # the stored colour is the photo's mean
        shown = image.pixelColor(grid.visualRect(grid.model().index(row, 0)).center())
        assert [shown.red(), shown.green(), shown.blue()] == stored  # and the tile shows it while loading
