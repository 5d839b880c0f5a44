"""The library database: one LanceDB directory holding photos, per-file errors, faces and people.

This module (with face_store.py for the faces and people tables) is all that talks to LanceDB. Every
write is a ``merge_insert`` keyed on a stable id, which LanceDB commits atomically: a crash or kill
loses at most the batch in flight and never leaves a duplicate or half-written row, so a re-run
simply resumes. Many small commits leave old
versions and small fragments behind; :meth:`Store.optimize` compacts them.

The schema carries a version in the ``meta`` table. Opening a database written by an older album
migrates it step by step; one written by a newer album is refused rather than damaged.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from album import __version__
from album.core.lazy_sequence import LazySequence
from album.core.pipeline.results import FailedFile, PhotoUpdate, StepResult
from album.core.pipeline.scan import display_path
from album.core.query.model import Query
from album.core.records import FileError, LibraryStats, Photo
from album.core.store.filters import to_where
from album.core.store.frames import FrameStore
from album.core.store.lock import WriterLock
from album.core.store.rows import MARKERS, VECTOR_COLUMN, photo_columns
from album.core.store.sql import chunks, in_clause, sql_string
from album.core.store.text_search import ensure_text_indexes, written_rows
from album.core.writable import disk_full_as_error

if TYPE_CHECKING:
    from lancedb.query import LanceVectorQueryBuilder

    from album.core.store.faces import FaceStore

log = logging.getLogger(__name__)

SCHEMA_VERSION = 8

PHOTOS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),  # for display; exact bytes in path_bytes
        pa.field("path_bytes", pa.binary(), nullable=False),
        pa.field("folder", pa.string()),
        pa.field("size", pa.int64()),
        pa.field("mtime_ns", pa.int64()),
        pa.field("content_hash", pa.string()),
        pa.field("format", pa.string()),
        pa.field("width", pa.int32()),
        pa.field("height", pa.int32()),
        pa.field("taken_at", pa.timestamp("us")),  # wall-clock time as the camera recorded it
        pa.field("tz_offset_min", pa.int32()),
        pa.field("date_source", pa.string()),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("alt", pa.float64()),
        pa.field("place", pa.string()),
        pa.field("country", pa.string()),
        pa.field("camera_make", pa.string()),
        pa.field("camera_model", pa.string()),
        pa.field("camera", pa.string()),  # make + model for display and filtering
        pa.field("lens", pa.string()),
        pa.field("orientation", pa.int32()),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("person_ids", pa.list_(pa.string())),
        pa.field("indexed_at", pa.timestamp("us")),
        # schema 2: semantic search. Which model made clip_vector (null: not encoded yet), and the
        # zero-shot tags' scores, parallel to `tags`.
        pa.field("clip_model", pa.string()),
        pa.field("tag_scores", pa.list_(pa.float32())),
        # schema 3: faces. Which face models processed the photo (null: not yet), and how many faces.
        pa.field("faces_model", pa.string()),
        pa.field("face_count", pa.int32()),
        # schema 4: the admin region (state, province) from reverse geocoding; "" = none found.
        pa.field("region", pa.string()),
        # schema 6: metadata fields present in the file but unreadable or impossible, left out.
        pa.field("dropped_fields", pa.list_(pa.string())),
        # schema 7: what the user wrote in other apps (XMP/IPTC/takeout): their keywords, title, caption, stars.
        pa.field("keywords", pa.list_(pa.string())),
        pa.field("title", pa.string()),
        pa.field("description", pa.string()),
        pa.field("rating", pa.int32()),  # 0–5 stars, -1 rejected, null unrated
        pa.field("label", pa.string()),  # colour label, e.g. "Red"
        # schema 7: the user's own marks, kept in the library and never written to the photo file. The
        # pipeline's row writes (store/rows.py) never name these columns, so a re-index or a changed file
        # keeps them. user_rating: 0–5 stars (null: the file's rating shows); album_ids: the manual albums
        # holding the photo, kept in step with the album_photos table (store/albums.py) so `album:` filters
        # inside the database query.
        pa.field("favourite", pa.bool_()),
        pa.field("user_rating", pa.int32()),
        pa.field("album_ids", pa.list_(pa.string())),
        # schema 7: the sidecars (XMP, takeout JSON) read with the photo, as "name:size:mtime;..." ("" none,
        # null: read by an album that did not read sidecars), and the face regions they or the photo named.
        pa.field("sidecars", pa.string()),
        pa.field("region_names", pa.list_(pa.string())),
        pa.field("region_boxes", pa.list_(pa.float32())),  # x1, y1, x2, y2 per region; NaN: no box
        # schema 7: the photo's mean colour, 0xRRGGBB (the grid's placeholder); null for photos indexed before.
        pa.field("average_colour", pa.int32()),
        # schema 8: duplicates (store/duplicates.py). The perceptual hash and sharpness of the reduced decode
        # (null for photos indexed before), and the user's review: "kept", "extra" (hidden from the photos),
        # "distinct" ("not duplicates"); null: not reviewed. Like favourite, the pipeline never writes it.
        pa.field("phash", pa.int64()),
        pa.field("sharpness", pa.float32()),
        pa.field("duplicate_review", pa.string()),
        # schema 8: videos. "photo", "video" or "live" (a still with its motion clip; null: a photo indexed
        # before), and a video's length in seconds. A video's keyframe vectors are in the frames table.
        pa.field("kind", pa.string()),
        pa.field("duration", pa.float64()),
    ]
)

ERRORS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),  # hash of path_bytes
        pa.field("path", pa.string(), nullable=False),
        pa.field("path_bytes", pa.binary(), nullable=False),
        pa.field("size", pa.int64()),
        pa.field("mtime_ns", pa.int64()),
        pa.field("kind", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("at", pa.timestamp("us")),
        pa.field("album_version", pa.string()),  # schema 6: which album failed on the file
    ]
)

META_SCHEMA = pa.schema([pa.field("key", pa.string(), nullable=False), pa.field("value", pa.string())])


def _add_missing_columns(store: Store) -> None:
    """Add every column of PHOTOS_SCHEMA and ERRORS_SCHEMA the tables lack (as nulls): the additive migrations."""
    for table, schema in ((store.photos, PHOTOS_SCHEMA), (store.errors, ERRORS_SCHEMA)):
        present = set(table.schema.names)
        missing = [f for f in schema if f.name not in present]
        if missing:
            table.add_columns(missing)


def _merge_duplicate_photos(store: Store) -> None:
    """Keep one row per file: album before schema 5 gave new photos random ids, so two indexing runs
    at once could insert the same file twice. The row kept is the one holding the most of the user's
    work: faces the user named first, then the most pipeline steps done, then the latest indexed."""
    columns = ["id", "path_bytes", "clip_model", "faces_model", "indexed_at"]
    rows = store.photos.search().select(columns).limit(None).to_list()
    by_path: dict[bytes, list[dict[str, Any]]] = {}
    for row in rows:
        by_path.setdefault(row["path_bytes"], []).append(row)
    groups = [group for group in by_path.values() if len(group) > 1]
    if not groups:
        return
    named: set[str] = set()
    if "faces" in store.table_names():
        faces = store._db.open_table("faces")
        user_faces = faces.search().where("assigned_by = 'user'").select(["photo_id"]).limit(None).to_arrow()
        named = set(user_faces.column("photo_id").to_pylist())
    drop: list[str] = []
    for group in groups:
        group.sort(key=lambda r: (r["id"] in named, r["clip_model"] is not None, r["faces_model"] is not None,
                                  r["indexed_at"] or datetime.min), reverse=True)  # fmt: skip
        drop += [r["id"] for r in group[1:]]
    log.info("merging %d duplicate photo rows", len(drop))
    store.delete_photos(drop, keep_faces=False)


# Step migrations: MIGRATIONS[n] upgrades a database at version n to n + 1.
MIGRATIONS: dict[int, Callable[[Store], None]] = {
    1: _add_missing_columns,
    2: _add_missing_columns,
    3: _add_missing_columns,
    4: _merge_duplicate_photos,
    5: _add_missing_columns,
    6: _add_missing_columns,
    7: _add_missing_columns,
}

SCALAR_INDEX_MIN_ROWS = 5_000
SCALAR_INDEXES = (
    ("taken_at", "BTREE"), ("lat", "BTREE"), ("lon", "BTREE"), ("clip_model", "BITMAP"),
    ("person_ids", "LABEL_LIST"), ("tags", "LABEL_LIST"), ("path", "BTREE"), ("country", "BITMAP"),
    ("region", "BITMAP"), ("album_ids", "LABEL_LIST"),
)  # fmt: skip
ANN_MIN_ROWS = 20_000  # exact search: ~140 ms at 100k rows, ~30 ms at 20k (bench/search.py)
ANN_NPROBES = 20
# IVF-PQ (32 bytes a 512-d vector) instead of IVF-HNSW-SQ: on a 100k-photo library the first search loaded
# +19 MB in 0.31 s instead of +98 MB in 1.37 s (the window's first answer and idle memory, issue 14);
# 50x the limit re-ranked by exact distance keeps the recall (bench/search.py).
ANN_REFINE = 50
# Re-ranking one ANN candidate (a random read of its vector) costs about what scanning this many rows does in
# an exact search: on 100k rows x 512-d (2026-11-27, 2 cores), 1,000 hits re-ranked from 50,000 candidates took
# 0.46 s, the exact search of every row 0.10 s. So a text search's 1,000 candidates come from an exact scan below
# ~450k photos (the window's first answer), and the index serves small limits and bigger libraries.
REFINE_COST_ROWS = 9
KEEP_VERSIONS_FOR = timedelta(minutes=1)


class _Writes(Protocol):
    write_mutex: threading.RLock
    db_dir: Path


_S = TypeVar("_S", bound=_Writes)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def writes(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """Serialise a method that writes to the library with every other write in this process.

    The GUI edits people while an import writes batches; LanceDB commits racing on one table can
    conflict, so within a process writes take turns (across processes, :class:`WriterLock` does).
    A write that fails because the disk is full raises :class:`~album.core.writable.DiskFull`; LanceDB
    commits atomically, so the library keeps every earlier commit and no part of the failed one.
    """

    @functools.wraps(method)
    def locked(self: _S, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self.write_mutex, disk_full_as_error(self.db_dir):
            return method(self, *args, **kwargs)

    return locked


class StoreError(Exception):
    """The database cannot be used (e.g. written by a newer album)."""


@dataclass(frozen=True)
class KnownFile:
    """What the indexer needs to know about a file already in the library."""

    id: str
    path_bytes: bytes
    size: int
    mtime_ns: int
    content_hash: str
    sidecars: str | None = None  # the sidecar stamp it was read with (None: before album read sidecars)


def new_photo_id(path_bytes: bytes, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """The id of a photo new to the library: derived from its path, so writing the same file twice
    merges instead of adding a second row. A moved photo keeps the id of its old path; a new file at
    that old path then takes the next free id of the same derivation (``taken``: ids in use)."""
    candidate, n = hashlib.blake2b(path_bytes, digest_size=16).hexdigest(), 0
    while candidate in taken:
        n += 1
        candidate = hashlib.blake2b(path_bytes + b"\0" + str(n).encode(), digest_size=16).hexdigest()
    return candidate


def error_id(path_bytes: bytes) -> str:
    """The errors table's key for a path: re-runs overwrite a file's error instead of adding one."""
    return hashlib.blake2b(path_bytes, digest_size=16).hexdigest()


def error_row(path_bytes: bytes, size: int | None, mtime_ns: int | None, kind: str, reason: str) -> dict[str, Any]:
    """A row for the errors table; its id is derived from the path so re-runs overwrite it."""
    return {
        "id": error_id(path_bytes),
        "path": display_path(path_bytes),
        "path_bytes": path_bytes,
        "size": size,
        "mtime_ns": mtime_ns,
        "kind": kind,
        "reason": reason,
        "at": datetime.now(),
        "album_version": __version__,
    }


def _drive_key(folder: str) -> str:
    """The meta key for a folder's drive: a digest of its path bytes (a path need not be valid UTF-8)."""
    return "drive:" + hashlib.blake2b(os.fsencode(folder), digest_size=16).hexdigest()


