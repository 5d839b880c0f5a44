"""The main window: sidebar, search bar, photo grid, people, and a status bar with progress and cancel.

Every slow step runs in a :class:`~album.gui.workers.Job`; this module only reacts to their signals.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album import __version__
from album.core import people as people_ops
from album.core.config import Paths
from album.core.geo import Gazetteer
from album.core.library import Library
from album.core.models.faces import face_models
from album.core.models.registry import clip_models
from album.core.pipeline.indexer import IndexProgress, IndexReport
from album.core.pipeline.scan import IMAGE_EXTS
from album.core.query import KnownPerson, Query
from album.core.search import SearchResult
from album.gui.people_view import FaceReview, PeopleView
from album.gui.photo_grid import PathRole, PhotoGrid, PhotoModel
from album.gui.search_bar import SearchBar, reasons
from album.gui.settings_dialog import SettingsDialog, folder_changes
from album.gui.viewer import Viewer
from album.gui.workers import Job
from album.runtime import freeze_long_lived_objects

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """album's window. ``paths`` says which library to open (the user's own by default)."""

    def __init__(self, paths: Paths | None = None) -> None:
        super().__init__()
        self.paths = paths or Paths.from_env()
        self.library: Library | None = None
        self.jobs: list[Job] = []
        self.index_job: Job | None = None
        self.search_job: Job | None = None
        self.shown_query = Query()  # what the grid shows results of
        self.pending_roots: list[str] = []
        self.last_report: IndexReport | None = None
        self.pause_event = threading.Event()
        self.reopen_after_import = False
        self.setWindowTitle("album")
        self.resize(1200, 800)
        self.setAcceptDrops(True)
        self._build()
        self._start(self._open_library, self._library_ready)  # paint first, open the library in the background

    # -- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.addItems([self.tr("Photos"), self.tr("People")])
        self.sidebar.setFixedWidth(150)
        self.sidebar.currentRowChanged.connect(self._switch)
        self.gazetteer = Gazetteer(after_load=freeze_long_lived_objects)
        self.search_bar = SearchBar(self.gazetteer)
        self.search_bar.search.connect(self.run_search)
        self.model = PhotoModel(self.paths.thumbs_dir)
        self.grid = PhotoGrid(self.model)
        self.grid.doubleClicked.connect(self._open_viewer)
        self._photo_actions()
        self.welcome = QLabel(self.tr("Drop a folder of photos here, or choose File ▸ Import Folder…"))
        self.welcome.setStyleSheet("font-size: 18px; color: #555; padding: 40px;")
        self.result_label = QLabel("")
        photos = QWidget()
        layout = QVBoxLayout(photos)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.welcome)
        layout.addWidget(self.grid, 1)
        self.people_view = PeopleView(self._people_action)
        self.people_view.open_person.connect(self._show_person)
        self.people_view.review_faces.connect(self.review_faces)
        self.pages = QStackedWidget()
        self.pages.addWidget(photos)
        self.pages.addWidget(self.people_view)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 1050])
        self.setCentralWidget(splitter)
        self.sidebar.setCurrentRow(0)

        self.status = QLabel(self.tr("Opening library…"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.hide()
        self.pause_button.toggled.connect(self.pause_indexing)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_indexing)
        self.errors_button = QPushButton("")
        self.errors_button.setFlat(True)
        self.errors_button.hide()
        self.errors_button.clicked.connect(self._show_errors)
        bar = self.statusBar()
        bar.addWidget(self.status, 1)
        bar.addPermanentWidget(self.errors_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.pause_button)
        bar.addPermanentWidget(self.cancel_button)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(_action(self.tr("&Import Folder…"), self, "Ctrl+O", self._choose_folder))
        file_menu.addAction(_action(self.tr("&Settings…"), self, "Ctrl+,", self.open_settings))
        file_menu.addAction(_action(self.tr("&Quit"), self, "Ctrl+Q", self.close))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(_action(self.tr("&About album"), self, "", self._about))

    def _switch(self, row: int) -> None:
        self.pages.setCurrentIndex(max(row, 0))
        if row == 1:
            self.refresh_people()

    # -- jobs -----------------------------------------------------------------------------------------
    def _start(self, fn: Any, on_done: Any, on_progress: Any = None) -> Job:
        job = Job(fn, self)
        job.finished.connect(on_done)
        job.failed.connect(self._job_failed)
        if on_progress is not None:
            job.progress.connect(on_progress)
        job.finished.connect(lambda _r, j=job: self._forget(j))
        job.failed.connect(lambda _m, j=job: self._forget(j))
        self.jobs.append(job)
        job.start()
        return job

    def _forget(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)

    def _job_failed(self, message: str) -> None:
        self.status.setText(self.tr("Something went wrong: {message}").format(message=message))

    def _open_library(self, _progress: Any, _cancel: Any) -> Library:
        library = Library(self.paths)
        self.gazetteer.load()  # place names for the search bar, ~1 s
        return library

    def _library_ready(self, library: Library) -> None:
        self.library = library
        self.gazetteer = library.gazetteer = self.search_bar.gazetteer
        self.search_bar.places_ready = True
        self.status.setText(self.tr("Ready"))
        self.run_search(Query())
        self.refresh_people()
        folders = [f for f in library.settings.library_folders if os.path.isdir(f)]
        if folders or self.pending_roots:
            self.import_paths(folders + self.pending_roots)  # re-scan: new, changed and removed photos

    # -- indexing -------------------------------------------------------------------------------------
    def import_paths(self, roots: list[str]) -> None:
        """Index folders (and files) in the background; photos appear as they are indexed."""
        if self.library is None:
            self.pending_roots += roots
            return
        if self.index_job is not None:
            self.pending_roots += [r for r in roots if r not in self.pending_roots]
            return
        library = self.library
        folders = [r for r in roots if os.path.isdir(r)]
        if folders:
            known = library.settings.library_folders
            library.settings.library_folders = known + [f for f in folders if f not in known]
            library.settings.save(self.paths)
        started = 0.0  # when decoding began: the rate and ETA leave model loading and scanning out
        self.progress.setRange(0, 0)
        self.progress.show()
        self.pause_event.clear()
        self.pause_button.setChecked(False)
        self.pause_button.show()
        self.cancel_button.show()
        self.status.setText(self.tr("Looking for photos…"))
        phases = {
            "loading models": self.tr("Loading models…"),
            "scanning": self.tr("Looking for photos…"),
            "matching": self.tr("Finding moved photos…"),
            "finishing": self.tr("Tidying up the library…"),
        }

        def on_progress(p: IndexProgress) -> None:
            nonlocal started
            if p.phase == "paused":
                paused = self.tr("Paused after {done} of {total} photos")
                self.status.setText(paused.format(done=f"{p.done:,}", total=f"{p.total:,}"))
                return
            if p.phase != "indexing" or not p.total:
                self.status.setText(phases.get(p.phase, self.tr("Indexing…")))
                return
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            started = started or time.monotonic() - 1e-3
            rate = p.done / (time.monotonic() - started)
            eta = (p.total - p.done) / rate if rate > 0 else 0
            text = self.tr("Indexing {done} of {total} photos · {rate}/s · about {eta} left")
            self.status.setText(text.format(done=f"{p.done:,}", total=f"{p.total:,}", rate=f"{rate:.1f}",
                                            eta=self._duration(eta)))  # fmt: skip

        pause = self.pause_event
        self.index_job = self._start(lambda progress, cancel: library.index(roots, progress, cancel, pause),
                                     self._index_done, on_progress)  # fmt: skip
        self.index_job.failed.connect(lambda _m: self._index_finished())
        self._live_refresh = QTimer(self, interval=2000)
        self._live_refresh.timeout.connect(lambda: self.run_search(self.search_bar.query))
        self._live_refresh.start()

    def _index_done(self, report: IndexReport) -> None:
        self.last_report = report
        self._index_finished()
        summary = self.tr("Stopped") if report.cancelled else self.tr("Done")
        summary += self.tr(": {found} photos · {added} new · {updated} changed · {removed} removed · "
                           "{failed} could not be read").format(
            found=f"{report.found:,}", added=f"{report.added:,}", updated=f"{report.updated:,}",
            removed=f"{report.removed:,}", failed=f"{report.failed:,}")  # fmt: skip
        features = {"clip": self.tr("semantic search off"), "faces": self.tr("people off")}
        for unavailable in report.unavailable:
            summary += " · " + features.get(unavailable.split(":")[0], unavailable.split(":")[0])
        self.status.setText(summary)
        self.status.setToolTip("\n".join(report.unavailable))
        if report.failed:
            self.errors_button.setText(self.tr("⚠ {count} problems").format(count=report.failed))
            self.errors_button.show()
        self.run_search(self.search_bar.query)
        self.refresh_people()
        if self.pending_roots and not report.cancelled:
            roots, self.pending_roots = self.pending_roots, []
            self.import_paths(roots)

    def _index_finished(self) -> None:
        self.index_job = None
        self._live_refresh.stop()
        self.progress.hide()
        self.pause_button.hide()
        self.cancel_button.hide()
        if self.reopen_after_import:
            self.reopen_after_import = False
            self.reopen_library()

    def cancel_indexing(self) -> None:
        if self.index_job is not None:
            self.status.setText(self.tr("Stopping… (everything indexed so far is kept)"))
            self.pause_event.clear()
            self.index_job.cancel()

    def pause_indexing(self, paused: bool) -> None:
        """Pause: photos in flight finish and are saved, then the import waits and uses no CPU."""
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        if paused:
            self.pause_event.set()
            self.status.setText(self.tr("Pausing…"))
        else:
            self.pause_event.clear()

    def _show_errors(self) -> None:
        if self.library is None:
            return
        rows = self.library.store.list_errors()
        text = "\n".join(f"{Path(r['path']).name}: {r['reason']}" for r in rows[:200])
        QMessageBox.information(self, self.tr("Photos that could not be read"), text or self.tr("No problems."))

    # -- search ---------------------------------------------------------------------------------------
    def run_search(self, query: Query) -> None:
        if self.library is None:
            return
        if self.search_job is not None:  # a newer search replaces the one in flight
            self.search_job.cancel()
            with contextlib.suppress(RuntimeError, TypeError):
                self.search_job.finished.disconnect(self._search_done)
        searcher = self.library.searcher
        self.shown_query = query
        self.search_job = self._start(lambda _p, _c: searcher.search(query), self._search_done)

    def search_similar(self, path: str) -> None:
        if self.library is None:
            return
        searcher = self.library.searcher
        self.shown_query = Query()
        self.search_job = self._start(lambda _p, _c: searcher.similar(path), self._search_done)

    def _search_done(self, result: SearchResult) -> None:
        filters = reasons(self.shown_query)
        similarity = self.tr("Similarity {:.2f}")
        for record in result.records:  # the core says why in English; the grid and viewer say it in the UI's language
            score = record.get("score")
            record["why"] = filters if score is None else [similarity.format(score), *filters]
        self.grid.set_dated(all(r.get("score") is None for r in result.records[:1]))  # unranked = date order
        self.model.set_records(result.records)
        count = len(result.records)
        self.welcome.setVisible(count == 0 and not self.search_bar.edit.text())
        self.grid.setVisible(count > 0 or bool(self.search_bar.edit.text()))
        text = self.tr("{count} photos").format(count=f"{count:,}") if count != 1 else self.tr("1 photo")
        if result.notice:
            text += " · " + self.tr("semantic search is unavailable, showing photos by their filters only")
        self.result_label.setToolTip(result.notice or "")
        self.result_label.setText(text)

    def _open_viewer(self, index: Any) -> None:
        self.viewer = self.make_viewer(index.row())
        self.viewer.open()

    def make_viewer(self, row: int, ask: Any = None) -> Viewer:
        """The viewer on result ``row``, wired to this library's faces (``ask`` overrides the name dialog)."""
        library = self.library

        def faces_for(photo_id: str) -> list[people_ops.FaceLabel]:
            return people_ops.faces_in_photo(library.faces(), photo_id) if library else []

        def name_face(face_id: str, name: str) -> None:
            if library is not None:
                self._start(lambda _p, _c: people_ops.name_face(library.faces(), face_id, name), lambda _r: _named())

        def _named() -> None:
            viewer.show_current()
            self.refresh_people()

        extra = {"ask": ask} if ask is not None else {}
        viewer = Viewer(self.model.records, row, self, faces_for, name_face, gazetteer=self.gazetteer, **extra)
        return viewer

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

        for text, shortcut, act in (
            (self.tr("View"), "Return", self._open_viewer),
            (self.tr("Find Similar Photos"), "Ctrl+Shift+S", lambda i: self.search_similar(i.data(PathRole))),
            (self.tr("Open in Default App"), "Ctrl+Return", lambda i: open_url(i.data(PathRole))),
            (self.tr("Show in Folder"), "Ctrl+Shift+Return", lambda i: open_url(str(Path(i.data(PathRole)).parent))),
        ):
            action = _action(text, self.grid, shortcut, on_current(act))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.grid.addAction(action)

    def contextMenuEvent(self, event: Any) -> None:
        index = self.grid.indexAt(self.grid.viewport().mapFromGlobal(event.globalPos()))
        if not index.isValid():
            return
        self.grid.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(self.grid.actions())
        menu.exec(event.globalPos())

    # -- people ---------------------------------------------------------------------------------------
    def refresh_people(self) -> None:
        """Reload the people view, and what the search bar knows and completes (people, places, tags)."""
        if self.library is None:
            return
        library = self.library

        def load(_p: Any, _c: Any) -> _LibraryNames:
            faces = library.faces()
            people = people_ops.list_people(faces, include_hidden=False)
            covers = {r["id"]: r["thumb"] for r in faces.face_rows(None, ["id", "thumb"])
                      if r["id"] in {p.cover_face_id for p in people}}  # fmt: skip
            return _LibraryNames(people, covers, people_ops.known_people(faces), library.suggestions())

        def done(names: _LibraryNames) -> None:
            self.people_view.show_people(names.people, names.covers)
            self.search_bar.known_people = names.known
            self.search_bar.set_suggestions(names.suggestions)

        self._start(load, done)

    def _people_action(self, action: str, ids: list[str], value: str) -> None:
        if self.library is None:
            return
        library = self.library

        def run(_p: Any, _c: Any) -> None:
            faces = library.faces()
            if action == "name":
                people_ops.name_person(faces, ids[0], value)
            elif action == "merge":
                people_ops.merge_people(faces, ids[0], ids[1:])
            elif action == "hide":
                for person in ids:
                    people_ops.hide_person(faces, person)
            elif action == "me":
                people_ops.set_me(faces, ids[0])

        self._start(run, lambda _r: self.refresh_people())

    def review_faces(self, person_id: str) -> FaceReview:
        """A person's faces, to take out those that are someone else; returns the dialog (for tests)."""
        name = next((p.name for p in self.people_view.people if p.id == person_id), None) or self.tr("Unnamed")
        dialog = FaceReview(self.tr("Faces of {name}").format(name=name), lambda ids: reject(ids), self)
        self.face_review = dialog

        def load() -> None:
            library = self.library
            if library is not None:
                self._start(lambda _p, _c: people_ops.faces_for_review(library.faces(), person_id), dialog.show_faces)

        def reject(face_ids: list[str]) -> None:
            library = self.library
            if library is not None and face_ids:
                run = lambda _p, _c: people_ops.not_this_person(library.faces(), face_ids)  # noqa: E731
                self._start(run, lambda _r: reviewed())

        def reviewed() -> None:
            load()
            self.refresh_people()

        load()
        dialog.open()
        return dialog

    def _show_person(self, person_id: str) -> None:
        self.sidebar.setCurrentRow(0)
        self.run_search(Query(person_ids=(person_id,)))

    # -- drag and drop --------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        on_search_bar = self.search_bar.rect().contains(self.search_bar.mapFrom(self, event.position().toPoint()))
        if on_search_bar and len(paths) == 1 and Path(paths[0]).suffix.lower() in IMAGE_EXTS:
            self.search_similar(paths[0])  # a photo dropped on the search bar: find similar ones
        elif paths:
            self.import_paths(paths)
        event.acceptProposedAction()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of photos"))
        if folder:
            self.import_paths([folder])

    # -- settings -------------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog | None:
        """Show the settings dialog (modal); returns it so tests can drive it."""
        if self.library is None:
            return None
        self.settings_dialog = SettingsDialog(self.paths, self.library.settings, self._start, self)
        self.settings_dialog.accepted.connect(lambda: self.apply_settings(self.settings_dialog.result_settings))
        self.settings_dialog.open()
        return self.settings_dialog

    def apply_settings(self, chosen: Any) -> None:
        """Save ``chosen`` settings; forget removed folders, import added ones, reload models if they changed."""
        library = self.library
        if library is None:
            return
        before = library.settings
        added, removed = folder_changes(before, chosen)
        reload = (chosen.clip_model, chosen.allow_downloads, chosen.face_distance, chosen.min_tag_probability) != (
            before.clip_model, before.allow_downloads, before.face_distance, before.min_tag_probability)  # fmt: skip
        chosen.library_folders = [f for f in chosen.library_folders if f not in added]  # import_paths adds them
        library.settings = chosen
        chosen.save(self.paths)
        if removed:

            def forget(_p: Any, _c: Any) -> int:
                return sum(library.forget_folder(folder) for folder in removed)

            self._start(forget, lambda _n: self.run_search(self.search_bar.query))
        if added:
            self.import_paths(added)
        if reload and self.index_job is not None:
            self.reopen_after_import = True
            self.status.setText(self.tr("Settings saved; they apply when the current import ends"))
        elif reload:
            self.reopen_library()

    def reopen_library(self) -> None:
        """Open the library again with the saved settings (new models), then re-scan in the background."""
        self.library = None
        self.status.setText(self.tr("Applying settings…"))
        self._start(self._open_library, self._library_ready)

    def _about(self) -> None:
        models = [*clip_models(self.paths.models_dir), face_models(self.paths.models_dir)]
        licences = "".join(f"<li>{m.name}: {m.licence}</li>" for m in models)
        versions = ", ".join(f"{name} {_version(name)}" for name in ABOUT_LIBRARIES)
        text = self.tr("<h3>album {version}</h3><p>A private, offline photo album: everything stays on this "
                       "computer.</p><p><b>Models and their licences</b></p><ul>{licences}</ul>"
                       "<p><b>Built with</b> {versions}</p>")  # fmt: skip
        QMessageBox.about(self, self.tr("About album"), text.format(version=__version__, licences=licences,
                                                                   versions=versions))  # fmt: skip

    # -- shutdown -------------------------------------------------------------------------------------
    def closeEvent(self, event: Any) -> None:
        """Stop background work cleanly; what was indexed is kept and the next start resumes."""
        for job in self.jobs:
            job.blockSignals(True)  # a job that ends now must not start follow-up work on a closed window
            job.cancel()
        for job in self.jobs:
            job.wait()
        self.jobs.clear()
        super().closeEvent(event)

    def _duration(self, seconds: float) -> str:
        if seconds < 90:
            return self.tr("{n} s").format(n=f"{seconds:.0f}")
        if seconds < 5400:
            return self.tr("{n} min").format(n=f"{seconds / 60:.0f}")
        return self.tr("{n} h").format(n=f"{seconds / 3600:.1f}")


@dataclass(frozen=True)
class _LibraryNames:
    """What the people view and the search bar show, loaded together in one worker."""

    people: list[people_ops.Person]
    covers: dict[str, bytes]
    known: list[KnownPerson]
    suggestions: list[str]


def _action(text: str, parent: QObject, shortcut: str, slot: Callable[[], object]) -> QAction:
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


ABOUT_LIBRARIES = ("PySide6", "torch", "open-clip-torch", "onnxruntime", "insightface", "lancedb", "pillow")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"
