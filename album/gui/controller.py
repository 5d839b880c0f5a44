"""The GUI's one way into the library: a controller that owns the :class:`Library` and every job.

Widgets never call the core. They call the controller's typed methods (``search``, ``import_paths``,
``name_person`` ...), and the controller runs the work in :class:`~album.gui.workers.Job` workers and
answers with signals. So the main window only lays out widgets and connects them, and every library
call the GUI makes is in this one file.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from album.core.library import (
    DiskFull,
    DownloadCancelled,
    IndexProgress,
    IndexReport,
    KnownPerson,
    Library,
    LockHolder,
    ModelOffer,
    ModelStatus,
    ModelUnavailable,
    Paths,
    PeopleAction,
    Query,
    ReadOnlyFolder,
    Settings,
)
from album.core.records import Exposure, Face, NamedArea, Person, Photo, SearchHit, SearchResult
from album.gui.collector import collection_held
from album.gui.folder_watch import FolderWatcher, folder_tree
from album.gui.workers import Job
from album.runtime import release_free_memory

log = logging.getLogger(__name__)

JobFunction = Callable[[Callable[[Any], None], threading.Event], Any]
RELEASE_AFTER_MS = 2000  # jobs quiet this long: the freed heap goes back to the system


@dataclass(frozen=True)
class PeopleSnapshot:
    """What the people view and the search bar show, loaded together in one worker."""

    people: list[Person]  # visible people, with their cover faces
    known: list[KnownPerson]  # whom the search bar recognises by name
    suggestions: list[str]  # what the search bar completes: people, places, tags
    undo: tuple[PeopleAction | None, PeopleAction | None] = (None, None)  # what Edit ▸ Undo / Redo would do


@dataclass(frozen=True)
class ModelCatalogue:
    """The models to offer; ``offline`` says why the hub could not be asked (sizes are then estimates)."""

    offers: list[ModelOffer]
    offline: str | None
    models_dir: Path


@dataclass(frozen=True)
class DownloadOutcome:
    """How a model download ended: "done", "cancelled" (resumable) or "failed" (``message`` says why)."""

    state: str
    message: str = ""


class LibraryController(QObject):
    """Owns the library and the background jobs of one window.

    Args:
        paths: which library to open (the user's own by default).

    Signals:
        opened(Library): the library is open and its place names are loaded (also after a reopen); its
            first search is on its way (see :meth:`after_first_answer`).
        search_prepared(bool): the CLIP model was loaded in the background after opening (True), or
            there is no installed model to load (False); text searches then do not wait for it.
        index_started(): an import began.
        progress(IndexProgress): how the import goes; phase "waiting" while another process writes
            to the library (:meth:`lock_holder` says who).
        batch_committed(int): the import committed another batch (the count so far); the current
            search is refreshed after it, so results grow while photos are indexed.
        index_finished(object): the :class:`IndexReport`, or None when the import failed (``failed``
            says why).
        results(SearchResult): the answer to the latest search (older answers are dropped).
        people_changed(PeopleSnapshot): the people, known names and suggestions, after a load or an edit.
        people_edited(): a people edit (naming, merging, "not this person" ...) was saved.
        errors_listed(list): the library's :class:`~album.core.records.FileError` records.
        failed(str): a job failed; a message for the user.
    """

    opened = Signal(object)
    search_prepared = Signal(bool)
    index_started = Signal()
    progress = Signal(object)
    batch_committed = Signal(int)
    index_finished = Signal(object)
    results = Signal(object)
    people_changed = Signal(object)
    people_edited = Signal()
    errors_listed = Signal(list)
    failed = Signal(str)

    def __init__(self, paths: Paths | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths or Paths.from_env()
        self.library: Library | None = None
        self.jobs: list[Job] = []
        self.index_job: Job | None = None
        self.search_job: Job | None = None
        self.last_report: IndexReport | None = None
        self.known_people: list[KnownPerson] = []
        self.query = Query()  # what the shown results answer
        self.pause_event = threading.Event()
        self._pending_roots: list[str] = []
        self._reopen_after_import = False
        self._last_search: Callable[[Library], SearchResult] = lambda library: library.search(Query())
        self._refresh_pending = False
        self._batches = 0
        self.watcher = FolderWatcher(parent=self)
        self.watcher.changed.connect(self._folders_changed)
        self.closed = False  # shut down: no new jobs
        self._before_answer: list[Callable[[], object]] | None = None  # work waiting for the first answer
        self._release = QTimer(self, singleShot=True, interval=RELEASE_AFTER_MS)
        self._release_job: Job | None = None
        self._release.timeout.connect(self._release_memory)

    # -- jobs -------------------------------------------------------------------------------------
    def run(
        self, fn: JobFunction, on_done: Callable[[Any], object], on_progress: Callable[[Any], object] | None = None
    ) -> Job:
        """Run ``fn(progress, cancel)`` in a worker owned by this controller (joined at :meth:`shutdown`).

        Once shut down, nothing new starts: a page closing after the controller (a refresh on hide) would
        leave a thread running while Qt tears the application down, which aborts the exit."""
        job = Job(fn, self)
        if self.closed:
            return job
        job.finished.connect(on_done)
        job.failed.connect(self.failed)
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
        if not self.jobs and job is not self._release_job and not self.closed:
            self._release.start()  # (again: the memory is given back once the jobs have been quiet a while)

    def _release_memory(self) -> None:
        """Give the C heap's freed pages back to the system, in a worker, once no job has run for a while:
        a search over 100k photos frees ~100 MB that glibc would otherwise keep for the idle window."""
        if not self.jobs:
            self._release_job = self.run(lambda _p, _c: release_free_memory(), lambda _r: None)

    def shutdown(self) -> None:
        """Cancel every job and wait for it: what was indexed is kept and the next start resumes."""
        self.closed = True
        self._release.stop()
        self.watcher.stop()
        self.pause_event.clear()
        for job in self.jobs:
            job.blockSignals(True)  # a job that ends now must not start follow-up work
            job.cancel()
        for job in self.jobs:
            job.wait()
        self.jobs.clear()

    # -- opening ----------------------------------------------------------------------------------
    def open(self) -> None:
        """Open the library in the background (with its place names), then re-scan its folders; the CLIP
        model then loads in another worker (``search_prepared``)."""
        paths = self.paths

        def load(_progress: Any, _cancel: Any) -> tuple[Library, str | None]:
            # Importing LanceDB and its dependencies makes objects that live as long as the app: collections
            # walking them cost the first answer ~0.1 s, during the import or right after it (measured
            # 2026-11-27). So none runs meanwhile, and what is there by then is frozen out of their sight.
            with collection_held():
                try:
                    library = Library(paths, warm_search=True)  # the text tower opens while LanceDB does
                finally:
                    gc.freeze()
            library.load_place_names()  # the search bar understands place names from the first search
            try:
                library.check_writable()
            except (ReadOnlyFolder, DiskFull) as exc:  # said at once; searching still works
                return library, str(exc)
            return library, None

        self.run(load, self._opened)

    def after_first_answer(self, work: Callable[[], object]) -> None:
        """Run ``work`` once the library's first search after opening has answered (at once if it has).

        Opening starts the search the window shows; the reads that can wait (the sidebar's counts, the
        people, the albums, a re-scan of the folders) wait for its answer rather than share the two cores
        with it: on 100k photos they took a third of a second of the first answer."""
        if self._before_answer is None:
            work()
        else:
            self._before_answer.append(work)

    def _answered(self) -> None:
        waiting, self._before_answer = self._before_answer or [], None
        for work in waiting:
            work()

    def _opened(self, opened: tuple[Library, str | None]) -> None:
        library, cannot_write = opened
        # What is loaded by now (Qt, numpy, pyarrow, LanceDB, the library's caches) lives as long as the app:
        # out of the collector's sight, a full collection while indexing does not walk it on the GUI thread
        # (a process with many such objects paused the event loop for ~0.7 s).
        gc.freeze()
        self.library = library
        self._before_answer = []
        self.search(self.query)  # the answer's path first: what the opened signal starts waits for it
        self.opened.emit(library)
        self.after_first_answer(self.refresh_people)
        self.after_first_answer(lambda: self.run(lambda _p, _c: library.prepare_search(), self.search_prepared.emit))
        if cannot_write is not None:  # no re-scan: it would fail on its first write
            self.failed.emit(cannot_write)
            return
        folders = [f for f in library.settings.library_folders if os.path.isdir(f)]
        if folders or self._pending_roots:
            roots, self._pending_roots = folders + self._pending_roots, []
            self.after_first_answer(lambda: self.import_paths(roots))  # re-scan: new, changed and removed photos

    def reopen(self) -> None:
        """Open the library again with the saved settings (new models), then re-scan in the background."""
        self.library = None
        self.open()

    def lock_holder(self) -> LockHolder | None:
        """Who writes to the library (or last did); for the status bar while an import waits."""
        return self.library.lock_holder() if self.library is not None else None

    # -- importing --------------------------------------------------------------------------------
    def import_paths(self, roots: list[str], prune: bool = False) -> None:
        """Remember the folders among ``roots`` and index them; photos appear as batches are committed.

        Photos of a folder that looks offline (empty, another drive) are kept unless ``prune``: the
        window asks the user first (``IndexReport.kept_folders``)."""
        library = self.library
        if library is None or self.index_job is not None:  # not open yet, or busy: after this import
            self._pending_roots += [r for r in roots if r not in self._pending_roots]
            return
        try:
            library.add_folders([r for r in roots if os.path.isdir(r)])
        except (ReadOnlyFolder, DiskFull) as exc:  # the import would fail on its first write: say why now
            self.failed.emit(str(exc))
            return
        self.pause_event.clear()
        self._batches = 0
        pause = self.pause_event

        def index(progress: Callable[[Any], None], cancel: threading.Event) -> IndexReport:
            return library.index(roots, progress, cancel, pause, prune=prune)

        self.index_job = self.run(index, self._indexed, self._index_progress)
        self.index_job.failed.connect(lambda _message: self._index_ended(None))
        self.index_started.emit()

    def _index_progress(self, progress: IndexProgress) -> None:
        self.progress.emit(progress)
        if progress.batches > self._batches:
            self._batches = progress.batches
            self.batch_committed.emit(progress.batches)
            self.refresh_results()

    def watch_folders(self) -> None:
        """Watch the library folders and their subfolders (listed in a worker) for new, changed and
        deleted photos; called after opening and after each import, which may add folders or subfolders."""
        library = self.library
        if library is None:
            return
        roots = [f for f in library.settings.library_folders if os.path.isdir(f)]
        self.run(lambda _p, _c: folder_tree(roots), lambda folders: self.watcher.watch(roots, folders))

    def _folders_changed(self, roots: list[str]) -> None:
        """Something changed in the library folders: index them again (only what changed costs work)."""
        library = self.library
        if library is None:
            return
        known = [r for r in roots if r in library.settings.library_folders]
        if known:
            log.info("re-indexing %s: files changed", ", ".join(known))
            self.import_paths(known)

    def _indexed(self, report: IndexReport) -> None:
        self.last_report = report
        self.watch_folders()
        self._index_ended(report)
        self.refresh_results()
        self.refresh_people()
        if self._pending_roots and not report.cancelled:
            roots, self._pending_roots = self._pending_roots, []
            self.import_paths(roots)

    def _index_ended(self, report: IndexReport | None) -> None:
        self.index_job = None
        self.index_finished.emit(report)
        if self._reopen_after_import:
            self._reopen_after_import = False
            self.reopen()

    def cancel_indexing(self) -> None:
        if self.index_job is not None:
            self.pause_event.clear()
            self.index_job.cancel()

    def pause_indexing(self, paused: bool) -> None:
        """Pause: photos in flight finish and are saved, then the import waits and uses no CPU."""
        if paused:
            self.pause_event.set()
        else:
            self.pause_event.clear()

    def forget_folders(self, folders: list[str]) -> None:
        """Take folders' photos out of the library (the files stay), then show the results again."""
        library = self.library
        if library is None or not folders:
            return
        def forgotten(_count: int) -> None:
            self.refresh_results()
            self.watch_folders()

        self.run(lambda _p, _c: sum(library.forget_folder(f) for f in folders), forgotten)

    def list_errors(self) -> None:
        """Load the files that could not be indexed; answers with ``errors_listed``."""
        library = self.library
        if library is not None:
            self.run(lambda _p, _c: library.errors(), self.errors_listed.emit)

    # -- searching --------------------------------------------------------------------------------
    def parse(self, text: str) -> Query:
        """The search box's text as the CLI would understand it in this library (fast: the GUI thread)."""
        library = self.library
        if library is None:
            return Query(text=text.strip())
        return library.parse(text, known=self.known_people, places=library.places_loaded)

    def check(self, query: Query) -> None:
        """Raise :class:`InvalidQuery` for a query the library would refuse (fast: the search bar
        checks on the GUI thread as the user types)."""
        if self.library is not None:
            self.library.check(query)

    def to_syntax(self, query: Query) -> str:
        """``query`` in the explicit search syntax, with this library's tag names."""
        library = self.library
        return library.to_syntax(query) if library is not None else query.text

    def search(self, query: Query) -> None:
        """Show photos matching ``query``; a newer search replaces the one in flight."""
        self.query = query
        self._search(lambda library: library.search(query))

    def similar(self, path: str) -> None:
        """Show photos like the one at ``path`` (in the library or not)."""
        self.query = Query()
        self._search(lambda library: library.similar(path))

    def show_photos(self, photo_ids: list[str]) -> None:
        """Show exactly these photos, in the order given (e.g. those lassoed on the explore map)."""
        self.query = Query()
        self._search(lambda library: SearchResult([SearchHit(p, None, ()) for p in library.photos_with_ids(photo_ids)]))

    def refresh_results(self) -> None:
        """Run the current search again (new photos were committed); at most one refresh at a time."""
        if self.search_job is not None:
            self._refresh_pending = True
            return
        self._search(self._last_search)

    def _search(self, fn: Callable[[Library], SearchResult]) -> None:
        self._last_search = fn
        self._refresh_pending = False
        library = self.library
        if library is None:
            return
        stale = self.search_job
        if stale is not None:  # cancelled and disconnected before its replacement starts
            stale.cancel()
            stale.finished.disconnect(self._searched)
            stale.failed.disconnect(self._search_failed)
        job = self.run(lambda _p, _c: fn(library), self._searched)
        job.failed.connect(self._search_failed)
        self.search_job = job

    def _searched(self, result: SearchResult) -> None:
        self.search_job = None
        self.results.emit(result)
        self._answered()
        if self._refresh_pending:
            self.refresh_results()

    def _search_failed(self, _message: str) -> None:
        self.search_job = None
        self._answered()

    # -- photos -----------------------------------------------------------------------------------
    def thumbnail(self, photo: Photo) -> Path | None:
        return self.library.thumbnail(photo) if self.library is not None else None

    def video_frame(self, photo: Photo, second: float) -> Path | None:
        """A video's frame at ``second`` (decodes on a cache miss: the grid's thumbnail threads call it)."""
        library = self.library
        return library.video_frame(photo, second) if library is not None else None

    def place_names(self, photo: Photo, chinese: bool) -> list[str]:
        if self.library is None:
            return [n for n in (photo.place, photo.region, photo.country) if n]
        return self.library.place_names(photo, chinese)

    def region_names(self, region: str | None, country: str, chinese: bool) -> list[str]:
        """A region and country (English, as stored) in the UI's language."""
        return self.place_names(Photo(id="", path="", region=region, country=country), chinese)

    def tag_name(self, key: str, chinese: bool) -> str:
        return self.library.tag_name(key, chinese) if self.library is not None else key

    def faces_in_photo(self, photo_id: str) -> list[Face]:
        """The faces of a photo with their people's names. Slow: call it from a worker."""
        return self.library.faces_in_photo(photo_id) if self.library is not None else []

    def named_areas(self, photo: Photo) -> list[NamedArea]:
        """The people other apps named on a photo. Slow: call it from a worker."""
        return self.library.named_areas(photo) if self.library is not None else []

    def exposure(self, photo: Photo) -> Exposure:
        """The exposure recorded in the photo's file. Reads the file: call it from a worker."""
        return self.library.exposure(photo) if self.library is not None else Exposure()

    def motion_clip(self, photo: Photo) -> str | None:
        """A Live Photo's motion clip (None for other photos). Lists a folder: call it from a worker."""
        return self.library.motion_clip(photo) if self.library is not None else None

    # -- people -----------------------------------------------------------------------------------
    def refresh_people(self) -> None:
        """Reload the people, the names the search bar knows and what it completes."""
        library = self.library
        if library is None:
            return

        def load(_p: Any, _c: Any) -> PeopleSnapshot:
            people = library.people(include_hidden=False, with_covers=True)
            return PeopleSnapshot(people, library.known_people(), library.suggestions(), library.people_undo)

        self.run(load, self._people_loaded)

    def _people_loaded(self, snapshot: PeopleSnapshot) -> None:
        self.known_people = snapshot.known
        self.people_changed.emit(snapshot)

    def faces_for_review(self, person_id: str, on_done: Callable[[list[tuple[Face, float]]], object]) -> None:
        """A person's faces with their distance from the person's mean face, least like the rest first."""
        library = self.library
        if library is not None:
            self.run(lambda _p, _c: library.faces_for_review(person_id), on_done)

    def _edit(self, change: Callable[[Library], object]) -> None:
        library = self.library
        if library is not None:
            self.run(lambda _p, _c: change(library), self._edited)

    def _edited(self, _result: object) -> None:
        self.people_edited.emit()
        self.refresh_people()
        if any(self.query.person_ids) or self.query.people:
            self.refresh_results()  # the shown person's photos may have changed

    def name_person(self, person_id: str, name: str) -> None:
        self._edit(lambda library: library.name_person(person_id, name))

    def name_face(self, face_id: str, name: str) -> None:
        self._edit(lambda library: library.name_face(face_id, name))

    def merge_people(self, target: str, sources: list[str]) -> None:
        self._edit(lambda library: library.merge_people(target, sources))

    def hide_people(self, person_ids: list[str]) -> None:
        self._edit(lambda library: library.hide_people(person_ids))

    def undo_people_edit(self) -> None:
        """Undo the last people edit (Edit ▸ Undo); the people and results refresh as after an edit."""
        self._edit(lambda library: library.undo_people_edit())

    def redo_people_edit(self) -> None:
        self._edit(lambda library: library.redo_people_edit())

    def set_me(self, person_id: str) -> None:
        self._edit(lambda library: library.set_me(person_id))

    def not_this_person(self, face_ids: list[str]) -> None:
        if face_ids:
            self._edit(lambda library: library.not_this_person(face_ids))

    # -- models and settings ----------------------------------------------------------------------
    def models(self) -> list[ModelStatus]:
        """The CLIP models and the face models, installed or not (a few file checks)."""
        return self.library.models() if self.library is not None else []

    def download_model(self, kind: str, name: str | None = None) -> Job | None:
        """Download a model in a worker; its progress is ``(file name, bytes done, bytes total)``."""
        library = self.library
        if library is None:
            return None

        def fetch(progress: Callable[[Any], None], _cancel: Any) -> str:
            library.download_model(kind, name, lambda file, done, total: progress((file, done, total)))
            return ""

        return self.run(fetch, lambda _r: None)

    def model_offers(self, on_done: Callable[[ModelCatalogue], object]) -> Job | None:
        """The models to offer, with exact sizes from the hub, read in a worker; offline, the estimates
        and the reason (``ModelCatalogue.offline``)."""
        library = self.library
        if library is None:
            return None

        def read(_progress: Any, _cancel: Any) -> ModelCatalogue:
            try:
                return ModelCatalogue(library.model_offers(exact=True), None, library.paths.models_dir)
            except OSError as exc:
                return ModelCatalogue(library.model_offers(), str(exc) or exc.__class__.__name__,
                                      library.paths.models_dir)  # fmt: skip

        return self.run(read, on_done)

    def model_offers_on_disk(self) -> list[ModelOffer]:
        """The models to offer, from a few file checks (no network)."""
        return self.library.model_offers() if self.library is not None else []

    def models_chosen(self, downloaded: bool) -> None:
        """After the welcome dialog: downloads on first use go off while a model is still missing (the
        user decided; the face models need their agreement), and new models load."""
        library = self.library
        if library is None:
            return
        from album.core.library import still_missing

        if library.settings.allow_downloads and still_missing(library.model_offers()):
            self.apply_settings(dataclasses.replace(library.settings, allow_downloads=False))
        elif downloaded and self.index_job is not None:
            self._reopen_after_import = True
        elif downloaded:
            self.reopen()

    def download_models(
        self, chosen: list[ModelOffer], on_done: Callable[[DownloadOutcome], object],
        on_progress: Callable[[Any], object],
    ) -> Job | None:  # fmt: skip
        """Download ``chosen`` in a worker whose progress is ``(kind, file, bytes done, bytes total)``;
        ``Job.cancel`` stops it between blocks (what arrived is kept: the next download resumes)."""
        library = self.library
        if library is None:
            return None

        def fetch(progress: Callable[[Any], None], cancel: threading.Event) -> DownloadOutcome:
            try:
                for offer in chosen:
                    report = functools.partial(lambda kind, f, d, t: progress((kind, f, d, t)), offer.kind)
                    library.download_model(offer.kind, offer.name, report, cancel)
            except DownloadCancelled:
                return DownloadOutcome("cancelled")
            except ModelUnavailable as exc:
                return DownloadOutcome("failed", str(exc))
            return DownloadOutcome("done")

        return self.run(fetch, on_done, on_progress)

    @property
    def settings(self) -> Settings | None:
        return self.library.settings if self.library is not None else None

    def apply_settings(self, chosen: Settings) -> bool:
        """Save ``chosen``; forget removed folders, import added ones, reopen if models changed.

        Returns:
            True when the models change waits for the current import to end.
        """
        library = self.library
        if library is None:
            return False
        before = library.settings
        added = [f for f in chosen.library_folders if f not in before.library_folders]
        removed = [f for f in before.library_folders if f not in chosen.library_folders]
        model_fields = ("clip_model", "allow_downloads", "face_distance", "min_tag_probability")
        reload = any(getattr(chosen, f) != getattr(before, f) for f in model_fields)
        kept = [f for f in chosen.library_folders if f not in added]  # import_paths adds the new ones
        accepted = before.face_licence_accepted or chosen.face_licence_accepted  # agreed in the dialog meanwhile
        library.settings = dataclasses.replace(chosen, library_folders=kept, face_licence_accepted=accepted)
        try:
            library.settings.save(library.paths)
        except (ReadOnlyFolder, DiskFull) as exc:  # kept for this session; said in the status bar
            self.failed.emit(str(exc))
        self.forget_folders(removed)
        if added:
            self.import_paths(added)
        if reload and self.index_job is not None:
            self._reopen_after_import = True
            return True
        if reload:
            self.reopen()
        return False