PHOTO_COLUMNS = [f.name for f in dataclasses.fields(Photo)]
# Copies the user set aside in the duplicates review stay out of the photos, searches and similar photos.
NOT_SET_ASIDE = "(duplicate_review IS NULL OR duplicate_review != 'extra')"


def shown(*clauses: str | None) -> str:
    """The filter for photos the user sees: ``clauses`` (None: no filter) and not set aside as a duplicate."""
    return " AND ".join(f"({c})" for c in (*clauses, NOT_SET_ASIDE) if c)


def photo_from_row(row: dict[str, Any]) -> Photo:
    """A stored row as a :class:`~album.core.records.Photo` record."""
    values: dict[str, Any] = {name: row.get(name) for name in PHOTO_COLUMNS}
    values["tags"] = tuple(row.get("tags") or ())
    values["person_ids"] = tuple(row.get("person_ids") or ())
    values["dropped_fields"] = tuple(row.get("dropped_fields") or ())
    values["keywords"] = tuple(row.get("keywords") or ())
    values["album_ids"] = tuple(row.get("album_ids") or ())
    values["favourite"] = bool(row.get("favourite"))
    values["kind"] = row.get("kind") or "photo"  # rows from before schema 8 are photos
    return Photo(**values)


class PhotoRows(LazySequence[Photo]):
    """Photos over an Arrow table, each record built when first asked for (and kept).

    The window shows every photo of a 100k-photo library in one scrolling grid that paints a few dozen
    at a time: as columns they are 24 MB and 0.9 s, as 100k records 300 MB and ~8 s (measured here).
    Iterating converts in chunks, as fast as converting the whole table at once.
    """

    CHUNK = 1024

    def __init__(self, table: pa.Table) -> None:
        self._table = table
        self._built: dict[int, Photo] = {}

    def __len__(self) -> int:
        return self._table.num_rows

    def _item(self, position: int) -> Photo:
        photo = self._built.get(position)
        if photo is None:
            photo = self._built[position] = photo_from_row(self._table.slice(position, 1).to_pylist()[0])
        return photo

    def aspect_ratios(self) -> np.ndarray:
        """Every photo's upright width / height (NaN where unknown), straight from the columns: the grid
        lays out 100k photos from these without building 100k records (~8 s)."""
        width, height = (self._table.column(name).to_numpy(zero_copy_only=False) for name in ("width", "height"))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.asarray(width, dtype=np.float64) / np.asarray(height, dtype=np.float64)
        return np.where(np.isfinite(ratios) & (ratios > 0), ratios, np.nan)

    def timeline_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """Every photo's day (NaT where unknown) and a code for its town (-1 where unknown), straight from the
        columns: the grid's day headers and the timeline scrubber of 100k photos without building records."""
        taken = self._table.column("taken_at").combine_chunks()
        days = taken.to_numpy(zero_copy_only=False).astype("datetime64[D]")
        places = pc.dictionary_encode(self._table.column("place").combine_chunks()).indices
        return days, pc.fill_null(places, -1).to_numpy(zero_copy_only=False).astype(np.int64)

    def video_count(self) -> int:
        """How many of the photos are videos, from the ``kind`` column (no records built)."""
        if "kind" not in self._table.column_names:
            return 0
        return int(pc.sum(pc.equal(self._table.column("kind"), "video")).as_py() or 0)

    def __iter__(self) -> Iterator[Photo]:
        for start in range(0, len(self), self.CHUNK):
            rows = self._table.slice(start, self.CHUNK).to_pylist()
            yield from (self._built.get(start + i) or photo_from_row(row) for i, row in enumerate(rows))


