"""The indexing pipeline: folders in, an up-to-date library out.

``Indexer.run`` is mark-and-sweep over the file system:

1. **scan** the folders (:mod:`album.core.pipeline.scan`);
2. **classify** every file against the library by (path, size, mtime): unchanged files cost nothing,
   unless a pipeline step (CLIP, faces) has not processed them yet — each step resumes on its own;
3. **match moves**: a new path whose content hash equals a vanished row's is that row, renamed —
   its id and everything computed for it are kept;
4. **remove** rows whose files are gone (never for folders that could not be read);
5. **decode** new and changed files in a thread pool, one read + one reduced decode each
   (:func:`album.core.pipeline.media.decode_photo`); each step prepares its input there too;
6. **write** in batches: steps run batched on the writer thread (e.g. a CLIP forward pass) while the
   pool decodes the next photos, then one atomic upsert per batch.

Progress is reported through a plain callback and cancellation through a ``threading.Event``
checked between photos, so the CLI and the GUI's QThread worker drive the very same code.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from album.core.config import IndexSettings
from album.core.geo import Gazetteer
from album.core.models.registry import ModelUnavailable
from album.core.pipeline.exif import NamedRegion, PhotoMeta
from album.core.pipeline.media import (
    LoadedPhoto,
    PhotoError,
    content_hash,
    decode_photo,
    decode_video_file,
    read_stable,
)
from album.core.pipeline.metadata import read_metadata
from album.core.pipeline.results import FailedFile, PhotoFacts, PhotoUpdate, PlaceNames, StepResult
from album.core.pipeline.scan import FileEntry, ScanResult, discover
from album.core.pipeline.video import VIDEO_EXTRA, is_video_name, video_hash, video_support
from album.core.writable import DiskFull

if TYPE_CHECKING:  # the Library hands the store in; only it and the store package import the store
    from album.core.store.db import KnownFile, Store

log = logging.getLogger(__name__)

OPTIMIZE_EVERY_BATCHES = 40
# A folder that would lose more than this share of its photos in one run looks unplugged, not tidied;
# below MIN_ALARMING removals, deleting is ordinary use.
ALARMING_SHARE = 0.5
MIN_ALARMING = 5


class PhotoStep(Protocol):
    """A per-photo computation added to the pipeline (CLIP vectors and tags, faces).

    A step produces one kind of result (``result_type``, from :mod:`album.core.pipeline.results`); the
    store knows where those go, what a photo has before the step ran on it, and where the model that
    made them is recorded, so a photo processed by another model is pending for the step again.
    """

    name: str
    result_type: type[StepResult]

    def start(self, store: Store) -> None:
        """Load models and prepare the store; raise ModelUnavailable to be skipped for this run."""

    def decode_size(self) -> int:
        """Long side (pixels) of the reduced image this step needs; asked after ``start``."""

    def model_id(self) -> str:
        """The model this step runs now: photos processed by another (or none) are pending for it."""

    def files_stamp(self) -> str | None:
        """The model files ``start`` would load, described without opening them
        (:func:`album.core.models.stamp.files_stamp`); None if there are none. While the stamp is the
        one of the step's last start, its model id is the one it had then, so a run with nothing new
        to do need not load the model to find out."""

    def prepare(self, photo: LoadedPhoto) -> Any:
        """Per-photo work in a decode thread, from the reduced image (e.g. CLIP preprocessing)."""

    def run(self, photo_ids: list[str], prepared: list[Any]) -> Sequence[StepResult | None]:
        """Batched work on the writer thread; returns each photo's results, written with the photo
        (None: nothing to write with it)."""

    def commit(self) -> list[PhotoUpdate]:
        """Once the batch's photos are written: write this step's own records (which point at those
        photos), and return the updates that mark the photos done. A kill before this leaves the
        photos pending for the step, never records pointing at a photo that is not there."""


@dataclass(frozen=True)
class IndexProgress:
    """One progress report: ``phase`` is "waiting" (for another process writing to the library),
    "loading models", "scanning", "matching", "indexing", "paused" or "finishing".

    ``batches`` counts the batches committed so far: when it grows, searches see new photos (the GUI
    refreshes its results then, not on a timer).
    """

    phase: str
    done: int
    total: int
    path: str | None = None
    batches: int = 0


ProgressCallback = Callable[[IndexProgress], None]


@dataclass
class IndexReport:
    """What a run did. Counts are files."""

    found: int = 0
    videos: int = 0  # of ``found``, videos (by name; a Live Photo's clip is part of its still)
    added: int = 0
    updated: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    decoded: int = 0
    refreshed: int = 0  # unchanged files decoded again because a step had not processed them
    reread: int = 0  # unchanged files whose metadata was read again (a sidecar changed), not decoded
    restored: int = 0  # photos that came back after being removed, and got their faces and names back
    unreadable_folders: list[tuple[str, str]] = field(default_factory=list)
    kept_folders: list[KeptFolder] = field(default_factory=list)  # photos not removed: the folder looks offline
    unavailable: list[str] = field(default_factory=list)  # steps skipped, with the reason for the user
    cancelled: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class KeptFolder:
    """A library folder whose vanished photos were kept, not removed, because the folder looks offline
    (an unplugged drive, an unmounted share) rather than tidied: ``album index --prune`` removes them."""

    folder: str
    reason: str  # "empty", "other drive" or "most photos gone"
    kept: int  # photos kept


@dataclass(frozen=True)
class _Job:
    entry: FileEntry
    known: KnownFile | None
    refresh: bool = False  # unchanged file that a step still has to process
    reread: bool = False  # unchanged file whose sidecars changed: read its metadata again, decode nothing


@dataclass
class _Touched:
    """A file whose size/mtime changed but whose content did not (e.g. copied with new times)."""

    entry: FileEntry


@dataclass
class _Reread:
    """An unchanged file whose metadata was read again because its sidecars changed."""

    entry: FileEntry
    meta: PhotoMeta
    places: PlaceNames | None


@dataclass
class _Decoded:
    """A decoded photo reduced to what the writer needs; the image itself is already released."""

    entry: FileEntry
    facts: PhotoFacts
    places: PlaceNames | None
    prepared: dict[str, Any]


Outcome = _Decoded | _Touched | _Reread | PhotoError
RegionsCallback = Callable[[dict[str, tuple[NamedRegion, ...]]], None]


def photo_facts(photo: LoadedPhoto) -> PhotoFacts:
    """What the file itself says about a photo (no id, no step results)."""
    return PhotoFacts(photo.content_hash, photo.format, photo.width, photo.height, photo.meta, datetime.now(),
                      photo.average_colour, photo.phash, photo.sharpness, photo.kind, photo.duration)  # fmt: skip


@dataclass(frozen=True)
class StepFailure:
    """What a step's ``prepare`` raised for one photo (the photo itself is fine and is indexed)."""

    error: BaseException


