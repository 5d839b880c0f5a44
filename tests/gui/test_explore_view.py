"""The Explore page (issue 20): shapes indexed with the tiny CLIP lie in regions on the map; a lasso drawn
with the mouse around one class shows exactly that class's photos in the grid; a click opens the viewer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import tinyclip
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from scipy.spatial import ConvexHull

from album.gui.explore_canvas import inside


def explored(qtbot, window, tmp_path: Path) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    """Index shapes (4 of each of the 12 classes), open Explore; the map's points by class. (Tests ask for
    ``models_dir`` before ``window``: the window must open with the tiny model already selected.)"""
    folder = tmp_path / "Shapes"
    tinyclip.write_photos(folder, per_class=4)
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 48 and window.controller.index_job is None, timeout=120_000)
    view = window.explore_view
    view.method = "pca"  # UMAP's first run compiles for minutes (numba); the layout is tested in tests/core
    window.sidebar.set_current("explore")
    qtbot.waitUntil(lambda: view.map is not None and view.job is None, timeout=60_000)
    assert window.pages.currentWidget() is view and len(view.map) == 48
    classes: dict[str, list[int]] = {}
    for index, path in enumerate(view.map.points.paths):
        colour, shape, _i = Path(path).stem.split("_")
        classes.setdefault(f"{colour} {shape}", []).append(index)
    return classes


def test_a_lasso_around_one_region_shows_exactly_its_photos(qtbot, models_dir: Path, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    classes = explored(qtbot, window, tmp_path)
    view, canvas = window.explore_view, window.explore_view.canvas
    # 48 photos laid out by PCA: some regions hold four classes evenly, and no tag is typical of them (an
    # unnamed region is honest; tests/core checks that the names given are right).
    assert len(view.map.regions) >= 2 and any(r.label for r in view.map.regions)
    # The class whose hull (grown a little) holds no other photo: a region of its own.
    lone = None
    for name, members in classes.items():
        points = canvas.xy[members]
        hull = points[ConvexHull(points).vertices]
        grown = hull + (hull - points.mean(axis=0)) * 0.15 + 0.004 * np.sign(hull - points.mean(axis=0))
        if set(np.flatnonzero(inside(canvas.xy, grown)).tolist()) == set(members):
            lone = name, grown
            break
    assert lone is not None, "no class has a region of its own"
    name, polygon = lone
    screen = [QPoint(round(float(x)), round(float(y))) for x, y in canvas.to_screen(polygon)]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, screen[0])
    for point in [*screen[1:], screen[0]]:
        QTest.mouseMove(canvas, point)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, screen[0])
    assert sorted(view.chosen) == sorted(classes[name]) and view.show_button.isEnabled()
    view.show_button.click()
    qtbot.waitUntil(lambda: window.controller.search_job is None and window.model.rowCount() == 4, timeout=30_000)
    assert window.pages.currentWidget() is window.page_of["photos"]
    shown = {Path(hit.photo.path).stem.rsplit("_", 1)[0].replace("_", " ") for hit in window.model.hits}
    assert shown == {name}


def test_a_click_opens_the_photo_in_the_viewer(qtbot, models_dir: Path, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    explored(qtbot, window, tmp_path)
    canvas = window.explore_view.canvas
    canvas.zoom_by(3.0)  # thumbnails, not dots: every photo has room
    target = len(canvas.xy) // 2
    canvas.centre = canvas.xy[target].astype(np.float64)
    x, y = canvas.to_screen(canvas.xy[target])
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x), int(y)))
    qtbot.waitUntil(lambda: window.viewer.isVisible(), timeout=30_000)
    assert window.viewer.hits[0].photo.id == window.explore_view.map.points.ids[target]
    window.close_viewer()
    assert window.pages.currentWidget() is window.explore_view


BUSY_TITLE = {"en": "Laying out your photos", "zh_CN": "正在排布你的照片"}


def test_the_first_layout_shows_a_busy_panel_in_the_canvas_place(qtbot, language: str, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from album.gui.theme import colours

    view = window.explore_view
    window.resize(1000, 700)
    window.sidebar.set_current("explore")
    assert view.job is not None and view.stack.currentWidget() is view.busy, "not a blank canvas"
    assert view.busy.text().splitlines()[0] == BUSY_TITLE[language]
    assert view.busy.bar.maximum() == 0, "the first step's length is unknown: the busy animation"
    qtbot.waitUntil(lambda: view.busy.isVisible(), timeout=5_000)
    image = view.busy.grab().toImage()
    assert image.pixelColor(5, 5) == QColor(colours().window), "the theme's background, not a grey widget"
    middle = view.busy.bar.geometry().center()
    assert abs(middle.x() - view.busy.width() / 2) <= 2 and view.busy.height() / 4 < middle.y() < view.busy.height() / 2 + 20
    view.busy.set_progress(2, 3)
    assert (view.busy.bar.maximum(), view.busy.bar.value()) == (3, 2)
    qtbot.waitUntil(lambda: view.job is None, timeout=60_000)
    assert view.stack.currentWidget() is view.canvas and view.canvas.message, "the map (here: why it is empty)"