class Store:
    """The LanceDB library.

    Reads may run on any thread at any time. Writes are serialised within the process (``@writes``);
    a writer across processes must hold :attr:`writer_lock` (the :class:`~album.core.library.Library`
    takes it), which a migration on opening takes by itself.
    """

    # What the pipeline asks of the store without importing it (only the Library and the store import it).
    new_photo_id = staticmethod(new_photo_id)
    error_row = staticmethod(error_row)
    error_id = staticmethod(error_id)

    def __init__(self, db_dir: Path, writer_lock: WriterLock | None = None) -> None:
        self.db_dir = db_dir
        self.write_mutex = threading.RLock()
        self.writer_lock = writer_lock or WriterLock(db_dir)
        db_dir.mkdir(parents=True, exist_ok=True)
        # Several handles read the same tables (indexer, searches, people view); with a zero interval
        # every read sees the latest commit instead of the version the handle first opened.
        # Imported on opening, not with the module: paid in the background once the window is painted,
        # and never by `album --help` (and without the REST client album never uses: lancedb_import.py).
        from album.core.store.lancedb_import import import_lancedb

        self._db = import_lancedb().connect(str(db_dir), read_consistency_interval=timedelta(0))
        existing = self.table_names()
        self.meta = self.open_or_create("meta", META_SCHEMA, existing)
        self.photos = self.open_or_create("photos", PHOTOS_SCHEMA, existing)
        self.errors = self.open_or_create("errors", ERRORS_SCHEMA, existing)
        self._migrate(fresh="photos" not in existing)

    def table_names(self) -> set[str]:
        return set(self._db.list_tables().tables)

    @writes
    def open_or_create(self, name: str, schema: pa.Schema, existing: set[str] | None = None) -> Any:
        """Open table ``name``, creating it empty with ``schema`` if the library does not have it yet."""
        existing = self.table_names() if existing is None else existing
        if name in existing:
            return self._db.open_table(name)
        try:
            return self._db.create_table(name, schema=schema, exist_ok=True)
        except Exception:
            self._remove_unfinished(name)
            raise

    def _remove_unfinished(self, name: str) -> None:
        """Remove what a failed create (a full disk) left of a table: a folder without a first version,
        which LanceDB lists but cannot open, so the next run could not use the library."""
        folder = self.db_dir / f"{name}.lance"
        versions = folder / "_versions"
        if folder.is_dir() and not (versions.is_dir() and any(versions.iterdir())):
            log.info("removing the unfinished table %s", folder)
            shutil.rmtree(folder, ignore_errors=True)

    @writes
    def drop_table(self, name: str) -> None:
        self._db.drop_table(name)

    # -- schema version ---------------------------------------------------------------------
    def _get_meta(self, key: str) -> str | None:
        rows = self.meta.search().where(f"key = {sql_string(key)}").limit(1).to_list()
        return rows[0]["value"] if rows else None

    @writes
    def _set_meta(self, key: str, value: str) -> None:
        data = pa.Table.from_pylist([{"key": key, "value": value}], schema=META_SCHEMA)
        self.meta.merge_insert("key").when_matched_update_all().when_not_matched_insert_all().execute(data)

    def folder_drive(self, folder: str) -> str | None:
        """The drive (device id) ``folder`` was on when it was last indexed, if known."""
        return self._get_meta(_drive_key(folder))

    def set_folder_drive(self, folder: str, drive: str) -> None:
        if self.folder_drive(folder) != drive:
            self._set_meta(_drive_key(folder), drive)

    def step_model(self, step: str) -> tuple[str, str] | None:
        """The (files stamp, model id) a pipeline step last started with, if it ever did."""
        value = self._get_meta(f"step_model:{step}")
        if value is None:
            return None
        stamp, _, model_id = value.partition(" ")
        return stamp, model_id

    def set_step_model(self, step: str, stamp: str, model_id: str) -> None:
        if self.step_model(step) != (stamp, model_id):
            self._set_meta(f"step_model:{step}", f"{stamp} {model_id}")

    @property
    def schema_version(self) -> int:
        return int(self._get_meta("schema_version") or 0)

    def _migrate(self, fresh: bool) -> None:
        version = self.schema_version
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the library at {self.db_dir} was written by a newer album (schema {version}, "
                f"this album knows up to {SCHEMA_VERSION}); please update album"
            )
        if version == 0 and (fresh or self.count_photos() == 0):
            self._stamp_new_library()
            return
        with self.writer_lock.hold():  # no other process writes while the schema changes
            version = self.schema_version  # another process may have migrated while this one waited
            while version < SCHEMA_VERSION:
                log.info("migrating library schema %d → %d", version, version + 1)
                MIGRATIONS[version](self)
                version += 1
                self._set_meta("schema_version", str(version))

    def _stamp_new_library(self) -> None:
        """Record the schema of a library that has no photos yet: nothing to migrate.

        This takes no writer lock, so opening a new library never waits for (or fails on) another
        writer; two processes creating one library at once both write the same value, and if their
        commits conflict, the one that lost finds the value already there.
        """
        try:
            self._set_meta("schema_version", str(SCHEMA_VERSION))
        except Exception:
            if self.schema_version != SCHEMA_VERSION:
                raise

    # -- photos -----------------------------------------------------------------------------
    def known_files(self) -> dict[bytes, KnownFile]:
        """Every indexed file keyed by its exact path bytes, for change detection."""
        cols = ["id", "path_bytes", "size", "mtime_ns", "content_hash", "sidecars"]
        table = self.photos.search().select(cols).limit(None).to_arrow()
        return {row["path_bytes"]: KnownFile(**row) for row in table.to_pylist()}

    @writes
    def upsert_photos(self, rows: list[dict[str, Any]]) -> None:
        """Insert or replace whole photo rows, atomically, keyed on ``id``."""
        if rows:
            data = pa.Table.from_pylist(rows, schema=self.photos.schema)
            self.photos.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(data)

    @writes
    def update_photo_fields(self, updates: list[dict[str, Any]]) -> None:
        """Change some columns of existing rows (e.g. the path after a move), keeping the rest."""
        update_columns(self.photos, updates)

    def insert_photos(self, photos: Sequence[PhotoUpdate]) -> None:
        """Write whole photos (new ones, or ones replaced): columns not given are null."""
        self.upsert_photos([photo_columns(p) for p in photos])

    def update_photos(self, updates: Sequence[PhotoUpdate]) -> None:
        """Write what each update gives about a photo already in the library, keeping the rest."""
        self.update_photo_fields([photo_columns(u) for u in updates])

    def get_photo_by_path(self, path: str) -> dict[str, Any] | None:
        key = os.fsencode(path)
        # path_bytes is binary; compare on the display path, then confirm on the exact bytes.
        display = key.decode("utf-8", "backslashreplace")
        rows = self.photos.search().where(f"path = {sql_string(display)}").limit(None).to_list()
        return next((r for r in rows if r["path_bytes"] == key), None)

    @writes
    def delete_photos(self, ids: Sequence[str], keep_faces: bool = True) -> None:
        """Forget photos and their faces (people keep their other faces).

        With ``keep_faces`` their faces stay as tombstones for a while (see :meth:`FaceStore.bury`),
        so a file that comes back gets its names and corrections back.
        """
        faces = self._db.open_table("faces") if "faces" in self.table_names() else None
        if faces is not None and keep_faces and ids:
            hashes = {}
            for chunk in chunks(ids):
                table = self.photos.search().where(in_clause("id", chunk)).select(["id", "content_hash"])
                hashes.update({r["id"]: r["content_hash"] for r in table.limit(None).to_list() if r["content_hash"]})
            self.face_tables().bury(hashes)
        for chunk in chunks(ids):
            if faces is not None:
                faces.delete(in_clause("photo_id", chunk))
            self.photos.delete(in_clause("id", chunk))
        FrameStore(self).forget(ids)

    def restore_faces(self, new_photos: dict[str, str]) -> int:
        """Give photos new to the library (id → content hash) the faces a removed photo of the same
        content left as tombstones, with their people and corrections; returns how many photos got some."""
        if not new_photos or "face_tombstones" not in self.table_names():
            return 0
        restored = self.face_tables().exhume(new_photos)
        self.update_photo_fields([
            {"id": photo_id, "face_count": len(faces), "faces_model": faces[0]["model"],
             "person_ids": sorted({f["person_id"] for f in faces if f["person_id"]})}
            for photo_id, faces in restored.items()
        ])  # fmt: skip
        return len(restored)

    def expire_tombstones(self) -> None:
        if "face_tombstones" in self.table_names():
            self.face_tables().expire_tombstones()

    def photo_ids_under(self, folder: str) -> list[str]:
        """Ids of the photos in ``folder`` and its subfolders."""
        prefix = display_path(os.fsencode(folder.rstrip(os.sep) + os.sep))  # as the path column shows it
        table = self.query_photos(f"starts_with(path, {sql_string(prefix)})", columns=["id"])
        return [str(i) for i in table.column("id").to_pylist()]

    def query_photos(
        self, where: str | None, columns: Sequence[str] | None = None, limit: int | None = None
    ) -> pa.Table:
        """Rows matching an SQL filter (built by :mod:`album.core.query`), newest first."""
        query = self.photos.search()
        if where:
            query = query.where(where)
        if columns is not None:
            query = query.select(list(dict.fromkeys([*columns, "taken_at"])))
        table = query.limit(None).to_arrow()
        order = pc.sort_indices(table, options=pc.SortOptions(sort_keys=[("taken_at", "descending", "at_end")]))
        table = table.take(order)
        return table.slice(0, limit) if limit is not None else table

    def count_photos(self, where: str | None = None) -> int:
        return int(self.photos.count_rows(where))

    def center(self) -> tuple[float, float] | None:
        """Where the library's photos are (mean position), to resolve ambiguous place names."""
        table = self.photos.search().where("lat IS NOT NULL").select(["lat", "lon"]).limit(None).to_arrow()
        if table.num_rows == 0:
            return None
        return float(pc.mean(table["lat"]).as_py()), float(pc.mean(table["lon"]).as_py())

    def geotagged(self) -> pa.Table:
        """id, lat, lon and content hash of every photo with a position (the map's points): one scan of
        four columns (about 0.1 s for 100k photos); copies set aside in the duplicates review are left out."""
        return (self.photos.search().where(shown("lat IS NOT NULL AND lon IS NOT NULL"))
                .select(["id", "lat", "lon", "content_hash"]).limit(None).to_arrow())  # fmt: skip

    def named_places(self) -> list[tuple[str | None, str | None, str | None, float, float]]:
        """Each (place, region, country) the library's photos were named after, with the mean position of
        its photos: what settles an ambiguous place name in a search (one scan of four columns)."""
        table = self.photos.search().where("lat IS NOT NULL AND lon IS NOT NULL") \
            .select(["place", "region", "country", "lat", "lon"]).limit(None).to_arrow()  # fmt: skip
        if table.num_rows == 0:
            return []
        grouped = table.group_by(["place", "region", "country"], use_threads=False).aggregate(
            [("lat", "mean"), ("lon", "mean")]
        )
        return [(r["place"], r["region"], r["country"], r["lat_mean"], r["lon_mean"]) for r in grouped.to_pylist()]

    def distinct(self, columns: Sequence[str]) -> set[str]:
        """Every non-empty value of these string columns (e.g. the places the library's photos are in)."""
        table = self.photos.search().select(list(columns)).limit(None).to_arrow()
        return {v for c in columns for v in pc.unique(table.column(c).combine_chunks()).to_pylist() if v}

    def written_names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The library's cameras (make and model, "Nikon Z 6") and the keywords its photos carry from other apps,
        each sorted: what a search's words can name besides people and places (one scan of two columns)."""
        table = self.photos.search().select(["camera", "keywords"]).limit(None).to_arrow()
        models = pc.unique(table.column("camera").combine_chunks().drop_null()).to_pylist()
        keywords = pc.unique(pc.list_flatten(table.column("keywords").combine_chunks()).drop_null()).to_pylist()
        return tuple(sorted(m for m in models if m.strip())), tuple(sorted(k for k in keywords if k.strip()))

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every zero-shot tag in the library with its number of photos, most common first."""
        tags = self.photos.search().select(["tags"]).limit(None).to_arrow().column("tags")
        counts = pc.value_counts(pc.list_flatten(tags.combine_chunks())).to_pylist()
        return sorted(((c["values"], c["counts"]) for c in counts), key=lambda tc: (-tc[1], tc[0]))

    def named_regions(self, photo_id: str) -> list[tuple[str, tuple[float, float, float, float] | None]]:
        """The named face regions stored with a photo: (name, box or None)."""
        rows = self.query_photos(f"id = {sql_string(photo_id)}", columns=["region_names", "region_boxes"]).to_pylist()
        if not rows:
            return []
        names, boxes = rows[0]["region_names"] or [], rows[0]["region_boxes"] or []
        found: list[tuple[str, tuple[float, float, float, float] | None]] = []
        for i, name in enumerate(names):
            box = tuple(boxes[4 * i : 4 * i + 4])
            found.append((name, None if len(box) < 4 or any(v != v for v in box) else box))  # NaN: no box
        return found

    def photo_by_path(self, path: str) -> Photo | None:
        row = self.get_photo_by_path(path)
        return photo_from_row(row) if row is not None else None

    def photos_matching(self, query: Query, limit: int | None = None) -> PhotoRows:
        """Photos passing every filter of ``query``, newest first (built as they are read)."""
        return PhotoRows(self.query_photos(shown(to_where(query)), columns=PHOTO_COLUMNS, limit=limit))

    def duplicate_candidates(self, columns: Sequence[str]) -> pa.Table:
        """``columns`` and the photo record's, plus the CLIP vectors if any, of every photo not set aside."""
        wanted = [*PHOTO_COLUMNS, *columns, *([VECTOR_COLUMN] if self.vector_dim() is not None else [])]
        # Not query_photos: its sort by date copies every column, 200 MB of vectors at 100k photos.
        return self.photos.search().where(NOT_SET_ASIDE).select(list(dict.fromkeys(wanted))).limit(None).to_arrow()

    @writes
    def set_duplicate_review(self, photo_ids: Sequence[str], review: str | None) -> None:
        """Record the user's duplicates review of photos ("kept", "extra", "distinct", None: not reviewed)."""
        self.update_photo_fields([{"id": i, "duplicate_review": review} for i in photo_ids])

    def paths_by_id(self) -> dict[str, str]:
        table = self.photos.search().select(["id", "path"]).limit(None).to_arrow()
        return dict(zip(table.column("id").to_pylist(), table.column("path").to_pylist(), strict=True))

    def overview(self, limit: int) -> tuple[list[str], list[int], int]:
        """The ``limit`` commonest places and years of the library's photos (most photos first, ties
        by name or newest year), and how many photos there are."""
        table = self.photos.search().select(["place", "taken_at"]).limit(None).to_arrow()

        def commonest(column: pa.ChunkedArray) -> list[tuple[Any, int]]:
            counts = pc.value_counts(column.combine_chunks().drop_null()).to_pylist()
            return [(c["values"], c["counts"]) for c in counts]

        places = sorted(commonest(table.column("place")), key=lambda vc: (-vc[1], str(vc[0]).casefold()))
        years = sorted(commonest(pc.year(table.column("taken_at"))), key=lambda vc: (-vc[1], -vc[0]))
        return [p for p, _n in places[:limit] if p], [int(y) for y, _n in years[:limit]], table.num_rows

    def place_counts(self) -> list[tuple[str | None, str | None, str | None, int]]:
        """Each (country, region, place) the library's photos were named after, with its number of photos
        (the photos without a country filtered out in the database; one scan of three columns)."""
        table = self.photos.search().where("country IS NOT NULL") \
            .select(["country", "region", "place"]).limit(None).to_arrow()  # fmt: skip
        grouped = table.group_by(["country", "region", "place"], use_threads=False).aggregate([([], "count_all")])
        return [(r["country"], r["region"], r["place"], r["count_all"]) for r in grouped.to_pylist()]

    def distinct_places(self) -> set[str]:
        """Every place, region and country name the library's photos are in."""
        return self.distinct(["place", "region", "country"])

    def pending_paths(self, markers: Sequence[tuple[str, str]]) -> set[bytes]:
        """Paths of the photos some step has not processed with its current model yet.

        Args:
            markers: per step, the column where it records which model processed a photo, and that model.
        """
        if not markers:
            return set()
        where = " OR ".join(f"({column} IS NULL OR {column} != {sql_string(model)})" for column, model in markers)
        return set(self.query_photos(where, columns=["path_bytes"]).column("path_bytes").to_pylist())

    def unprocessed_paths(self, steps: Sequence[tuple[type[StepResult], str]]) -> set[bytes]:
        """Paths of the photos some step has not processed with its current model yet.

        Args:
            steps: per step, the kind of result it produces and the model it produces them with now.
        """
        return self.pending_paths([(MARKERS[kind], model_id) for kind, model_id in steps])

    def ungeocoded(self) -> list[tuple[str, float, float]]:
        """Photos with a position but no place names yet (indexed before album knew regions)."""
        where = "lat IS NOT NULL AND lon IS NOT NULL AND region IS NULL"
        rows = self.query_photos(where, columns=["id", "lat", "lon"]).to_pylist()
        return [(r["id"], r["lat"], r["lon"]) for r in rows]

    # -- vectors ----------------------------------------------------------------------------------
    def vector_dim(self) -> int | None:
        """The dimension of the stored CLIP vectors, or None before the first model was used."""
        if VECTOR_COLUMN not in self.photos.schema.names:
            return None
        return int(self.photos.schema.field(VECTOR_COLUMN).type.list_size)

    @writes
    def ensure_vector_column(self, dim: int) -> None:
        """Make room for ``dim``-d vectors. A model of another dimension replaces the column: vectors
        of two models are never compared, and the indexer re-encodes every photo in the background."""
        current = self.vector_dim()
        if current == dim:
            return
        if current is not None:
            log.info("CLIP dimension changes %d → %d: dropping old vectors", current, dim)
            self.photos.drop_columns([VECTOR_COLUMN])
            self.photos.update(values={"clip_model": None})
        self.photos.add_columns([pa.field(VECTOR_COLUMN, pa.list_(pa.float32(), dim))])

    def vector_search(self, vector: np.ndarray, where: str, limit: int) -> list[dict[str, Any]]:
        """Cosine search among rows matching ``where`` (a prefilter, evaluated inside LanceDB).

        Exact for small libraries; through the ANN index once :meth:`ensure_indexes` built one, with
        enough partitions probed and the candidates re-ranked by exact distance to keep recall@10 ≥ 0.98.
        """
        return self.vector_query(vector, where, limit).to_list()

    def vector_query(self, vector: np.ndarray, where: str, limit: int) -> LanceVectorQueryBuilder:
        """The LanceDB query :meth:`vector_search` runs: through the ANN index only where re-ranking its
        ``limit`` x ANN_REFINE candidates costs less than scanning every row (see REFINE_COST_ROWS)."""
        query = self.photos.search(vector, vector_column_name=VECTOR_COLUMN).distance_type("cosine")
        query = query.where(where, prefilter=True).select([*PHOTO_COLUMNS, "_distance"]).limit(limit)
        if self.vector_index_type is None:
            return query
        if limit * ANN_REFINE * REFINE_COST_ROWS >= self.count_photos():
            return query.bypass_vector_index()
        return query.nprobes(ANN_NPROBES).refine_factor(ANN_REFINE)

    @property
    def vector_index_type(self) -> str | None:
        for index in self.photos.list_indices():
            if VECTOR_COLUMN in index.columns:
                return str(index.index_type)
        return None

    @writes
    def ensure_indexes(self, vector_index: bool | None = None) -> None:
        """Build the indexes a library of this size benefits from (cheap no-op once they exist).

        Scalar indexes make the filters (dates, places, people, tags, model) fast; the vector index
        only pays off for large libraries, below ANN_MIN_ROWS exact search is fast enough and exact.
        New rows are folded into existing indexes by :meth:`optimize`.
        """
        ensure_text_indexes(self.photos)  # any size: full-text search needs its index
        count = self.count_photos()
        if count < SCALAR_INDEX_MIN_ROWS and vector_index is None:
            return
        from lancedb.index import Bitmap, BTree, IvfPq, LabelList

        configs = {"BTREE": BTree, "BITMAP": Bitmap, "LABEL_LIST": LabelList}  # (lancedb's index config types)
        present = {c for index in self.photos.list_indices() for c in index.columns}
        for column, kind in SCALAR_INDEXES:
            if column not in present and column in self.photos.schema.names:
                self.photos.create_index(column, config=configs[kind]())
        if vector_index is None:
            vector_index = count >= ANN_MIN_ROWS
        if vector_index and VECTOR_COLUMN not in present and VECTOR_COLUMN in self.photos.schema.names:
            self.photos.create_index(VECTOR_COLUMN, config=IvfPq(distance_type="cosine"))

    def nearest(
        self, vector: np.ndarray, query: Query, model_id: str, limit: int
    ) -> list[tuple[Photo, float, float | None]]:
        """The photos passing ``query``'s filters whose ``model_id`` vectors are closest to ``vector``,
        with their cosine similarity, most similar first (none while no photo has a vector of its size).

        A video counts by its best keyframe, and its third value is that frame's second (None for photos).
        """
        if self.vector_dim() != len(vector):
            return []
        where = shown(to_where(query))  # never a duplicate the user set aside
        rows = self.vector_search(vector, shown(where, f"clip_model = {sql_string(model_id)}"), limit)
        found: dict[str, tuple[Photo, float, float | None]] = {
            r["id"]: (photo_from_row(r), 1.0 - float(r["_distance"]), None) for r in rows
        }
        best = self._best_frames(vector, where, model_id, limit)
        missing = [photo_id for photo_id in best if photo_id not in found]
        for chunk in chunks(missing):
            for row in self.query_photos(in_clause("id", chunk), PHOTO_COLUMNS).to_pylist():
                found[row["id"]] = (photo_from_row(row), -1.0, None)
        for photo_id, (score, second) in best.items():
            if photo_id in found:  # else a video removed since (its frames go with it)
                photo, own, _none = found[photo_id]
                found[photo_id] = (photo, max(own, score), second)
        return sorted(found.values(), key=lambda hit: -hit[1])[:limit]

    def _best_frames(
        self, vector: np.ndarray, where: str | None, model_id: str, limit: int
    ) -> dict[str, tuple[float, float]]:
        """The videos passing the filter ``where`` whose best keyframes are nearest ``vector`` (see FrameStore)."""
        if not self.count_photos("kind = 'video'"):
            return {}
        video_ids = None  # no filter: every video
        if where:
            table = self.query_photos(f"({where}) AND kind = 'video'", ["id"])
            video_ids = [str(i) for i in table.column("id").to_pylist()]
        return FrameStore(self).best(vector, model_id, video_ids, limit)

    @writes
    def save_frames(self, frames: dict[str, list[tuple[float, list[float]]]], model_id: str) -> None:
        """Replace the keyframe vectors of these videos (photo id → (second, vector) pairs)."""
        FrameStore(self).save(frames, model_id)

    def written_matches(self, text: str, query: Query, limit: int) -> list[Photo]:
        """The photos passing ``query``'s filters whose title, caption or keywords (what the user wrote in
        other apps) hold the words of ``text``, best match first (see :mod:`album.core.store.text_search`)."""
        rows = written_rows(self.photos, text, shown(to_where(query)), PHOTO_COLUMNS, limit)
        return [photo_from_row(row) for row in rows]

    def stored_vector(self, path: str, model_id: str) -> np.ndarray | None:
        """The vector ``model_id`` made of the library photo at ``path``, if it has one."""
        row = self.get_photo_by_path(path)
        if row is None or row.get(VECTOR_COLUMN) is None or row.get("clip_model") != model_id:
            return None
        return np.asarray(row[VECTOR_COLUMN], np.float32)

    def model_vector_count(self, model_id: str) -> int:
        return self.count_photos(f"clip_model = {sql_string(model_id)}")

    def sample_vectors(self, model_id: str, size: int, seed: int = 0) -> np.ndarray:
        """Up to ``size`` of the vectors ``model_id`` made, drawn uniformly at random (all of them in a
        smaller library), as an (N, dim) float32 matrix: statistics of a 100k-photo library without
        reading 200 MB of vectors (4,096 rows by offset: ~0.2 s, ~30 MB)."""
        dim = self.vector_dim()
        rows = self.count_photos()
        if dim is None or rows == 0:
            return np.zeros((0, dim or 0), np.float32)
        columns = ["clip_model", VECTOR_COLUMN]
        if rows <= size:
            table = self.photos.search().select(columns).limit(None).to_arrow()
        else:
            offsets = np.random.default_rng(seed).choice(rows, size, replace=False)
            table = self.photos.take_offsets(sorted(offsets.tolist())).select(columns).to_arrow()
        table = table.filter(pc.equal(table["clip_model"], model_id))
        column = table.column(VECTOR_COLUMN).combine_chunks()
        return np.asarray(column.flatten(), dtype=np.float32).reshape(len(table), dim)

    @property
    def data_version(self) -> int:
        """Changes whenever the photos table does (to know when a cached statistic is stale)."""
        return int(self.photos.version)

    # -- per-file errors ----------------------------------------------------------------------
    def known_errors(self) -> dict[bytes, tuple[int, int]]:
        """Every file that failed before, with the (size, mtime) it failed at."""
        table = self.errors.search().select(["path_bytes", "size", "mtime_ns"]).limit(None).to_arrow()
        return {r["path_bytes"]: (r["size"], r["mtime_ns"]) for r in table.to_pylist()}

    def settled_errors(self) -> dict[bytes, tuple[int, int]]:
        """The failed files not to try again while their (size, mtime) stays as it was: failures that
        do not pass by themselves, recorded by this version of album (see ``FileError.retried``)."""
        columns = ["path", "path_bytes", "size", "mtime_ns", "kind", "reason", "album_version"]
        rows = self.errors.search().select(columns).limit(None).to_list()
        return {
            r["path_bytes"]: (r["size"], r["mtime_ns"])
            for r in rows
            if not FileError(r["path"], r["kind"], r["reason"], r["album_version"]).retried(__version__)
        }

    @writes
    def record_errors(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            data = pa.Table.from_pylist(rows, schema=ERRORS_SCHEMA)
            self.errors.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(data)

    def record_failures(self, failures: Sequence[FailedFile]) -> None:
        """Remember why these files could not be indexed (a re-run overwrites a file's error)."""
        self.record_errors([
            error_row(f.entry.path_bytes, f.entry.size, f.entry.mtime_ns, f.kind, f.reason) for f in failures
        ])  # fmt: skip

    @writes
    def clear_errors(self, error_ids: Sequence[str]) -> None:
        for chunk in chunks(error_ids):
            self.errors.delete(in_clause("id", chunk))

    def list_errors(self) -> list[FileError]:
        rows = self.errors.search().select(["path", "kind", "reason", "album_version"]).limit(None).to_list()
        errors = (FileError(r["path"], r["kind"], r["reason"], r["album_version"]) for r in rows)
        return sorted(errors, key=lambda e: e.path)

    # -- housekeeping -------------------------------------------------------------------------
    @writes
    def optimize(self) -> None:
        """Merge small fragments and drop old versions; many small commits otherwise pile up.

        Versions younger than a minute are kept so a search running concurrently (the GUI searches
        while the indexer writes) never loses the version it is reading.
        """
        for name in self.table_names():
            self._db.open_table(name).optimize(cleanup_older_than=KEEP_VERSIONS_FOR)

    def disk_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.db_dir.rglob("*") if f.is_file())

    def face_tables(self, dim: int | None = None) -> FaceStore:
        """The faces, people and corrections tables of this library (``dim``: the recogniser's size)."""
        from album.core.store.faces import FaceStore

        return FaceStore(self, dim)

    def stats(self) -> LibraryStats:
        """The photos the user sees (copies set aside in the duplicates review are not counted, as the grid
        does not show them), and how many of them carry a date and a place."""
        return LibraryStats(
            photos=self.count_photos(shown()),
            videos=self.count_photos(shown("kind = 'video'")),
            with_date=self.count_photos(
                shown("date_source IS NOT NULL AND date_source NOT IN ('file', 'file_mtime')")
            ),
            with_gps=self.count_photos(shown("lat IS NOT NULL")),
            errors=int(self.errors.count_rows()),
            schema_version=self.schema_version,
            database=str(self.db_dir),
            database_bytes=self.disk_bytes(),
        )


def update_columns(table: Any, updates: list[dict[str, Any]]) -> None:
    """Set some columns of existing rows, matched on ``id``; rows not in the table are ignored.

    Rows are grouped by the columns they set, one atomic partial merge per group, so nothing is
    read back and columns not given (vectors, faces, tags) are never rewritten.
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    present = set(table.schema.names)
    for update in updates:
        # A column the table lacks has nothing to set or clear: a changed file's reset names the vector
        # column, which a library that never ran a CLIP model does not have yet.
        update = {c: v for c, v in update.items() if c in present}
        groups.setdefault(tuple(sorted(update)), []).append(update)
    for columns, rows in groups.items():
        schema = pa.schema([table.schema.field(c) for c in columns])
        table.merge_insert("id").when_matched_update_all().execute(pa.Table.from_pylist(rows, schema=schema))
