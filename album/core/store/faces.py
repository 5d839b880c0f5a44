"""The faces, people and corrections tables (in the same LanceDB library as the photos).

A face row belongs to a photo (``photo_id``) and, once recognised, to a person. ``assigned_by`` records
who put it there: "auto" (the indexer or a clustering pass) or "user". Automatic passes never move a
face the user placed, and never put a face back on a person the user said it is not (``rejections``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa

from album.core.pipeline.results import NewFace
from album.core.store.db import Store, update_columns, writes
from album.core.store.rows import face_columns
from album.core.store.sql import chunks, in_clause, sql_string, timestamp

PEOPLE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("hidden", pa.bool_()),
        pa.field("is_me", pa.bool_()),
        pa.field("created_at", pa.timestamp("us")),
    ]
)
REJECTIONS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),  # face_id + person_id
        pa.field("face_id", pa.string(), nullable=False),
        pa.field("person_id", pa.string(), nullable=False),
    ]
)


def faces_schema(dim: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("photo_id", pa.string(), nullable=False),
            pa.field("bbox", pa.list_(pa.float32(), 4)),  # fractions of the upright photo
            pa.field("landmarks", pa.list_(pa.float32(), 10)),
            pa.field("score", pa.float32()),
            pa.field("embedding", pa.list_(pa.float32(), dim)),
            pa.field("person_id", pa.string()),
            pa.field("assigned_by", pa.string()),  # "auto", "user" or null
            pa.field("thumb", pa.binary()),  # JPEG of the aligned face
            pa.field("model", pa.string()),
        ]
    )


def tombstones_schema(dim: int) -> pa.Schema:
    """Faces of removed photos, kept with their photo's content hash so a file that comes back (same
    content, any path) gets its faces, names and corrections back."""
    return (
        faces_schema(dim)
        .append(pa.field("content_hash", pa.string()))
        .append(pa.field("deleted_at", pa.timestamp("us")))
    )


TOMBSTONE_DAYS = 30
FACE_TABLES = frozenset({"people", "rejections", "faces", "face_tombstones"})  # what FaceStore creates


@dataclass(frozen=True)
class FaceRow:
    """A stored face as the people operations see it (its embedding comes apart, as a matrix row)."""

    id: str
    photo_id: str
    bbox: tuple[float, float, float, float]  # x1, y1, x2, y2 as fractions of the upright photo
    score: float
    person_id: str | None
    assigned_by: str | None  # "auto", "user" or None
    thumb: bytes = b""  # JPEG of the aligned face, when asked for


@dataclass(frozen=True)
class PersonRow:
    """A stored person."""

    id: str
    name: str | None
    hidden: bool
    is_me: bool


_FACE_COLUMNS = ("id", "photo_id", "bbox", "score", "person_id", "assigned_by")


def _face_row(row: dict[str, Any]) -> FaceRow:
    x1, y1, x2, y2 = (float(v) for v in row["bbox"] or (0.0, 0.0, 0.0, 0.0))
    return FaceRow(
        row["id"], row["photo_id"] or "", (x1, y1, x2, y2), float(row["score"] or 0.0), row["person_id"],
        row["assigned_by"], row.get("thumb") or b"",
    )  # fmt: skip


class FaceStore:
    """Faces, people and user corrections. ``dim`` is the recogniser's embedding size."""

    def __init__(self, store: Store, dim: int | None = None) -> None:
        self.store = store
        self.write_mutex = store.write_mutex  # one turn-taking for all of the library's tables
        self.db_dir = store.db_dir
        existing = store.table_names()
        self.people = store.open_or_create("people", PEOPLE_SCHEMA, existing)
        self.rejections = store.open_or_create("rejections", REJECTIONS_SCHEMA, existing)
        if "faces" in existing:
            self.faces = store.open_or_create("faces", faces_schema(1), existing)
            current = self.faces.schema.field("embedding").type.list_size
            if dim is not None and current != dim:  # another recogniser: its embeddings are incomparable
                store.drop_table("faces")
                self.faces = store.open_or_create("faces", faces_schema(dim))
        else:
            self.faces = store.open_or_create("faces", faces_schema(dim or 512), existing)
        self.tombstones = store.open_or_create("face_tombstones", tombstones_schema(self.dim), existing)
        if self.tombstones.schema.field("embedding").type.list_size != self.dim:
            store.drop_table("face_tombstones")  # another recogniser's faces cannot come back
            self.tombstones = store.open_or_create("face_tombstones", tombstones_schema(self.dim))

    @property
    def dim(self) -> int:
        return int(self.faces.schema.field("embedding").type.list_size)

    # -- faces --------------------------------------------------------------------------------------
    @writes
    def replace_faces(self, photo_ids: Sequence[str], rows: list[dict[str, Any]]) -> None:
        """Make ``rows`` the faces of ``photo_ids`` (delete + insert: idempotent if interrupted)."""
        for chunk in chunks(photo_ids):
            self.faces.delete(in_clause("photo_id", chunk))
        if rows:
            self.faces.add(pa.Table.from_pylist(rows, schema=self.faces.schema))

    def save_faces(self, photo_ids: Sequence[str], faces: Sequence[NewFace]) -> None:
        """Make ``faces`` the faces of ``photo_ids`` (any older ones are replaced)."""
        self.replace_faces(photo_ids, [face_columns(f) for f in faces])

    def face_rows(self, where: str | None = None, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        query = self.faces.search()
        if where:
            query = query.where(where)
        if columns:
            query = query.select(list(columns))
        return query.limit(None).to_list()

    def _faces(self, where: str | None, thumbs: bool = False) -> list[FaceRow]:
        columns = [*_FACE_COLUMNS, "thumb"] if thumbs else list(_FACE_COLUMNS)
        return [_face_row(row) for row in self.face_rows(where, columns)]

    def faces_by_ids(self, face_ids: Sequence[str]) -> list[FaceRow]:
        return [face for chunk in chunks(face_ids) for face in self._faces(in_clause("id", chunk))]

    def faces_of_person(self, person_id: str, thumbs: bool = False) -> list[FaceRow]:
        return self._faces(f"person_id = {sql_string(person_id)}", thumbs)

    def faces_of_photo(self, photo_id: str) -> list[FaceRow]:
        return self._faces(f"photo_id = {sql_string(photo_id)}")

    def free_faces(self) -> list[FaceRow]:
        """The faces on no person (waiting for a clustering pass, or taken off one by the user)."""
        return self._faces("person_id IS NULL")

    def recognised_faces(self) -> list[FaceRow]:
        """The faces that are on a person."""
        return self._faces("person_id IS NOT NULL")

    def photo_ids_of_faces(self, face_ids: Sequence[str]) -> list[str]:
        return [
            row["photo_id"]
            for chunk in chunks(face_ids)
            for row in self.face_rows(in_clause("id", chunk), ["photo_id"])
        ]

    def thumbs(self, face_ids: Sequence[str]) -> dict[str, bytes]:
        """The aligned-face JPEGs of these faces."""
        return {
            row["id"]: row["thumb"] for chunk in chunks(face_ids)
            for row in self.face_rows(in_clause("id", chunk), ["id", "thumb"])
        }  # fmt: skip

    def embeddings(self) -> tuple[list[FaceRow], np.ndarray]:
        """Every face (id, photo, person, who assigned it, score) and its embedding as a matrix row."""
        return self._embeddings(None)

    def recognised_embeddings(self) -> tuple[list[FaceRow], np.ndarray]:
        return self._embeddings("person_id IS NOT NULL")

    def embeddings_of(self, face_ids: Sequence[str]) -> tuple[list[FaceRow], np.ndarray]:
        if not face_ids:
            return [], np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._embeddings(in_clause("id", chunk)) for chunk in chunks(face_ids)]
        return [r for rows, _m in parts for r in rows], np.concatenate([m for _r, m in parts])

    def person_embeddings(self, person_id: str) -> tuple[list[FaceRow], np.ndarray]:
        return self._embeddings(f"person_id = {sql_string(person_id)}")

    def _embeddings(self, where: str | None) -> tuple[list[FaceRow], np.ndarray]:
        rows = self.face_rows(where, [*_FACE_COLUMNS, "embedding"])
        matrix = np.array([r["embedding"] for r in rows], dtype=np.float32).reshape(len(rows), self.dim)
        return [_face_row(r) for r in rows], matrix

    def assign(self, face_ids: Sequence[str], person_id: str | None, by: str | None) -> None:
        self.assign_many({face_id: person_id for face_id in face_ids}, by)

    @writes
    def assign_many(self, people: dict[str, str | None], by: str | None) -> None:
        """Put each face on its person in one commit (a clustering pass moves thousands at once)."""
        update_columns(self.faces, [{"id": f, "person_id": p, "assigned_by": by} for f, p in people.items()])

    # -- tombstones ---------------------------------------------------------------------------------
    @writes
    def bury(self, content_hashes: dict[str, str]) -> None:
        """Keep the faces of photos about to be removed (photo id → content hash) as tombstones."""
        now = datetime.now()
        for chunk in chunks(list(content_hashes)):
            rows = self.face_rows(in_clause("photo_id", chunk))
            tombs = [{**row, "content_hash": content_hashes[row["photo_id"]], "deleted_at": now} for row in rows]
            if tombs:
                self.tombstones.add(pa.Table.from_pylist(tombs, schema=self.tombstones.schema))

    @writes
    def exhume(self, photos: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
        """Give new photos (photo id → content hash) the faces a removed photo of the same content had;
        returns the restored faces per photo id. Restored faces keep their ids, so corrections about
        them ("not this person") still hold."""
        restored: dict[str, list[dict[str, Any]]] = {}
        by_hash = {content_hash: photo_id for photo_id, content_hash in photos.items()}
        for chunk in chunks(list(by_hash)):
            rows = self.tombstones.search().where(in_clause("content_hash", chunk)).limit(None).to_list()
            for row in rows:
                photo_id = by_hash[row["content_hash"]]
                face = {k: v for k, v in row.items() if k not in ("content_hash", "deleted_at")}
                restored.setdefault(photo_id, []).append({**face, "photo_id": photo_id})
        if restored:
            self.replace_faces(list(restored), [face for faces in restored.values() for face in faces])
            for chunk in chunks(list(by_hash)):
                self.tombstones.delete(in_clause("content_hash", chunk))
        return restored

    @writes
    def expire_tombstones(self, days: int = TOMBSTONE_DAYS) -> None:
        cutoff = datetime.now() - timedelta(days=days)
        self.tombstones.delete(f"deleted_at < {timestamp(cutoff)}")

    # -- people -------------------------------------------------------------------------------------
    def new_person(self, name: str | None = None) -> str:
        return self.new_people(1, name)[0]

    @writes
    def new_people(self, count: int, name: str | None = None) -> list[str]:
        """Create ``count`` people in one commit; returns their ids."""
        ids = [uuid.uuid4().hex[:12] for _ in range(count)]
        rows = [{"id": i, "name": name, "hidden": False, "is_me": False, "created_at": datetime.now()} for i in ids]
        if rows:
            self.people.add(pa.Table.from_pylist(rows, schema=PEOPLE_SCHEMA))
        return ids

    @writes
    def insert_people(self, rows: Sequence[PersonRow]) -> None:
        """Put people back with their ids (undoing a merge brings its sources back)."""
        data = [{"id": r.id, "name": r.name, "hidden": r.hidden, "is_me": r.is_me, "created_at": datetime.now()}
                for r in rows]  # fmt: skip
        if data:
            self.people.add(pa.Table.from_pylist(data, schema=PEOPLE_SCHEMA))

    def set_person_row(self, row: PersonRow) -> None:
        self._update_person(row.id, {"name": row.name, "hidden": row.hidden, "is_me": row.is_me})

    def person_rows(self) -> list[PersonRow]:
        rows = self.people.search().select(["id", "name", "hidden", "is_me"]).limit(None).to_list()
        return [PersonRow(r["id"], r["name"], bool(r["hidden"]), bool(r["is_me"])) for r in rows]

    def set_person_name(self, person_id: str, name: str | None) -> None:
        self._update_person(person_id, {"name": name})

    def set_person_hidden(self, person_id: str, hidden: bool) -> None:
        self._update_person(person_id, {"hidden": hidden})

    def set_person_is_me(self, person_id: str, is_me: bool) -> None:
        self._update_person(person_id, {"is_me": is_me})

    @writes
    def _update_person(self, person_id: str, values: dict[str, Any]) -> None:
        self.people.update(where=f"id = {sql_string(person_id)}", values=values)

    @writes
    def delete_people(self, person_ids: Sequence[str]) -> None:
        for chunk in chunks(person_ids):
            self.people.delete(in_clause("id", chunk))

    # -- corrections --------------------------------------------------------------------------------
    @writes
    def reject(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Remember "face F is not person P" for every (F, P)."""
        rows = [{"id": f"{f}:{p}", "face_id": f, "person_id": p} for f, p in pairs]
        if rows:
            data = pa.Table.from_pylist(rows, schema=REJECTIONS_SCHEMA)
            self.rejections.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(data)

    @writes
    def unreject(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Forget "face F is not person P" for every (F, P) (an undone correction)."""
        for chunk in chunks([f"{f}:{p}" for f, p in pairs]):
            self.rejections.delete(in_clause("id", chunk))

    def rejected(self) -> set[tuple[str, str]]:
        return {(r["face_id"], r["person_id"]) for r in self.rejections.search().limit(None).to_list()}

    @writes
    def retarget_rejections(self, old: str, new: str) -> None:
        """After a merge, "not P_old" becomes "not P_new"."""
        rows = self.rejections.search().where(f"person_id = {sql_string(old)}").limit(None).to_list()
        self.reject([(r["face_id"], new) for r in rows])

    # -- photos' person ids ---------------------------------------------------------------------
    @writes
    def refresh_photo_people(self, photo_ids: Sequence[str]) -> None:
        """Recompute ``photos.person_ids`` of these photos from their faces (one prefilter for search)."""
        ids = list(dict.fromkeys(photo_ids))
        if not ids:
            return
        people: dict[str, set[str]] = {pid: set() for pid in ids}
        for chunk in chunks(ids):
            for row in self.face_rows(in_clause("photo_id", chunk), ["photo_id", "person_id"]):
                if row["person_id"]:
                    people[row["photo_id"]].add(row["person_id"])
        self.store.update_photo_fields([{"id": pid, "person_ids": sorted(p)} for pid, p in people.items()])
