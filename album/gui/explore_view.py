"""The Explore page: the library's photos laid out by what they show (``album.core.explore``), with its controls.

The map is computed by ``Library.explore`` in a worker (seconds for a fresh layout, a fraction of one from
the cache) and again when the page is shown after an import. Above the map: what to colour the photos by
(region, date, place, person), what the mouse does, and, once a lasso has chosen photos, buttons that show
them in the grid or add them to an album.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from album.core.records import Photo
from album.gui.busy_panel import BusyPanel
from album.gui.explore_canvas import ExploreCanvas
from album.gui.viewer_info import chinese_ui

if TYPE_CHECKING:
    from album.core.library import ExploreMap
    from album.gui.collections import Collections
    from album.gui.controller import LibraryController
    from album.gui.workers import Job

# Distinct colours for categories (regions, places, people), readable on the light and the dark theme.
PALETTE = np.array([0xFF1F77B4, 0xFFFF7F0E, 0xFF2CA02C, 0xFFD62728, 0xFF9467BD, 0xFF8C564B, 0xFFE377C2,
                    0xFF17BECF, 0xFFBCBD22, 0xFF7F7F7F, 0xFF393B79, 0xFFAD494A, 0xFF637939, 0xFF843C39,
                    0xFF3182BD, 0xFFE6550D], np.uint32)  # fmt: skip
UNKNOWN = 0xFF9A9AA0  # no date, no place, nobody
OLD, NEW = np.array([68, 1, 84]), np.array([253, 231, 37])  # the date scale's ends (viridis' purple → yellow)
COLOUR_MODES = ("region", "date", "place", "person")


def argb(rgb: np.ndarray) -> np.ndarray:
    rgb = np.clip(rgb, 0, 255).astype(np.uint32)
    return (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)


def categorical(values: Sequence[str | None]) -> np.ndarray:
    """A palette colour per distinct value, the commonest values first (they get the clearest colours)."""
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    rank = {v: n for n, v in enumerate(sorted(counts, key=lambda v: -counts[v]))}

    def colour(value: str | None) -> int:
        if not value:
            return UNKNOWN
        n = rank[value]
        return int(PALETTE[n] if n < len(PALETTE) else PALETTE[zlib.crc32(value.encode()) % len(PALETTE)])

    return np.array([colour(v) for v in values], np.uint32)


def by_date(taken: np.ndarray) -> np.ndarray:
    """Oldest purple to newest yellow; undated photos grey."""
    known = np.isfinite(taken)
    out = np.full(len(taken), UNKNOWN, np.uint32)
    if known.any():
        low, high = taken[known].min(), taken[known].max()
        share = (taken[known] - low) / max(high - low, 1.0)
        out[known] = argb(OLD + share[:, None] * (NEW - OLD))
    return out


def point_colours(found: ExploreMap, mode: str) -> np.ndarray:
    points = found.points
    if mode == "date":
        return by_date(points.taken)
    if mode == "place":
        return categorical(points.places)
    if mode == "person":
        return categorical(points.people)
    return PALETTE[found.region_of % len(PALETTE)] if len(found) else np.zeros(0, np.uint32)


class ExploreView(QWidget):
    """The Explore page.

    Signals:
        show_photos(list): photo ids chosen with the lasso, to show in the grid.
        open_photos(list, int): photos to open in the viewer (a region's photos) and which one first.
    """

    show_photos = Signal(list)
    open_photos = Signal(list, int)

    def __init__(self, controller: LibraryController, collections: Collections, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explore")
        self.controller = controller
        self.collections = collections
        self.map: ExploreMap | None = None
        self.photos = 0  # in the library, when the map was computed
        self.chosen: list[int] = []
        self.stale = True
        self.job: Job | None = None
        self.method = "auto"  # the layout: UMAP where album[explore] is installed, else PCA
        self.canvas = ExploreCanvas(self._thumbnail)
        self.busy = BusyPanel()  # in the canvas's place while the first layout is computed
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.busy)
        self.step = 0  # of the layout's steps done (the worker's progress), for the busy panel's words
        self.colour_label = QLabel()
        self.colour_by = QComboBox()
        self.colour_by.setObjectName("explore-colour")
        self.colour_label.setBuddy(self.colour_by)
        self.colour_by.currentIndexChanged.connect(self._recolour)
        self.status = QLabel()
        self.status.setWordWrap(True)  # a long status wraps rather than widening the window's minimum
        self.status.setObjectName("explore-status")
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self._show_chosen)
        self.album_button = QPushButton()
        self.album_menu = QMenu(self.album_button)
        self.album_menu.aboutToShow.connect(self._fill_album_menu)
        self.album_button.setMenu(self.album_menu)
        bar = QHBoxLayout()
        bar.addWidget(self.colour_label)
        bar.addWidget(self.colour_by)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.show_button)
        bar.addWidget(self.album_button)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.stack, 1)
        self.canvas.lassoed.connect(self._lassoed)
        self.canvas.activated.connect(self._open)
        self.retranslate()
        self._show_choice()

    def retranslate(self) -> None:
        self.colour_label.setText(self.tr("Colour by:"))
        names = (self.tr("Region"), self.tr("Date"), self.tr("Place"), self.tr("Person"))
        current = max(0, self.colour_by.currentIndex())
        self.colour_by.blockSignals(True)
        self.colour_by.clear()
        self.colour_by.addItems(list(names))
        self.colour_by.setCurrentIndex(current)
        self.colour_by.blockSignals(False)
        self.album_button.setText(self.tr("Add to Album"))
        self.canvas.setAccessibleName(self.tr("Map of the photos by what they show"))
        self._show_choice()
        self._show_status()
        self._show_labels()
        self._show_step()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the map if the library changed since it was last computed (shown: call on every visit)."""
        library = self.controller.library
        if library is None or self.job is not None or not self.stale:
            return
        self.stale = False
        method = self.method

        def compute(progress: Any, cancel: Any) -> tuple[ExploreMap, int]:
            found = library.explore(method, progress=lambda done, total: progress((done, total)), cancel=cancel)
            return found, len(found) or library.stats().photos  # an empty map: are there photos at all?

        self.job = self.controller.run(compute, lambda result: self.show_map(*result), self._progress)
        self.job.failed.connect(self._failed)
        self._progress((0, 3))
        if len(self.canvas.xy):  # a map is shown: it stays while the new one is computed
            self.status.setText(self.tr("Laying out the photos…"))
        else:
            self.stack.setCurrentWidget(self.busy)

    def _progress(self, value: tuple[int, int]) -> None:
        self.step = value[0]
        self.busy.set_progress(*value)
        self._show_step()

    def _show_step(self) -> None:
        """The busy panel's words for the layout's current step."""
        steps = (self.tr("Arranging the photos by what they show…"), self.tr("Grouping them into regions…"),
                 self.tr("Naming the regions…"))  # fmt: skip
        self.busy.set_text(self.tr("Laying out your photos"), steps[min(self.step, len(steps) - 1)] + "\n"
                           + self.tr("The first layout takes a few seconds; later visits reuse it."))

    def library_changed(self) -> None:
        """Photos came or went: the map is computed again when next shown (at once if it is on screen)."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    def _failed(self, _message: str) -> None:
        self.job = None
        self.stack.setCurrentWidget(self.canvas)
        self._show_status()

    def show_map(self, found: ExploreMap, photos: int = 0) -> None:
        """Show ``found``; ``photos`` (the library's count) says why an empty map is empty."""
        self.job = None
        self.stack.setCurrentWidget(self.canvas)
        self.map = found
        self.photos = photos
        self.chosen = []
        self.canvas.set_points(found.xy, point_colours(found, self.colour_mode))
        self._show_labels()
        self._show_status()
        self._show_choice()

    @property
    def colour_mode(self) -> str:
        return COLOUR_MODES[max(0, self.colour_by.currentIndex())]

    def _recolour(self) -> None:
        if self.map is not None:
            self.canvas.set_colours(point_colours(self.map, self.colour_mode))

    def _show_labels(self) -> None:
        if self.map is None:
            return
        chinese = chinese_ui()
        regions = sorted(self.map.regions, key=lambda r: -r.count)  # the larger regions' names placed first
        self.canvas.set_labels([(r.x, r.y, (r.label_zh if chinese else r.label)) for r in regions])

    def _show_status(self) -> None:
        if self.job is not None:
            return
        self.colour_by.setEnabled(self.map is not None and bool(len(self.map)))
        if self.map is None or not len(self.map):
            self.status.setText("")
            if self.map is None:
                self.canvas.set_message("")
            elif not self.photos:
                self.canvas.set_message(self.tr("No photos yet. Import a folder (File ▸ Import Folder…) and its "
                                                "photos are laid out here by what they show."))
            else:
                self.canvas.set_message(self.tr(
                    "The map places photos by what they show, which needs the semantic search model. Install it "
                    "in File ▸ Settings ▸ Models; once your photos are indexed with it, they appear here."))
            return
        hint = self.tr("Drag to move, wheel to zoom, Shift+drag to select, click to open.")
        self.status.setText(self.tr("%Ln photo(s) by what they show.", "", len(self.map)) + " " + hint)

    # -- choosing ---------------------------------------------------------------------------------
    def _thumbnail(self, index: int) -> Path | None:
        found = self.map
        if found is None or not found.points.thumbs[index]:
            return None
        return self.controller.thumbnail(self._photo(index))

    def _photo(self, index: int) -> Photo:
        assert self.map is not None
        points = self.map.points
        return Photo(id=points.ids[index], path=points.paths[index], content_hash=points.thumbs[index] or None)

    def _lassoed(self, chosen: np.ndarray) -> None:
        self.chosen = [int(i) for i in chosen]
        self._show_choice()

    def _show_choice(self) -> None:
        count = len(self.chosen)
        self.show_button.setText(self.tr("Show %Ln photo(s)", "", count) if count else self.tr("Show Photos"))
        self.show_button.setEnabled(bool(count))
        self.album_button.setEnabled(bool(count))

    def chosen_ids(self) -> list[str]:
        """The lassoed photos' ids, oldest map order first."""
        return [self.map.points.ids[i] for i in self.chosen] if self.map is not None else []

    def _show_chosen(self) -> None:
        if self.chosen:
            self.show_photos.emit(self.chosen_ids())

    def _fill_album_menu(self) -> None:
        self.album_menu.clear()
        photos = [self._photo(i) for i in self.chosen]
        for album in self.collections.albums:
            if not album.smart:
                action = self.album_menu.addAction(album.name)
                action.triggered.connect(lambda _c=False, a=album: self.collections.add_to_album(a, photos))
        if not self.album_menu.isEmpty():
            self.album_menu.addSeparator()
        new = self.album_menu.addAction(self.tr("New Album…"))
        new.triggered.connect(lambda: self.collections.new_album(photos))

    def _open(self, index: int) -> None:
        """A click: the photo in the viewer, with its region's photos in the filmstrip (nearest first)."""
        found = self.map
        if found is None:
            return
        members = np.flatnonzero(found.region_of == found.region_of[index])
        order = members[np.argsort(((found.xy[members] - found.xy[index]) ** 2).sum(axis=1))][:200]
        self.open_photos.emit([found.points.ids[i] for i in order.tolist()], 0)

    def shutdown(self) -> None:
        self.canvas.shutdown()
