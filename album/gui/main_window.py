"""The main window: sidebar, search bar, photo grid, people, and a status bar with progress and cancel.

It only lays out widgets and connects them to the :class:`~album.gui.controller.LibraryController`,
which owns the library and every background job; this module shows what the controller reports.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QKeySequence,
    QPaintEvent,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album import __version__
from album.core.library import (
    VIDEO_EXTRA,
    IndexProgress,
    IndexReport,
    KeptFolder,
    Library,
    Paths,
    PeopleAction,
    Query,
    Settings,
    TileCache,
    map_data,
    still_missing,
)
from album.core.records import Face, FileError, Photo, SearchHit, SearchResult, video_count
from album.gui import first_page
from album.gui.collections import Collections
from album.gui.controller import LibraryController, PeopleSnapshot
from album.gui.duplicate_review import DuplicateReview
from album.gui.explore_view import ExploreView
from album.gui.first_run import WelcomeDialog
from album.gui.i18n import switch_language
from album.gui.item_counts import items_text
from album.gui.library_counts import LibraryCounts, library_counts
from album.gui.map_view import MapView
from album.gui.people_page import PeoplePage
from album.gui.people_view import FaceReview, edit_name
from album.gui.photo_grid import HitRole, PathRole, PhotoGrid, PhotoModel
from album.gui.places_page import PlacesPage
from album.gui.places_view import PlacesView
from album.gui.search_bar import SearchBar, label, reason_labels
from album.gui.search_states import empty_html, weak_text
from album.gui.settings_dialog import SettingsDialog
from album.gui.showing import PhotoShows
from album.gui.sidebar import Sidebar
from album.gui.styles import scaled_font, set_under_viewer, use_theme
from album.gui.texts import pictures_folder, time_left_text
from album.gui.toolbar import Toolbar, set_layout_mode, supports_layout_modes
from album.gui.viewer import Viewer, library_folder
from album.gui.viewer_info import Names, chinese_ui
from album.gui.welcome import Welcome
from album.gui.window_state import (
    FIRST_RUN_DONE,
    restore_layout_mode,
    restore_window,
    save_layout_mode,
    save_window,
    window_settings,
)

log = logging.getLogger(__name__)

STATUS_CLEAR_MS = 8000  # a passing status message ("Done: …") is read by then; the line then clears
ETA_AFTER_PHOTOS = 5  # the time left is estimated once this many photos are indexed (before, it is noise)


class MainWindow(QMainWindow):
    """album's window. ``paths`` says which library to open (the user's own by default)."""

    def __init__(self, paths: Paths | None = None) -> None:
        super().__init__()
        self.controller = LibraryController(paths, self)
        self.paths = self.controller.paths
        self.face_review: FaceReview | None = None
        self._index_started = 0.0  # when decoding began: the rate and ETA leave model loading and scanning out
        self.setWindowTitle("album")
        self.resize(1200, 800)
        self.setAcceptDrops(True)
        self._relabel_pending = False
        self._page_before_viewer = 0  # the page the viewer goes back to, and the grid's scroll position
        self._grid_scroll = 0
        self._state_before_full_screen = Qt.WindowState.WindowNoState
        self._build()
        self._connect()
        self._open_requested = False
        self._shown_query: Query | None = None  # the query the grid shows (a refresh runs the same again)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Once the window is on screen, open the library in the background: opening imports the store
        and reads the library (seconds), which would otherwise share the CPU with the first paint."""
        super().paintEvent(event)
        self._open_library()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(1000, self, self._open_library)  # in case no paint comes (a window shown minimised)

    def _open_library(self) -> None:
        if not self._open_requested and self.isVisible():
            self._open_requested = True
            QTimer.singleShot(0, self, lambda: self.controller.open() if self.isVisible() else None)

    @property
    def library(self) -> Library | None:
        """The open library (None while it opens); for tests and scripts: the window itself only
        goes through the controller."""
        return self.controller.library

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.sidebar = Sidebar()  # texts: retranslate()
        for key, icon_name in (("photos", "image"), ("people", "users"), ("places", "map-pin"),
                               ("explore", "compass"), ("albums", "book-image"), ("duplicates", "copy")):
            self.sidebar.add_entry("library", key, icon_name, "")
        self.search_bar = SearchBar(self.controller.parse, self.controller.to_syntax, self.controller.check)
        self._kept_thumbnails: dict[str, Path] = {}  # the first page kept from the last run, until the library opens
        self._browse_hits: Sequence[SearchHit] | None = None  # the browse view's latest answer, kept at exit
        self.model = PhotoModel(self._thumbnail, self._why, self._place, frame=self.controller.video_frame)
        self.grid = PhotoGrid(self.model)
        self.grid.doubleClicked.connect(self._open_viewer)
        self._photo_actions()
        self.welcome = Welcome()
        self.welcome.import_requested.connect(self._choose_folder)
        self.result_label = QLabel("")
        self.result_label.setMinimumHeight(self.result_label.fontMetrics().height())  # the grid never shifts
        self.weak_notice = QLabel(wordWrap=True)  # the best hit is barely above chance: say so
        self.weak_notice.setObjectName("weak-notice")  # styled by album.gui.styles, as every named widget
        self.weak_notice.hide()
        self.empty_state = QLabel(wordWrap=True)  # a search found nothing: what was looked for, what to try
        self.empty_state.setObjectName("empty-state")
        self.empty_state.setFont(scaled_font(self.empty_state, 1.15))
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_state.linkActivated.connect(self._suggestion_clicked)
        self.empty_state.hide()
        photos = QWidget()
        layout = QVBoxLayout(photos)
        layout.addWidget(self.result_label)
        layout.addWidget(self.weak_notice)
        layout.addWidget(self.welcome, 1)  # in the grid's place: the page keeps its layout when photos come
        layout.addWidget(self.empty_state, 1)
        layout.addWidget(self.grid, 1)
        self._show_start_state()
        self.shows = PhotoShows(self, self.grid, photos,
                                lambda: (self.controller.settings or Settings()).slideshow_seconds)  # fmt: skip
        self.people_page = PeoplePage()
        self.people_view = self.people_page.view
        self.places_view = PlacesView()
        self.map_view = MapView(self._thumbnail)
        self.places_page = PlacesPage(self.map_view, self.places_view)
        self._map_stale = True  # photos came or went since the map's points were read
        self.pages = QStackedWidget()
        self.page_of: dict[str, QWidget] = {"photos": photos, "people": self.people_page, "places": self.places_page}
        self.collections = Collections(self, self.controller, self.grid, self.search_bar, self.sidebar,
                                       lambda: self.sidebar.set_current("photos"),
                                       lambda text: self.say(text, transient=True))  # fmt: skip
        self.page_of["albums"] = self.collections.view
        self.duplicates = DuplicateReview(self, self.controller, self.grid, self.sidebar, self.collections.selected,
                                          lambda text: self.say(text, transient=True))  # fmt: skip
        self.page_of["duplicates"] = self.duplicates.view
        self.explore_view = ExploreView(self.controller, self.collections)
        self.page_of["explore"] = self.explore_view
        for page in self.page_of.values():
            self.pages.addWidget(page)
        self.viewer = self._build_viewer()  # a page of its own, not in the sidebar
        self.pages.addWidget(self.viewer)
        self.sidebar.current_changed.connect(self._switch)
        self.toolbar = Toolbar(self.search_bar, supports_layout_modes(self.grid))
        self.toolbar.thumb_size_changed.connect(self.grid.set_thumb_size)
        self.toolbar.layout_mode_changed.connect(self.set_layout_mode)
        self.toolbar.view_menu.addSeparator()
        self.toolbar.view_menu.addAction(self.shows.slideshow_action)
        self.grid.thumb_size_changed.connect(self.toolbar.show_thumb_size)  # Ctrl + wheel: the slider follows
        central = QWidget()
        self.central_layout = column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        row = QHBoxLayout()  # the sidebar keeps its width (names and counts, or icons only): no splitter to drag
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.pages, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self.sidebar.set_current("photos")
        self.window_settings = window_settings(self.paths)
        restore_window(self.window_settings, self, self.sidebar, self.grid)
        self.layout_mode = restore_layout_mode(self.window_settings)
        self.set_layout_mode(self.layout_mode)
        self.toolbar.show_thumb_size(self.grid.thumb_size)

        self.status = QLabel(self.tr("Opening library…"))
        # As tall as a line in any script from the start: the status bar must not grow when a message in
        # a taller fallback font (CJK) replaces another, which would shift the whole page by a few pixels.
        self.status.ensurePolished()
        line = self.status.fontMetrics().boundingRect("Ag 就绪 あ 한").height()
        self.status.setMinimumHeight(line + 9)  # and the label's margins
        self.status_timer = QTimer(self, singleShot=True, interval=STATUS_CLEAR_MS)  # clears a passing message
        self.status_timer.timeout.connect(lambda: self.say(""))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.pause_button = QPushButton("")
        self.pause_button.setCheckable(True)
        self.pause_button.hide()
        self.cancel_button = QPushButton("")
        self.cancel_button.hide()
        self.errors_button = QPushButton("")
        self.errors_button.setFlat(True)
        self.errors_button.hide()
        self.kept_button = QPushButton("")  # photos kept because their folder looks offline
        self.kept_button.setFlat(True)
        self.kept_button.hide()
        self.kept_button.clicked.connect(lambda: self.review_kept_folders())
        self.kept_folders: list[KeptFolder] = []
        bar = self.statusBar()
        bar.addWidget(self.status, 1)
        bar.addPermanentWidget(self.kept_button)
        bar.addPermanentWidget(self.errors_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.pause_button)
        bar.addPermanentWidget(self.cancel_button)

        self.file_menu = self.menuBar().addMenu("")
        self.import_action = _action("", self, "Ctrl+O", self._choose_folder)
        self.settings_action = _action("", self, "Ctrl+,", self.open_settings)
        self.models_action = _action("", self, "", self.offer_models)
        self.quit_action = _action("", self, "Ctrl+Q", self.close)
        for action in (self.import_action, self.settings_action, self.models_action, self.quit_action):
            self.file_menu.addAction(action)
        self.edit_menu = self.menuBar().addMenu("")
        self.undo_action = _action("", self, "", self.controller.undo_people_edit)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)  # a focused text field keeps its own
        self.redo_action = _action("", self, "", self.controller.redo_people_edit)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self._undo_state: tuple[PeopleAction | None, PeopleAction | None] = (None, None)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = _action("", self, "", self._about)
        self.help_menu.addAction(self.about_action)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text the window keeps, in the current language: at start, and when the language
        changes while album runs (Qt sends a LanguageChange event once new translators are installed)."""
        self.sidebar.set_text("section:library", self.tr("Library"))
        self.sidebar.set_text("photos", self.tr("Photos"))
        self.sidebar.set_text("people", self.tr("People"))
        self.sidebar.set_text("places", self.tr("Places"))
        self.sidebar.set_text("albums", self.tr("Albums"))
        self.sidebar.set_text("explore", self.tr("Explore"))
        self.sidebar.set_toggle_texts(self.tr("Collapse sidebar"), self.tr("Expand sidebar"))
        self.toolbar.retranslate()
        names = {self.sidebar.list: self.tr("Go to"), self.grid: self.tr("Photos"), self.people_view: self.tr("People"),
                 self.places_view.tree: self.tr("Places"), self.errors_button: self.tr("Photos that could not be read"),
                 self.kept_button: self.tr("Photos kept"), self.collections.view: self.tr("Albums")}  # fmt: skip
        for widget, name in names.items():  # what a screen reader says on reaching it
            widget.setAccessibleName(name)
        self.collections.retranslate()
        self.shows.retranslate()
        self.duplicates.retranslate()
        self.pause_button.setText(self.tr("Resume") if self.pause_button.isChecked() else self.tr("Pause"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.file_menu.setTitle(self.tr("&File"))
        self.import_action.setText(self.tr("&Import Folder…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.models_action.setText(self.tr("&Download Models…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self._show_undo(self._undo_state)
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About album"))
        texts = (self.tr("View"), self.tr("Find Similar Photos"), self.tr("Open in Default App"),
                 self.tr("Show in Folder"))  # fmt: skip
        for action, text in zip(self.photo_actions, texts, strict=True):
            action.setText(text)
        if self.controller.library is not None and self.controller.index_job is None:
            self.status.setText(self.tr("Ready"))
        self.grid.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        """A language switch sends one event per translator: the texts follow each, the people's labels
        ("12 photos"), the place names and the results' reasons are loaded again once, and not after the
        window closed. A theme switch (a new palette) redraws the icons in its colours."""
        if event.type() == QEvent.Type.PaletteChange:  # a theme switch: the icons in its colours
            for view in (self.sidebar, self.toolbar, self.places_view):
                view.refresh_icons()
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if not self._relabel_pending and self.isVisible():
                self._relabel_pending = True
                QTimer.singleShot(0, self, self._relabel)
        super().changeEvent(event)

    def _relabel(self) -> None:
        self._relabel_pending = False
        if self.isVisible():
            self.controller.refresh_people()
            self.controller.refresh_results()
            self._refresh_counts()

    def _show_start_state(self) -> None:
        """What the first frame shows, decided from cheap facts (does a library exist on disk? was its first
        page kept at the last exit?): a returning user sees their photos as they left them (or the library
        opening), never the invitation to drop a first folder; a first run sees the empty library at once,
        laid out as it stays until photos arrive."""
        self.grid.hide()
        if not self.paths.db_dir.exists():
            self.welcome.show_empty()
            return
        page = first_page.load(self.paths)
        if page is None or not page.hits:
            self.welcome.show_opening()
            return
        self._kept_thumbnails = page.thumbnails
        # Replaced by the library's own answer once it opens. The first paint asks for the visible thumbnails
        # itself: asking for them while the window is built delayed that paint by ~100 ms (measured).
        self.model.set_hits(page.hits)
        self.welcome.hide()
        self.grid.show()
        self.result_label.setText(items_text(page.count, page.videos))

    def _thumbnail(self, photo: Photo) -> Path | None:
        if self.controller.library is None:
            return self._kept_thumbnails.get(photo.id)
        return self.controller.thumbnail(photo)

    def _remember_browse_view(self, result: SearchResult) -> None:
        """Keep the browse view's answer (no query, date order): its first page is kept at exit."""
        if self.controller.query == Query() and all(h.score is None for h in result.hits[:1]):
            self._browse_hits = result.hits

    def _connect(self) -> None:
        """Widgets ask the controller; the controller's signals update the widgets."""
        c = self.controller
        self.search_bar.search.connect(c.search)
        self.search_bar.search.connect(lambda _query: self.sidebar.set_current("photos"))
        self.places_view.open_place.connect(self._show_place)
        self.map_view.area_chosen.connect(self._show_area)
        self.pause_button.toggled.connect(self.pause_indexing)
        self.cancel_button.clicked.connect(self.cancel_indexing)
        self.errors_button.clicked.connect(c.list_errors)
        self.people_view.open_person.connect(self._show_person)
        self.people_view.review_faces.connect(self.review_faces)
        self.people_view.name_person.connect(c.name_person)
        self.people_view.merge_people.connect(c.merge_people)
        self.people_view.hide_people.connect(c.hide_people)
        self.people_view.set_me.connect(c.set_me)
        c.opened.connect(lambda _library: self.say(self.tr("Ready"), transient=True))
        c.opened.connect(lambda _library: c.after_first_answer(self._refresh_counts))
        c.opened.connect(lambda library: self._show_online_map(library.settings))
        c.index_finished.connect(lambda _report: self._refresh_counts())
        c.opened.connect(lambda _library: self.duplicates.library_changed())
        c.index_finished.connect(lambda _report: self.duplicates.library_changed())
        c.opened.connect(lambda _library: self.explore_view.library_changed())  # (the window may open on it)
        c.index_finished.connect(lambda _report: self.explore_view.library_changed())
        self.explore_view.show_photos.connect(self._show_explored)
        self.duplicates.photos_changed.connect(self.explore_view.library_changed)  # set aside: off the map
        self.explore_view.open_photos.connect(self._open_explored)
        c.index_started.connect(self._index_started_shown)
        c.progress.connect(self._show_progress)
        c.index_finished.connect(self._index_done)
        c.results.connect(self._show_results)
        c.results.connect(self._remember_browse_view)
        c.people_changed.connect(self._show_people)
        c.people_edited.connect(self._people_edited)
        c.errors_listed.connect(self._show_errors)
        c.failed.connect(self._job_failed)

    def _switch(self, key: str) -> None:
        page = self.page_of.get("photos" if key.startswith("album:") else key)  # an album: its photos
        if page is not None:
            self.pages.setCurrentWidget(page)
        if key == "people":
            self.controller.refresh_people()
        elif key == "albums":
            self.collections.refresh()
        elif key == "duplicates":
            self.duplicates.show_page()
        elif key == "places":
            self._refresh_counts()
        elif key == "explore":
            self.explore_view.refresh()

    def set_layout_mode(self, mode: str) -> None:
        """The grid's layout, "justified" or "square", where the grid offers it (else square stays)."""
        self.layout_mode = mode if set_layout_mode(self.grid, mode) else "square"
        self.toolbar.show_layout_mode(self.layout_mode)

    def _refresh_counts(self) -> None:
        """The sidebar's counts and the places page, read in a worker (counting rows takes a while)."""
        library = self.controller.library
        chinese = chinese_ui()
        if library is not None:
            self.controller.run(lambda _p, _c: library_counts(library, chinese), self._show_counts)
            self._map_stale = True
            if self.places_page.isVisible():
                self._load_map()

    def _load_map(self) -> None:
        """The map's points and clusters, read in a worker, only while the Places page is shown: on a
        100k-photo library they cost a start or an import a few hundred MB and a core for a while."""
        library = self.controller.library
        if library is not None and self._map_stale:
            self._map_stale = False
            self.controller.run(lambda _p, _c: map_data(library), lambda data: self.map_view.set_points(*data))

    def _show_counts(self, counts: LibraryCounts) -> None:
        said = items_text(counts.photos, counts.videos) if counts.videos else ""  # the number alone calls clips photos
        self.sidebar.set_count("photos", counts.photos, said)
        self.sidebar.set_count("places", counts.towns)
        self.places_view.show_places(counts.places)

    def say(self, text: str, tooltip: str = "", transient: bool = False) -> None:
        """Put ``text`` on the status bar's one line. A passing message (an import done, "Ready") clears
        itself after ``STATUS_CLEAR_MS``; a state (indexing, paused, a failure) stays until replaced."""
        self.status_timer.stop()
        self.status.setText(text)
        self.status.setToolTip(tooltip)
        if transient and text:
            self.status_timer.start()

    def _job_failed(self, message: str) -> None:
        self.say(self.tr("Something went wrong: {message}").format(message=message))

    # -- indexing -------------------------------------------------------------------------------------
    def import_paths(self, roots: list[str]) -> None:
        """Index folders (and files) in the background; photos appear as they are indexed."""
        self.controller.import_paths(roots)

    def _index_started_shown(self) -> None:
        self._index_started = 0.0
        self.progress.setRange(0, 0)
        self.progress.show()
        self.pause_button.setChecked(False)
        self.pause_button.show()
        self.cancel_button.show()
        self.say(self.tr("Looking for photos…"))

    def _show_progress(self, p: IndexProgress) -> None:
        if p.phase == "waiting":
            holder = self.controller.lock_holder()
            who = holder.command if holder is not None else self.tr("another album process")
            waiting = self.tr("Waiting for {who} to finish changing the library…").format(who=who)
            self.say(waiting, holder.describe() if holder is not None else "")
            return
        if p.phase == "paused":
            paused = self.tr("Paused after {done} of %Ln photo(s)", "", p.total)
            self.say(paused.format(done=self.locale().toString(p.done)))
            return
        if p.phase != "indexing" or not p.total:
            phases = {
                "loading models": self.tr("Loading models…"),
                "scanning": self.tr("Looking for photos…"),
                "matching": self.tr("Finding moved photos…"),
                "finishing": self.tr("Tidying up the library…"),
            }
            self.say(phases.get(p.phase, self.tr("Indexing…")))
            return
        self.progress.setRange(0, p.total)
        self.progress.setValue(p.done)
        self._index_started = self._index_started or time.monotonic() - 1e-3
        elapsed = time.monotonic() - self._index_started
        rate = p.done / elapsed
        text = self.tr("Indexing {done} of %Ln photo(s) · {rate}/s", "", p.total)
        text = text.format(done=self.locale().toString(p.done), rate=self.locale().toString(rate, "f", 1))
        left = time_left_text((p.total - p.done) / rate if p.done >= ETA_AFTER_PHOTOS and rate > 0 else None)
        self.say(f"{text} · {left}" if left else text)

    def _index_done(self, report: IndexReport | None) -> None:
        self.progress.hide()
        self.pause_button.hide()
        self.cancel_button.hide()
        if report is None:
            self.status.setToolTip("")
            return  # failed: the status bar already says why
        n = self.locale().toString
        if report.cancelled:
            summary = self.tr("Stopped: {items}").format(items=items_text(report.found, report.videos))
        else:
            summary = self.tr("Done: {items}").format(items=items_text(report.found, report.videos))
        summary += self.tr(" · {added} new · {updated} changed · {removed} removed · {failed} could not be "
                           "read").format(added=n(report.added), updated=n(report.updated),
                                          removed=n(report.removed), failed=n(report.failed))  # fmt: skip
        features = {"clip": self.tr("semantic search off"), "faces": self.tr("people off"),
                    "videos": self.tr("videos not indexed")}  # fmt: skip
        kinds = [unavailable.split(":")[0] for unavailable in report.unavailable]
        for kind in kinds:
            summary += " · " + features.get(kind, kind)
        for unavailable in report.unavailable:
            log.info("not used in this import: %s", unavailable)  # the core's details, in English
        whys = []
        if {"clip", "faces"} & set(kinds):
            whys.append(self.tr("Its model is not installed or could not be loaded: File ▸ Settings ▸ Models says "
                                "more."))  # fmt: skip
        if "videos" in kinds:
            whys.append(self.tr("Video support is not installed: pip install '{extra}', then import again.")
                        .format(extra=VIDEO_EXTRA))  # fmt: skip
        self.say(summary, " ".join(whys), transient=True)  # the grid shows the photos
        if report.failed:
            self.errors_button.setText(self.tr("⚠ %Ln problem(s)", "", report.failed))
            self.errors_button.show()
        self.kept_folders = report.kept_folders
        kept = sum(k.kept for k in report.kept_folders)
        self.kept_button.setText(self.tr("⚠ %Ln photo(s) kept: folder offline?", "", kept))
        self.kept_button.setVisible(kept > 0)

    def review_kept_folders(self, ask: Callable[[str], bool] | None = None) -> None:
        """Ask, folder by folder, whether the kept photos are really gone; remove those the user says are.

        Args:
            ask: asks the question (a dialog by default; tests pass an answer).
        """
        reasons = {
            "empty": self.tr("The folder is empty: is a drive unplugged or a share not mounted?"),
            "other drive": self.tr("The folder is on another drive than last time."),
            "most photos gone": self.tr("Most of its photos are gone at once."),
        }
        confirm = ask or (lambda text: QMessageBox.question(self, self.tr("Photos kept"), text)
                          == QMessageBox.StandardButton.Yes)  # fmt: skip
        gone = []
        for kept in self.kept_folders:
            question = self.tr("%Ln photo(s) of {folder} were kept in the library. {reason}\n\nIf they are "
                               "really gone, remove them from the library? Their faces and names are kept "
                               "for 30 days in case they come back.", "", kept.kept)  # fmt: skip
            text = question.format(folder=kept.folder, reason=reasons.get(kept.reason, ""))
            if confirm(text):
                gone.append(kept.folder)
        if gone:
            self.kept_button.hide()
            self.controller.import_paths(gone, prune=True)

    def cancel_indexing(self) -> None:
        if self.controller.index_job is not None:
            self.say(self.tr("Stopping… (everything indexed so far is kept)"))
            self.pause_button.setChecked(False)
            self.controller.cancel_indexing()

    def pause_indexing(self, paused: bool) -> None:
        """Pause: photos in flight finish and are saved, then the import waits and uses no CPU."""
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.controller.pause_indexing(paused)
        if paused:
            self.say(self.tr("Pausing…"))

    def _show_errors(self, errors: list[FileError]) -> None:
        text = "\n".join(f"{Path(e.path).name}: {e.reason}" for e in errors[:200])
        QMessageBox.information(self, self.tr("Photos that could not be read"), text or self.tr("No problems."))

    # -- search ---------------------------------------------------------------------------------------
    def run_search(self, query: Query) -> None:
        self.controller.search(query)

    def search_similar(self, path: str, photo: Photo | None = None) -> None:
        """Photos like the one at ``path``; the search bar says so with the photo's name and thumbnail
        (the library's cached one, or for a dropped file a small decode in a worker)."""
        label = self.tr("Similar to: {name}").format(name=Path(path).name)
        thumb = self.controller.thumbnail(photo) if photo is not None else None
        if thumb is not None and thumb.is_file():
            self.search_bar.show_context("similar", label, QPixmap(str(thumb)))
        else:
            self.search_bar.show_context("similar", label)
            self.controller.run(lambda _p, _c: small_image(path), self._similar_picture)
        self.controller.similar(path)

    def _similar_picture(self, image: QImage) -> None:
        if not image.isNull():
            self.search_bar.set_context_picture(QPixmap.fromImage(image))

    def _place(self, photo: Photo) -> str:
        """Where a photo was taken, most precise name first, in the UI's language (the grid's hover caption)."""
        return next(iter(self.controller.place_names(photo, chinese_ui())), "")

    def _why(self, hit: SearchHit) -> list[str]:
        """Why a photo matched, in the UI's language (region names too, once the place names loaded)."""
        chinese = chinese_ui()
        return reason_labels(hit.reasons, lambda region, country: self.controller.region_names(region, country,
                                                                                              chinese))  # fmt: skip

    def _show_results(self, result: SearchResult) -> None:
        hits = result.hits
        self.grid.set_dated(all(h.score is None for h in hits[:1]))  # unranked = date order
        self.model.set_hits(hits)
        count = len(hits)
        query = self.controller.query
        if query is not self._shown_query:  # a new search starts at the top; a refresh keeps the place
            self._shown_query = query
            self.grid.scrollToTop()
        searched = bool(self.search_bar.edit.text()) or self.search_bar.context is not None
        empty_library = count == 0 and not searched and query == Query()
        if empty_library:
            self.welcome.show_empty()
        self.welcome.setVisible(empty_library)
        empty = count == 0 and not empty_library  # a search found nothing: say what, and what to try
        if empty:
            self.empty_state.setText(empty_html(query, result.overview, self._place_name))
        self.empty_state.setVisible(empty)
        self.grid.setVisible(count > 0)
        self.weak_notice.setVisible(result.weak and count > 0)
        self.weak_notice.setText(weak_text(query) if result.weak else "")
        text = "" if empty_library else items_text(count, video_count(hits))
        if result.notice:
            text += " · " + self.tr("semantic search is unavailable, showing photos by their filters only")
        self.result_label.setToolTip(result.notice or "")
        self.result_label.setText(text)

    def _place_name(self, name: str) -> str:
        """A stored (English) place name in the UI's language."""
        names = self.controller.place_names(Photo(id="", path="", place=name), chinese_ui())
        return names[0] if names else name

    def _suggestion_clicked(self, link: str) -> None:
        """A suggestion of the empty state: search for it in place of what found nothing."""
        kind, _, value = link.partition(":")
        place = self._place_name(value) if kind == "place" else value  # in the words the user sees: 在波尔图
        words = {"place": f"在{place}" if chinese_ui() and place != value else f"in {value}",
                 "year": f"{value}年" if chinese_ui() else f"from {value}", "person": value}  # fmt: skip
        self.search_bar.replace_part({"year": "date"}.get(kind, kind), words.get(kind, value))

    def _open_viewer(self, index: Any) -> None:
        self.make_viewer(index.row())

    def _build_viewer(self) -> Viewer:
        """The viewer page, wired to this library's faces, exposure and names."""
        c = self.controller
        names = Names(c.place_names, c.tag_name, lambda region, country: c.region_names(region, country, chinese_ui()))
        folders = lambda: c.settings.library_folders if c.settings is not None else []  # noqa: E731
        viewer = Viewer(self, c.run, c.faces_in_photo, c.exposure, c.name_face, names=names,
                        person_names=lambda: [k.name for k in c.known_people], thumbnail=c.thumbnail,
                        folder_of=lambda p: library_folder(p, folders()), named_for=c.named_areas,
                        clip_for=c.motion_clip)  # fmt: skip
        viewer.back.connect(self.close_viewer)
        viewer.full_screen.connect(self.toggle_full_screen)
        viewer.person_clicked.connect(lambda face: self._viewer_person(face))
        viewer.windowTitleChanged.connect(lambda name: self.setWindowTitle(f"{name} — album"))
        self.collections.attach_viewer(viewer, lambda: viewer.hits[viewer.index].photo)
        return viewer

    def make_viewer(self, row: int, ask: Callable[[QWidget, str, Sequence[str]], str | None] | None = None,
                    hits: Sequence[SearchHit] | None = None) -> Viewer:
        """Show result ``row`` (of ``hits``, by default the grid's) in the viewer page, in place of the grid
        (``ask`` overrides the name dialog)."""
        if ask is not None:
            self.viewer.ask = ask
        if self.pages.currentWidget() is not self.viewer:
            self._page_before_viewer = self.pages.currentIndex()
            self._grid_scroll = self.grid.verticalScrollBar().value()
        self.sidebar.hide()  # the photo takes the window; the viewer has its own bar
        self.toolbar.hide()
        set_under_viewer(self.statusBar(), True)
        self.pages.setCurrentWidget(self.viewer)
        self.viewer.show_hits(self.model.hits if hits is None else hits, row)
        self.viewer.setFocus()
        return self.viewer

    def close_viewer(self) -> None:
        """Back to the page the viewer was opened from, at the same scroll position, the photo last shown
        selected (the grid scrolls only if it is out of sight)."""
        if self.isFullScreen():
            self.toggle_full_screen()
        self.pages.setCurrentIndex(self._page_before_viewer)
        self.sidebar.show()
        self.toolbar.show()
        set_under_viewer(self.statusBar(), False)
        self.setWindowTitle("album")
        self.central_layout.activate()  # the pages get their size back now, not at the next layout pass
        self.grid.doItemsLayout()  # laid out again for the width it had: the sidebar's room was the viewer's
        self.grid.verticalScrollBar().setValue(self._grid_scroll)
        row, shown = self.viewer.index, self.viewer.hits[self.viewer.index].photo.id if self.viewer.hits else None
        if row < self.model.rowCount() and self.model.hits[row].photo.id == shown:  # results refreshed alike
            self.grid.setCurrentIndex(self.model.index(row))
            self.grid.scrollTo(self.grid.currentIndex())
        self.grid.setFocus()

    def toggle_full_screen(self) -> None:
        """Full screen for the viewer (F11, a double-click), menus and status bar out of the way; and back."""
        full = not self.isFullScreen()
        self.menuBar().setVisible(not full)
        self.statusBar().setVisible(not full)
        if full:
            self._state_before_full_screen = self.windowState()
            self.showFullScreen()
        else:
            self.setWindowState(self._state_before_full_screen)
        self.viewer.set_full_screen_shown(full)

    def _viewer_person(self, face: Face) -> None:
        """A person's chip in the viewer: their photos, in the grid."""
        self.close_viewer()
        if face.person_id is not None:
            picture = QPixmap.fromImage(QImage.fromData(face.thumb)) if face.thumb else None
            self._search_person(face.person_id, face.person_name, picture)

    def _photo_actions(self) -> None:
        """What can be done to the current photo, from the keyboard and from its context menu."""

        def on_current(act: Any) -> Any:
            def run() -> None:
                index = self.grid.currentIndex()
                if index.isValid():
                    act(index)

            return run

        def open_url(path: str) -> None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

        self.photo_actions: list[QAction] = []  # texts: retranslate()
        for shortcut, act in (
            ("Return;Enter", self._open_viewer),  # Enter: the keypad's
            ("Ctrl+Shift+S", lambda i: self.search_similar(i.data(PathRole), i.data(HitRole).photo)),
            ("Ctrl+Return", lambda i: open_url(i.data(PathRole))),
            ("Ctrl+Shift+Return", lambda i: open_url(str(Path(i.data(PathRole)).parent))),
        ):
            action = _action("", self.grid, "", on_current(act))
            action.setShortcuts([QKeySequence(key) for key in shortcut.split(";")])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.grid.addAction(action)
            self.photo_actions.append(action)

    def contextMenuEvent(self, event: Any) -> None:
        index = self.grid.indexAt(self.grid.viewport().mapFromGlobal(event.globalPos()))
        if not index.isValid() or not self.grid.isVisible():  # (the viewer covers the grid)
            return
        self.grid.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(self.grid.actions())
        menu.exec(event.globalPos())

    # -- people ---------------------------------------------------------------------------------------
    def refresh_people(self) -> None:
        """Reload the people view, and what the search bar knows and completes (people, places, tags)."""
        self.controller.refresh_people()

    def _show_people(self, snapshot: PeopleSnapshot) -> None:
        self.people_page.show_people(snapshot.people)
        self.sidebar.set_count("people", len(snapshot.people))
        self.search_bar.set_suggestions(snapshot.suggestions)
        self._show_undo(snapshot.undo)

    def _show_undo(self, undo: tuple[PeopleAction | None, PeopleAction | None]) -> None:
        """Edit ▸ Undo / Redo say which people edit they would undo or redo, and are off when none."""
        self._undo_state = undo
        undo_edit, redo_edit = undo
        self.undo_action.setEnabled(undo_edit is not None)
        self.undo_action.setText(self.tr("&Undo {edit}").format(edit=edit_name(undo_edit)) if undo_edit
                                 else self.tr("&Undo"))  # fmt: skip
        self.redo_action.setEnabled(redo_edit is not None)
        self.redo_action.setText(self.tr("&Redo {edit}").format(edit=edit_name(redo_edit)) if redo_edit
                                 else self.tr("&Redo"))  # fmt: skip

    def _people_edited(self) -> None:
        """A face or person changed: redraw what shows faces."""
        if self.viewer.isVisible():
            self.viewer.show_current()
        if self.face_review is not None and self.face_review.isVisible():
            self._load_review(self.face_review)

    def review_faces(self, person_id: str) -> FaceReview:
        """A person's faces, to take out those that are someone else; returns the dialog (for tests)."""
        name = next((p.name for p in self.people_view.people if p.id == person_id), None) or self.tr("Unnamed")
        title = self.tr("Faces of {name}").format(name=name)
        dialog = FaceReview(title, person_id, self.controller.not_this_person, self)
        self.face_review = dialog
        self._load_review(dialog)
        dialog.open()
        return dialog

    def _load_review(self, dialog: FaceReview) -> None:
        self.controller.faces_for_review(dialog.person_id, dialog.show_faces)

    def _show_person(self, person_id: str) -> None:
        """A person's photos, with a chip that says whose (removing it goes back to the search before)."""
        person = next((p for p in self.people_view.people if p.id == person_id), None)
        name = person.name if person is not None and person.name else None
        picture = QPixmap.fromImage(QImage.fromData(person.cover_thumb)) if person and person.cover_thumb else None
        self._search_person(person_id, name, picture)

    def _search_person(self, person_id: str, name: str | None, picture: QPixmap | None) -> None:
        self.search_bar.show_context("person", label("person", name or self.tr("Unnamed")), picture)
        self.sidebar.set_current("photos")
        self.controller.search(Query(people=(name,) if name else (), person_ids=(person_id,)))

    def _show_explored(self, photo_ids: list[str]) -> None:
        """The photos lassoed on the explore map, in the grid."""
        self.search_bar.edit.clear()
        self.sidebar.set_current("photos")
        self.controller.show_photos(photo_ids)

    def _open_explored(self, photo_ids: list[str], row: int) -> None:
        """A photo clicked on the explore map, in the viewer (read in a worker)."""
        library = self.controller.library
        if library is not None:
            self.controller.run(lambda _p, _c: library.photos_with_ids(photo_ids),
                                lambda photos: self.make_viewer(row, hits=[SearchHit(p, None, ()) for p in photos])
                                if photos else None)  # fmt: skip

    def _show_place(self, search: str) -> None:
        """A place's photos, searched as if typed (``in:"Zhejiang, China"``): its chip says which place."""
        self.search_bar.edit.clear()
        self.search_bar.parse_now()  # the chips of the cleared text go too (a query is only parsed on a pause)
        self.search_bar.replace_part("place", search)

    def _show_online_map(self, settings: Settings) -> None:
        """OpenStreetMap tiles under the map when the settings allow the network, cached in album's cache."""
        if settings.online_map != (self.map_view.tile_layer is not None):
            self.map_view.use_tiles(TileCache(self.paths.cache_dir / "map-tiles") if settings.online_map else None)

    def _show_area(self, near: str) -> None:
        """The photos in a circle of the map, searched as typed (``near:38.72,-9.14 km:2.5``): a place chip."""
        self.search_bar.edit.clear()
        self.search_bar.parse_now()  # the last search's words are gone: none of them to take out
        self.search_bar.replace_part("place", near)

    # -- drag and drop --------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        on_search_bar = self.search_bar.rect().contains(self.search_bar.mapFrom(self, event.position().toPoint()))
        if on_search_bar and len(paths) == 1 and os.path.isfile(paths[0]):
            self.search_similar(paths[0])  # a photo dropped on the search bar: find similar ones
        elif paths:
            self.import_paths(paths)
        event.acceptProposedAction()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of photos"), pictures_folder())
        if folder:
            self.import_paths([folder])

    # -- settings -------------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog | None:
        """Show the settings dialog (modal); returns it so tests can drive it."""
        settings = self.controller.settings
        if settings is None:
            return None
        c = self.controller
        dialog = SettingsDialog(self.paths, settings, c.models, c.download_model, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def apply_settings(self, chosen: Settings) -> None:
        """Save ``chosen`` settings; forget removed folders, import added ones, reload models if they changed.
        A new language applies at once."""
        current = self.controller.settings
        app = QApplication.instance()
        if current is not None and chosen.language != current.language and isinstance(app, QApplication):
            switch_language(app, chosen.language)
        if current is not None and chosen.theme != current.theme and isinstance(app, QApplication):
            use_theme(app, chosen.theme)
        self._show_online_map(chosen)
        if self.controller.apply_settings(chosen):
            self.say(self.tr("Settings saved; they apply when the current import ends"), transient=True)
        elif self.controller.library is None:
            self.say(self.tr("Applying settings…"))

    # -- models -------------------------------------------------------------------------------------------
    def offer_models(self, first_run: bool = False) -> None:
        """Show the welcome dialog with the models album can download, once the library is open. On the
        first run (``first_run``) only if a model is missing, and only once."""
        if first_run and self.window_settings.value(FIRST_RUN_DONE, False, type=bool):
            return
        if self.controller.library is None:
            once = Qt.ConnectionType.SingleShotConnection
            self.controller.opened.connect(lambda _library: self.offer_models(first_run), once)
            return
        if first_run and not still_missing(self.controller.model_offers_on_disk()):
            return  # every feature has its model (one face pack is enough)
        dialog = WelcomeDialog(self.controller, self)
        dialog.finished.connect(lambda _r: self._models_offered(dialog))
        self.welcome_dialog = dialog
        dialog.open()

    def _models_offered(self, dialog: WelcomeDialog) -> None:
        """The user chose: nothing downloads behind their back any more (a model left out stays out
        until they ask for it); the library loads what arrived."""
        self.window_settings.setValue(FIRST_RUN_DONE, True)
        self.window_settings.sync()
        self.controller.models_chosen(dialog.downloaded)

    def _about(self) -> None:
        licences = "".join(f"<li>{m.name}: {m.licence}</li>" for m in self.controller.models())
        versions = ", ".join(f"{name} {_version(name)}" for name in ABOUT_LIBRARIES)
        text = self.tr("<h3>album {version}</h3><p>A private, offline photo album: everything stays on this "
                       "computer.</p><p><b>Models and their licences</b></p><ul>{licences}</ul>"
                       "<p><b>Built with</b> {versions}</p>")  # fmt: skip
        QMessageBox.about(self, self.tr("About album"), text.format(version=__version__, licences=licences,
                                                                   versions=versions))  # fmt: skip

    # -- shutdown -------------------------------------------------------------------------------------
    def closeEvent(self, event: Any) -> None:
        """Remember the window; stop background work cleanly (what was indexed is kept and the next start
        resumes). The browse view's first page is kept for the next start to paint at once."""
        save_window(self.window_settings, self, self.sidebar, self.grid)
        save_layout_mode(self.window_settings, self.layout_mode)
        hits = self._browse_hits
        if hits is not None and self.controller.library is not None:
            page = hits[: first_page.PAGE_SIZE]
            first_page.save(self.paths, hits, {h.photo.id: self.controller.thumbnail(h.photo) for h in page})
        self.search_bar.shutdown()
        self.controller.shutdown()
        self.model.shutdown()
        self.shows.shutdown()
        self.map_view.shutdown()
        self.viewer.shutdown()
        self.explore_view.shutdown()
        super().closeEvent(event)


def small_image(path: str, side: int = 96) -> QImage:
    """A photo decoded small (JPEG decodes at a reduced scale), upright: for a chip. Runs in a worker."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        size.scale(side, side, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(size)
    return reader.read()


def _action(text: str, parent: QObject, shortcut: str, slot: Callable[[], object]) -> QAction:
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


ABOUT_LIBRARIES = ("PySide6", "onnxruntime", "tokenizers", "lancedb", "pillow")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"
