"""The indexing pipeline: folders in, an up-to-date library out.

``Indexer.run`` is mark-and-sweep over the file system:

1. **scan** the folders (:mod:`album.core.scan`);
2. **classify** every file against the library by (path, size, mtime): unchanged files cost nothing;
3. **match moves**: a new path whose content hash equals a vanished row's is that row, renamed —
   its id and everything computed for it are kept;
4. **remove** rows whose files are gone (never for folders that could not be read);
5. **decode** new and changed files in a thread pool, one read + one reduced decode each
   (:func:`album.core.media.decode_photo`), and write them in batches of atomic upserts.

Progress is reported through a plain callback and cancellation through a ``threading.Event``
checked between photos, so the CLI and the GUI's QThread worker drive the very same code.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from album.core.config import IndexSettings
from album.core.media import LoadedPhoto, PhotoError, content_hash, decode_photo, read_stable
from album.core.scan import FileEntry, discover
from album.core.store import KnownFile, Store, display_path, error_row

log = logging.getLogger(__name__)

OPTIMIZE_EVERY_BATCHES = 40


@dataclass(frozen=True)
class IndexProgress:
    """One progress report: ``phase`` is "scanning", "matching", "indexing" or "finishing"."""

    phase: str
    done: int
    total: int
    path: str | None = None


ProgressCallback = Callable[[IndexProgress], None]


@dataclass
class IndexReport:
    """What a run did. Counts are files."""

    found: int = 0
    added: int = 0
    updated: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    decoded: int = 0
    unreadable_folders: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0


@dataclass
class _Touched:
    """A file whose size/mtime changed but whose content did not (e.g. copied with new times)."""

    entry: FileEntry


Outcome = LoadedPhoto | _Touched | PhotoError


def photo_row(photo: LoadedPhoto, photo_id: str) -> dict[str, Any]:
    """The ``photos`` table row for a freshly decoded photo."""
    meta = photo.meta
    path_bytes = photo.entry.path_bytes
    return {
        "id": photo_id,
        "path": display_path(path_bytes),
        "path_bytes": path_bytes,
        "folder": display_path(os.path.dirname(path_bytes)),
        "size": photo.entry.size,
        "mtime_ns": photo.entry.mtime_ns,
        "content_hash": photo.content_hash,
        "format": photo.format,
        "width": photo.width,
        "height": photo.height,
        "taken_at": meta.taken_at,
        "tz_offset_min": meta.tz_offset_min,
        "date_source": meta.date_source,
        "lat": meta.lat,
        "lon": meta.lon,
        "alt": meta.alt,
        "camera_make": meta.camera_make,
        "camera_model": meta.camera_model,
        "camera": meta.camera,
        "lens": meta.lens,
        "orientation": meta.orientation,
        "tags": [],
        "person_ids": [],
        "indexed_at": datetime.now(),
    }


def _location_fields(entry: FileEntry) -> dict[str, Any]:
    path_bytes = entry.path_bytes
    return {
        "path": display_path(path_bytes),
        "path_bytes": path_bytes,
        "folder": display_path(os.path.dirname(path_bytes)),
        "size": entry.size,
        "mtime_ns": entry.mtime_ns,
    }


def _is_under(path: bytes, folders: Iterable[bytes]) -> bool:
    return any(path == f or path.startswith(f.rstrip(b"/") + b"/") for f in folders)


class _BatchWriter:
    """Collects outcomes and commits them every ``batch_size`` photos, one atomic upsert per table."""

    def __init__(self, store: Store, batch_size: int, known_errors: dict[bytes, tuple[int, int]]) -> None:
        self.store = store
        self.batch_size = batch_size
        self.known_errors = known_errors
        self.rows: list[dict[str, Any]] = []
        self.touched: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.cleared: list[str] = []
        self.batches = 0

    def add(self, outcome: Outcome, entry: FileEntry, known: KnownFile | None) -> None:
        path_bytes = entry.path_bytes
        if isinstance(outcome, PhotoError):
            self.errors.append(error_row(path_bytes, entry.size, entry.mtime_ns, outcome.kind, outcome.reason))
        else:
            if isinstance(outcome, _Touched):
                assert known is not None
                self.touched.append({"id": known.id, **_location_fields(outcome.entry)})
            else:
                self.rows.append(photo_row(outcome, known.id if known else uuid.uuid4().hex))
            if path_bytes in self.known_errors:
                self.cleared.append(error_row(path_bytes, None, None, "", "")["id"])
        if len(self.rows) + len(self.touched) + len(self.errors) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not (self.rows or self.touched or self.errors or self.cleared):
            return
        self.store.upsert_photos(self.rows)
        self.store.update_photo_fields(self.touched)
        self.store.record_errors(self.errors)
        self.store.clear_errors(self.cleared)
        self.rows, self.touched, self.errors, self.cleared = [], [], [], []
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
    """

    def __init__(
        self,
        store: Store,
        thumbs_dir: Path,
        settings: IndexSettings | None = None,
        exclude: Sequence[str] = (),
    ) -> None:
        self.store = store
        self.thumbs_dir = thumbs_dir
        self.settings = settings or IndexSettings()
        self.exclude = list(exclude)

    def run(
        self,
        roots: Iterable[str],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> IndexReport:
        """Bring the library up to date with ``roots`` (folders or files). Safe to kill at any moment."""
        started = time.monotonic()
        report_progress = progress or (lambda _p: None)
        cancel = cancel or threading.Event()
        report = IndexReport()

        report_progress(IndexProgress("scanning", 0, 0))
        scan = discover(roots, exclude=self.exclude)
        report.found = len(scan.files)
        report.unreadable_folders = scan.unreadable
        known = self.store.known_files()
        known_errors = self.store.known_errors()

        todo: list[tuple[FileEntry, KnownFile | None]] = []
        seen: set[bytes] = set()
        for entry in scan.files:
            path_bytes = entry.path_bytes
            seen.add(path_bytes)
            row = known.get(path_bytes)
            stamp = (entry.size, entry.mtime_ns)
            if row is not None and (row.size, row.mtime_ns) == stamp:
                report.unchanged += 1
            elif row is None and known_errors.get(path_bytes) == stamp:
                report.unchanged += 1  # failed before and has not changed since: do not retry
            else:
                todo.append((entry, row))

        covered = [os.fsencode(r) for r in scan.roots]
        blind = [os.fsencode(p) for p, _reason in scan.unreadable]
        missing = [
            row for path_bytes, row in known.items()
            if path_bytes not in seen and _is_under(path_bytes, covered) and not _is_under(path_bytes, blind)
        ]  # fmt: skip
        todo, moved = self._match_moves(todo, missing, report_progress, cancel)
        report.moved = len(moved)
        self.store.update_photo_fields(moved)
        moved_ids = {m["id"] for m in moved}
        gone = [row.id for row in missing if row.id not in moved_ids]
        if not cancel.is_set():
            self.store.delete_photos(gone)
            report.removed = len(gone)
            stale_errors = [
                error_row(p, None, None, "", "")["id"] for p in known_errors
                if p not in seen and _is_under(p, covered) and not _is_under(p, blind)
            ]  # fmt: skip
            self.store.clear_errors(stale_errors)

        self._decode_all(todo, report, report_progress, cancel, known_errors)
        report_progress(IndexProgress("finishing", 0, 0))
        self.store.optimize()
        report.cancelled = cancel.is_set()
        report.seconds = time.monotonic() - started
        return report

    def _match_moves(
        self,
        todo: list[tuple[FileEntry, KnownFile | None]],
        missing: list[KnownFile],
        progress: ProgressCallback,
        cancel: threading.Event,
    ) -> tuple[list[tuple[FileEntry, KnownFile | None]], list[dict[str, Any]]]:
        """Find new paths that hold the content of vanished rows: those files were moved or renamed.

        Only new files with the size of some vanished file are hashed, so a plain import of new
        photos hashes nothing here.
        """
        missing_sizes = {row.size for row in missing}
        candidates = [(e, k) for e, k in todo if k is None and e.size in missing_sizes]
        if not candidates:
            return todo, []
        by_hash = {row.content_hash: row for row in missing}
        moved: list[dict[str, Any]] = []
        moved_paths: set[str] = set()
        for done, (entry, _known) in enumerate(candidates):
            if cancel.is_set():
                break
            progress(IndexProgress("matching", done, len(candidates), entry.path))
            try:
                fresh, data = read_stable(entry, self.settings.max_file_bytes)
            except PhotoError:
                continue  # the decode step will record the problem
            row = by_hash.pop(content_hash(data), None)
            if row is not None:
                moved.append({"id": row.id, **_location_fields(fresh)})
                moved_paths.add(entry.path)
        return [(e, k) for e, k in todo if e.path not in moved_paths], moved

    def _load(self, entry: FileEntry, known: KnownFile | None) -> Outcome:
        """Runs in a worker thread: read once, hash, and decode unless the content is unchanged."""
        try:
            fresh, data = read_stable(entry, self.settings.max_file_bytes)
            digest = content_hash(data)
            if known is not None and digest == known.content_hash:
                return _Touched(fresh)
            return decode_photo(fresh, data, digest, self.settings, self.thumbs_dir)
        except PhotoError as exc:
            return exc
        except Exception as exc:  # a bug or a library failure must cost one photo, not the run
            log.exception("unexpected failure indexing %r", entry.path)
            return PhotoError("internal", f"unexpected error: {exc!r}")

    def _decode_all(
        self,
        todo: list[tuple[FileEntry, KnownFile | None]],
        report: IndexReport,
        progress: ProgressCallback,
        cancel: threading.Event,
        known_errors: dict[bytes, tuple[int, int]],
    ) -> None:
        writer = _BatchWriter(self.store, self.settings.batch_size, known_errors)
        progress(IndexProgress("indexing", 0, len(todo)))
        workers = self.settings.workers
        queue = iter(todo)
        pending: deque[tuple[FileEntry, KnownFile | None, Future[Outcome]]] = deque()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="album-decode") as pool:

            def refill() -> None:
                while len(pending) < workers * 4 and not cancel.is_set():
                    item = next(queue, None)
                    if item is None:
                        return
                    pending.append((item[0], item[1], pool.submit(self._load, *item)))

            refill()
            done = 0
            while pending:
                entry, known, future = pending.popleft()
                if cancel.is_set():
                    future.cancel()
                    continue
                outcome = future.result()
                writer.add(outcome, entry, known)
                done += 1
                if isinstance(outcome, PhotoError):
                    report.failed += 1
                elif isinstance(outcome, _Touched):
                    report.unchanged += 1
                else:
                    report.decoded += 1
                    if known is None:
                        report.added += 1
                    else:
                        report.updated += 1
                progress(IndexProgress("indexing", done, len(todo), entry.path))
                refill()
        writer.flush()
