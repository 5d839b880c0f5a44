"""The main window: sidebar, search bar, photo grid, people, and a status bar with progress and cancel.

It only lays out widgets and connects them to the :class:`~album.gui.controller.LibraryController`,
which owns the library and every background job; this module shows what the controller reports.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
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
from album.core.library import IndexProgress, IndexReport, KeptFolder, Library, Paths, Query, Settings
from album.core.records import FileError, Photo, SearchHit, SearchResult
from album.gui.controller import LibraryController, PeopleSnapshot
from album.gui.people_view import FaceReview, PeopleView
from album.gui.photo_grid import HitRole, PathRole, PhotoGrid, PhotoModel
from album.gui.search_bar import SearchBar, label, reason_labels
from album.gui.search_states import empty_html, weak_text
from album.gui.settings_dialog import SettingsDialog
from album.gui.viewer import Names, Viewer, chinese_ui, library_folder

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """album's window. ``paths`` says which library to open (the user's own by default)."""

    def __init__(self, paths: Paths | None = None) -> None:
        super().__init__()
        self.controller = LibraryController(paths, self)
        self.paths = self.controller.paths
        self.viewer: Viewer | None = None
        self.face_review: FaceReview | None = None
        self._index_started = 0.0  # when decoding began: the rate and ETA leave model loading and scanning out
        self.setWindowTitle("album")
        self.resize(1200, 800)
        self.setAcceptDrops(True)
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
        self.sidebar = QListWidget()
        self.sidebar.addItems([self.tr("Photos"), self.tr("People")])
        self.sidebar.setFixedWidth(150)
        self.sidebar.currentRowChanged.connect(self._switch)
        self.search_bar = SearchBar(self.controller.parse, self.controller.to_syntax, self.controller.check)
        self.model = PhotoModel(self.controller.thumbnail, self._why)
        self.grid = PhotoGrid(self.model)
        self.grid.doubleClicked.connect(self._open_viewer)
        self._photo_actions()
        self.welcome = QLabel(self.tr("Drop a folder of photos here, or choose File ▸ Import Folder…"))
        self.welcome.setStyleSheet("font-size: 18px; color: #555; padding: 40px;")
        self.result_label = QLabel("")
        self.weak_notice = QLabel(wordWrap=True)  # the best hit is barely above chance: say so
        self.weak_notice.setObjectName("weak-notice")
        self.weak_notice.setStyleSheet("#weak-notice { background: #fff3e0; color: #8a3b00; border: 1px solid "
                                       "#ffb74d; border-radius: 4px; padding: 6px 10px; }")  # fmt: skip
        self.weak_notice.hide()
        self.empty_state = QLabel(wordWrap=True)  # a search found nothing: what was looked for, what to try
        self.empty_state.setObjectName("empty-state")
        self.empty_state.setStyleSheet("#empty-state { color: #444; font-size: 14px; padding: 30px 40px; }")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_state.linkActivated.connect(self._suggestion_clicked)
        self.empty_state.hide()
        photos = QWidget()
        layout = QVBoxLayout(photos)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.weak_notice)
        layout.addWidget(self.welcome)
        layout.addWidget(self.empty_state, 1)
        layout.addWidget(self.grid, 1)
        self.people_view = PeopleView()
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
        self.cancel_button = QPushButton(self.tr("Cancel"))
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

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(_action(self.tr("&Import Folder…"), self, "Ctrl+O", self._choose_folder))
        file_menu.addAction(_action(self.tr("&Settings…"), self, "Ctrl+,", self.open_settings))
        file_menu.addAction(_action(self.tr("&Quit"), self, "Ctrl+Q", self.close))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(_action(self.tr("&About album"), self, "", self._about))

    def _connect(self) -> None:
        """Widgets ask the controller; the controller's signals update the widgets."""
        c = self.controller
        self.search_bar.search.connect(c.search)
        self.pause_button.toggled.connect(self.pause_indexing)
        self.cancel_button.clicked.connect(self.cancel_indexing)
        self.errors_button.clicked.connect(c.list_errors)
        self.people_view.open_person.connect(self._show_person)
        self.people_view.review_faces.connect(self.review_faces)
        self.people_view.name_person.connect(c.name_person)
        self.people_view.merge_people.connect(c.merge_people)
        self.people_view.hide_people.connect(c.hide_people)
        self.people_view.set_me.connect(c.set_me)
        c.opened.connect(lambda _library: self.status.setText(self.tr("Ready")))
        c.index_started.connect(self._index_started_shown)
        c.progress.connect(self._show_progress)
        c.index_finished.connect(self._index_done)
        c.results.connect(self._show_results)
        c.people_changed.connect(self._show_people)
        c.people_edited.connect(self._people_edited)
        c.errors_listed.connect(self._show_errors)
        c.failed.connect(self._job_failed)

    def _switch(self, row: int) -> None:
        self.pages.setCurrentIndex(max(row, 0))
        if row == 1:
            self.controller.refresh_people()

    def _job_failed(self, message: str) -> None:
        self.status.setText(self.tr("Something went wrong: {message}").format(message=message))

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
        self.status.setText(self.tr("Looking for photos…"))

    def _show_progress(self, p: IndexProgress) -> None:
        if p.phase == "waiting":
            holder = self.controller.lock_holder()
            who = holder.command if holder is not None else self.tr("another album process")
            self.status.setText(self.tr("Waiting for {who} to finish changing the library…").format(who=who))
            self.status.setToolTip(holder.describe() if holder is not None else "")
            return
        if p.phase == "paused":
            paused = self.tr("Paused after {done} of {total} photos")
            self.status.setText(paused.format(done=f"{p.done:,}", total=f"{p.total:,}"))
            return
        if p.phase != "indexing" or not p.total:
            phases = {
                "loading models": self.tr("Loading models…"),
                "scanning": self.tr("Looking for photos…"),
                "matching": self.tr("Finding moved photos…"),
                "finishing": self.tr("Tidying up the library…"),
            }
            self.status.setText(phases.get(p.phase, self.tr("Indexing…")))
            return
        self.progress.setRange(0, p.total)
        self.progress.setValue(p.done)
        self._index_started = self._index_started or time.monotonic() - 1e-3
        rate = p.done / (time.monotonic() - self._index_started)
        eta = (p.total - p.done) / rate if rate > 0 else 0
        text = self.tr("Indexing {done} of {total} photos · {rate}/s · about {eta} left")
        self.status.setText(text.format(done=f"{p.done:,}", total=f"{p.total:,}", rate=f"{rate:.1f}",
                                        eta=self._duration(eta)))  # fmt: skip

    def _index_done(self, report: IndexReport | None) -> None:
        self.progress.hide()
        self.pause_button.hide()
        self.cancel_button.hide()
        self.status.setToolTip("")
        if report is None:
            return  # failed: the status bar already says why
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
        self.kept_folders = report.kept_folders
        kept = sum(k.kept for k in report.kept_folders)
        self.kept_button.setText(self.tr("⚠ {count} photos kept: folder offline?").format(count=f"{kept:,}"))
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
            question = self.tr("{count} photos of {folder} were kept in the library. {reason}\n\nIf they are "
                               "really gone, remove them from the library? Their faces and names are kept "
                               "for 30 days in case they come back.")  # fmt: skip
            text = question.format(count=f"{kept.kept:,}", folder=kept.folder, reason=reasons.get(kept.reason, ""))
            if confirm(text):
                gone.append(kept.folder)
        if gone:
            self.kept_button.hide()
            self.controller.import_paths(gone, prune=True)

    def cancel_indexing(self) -> None:
        if self.controller.index_job is not None:
            self.status.setText(self.tr("Stopping… (everything indexed so far is kept)"))
            self.pause_button.setChecked(False)
            self.controller.cancel_indexing()

    def pause_indexing(self, paused: bool) -> None:
        """Pause: photos in flight finish and are saved, then the import waits and uses no CPU."""
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.controller.pause_indexing(paused)
        if paused:
            self.status.setText(self.tr("Pausing…"))

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
        self.welcome.setVisible(count == 0 and not searched)
        empty = count == 0 and searched
        if empty:
            self.empty_state.setText(empty_html(query, result.overview, self._place_name))
        self.empty_state.setVisible(empty)
        self.grid.setVisible(count > 0)
        self.weak_notice.setVisible(result.weak and count > 0)
        self.weak_notice.setText(weak_text(query) if result.weak else "")
        text = self.tr("{count} photos").format(count=f"{count:,}") if count != 1 else self.tr("1 photo")
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
        words = {"place": f"in {value}", "year": f"{value}年" if chinese_ui() else f"from {value}", "person": value}
        self.search_bar.replace_part({"year": "date"}.get(kind, kind), words.get(kind, value))

    def _open_viewer(self, index: Any) -> None:
        self.viewer = self.make_viewer(index.row())
        self.viewer.open()

    def make_viewer(self, row: int, ask: Callable[[QWidget], str | None] | None = None) -> Viewer:
        """The viewer on result ``row``, wired to this library's faces (``ask`` overrides the name dialog)."""
        c = self.controller
        names = Names(c.place_names, c.tag_name, lambda region, country: c.region_names(region, country, chinese_ui()))
        extra = {"ask": ask} if ask is not None else {}
        folders = c.settings.library_folders if c.settings is not None else []
        viewer = Viewer(self.model.hits, row, self, c.run, c.faces_in_photo, c.name_face, names=names,
                        thumbnail=c.thumbnail, folder_of=lambda p: library_folder(p, folders), **extra)  # fmt: skip
        self.viewer = viewer
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
            (self.tr("Find Similar Photos"), "Ctrl+Shift+S",
             lambda i: self.search_similar(i.data(PathRole), i.data(HitRole).photo)),
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
        self.controller.refresh_people()

    def _show_people(self, snapshot: PeopleSnapshot) -> None:
        self.people_view.show_people(snapshot.people)
        self.search_bar.set_suggestions(snapshot.suggestions)

    def _people_edited(self) -> None:
        """A face or person changed: redraw what shows faces."""
        if self.viewer is not None and self.viewer.isVisible():
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
        self.search_bar.show_context("person", label("person", name or self.tr("Unnamed")), picture)
        self.sidebar.setCurrentRow(0)
        self.controller.search(Query(people=(name,) if name else (), person_ids=(person_id,)))

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
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of photos"))
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
        """Save ``chosen`` settings; forget removed folders, import added ones, reload models if they changed."""
        if self.controller.apply_settings(chosen):
            self.status.setText(self.tr("Settings saved; they apply when the current import ends"))
        elif self.controller.library is None:
            self.status.setText(self.tr("Applying settings…"))

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
        """Stop background work cleanly; what was indexed is kept and the next start resumes."""
        self.controller.shutdown()
        self.model.shutdown()
        super().closeEvent(event)

    def _duration(self, seconds: float) -> str:
        if seconds < 90:
            return self.tr("{n} s").format(n=f"{seconds:.0f}")
        if seconds < 5400:
            return self.tr("{n} min").format(n=f"{seconds / 60:.0f}")
        return self.tr("{n} h").format(n=f"{seconds / 3600:.1f}")


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
