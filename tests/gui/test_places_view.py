"""The Places page: countries ▸ states/provinces ▸ towns with their photo counts, commonest first, in the UI's
language, read from real geotagged photos through the real pipeline; a click on any level shows its photos."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from album.gui.places_view import SearchRole

# (lat, lon, how many photos): 4 in Portugal (3 Lisbon, 1 Porto), 3 in Zhejiang, 1 in California.
SPOTS = {"lisbon": (38.72, -9.14, 3), "porto": (41.15, -8.61, 1), "hangzhou": (30.27, 120.15, 2),
         "ningbo": (29.87, 121.55, 1), "sf": (37.77, -122.42, 1)}  # fmt: skip


def tree_of(view: Any, parent: QModelIndex | None = None) -> list[tuple[str, str, list[Any]]]:
    """The tree as (name, count, children), in the order shown."""
    model, parent = view.model, parent or QModelIndex()
    return [(model.index(r, 0, parent).data(), model.index(r, 1, parent).data(), tree_of(view, model.index(r, 0, parent)))
            for r in range(model.rowCount(parent))]  # fmt: skip


def test_places_tree_levels_counts_languages_and_a_region_click(window: Any, qtbot: Any, tmp_path: Path,
                                                                english_after: None) -> None:  # fmt: skip
    folder = tmp_path / "trip"
    folder.mkdir()
    for name, (lat, lon, count) in SPOTS.items():
        for i in range(count):
            write_photo(folder / f"{name}{i}.jpg", Exif(taken=datetime(2022, 5, 1 + i), lat=lat, lon=lon),
                        image=scene(64, 48, seed=i))  # fmt: skip
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.sidebar.count("photos") == 8, timeout=120_000)
    window.sidebar.set_current("places")
    view = window.places_view
    window.places_page.setCurrentWidget(view)  # the List tab (the Map is first)
    expected = [
        ("Portugal", "4", [("Lisbon", "3", [("Lisbon", "3", [])]), ("Porto", "1", [("Porto", "1", [])])]),
        ("China", "3", [("Zhejiang", "3", [("Hangzhou", "2", []), ("Ningbo", "1", [])])]),
        ("United States", "1", [("California", "1", [("San Francisco", "1", [])])]),
    ]
    qtbot.waitUntil(lambda: tree_of(view) == expected, timeout=30_000)
    assert window.sidebar.count("places") == 5  # towns

    zhejiang = view.model.index(0, 0, view.model.index(1, 0))
    view.tree.scrollTo(zhejiang)
    QTest.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=view.tree.visualRect(zhejiang).center())
    assert window.sidebar.current_key() == "photos"
    shown = lambda: sorted(Path(hit.photo.path).name for hit in window.model.hits)  # noqa: E731
    qtbot.waitUntil(lambda: shown() == ["hangzhou0.jpg", "hangzhou1.jpg", "ningbo0.jpg"], timeout=30_000)
    assert [chip.objectName() for chip in window.search_bar.chips()] == ["chip-place"]

    window.sidebar.set_current("places")  # Enter on a town: its photos, Lisbon's district not Lisbon's country
    window.places_page.setCurrentWidget(view)  # the List tab (the Map is first)
    lisbon = view.model.index(0, 0, view.model.index(0, 0, view.model.index(0, 0)))
    view.tree.setCurrentIndex(lisbon)
    QTest.keyClick(view.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown() == ["lisbon0.jpg", "lisbon1.jpg", "lisbon2.jpg"], timeout=30_000)

    window.apply_settings(dataclasses.replace(window.controller.settings, language="zh_CN"))
    window.sidebar.set_current("places")
    window.places_page.setCurrentWidget(view)  # the List tab (the Map is first)
    chinese = [
        ("葡萄牙", "4", [("里斯本", "3", [("里斯本", "3", [])]), ("波尔图", "1", [("波图", "1", [])])]),
        ("中国", "3", [("浙江", "3", [("杭州", "2", []), ("宁波", "1", [])])]),
        ("美国", "1", [("加利福尼亚", "1", [("旧金山", "1", [])])]),
    ]  # (Lisbon's district has the ISO region's Chinese name since regions are paired by likeness)
    qtbot.waitUntil(lambda: tree_of(view) == chinese, timeout=30_000)
    assert view.model.index(1, 0).data(SearchRole) == 'in:"China"'  # searched by the stored names
    QTest.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.tree.visualRect(view.model.index(1, 0)).center())  # fmt: skip
    qtbot.waitUntil(lambda: len(shown()) == 3 and all(n.startswith(("hangzhou", "ningbo")) for n in shown()),
                    timeout=30_000)  # fmt: skip
    assert "中国" in window.search_bar.chips()[0].text_button.text()