def _prepare(step: PhotoStep, photo: LoadedPhoto) -> Any:
    try:
        return step.prepare(photo)
    except Exception as exc:
        log.debug("%s could not prepare %r: %r", step.name, photo.entry.path, exc)
        return StepFailure(exc)


def _drive(folder: str) -> str:
    """The device a folder is on (changes when another drive is mounted at the same path)."""
    return str(os.stat(folder).st_dev)


def _is_under(path: bytes, folders: Iterable[bytes]) -> bool:
    return any(path == f or path.startswith(f.rstrip(b"/") + b"/") for f in folders)


@contextmanager
def _cancelled_on_error(pending: deque[tuple[_Job, Future[Outcome]]]) -> Iterator[None]:
    """If the loop fails (a full disk), cancel the decodes not started, so the pool's exit only waits
    for the few running."""
    try:
        yield
    except BaseException:
        for _job, future in pending:
            future.cancel()
        raise


class _BatchWriter:
    """Collects outcomes; every ``batch_size`` photos runs the steps and commits one upsert per table."""

    def __init__(
        self, store: Store, batch_size: int, steps: list[PhotoStep], all_steps: Sequence[PhotoStep],
        known_errors: dict[bytes, tuple[int, int]], taken_ids: set[str], on_regions: RegionsCallback | None = None,
    ) -> None:  # fmt: skip
        self.store = store
        self.taken_ids = taken_ids  # ids of the library's rows, so a new photo's derived id never collides
        self.batch_size = batch_size
        self.steps = steps
        # A photo new or changed gets every step's results reset.
        self.reset = tuple(step.result_type for step in all_steps)
        self.known_errors = known_errors
        self.decoded: list[tuple[_Decoded, _Job]] = []
        self.touched: list[PhotoUpdate] = []
        self.errors: list[FailedFile] = []
        self.cleared: list[str] = []
        self.on_regions = on_regions
        self.regions: dict[bytes, tuple[NamedRegion, ...]] = {}  # named face regions of the batch's photos
        self.batches = 0
        self.saved = 0  # photos decoded and written by this run
        self.restored = 0  # photos that came back and got the faces (and names) they had
        self.unavailable: list[str] = []  # steps turned off during the run, with why

    def add(self, outcome: Outcome, job: _Job) -> None:
        path_bytes = job.entry.path_bytes
        if isinstance(outcome, PhotoError):
            self.errors.append(FailedFile(job.entry, outcome.kind, outcome.reason))
        else:
            if isinstance(outcome, _Touched):
                assert job.known is not None
                self.touched.append(PhotoUpdate(job.known.id, entry=outcome.entry))
            elif isinstance(outcome, _Reread):
                assert job.known is not None
                self.touched.append(PhotoUpdate(job.known.id, entry=outcome.entry, places=outcome.places,
                                                meta=outcome.meta))  # fmt: skip
                self._note_regions(path_bytes, outcome.meta)
            else:
                self.decoded.append((outcome, job))
                self._note_regions(path_bytes, outcome.facts.meta)
            if path_bytes in self.known_errors:
                self.cleared.append(self.store.error_id(path_bytes))
        if len(self.decoded) + len(self.touched) + len(self.errors) >= self.batch_size:
            self.flush()

    def _note_regions(self, path_bytes: bytes, meta: PhotoMeta) -> None:
        if self.on_regions is not None and any(r.box is not None for r in meta.regions):
            self.regions[path_bytes] = meta.regions

    def _name_regions(self, ids: dict[bytes, str]) -> None:
        """Once the batch's faces are written: hand the named regions over (they name the faces in them)."""
        regions = {ids[path]: found for path, found in self.regions.items() if path in ids}
        self.regions = {}
        if regions and self.on_regions is not None:
            try:
                self.on_regions(regions)
            except DiskFull:
                raise
            except Exception:  # naming is a bonus: the photos and their faces are written either way
                log.exception("could not name the faces of %d photos from their regions", len(regions))

    def _updates(self) -> tuple[list[PhotoUpdate], list[PhotoUpdate]]:
        """New photos, and overlays for photos already in the store (which keep what is not given)."""
        ids = []
        for _decoded, job in self.decoded:
            photo_id = job.known.id if job.known else self.store.new_photo_id(job.entry.path_bytes, self.taken_ids)
            self.taken_ids.add(photo_id)
            ids.append(photo_id)
        results: list[list[StepResult]] = [[] for _ in self.decoded]
        for step in list(self.steps):
            prepared = [d.prepared.get(step.name) for d, _job in self.decoded]
            good = [i for i, p in enumerate(prepared) if not isinstance(p, StepFailure)]
            failures = [p for p in prepared if isinstance(p, StepFailure)]
            if failures and not good:  # the model fails on every photo: not the photos' fault
                self._step_failed(step, failures[0].error)
                continue
            try:
                outputs = step.run([ids[i] for i in good], [prepared[i] for i in good])
            except Exception as exc:
                self._step_failed(step, exc)
                continue
            for i, output in zip(good, outputs, strict=True):
                if output is not None:
                    results[i].append(output)
        new: list[PhotoUpdate] = []
        overlays: list[PhotoUpdate] = []
        for photo_id, (decoded, job), result in zip(ids, self.decoded, results, strict=True):
            same = job.known is not None and job.refresh and decoded.facts.content_hash == job.known.content_hash
            update = PhotoUpdate(
                photo_id, decoded.entry, decoded.facts, decoded.places, tuple(result), None if same else self.reset
            )
            (new if job.known is None else overlays).append(update)
        return new, overlays

    def _step_failed(self, step: PhotoStep, error: BaseException) -> None:
        """A model that fails while running stops its step for this run, never the run: photos are
        indexed without it and stay pending for it, so a later run (with a working model) catches up."""
        log.error("the %s step failed and is off for this run: %r", step.name, error, exc_info=error)
        if step in self.steps:
            self.steps.remove(step)  # the decode threads share this list: they stop preparing for it
            self.unavailable.append(
                f"{step.name}: the model failed ({error.__class__.__name__}: {error}); photos are indexed "
                "without it; check its files (album models)"
            )

    def flush(self) -> None:
        if not (self.decoded or self.touched or self.errors or self.cleared):
            return
        new, overlays = self._updates()
        self.store.insert_photos(new)
        self.saved += len(new)
        self.store.update_photos(overlays + self.touched)
        self.saved += len(overlays)
        for step in list(self.steps):  # records that point at photos only once the photos are written
            try:
                self.store.update_photos(step.commit())
            except DiskFull:  # not the model's fault: the run stops (the photos stay pending for the step)
                raise
            except Exception as exc:
                self._step_failed(step, exc)
        self.restored += self.store.restore_faces({p.id: p.facts.content_hash for p in new if p.facts})
        self._name_regions({p.entry.path_bytes: p.id for p in new + overlays + self.touched if p.entry})
        self.store.record_failures(self.errors)
        self.store.clear_errors(self.cleared)
        self.decoded, self.touched, self.errors, self.cleared = [], [], [], []
        self.batches += 1
        if self.batches % OPTIMIZE_EVERY_BATCHES == 0:
            self.store.optimize()


