"""The Places map (issue 19): markers where the photos were taken with their counts, a marker's click
shows exactly its photos, and a circle drawn on the map becomes a place chip that finds the same photos
as the CLI's ``album search near:lat,lon km:r``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from album.core.basemap import project

LISBON, PORTO, SYDNEY = (38.7223, -9.1393), (41.1579, -8.6291), (-33.8688, 151.2093)
SPOTS = [LISBON] * 3 + [PORTO] * 2 + [SYDNEY]


def screen_of(view, lat: float, lon: float) -> QPointF:  # type: ignore[no-untyped-def]
    x, y = project(lat, lon)
    return view.to_screen(float(x), float(y))


def grid_paths(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {window.model.hits[row].photo.path for row in range(window.model.rowCount())}


def shift_drag(view, start: QPointF, end: QPointF) -> None:  # type: ignore[no-untyped-def]
    shift = Qt.KeyboardModifier.ShiftModifier
    for kind, where, buttons in ((QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
                                 (QMouseEvent.Type.MouseMove, (start + end) / 2, Qt.MouseButton.LeftButton),
                                 (QMouseEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
                                 (QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)):  # fmt: skip
        event = QMouseEvent(kind, where, view.mapToGlobal(where), Qt.MouseButton.LeftButton, buttons, shift)
        QApplication.sendEvent(view, event)


def test_markers_clicks_and_circles_find_the_photos_there(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Trips"
    paths = [str(write_photo(folder / f"IMG_{i}.jpg", Exif(taken=datetime(2023, 5, 1 + i), lat=lat, lon=lon),
                             image=scene(160, 120, seed=i))) for i, (lat, lon) in enumerate(SPOTS)]  # fmt: skip
    write_photo(folder / "no_gps.jpg", Exif(taken=datetime(2023, 6, 1)), image=scene(160, 120, seed=9))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 7 and window.controller.index_job is None, timeout=60_000)
    window.sidebar.set_current("places")
    view = window.map_view
    assert window.places_page.currentWidget() is view  # the map comes first
    qtbot.waitUntil(lambda: len(view.points) == 6, timeout=30_000)  # the photo without GPS is not on the map

    window.resize(1200, 800)
    view.centre = QPointF(*(float(v) for v in project(40.0, -9.0)))
    view.zoom = 6.0
    clusters = view.clusters()
    markers = sorted((int(n), view.to_screen(float(x), float(y))) for n, x, y in zip(clusters.counts, clusters.x,
                                                                                      clusters.y, strict=True))
    assert [n for n, _ in markers] == [1, 2, 3]  # Sydney, Porto, Lisbon
    (_, porto), (_, lisbon) = markers[1], markers[2]
    for marker, (lat, lon) in ((lisbon, LISBON), (porto, PORTO)):
        expected = screen_of(view, lat, lon)
        assert abs(marker.x() - expected.x()) < 1 and abs(marker.y() - expected.y()) < 1
    shown = {str(view.points.hashes[first]) for first in clusters.first[clusters.counts > 1]}  # Lisbon's, Porto's
    qtbot.waitUntil(lambda: shown <= view.pictures.keys(), timeout=10_000)  # loaded off the GUI thread
    view.grab()  # paints without error, markers and all

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=lisbon.toPoint())
    qtbot.waitUntil(lambda: window.controller.search_job is None and grid_paths(window) == set(paths[:3]),
                    timeout=30_000)  # fmt: skip
    assert [chip.objectName() for chip in window.search_bar.chips()] == ["chip-place"]
    assert window.search_bar.edit.text().startswith("near:38.72")

    window.sidebar.set_current("places")
    porto = screen_of(view, *PORTO)  # (the chips' row took some of the page's height)
    shift_drag(view, porto, porto + QPointF(30, 0))  # a circle of 30 px round Porto
    qtbot.waitUntil(lambda: window.controller.search_job is None and grid_paths(window) == set(paths[3:5]),
                    timeout=30_000)  # fmt: skip
    typed = window.search_bar.edit.text()
    assert typed.startswith("near:41.1") and " km:" in typed
    assert [chip.objectName() for chip in window.search_bar.chips()] == ["chip-place"]
    done = subprocess.run([sys.executable, "-m", "album", "search", "--json", typed], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert {json.loads(line)["path"] for line in done.stdout.splitlines()} == set(paths[3:5])

    window.sidebar.set_current("places")
    zoom = view.zoom
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert view.zoom == zoom + 1
    view.zoom_out_button.click()
    assert view.zoom == zoom


def test_online_tiles_are_drawn_under_the_markers_with_their_attribution(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tileserver import TileServer, serving

    from album.core.map_tiles import TileCache
    from album.gui.map_view import MapView

    view = MapView(lambda _photo: None)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    with serving(TileServer(colour=(200, 40, 40))) as server:
        view.use_tiles(TileCache(tmp_path / "tiles", server.url))
        view.zoom = 3.0
        view.grab()  # asks for the visible tiles only
        qtbot.waitUntil(lambda: view.tile_layer is not None and not view.tile_layer._pending, timeout=10_000)
        picture = view.grab().toImage()
        assert picture.pixelColor(300, 200).getRgb()[:3] == (200, 40, 40)
        assert picture.pixelColor(2, 397).getRgb()[:3] != (200, 40, 40)  # "© OpenStreetMap contributors" there
        asked = {path for path, _agent, _etag in server.requests}
        assert asked and all(path.startswith("/3/") for path in asked) and len(asked) <= 12  # 600×400 px: ≤ 4×3
        view.shutdown()
    assert view.tile_layer is None


def test_a_map_without_photos_says_why_it_is_bare(qtbot) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from album.core.map_clusters import MapPoints
    from album.gui.map_view import MapView

    view = MapView(lambda _photo: None)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_points(MapPoints(np.array([], str), np.zeros(0), np.zeros(0), np.array([], str)))
    assert view.empty_notice.isVisible() and "place" in view.empty_notice.text()
    assert not view.search_area_button.isVisible()  # nothing there to search
    view.set_points(MapPoints(np.array(["a"]), np.array([LISBON[0]]), np.array([LISBON[1]]), np.array(["h"])))
    assert not view.empty_notice.isVisible() and view.search_area_button.isVisible()


def test_the_cities_are_named_in_the_language_switched_to(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from album.core.map_clusters import MapPoints
    from album.gui.i18n import switch_language
    from album.gui.map_view import MapView

    view = MapView(lambda _photo: None)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_points(MapPoints(np.array(["a"]), np.array([SYDNEY[0]]), np.array([SYDNEY[1]]), np.array(["h"])))
    view.zoom, view.centre = 2.0, QPointF(0.5, 0.42)

    def lower_half():  # type: ignore[no-untyped-def]
        return view.grab().toImage().copy(0, 200, 520, 200)  # cities only: no button, no marker there

    english = lower_half()
    try:
        switch_language(qapp, "zh_CN")  # the map was made in English: its labels change with the UI
        assert lower_half() != english
    finally:
        switch_language(qapp, "en")
    assert lower_half() == english