class Indexer:
    """Keeps a :class:`Store` in step with folders of photos.

    Args:
        store: the library to update.
        thumbs_dir: where thumbnails are cached (keyed by content hash).
        settings: decode sizes, limits, batch size and worker count.
        exclude: folders never indexed, e.g. album's own data directories.
        steps: extra per-photo steps (CLIP, faces); one whose model is unavailable is skipped and
            reported, and the photos it missed are done by a later run.
        gazetteer: names the place and country of photos with GPS (offline reverse geocoding).
        on_regions: called on the writer thread, once a batch's photos and faces are written, with the
            named face regions of its photos (by photo id), to name the faces detected in them.
    """

    def __init__(
        self,
        store: Store,
        thumbs_dir: Path,
        settings: IndexSettings | None = None,
        exclude: Sequence[str] = (),
        steps: Sequence[PhotoStep] = (),
        gazetteer: Gazetteer | None = None,
        on_regions: RegionsCallback | None = None,
    ) -> None:
        self.store = store
        self.on_regions = on_regions
        self.gazetteer = gazetteer
        self.thumbs_dir = thumbs_dir
        self.settings = settings or IndexSettings()
        self.exclude = list(exclude)
        self.steps = list(steps)
        self._decode_settings = self.settings
        self._writer: _BatchWriter | None = None  # the current run's, to say how far a failed run got
        self._videos_readable = True  # PyAV is there (asked by each run that found videos)

    def run(
        self,
        roots: Iterable[str],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        pause: threading.Event | None = None,
        prune: bool = False,
    ) -> IndexReport:
        """Bring the library up to date with ``roots`` (folders or files). Safe to kill at any moment.

        Photos whose files are gone are removed, except in a folder that looks offline (empty, on
        another drive than last time, or losing most of its photos at once): those are kept and listed
        in ``kept_folders`` unless ``prune`` is set.

        While ``pause`` is set, no new photo is started and what is done is written, so a paused run
        uses no CPU once the photos in flight are finished; clearing it carries on.

        Raises:
            DiskFull: the library's or the thumbnails' disk filled up; every batch committed before is
                kept (``saved`` says how many photos) and a later run resumes from there.
        """
        started = time.monotonic()
        self._writer = None
        try:
            return self._run(roots, progress, cancel, pause, prune, started)
        except DiskFull as exc:  # say how far the run got: what it saved is kept
            saved = self._writer.saved if self._writer is not None else 0
            log.info("the disk is full (%s); stopping after %d photos", exc.where, saved)
            raise DiskFull(exc.where, saved) from exc

    def _run(
        self,
        roots: Iterable[str],
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
        pause: threading.Event | None,
        prune: bool,
        started: float,
    ) -> IndexReport:
        report_progress = progress or (lambda _p: None)
        cancel = cancel or threading.Event()
        report = IndexReport()

        report_progress(IndexProgress("scanning", 0, 0))
        scan = discover(roots, exclude=self.exclude)
        report.found = len(scan.files)
        report.videos = sum(is_video_name(entry.path) for entry in scan.files)
        report.unreadable_folders = scan.unreadable
        known = self.store.known_files()
        known_errors = self.store.known_errors()
        settled_errors = self.store.settled_errors()

        todo: list[_Job] = []
        unchanged: list[_Job] = []
        seen: set[bytes] = set()
        self._videos_readable = not report.videos or video_support()
        waiting: list[_Job] = []  # new or changed videos without video support: only their moves are found
        for entry in scan.files:
            path_bytes = entry.path_bytes
            seen.add(path_bytes)
            row = known.get(path_bytes)
            stamp = (entry.size, entry.mtime_ns)
            waits = not self._videos_readable and is_video_name(entry.path)
            if row is not None and (row.size, row.mtime_ns) == stamp:
                if waits:
                    report.unchanged += 1  # indexed while video support was there: kept as it is
                else:  # sidecars changed (or were never read: a library from before schema 7): read them again
                    unchanged.append(_Job(entry, row, refresh=True, reread=row.sidecars != entry.sidecar_stamp))
            elif row is None and settled_errors.get(path_bytes) == stamp:
                report.unchanged += 1  # failed for good before and has not changed since: do not retry
            elif waits:
                waiting.append(_Job(entry, row))
            else:
                todo.append(_Job(entry, row))
        active = self._start_steps(report, report_progress, anything_new=bool(todo))  # rereads need no model
        needed = max([self.settings.thumb_size, *(step.decode_size() for step in active)])
        self._decode_settings = dataclasses.replace(self.settings, decode_size=self.settings.decode_size or needed)
        pending = self._pending_paths(active)
        for job in unchanged:
            if job.entry.path_bytes in pending:
                todo.append(dataclasses.replace(job, reread=False))  # decoded again: its metadata is read too
            elif job.reread:
                todo.append(dataclasses.replace(job, refresh=False))
            else:
                report.unchanged += 1

        covered = [os.fsencode(r) for r in scan.roots]
        blind = [os.fsencode(p) for p, _reason in scan.unreadable]
        missing = [
            row for path_bytes, row in known.items()
            if path_bytes not in seen and _is_under(path_bytes, covered) and not _is_under(path_bytes, blind)
        ]  # fmt: skip
        # Waiting videos take part: a video's hash needs no PyAV, so one moved while it is missing keeps its row.
        todo, moved = self._match_moves(todo + waiting, missing, report_progress, cancel)
        waiting_paths = {job.entry.path for job in waiting}
        left = sum(job.entry.path in waiting_paths for job in todo)
        todo = [job for job in todo if job.entry.path not in waiting_paths]
        if left:
            report.unavailable.append(f"videos: {left} video{'s' * (left != 1)} not indexed: video support is "
                                      f"not installed (pip install '{VIDEO_EXTRA}')")  # fmt: skip
        report.moved = len(moved)
        self.store.update_photos(moved)
        moved_ids = {m.id for m in moved}
        still_missing = [row for row in missing if row.id not in moved_ids]
        report.kept_folders = [] if prune else self._offline_folders(scan, known, still_missing)
        kept = [os.fsencode(k.folder) for k in report.kept_folders]
        gone = [row.id for row in still_missing if not _is_under(row.path_bytes, kept)]
        if not cancel.is_set():
            self._remember_drives(scan.roots, kept)
            self.store.delete_photos(gone)
            report.removed = len(gone)
            stale_errors = [
                self.store.error_id(p) for p in known_errors
                if p not in seen and _is_under(p, covered) and not _is_under(p, blind)
            ]  # fmt: skip
            self.store.clear_errors(stale_errors)

        self.store.expire_tombstones()
        self._geocode_unnamed(cancel)
        taken_ids = {row.id for row in known.values()}
        writer = _BatchWriter(
            self.store, self.settings.batch_size, active, self.steps, known_errors, taken_ids, self.on_regions
        )
        self._writer = writer
        self._decode_all(todo, report, report_progress, cancel, writer, active, pause or threading.Event())
        report_progress(IndexProgress("finishing", 0, 0, batches=writer.batches))
        report.restored = writer.restored
        report.unavailable += writer.unavailable
        self.store.optimize()
        self.store.ensure_indexes()
        report.cancelled = cancel.is_set()
        report.seconds = time.monotonic() - started
        return report

    def _offline_folders(
        self, scan: ScanResult, known: dict[bytes, KnownFile], missing: list[KnownFile]
    ) -> list[KeptFolder]:
        """The roots whose vanished photos look like an unplugged drive rather than deleted files."""
        kept = []
        for root in scan.roots:
            folder = os.fsencode(root)
            gone = sum(1 for row in missing if _is_under(row.path_bytes, [folder]))
            if not gone:
                continue
            had = sum(1 for path in known if _is_under(path, [folder]))
            found = sum(1 for entry in scan.files if _is_under(entry.path_bytes, [folder]))
            last_drive = self.store.folder_drive(root)
            if found == 0:
                reason = "empty"
            elif last_drive is not None and last_drive != _drive(root):
                reason = "other drive"
            elif gone >= MIN_ALARMING and gone > ALARMING_SHARE * had:
                reason = "most photos gone"
            else:
                continue
            log.warning("keeping %d photos of %s: %s", gone, root, reason)
            kept.append(KeptFolder(root, reason, gone))
        return kept

    def _remember_drives(self, roots: Sequence[str], kept: Sequence[bytes]) -> None:
        """Which drive each folder is on, to notice a different drive mounted at the same place."""
        for root in roots:
            if os.path.isdir(root) and os.fsencode(root) not in kept:
                self.store.set_folder_drive(root, _drive(root))

    def _places(self, meta: PhotoMeta) -> PlaceNames | None:
        if self.gazetteer is None or meta.lat is None or meta.lon is None:
            return None
        return self._location_names(meta.lat, meta.lon)

    def _location_names(self, lat: float, lon: float) -> PlaceNames:
        assert self.gazetteer is not None
        where = self.gazetteer.reverse(lat, lon)
        return PlaceNames(where.place, where.country, where.region or "")

    def _geocode_unnamed(self, cancel: threading.Event) -> None:
        """Name the places of photos indexed before album knew regions (a library from schema 3)."""
        if self.gazetteer is None:
            return
        rows = self.store.ungeocoded()
        for start in range(0, len(rows), self.settings.batch_size):
            if cancel.is_set():
                return
            batch = rows[start : start + self.settings.batch_size]
            self.store.update_photos([PhotoUpdate(i, places=self._location_names(lat, lon)) for i, lat, lon in batch])

    def _start_steps(self, report: IndexReport, progress: ProgressCallback, anything_new: bool) -> list[PhotoStep]:
        """Start (load the model of) each step that has work: every step if a photo is new or changed,
        else those whose model changed or that have not processed every photo yet. A run with nothing
        to do loads no model."""
        wanted = self.steps if anything_new else [step for step in self.steps if self._has_work(step)]
        if wanted:
            progress(IndexProgress("loading models", 0, 0))
        active = []
        for step in wanted:
            try:
                step.start(self.store)
            except ModelUnavailable as exc:
                log.info("%s step skipped: %s", step.name, exc)
                report.unavailable.append(f"{step.name}: {exc}")
            except DiskFull:
                raise
            except Exception as exc:  # a damaged or wrong model file must cost its step, not the run
                log.exception("%s step could not start", step.name)
                report.unavailable.append(
                    f"{step.name}: its model could not be loaded ({exc.__class__.__name__}: {exc}); "
                    "check its files (album models)"
                )
            else:
                active.append(step)
                stamp = step.files_stamp()  # after start, which may have downloaded the files
                if stamp is not None:
                    self.store.set_step_model(step.name, stamp, step.model_id())
        return active

    def _has_work(self, step: PhotoStep) -> bool:
        """Whether some photo is pending for ``step``, found without loading its model when its files
        are those of its last start (whose model id the store remembers)."""
        remembered, stamp = self.store.step_model(step.name), step.files_stamp()
        if remembered is None or stamp is None or remembered[0] != stamp:
            return True  # a new or changed model, or none: starting the step says which
        pending = self.store.unprocessed_paths([(step.result_type, remembered[1])])
        return any(self._videos_readable or not is_video_name(os.fsdecode(path)) for path in pending)

    def _pending_paths(self, steps: Sequence[PhotoStep]) -> set[bytes]:
        return self.store.unprocessed_paths([(step.result_type, step.model_id()) for step in steps])

    def _match_moves(
        self,
        todo: list[_Job],
        missing: list[KnownFile],
        progress: ProgressCallback,
        cancel: threading.Event,
    ) -> tuple[list[_Job], list[PhotoUpdate]]:
        """Find new paths that hold the content of vanished rows: those files were moved or renamed.

        Only new files with the size of some vanished file are hashed, so a plain import of new
        photos hashes nothing here.
        """
        missing_sizes = {row.size for row in missing}
        candidates = [job for job in todo if job.known is None and job.entry.size in missing_sizes]
        if not candidates:
            return todo, []
        by_hash = {row.content_hash: row for row in missing}
        moved: list[PhotoUpdate] = []
        moved_paths: set[str] = set()
        for done, job in enumerate(candidates):
            if cancel.is_set():
                break
            progress(IndexProgress("matching", done, len(candidates), job.entry.path))
            try:
                fresh, _data, digest = self._read(job.entry)
            except PhotoError:
                continue  # the decode step will record the problem
            row = by_hash.pop(digest, None)
            if row is not None:
                moved.append(PhotoUpdate(row.id, entry=fresh))
                moved_paths.add(job.entry.path)
        return [job for job in todo if job.entry.path not in moved_paths], moved

    def _read(self, entry: FileEntry) -> tuple[FileEntry, bytes | None, str]:
        """A file as it is now, its bytes (None for a video: it is decoded from its file, never read
        whole) and its content hash."""
        if not is_video_name(entry.path):
            fresh, data = read_stable(entry, self.settings.max_file_bytes)
            return fresh, data, content_hash(data)
        try:
            st = os.stat(entry.path)
            fresh = dataclasses.replace(entry, size=st.st_size, mtime_ns=st.st_mtime_ns)
            return fresh, None, video_hash(entry.path, st.st_size)
        except FileNotFoundError:
            raise PhotoError("vanished", "the file disappeared while it was being indexed") from None
        except OSError as exc:
            raise PhotoError("unreadable", exc.strerror or str(exc)) from None

    def _load(self, job: _Job, steps: Sequence[PhotoStep]) -> Outcome:
        """Runs in a worker thread: read once, hash, decode unless the content is unchanged, prepare."""
        try:
            fresh, data, digest = self._read(job.entry)
            if job.known is not None and digest == job.known.content_hash and job.reread and data is not None:
                meta = read_metadata(data, fresh).meta
                return _Reread(fresh, meta, self._places(meta))
            if job.known is not None and digest == job.known.content_hash and not job.refresh:
                return _Touched(fresh)
            if data is None:
                photo = decode_video_file(fresh, digest, self._decode_settings, self.thumbs_dir)
            else:
                photo = decode_photo(fresh, data, digest, self._decode_settings, self.thumbs_dir)
            places = self._places(photo.meta)
            prepared = {step.name: _prepare(step, photo) for step in list(steps)}
            return _Decoded(photo.entry, photo_facts(photo), places, prepared)
        except PhotoError as exc:
            return exc
        except DiskFull:  # the disk's fault, not the photo's: the run stops
            raise
        except Exception as exc:  # a bug or a library failure must cost one photo, not the run
            log.exception("unexpected failure indexing %r", job.entry.path)
            return PhotoError("internal", f"unexpected error: {exc!r}")

    def _decode_all(
        self,
        todo: list[_Job],
        report: IndexReport,
        progress: ProgressCallback,
        cancel: threading.Event,
        writer: _BatchWriter,
        steps: Sequence[PhotoStep],
        pause: threading.Event,
    ) -> None:
        progress(IndexProgress("indexing", 0, len(todo)))
        workers = self.settings.workers
        # Deep enough that the pool keeps decoding while the writer runs a batch through the steps.
        depth = self.settings.batch_size + 2 * workers
        queue = iter(todo)
        pending: deque[tuple[_Job, Future[Outcome]]] = deque()
        with (
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="album-decode") as pool,
            _cancelled_on_error(pending),
        ):

            def refill() -> None:
                while len(pending) < depth and not cancel.is_set() and not pause.is_set():
                    job = next(queue, None)
                    if job is None:
                        return
                    pending.append((job, pool.submit(self._load, job, steps)))

            refill()
            done = 0
            while pending or (pause.is_set() and not cancel.is_set()):
                if not pending:  # paused and drained: save what is done, then wait
                    writer.flush()
                    progress(IndexProgress("paused", done, len(todo), batches=writer.batches))
                    while pause.is_set() and not cancel.is_set():
                        cancel.wait(0.1)
                    refill()
                    continue
                job, future = pending.popleft()
                if cancel.is_set():
                    future.cancel()
                    continue
                outcome = future.result()
                refill()
                writer.add(outcome, job)
                done += 1
                if isinstance(outcome, PhotoError):
                    report.failed += 1
                elif isinstance(outcome, _Touched):
                    report.unchanged += 1
                elif isinstance(outcome, _Reread):
                    report.reread += 1
                elif job.refresh:
                    report.decoded += 1
                    report.refreshed += 1
                else:
                    report.decoded += 1
                    if job.known is None:
                        report.added += 1
                    else:
                        report.updated += 1
                progress(IndexProgress("indexing", done, len(todo), job.entry.path, writer.batches))
        writer.flush()
