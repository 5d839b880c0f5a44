"""The user's own collections: favourites, star ratings and albums, kept in the library, never in a photo file.

Favourites and the user's stars are columns of the photos table (``favourite``, ``user_rating``) that the
pipeline's row writes never name, so re-indexing or editing a file keeps them. Albums live in two tables
of their own: ``albums`` (one row per album: its name, a smart album's saved search, its cover) and
``album_photos`` (one row per photo in a manual album, with its place in the album's order). A photo's
manual albums are also kept in the photos table's ``album_ids`` list, rewritten from ``album_photos``
for every photo an edit touches, so ``album:"Trip to Japan"`` filters inside the database query (with
the other filters, before vector ranking) and an album's count is one scan of one column.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from album.core.records import Album, Photo
from album.core.store.db import PHOTO_COLUMNS, PhotoRows, Store, photo_from_row, update_columns, writes
from album.core.store.sql import chunks, in_clause, sql_string

ALBUMS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("query", pa.string()),  # a smart album's search text; null for a manual album
        pa.field("cover_id", pa.string()),  # the photo the user chose as cover; null: the first photo
        pa.field("created_at", pa.timestamp("us")),
    ]
)

ALBUM_PHOTOS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),  # album_id + ":" + photo_id: a photo is in an album once
        pa.field("album_id", pa.string(), nullable=False),
        pa.field("photo_id", pa.string(), nullable=False),
        pa.field("position", pa.float64()),  # the album's order, ascending
    ]
)

ALBUM_TABLES = frozenset({"albums", "album_photos"})
MAX_STARS = 5


class AlbumExists(ValueError):
    """Another album already has this name (names are compared without case)."""


class AlbumStore:
    """The albums of one library, and the favourite and star marks on its photos.

    Reading never creates a table (a read-only library must still list its albums: none); the first
    album created makes both tables.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.write_mutex = store.write_mutex
        self.db_dir = store.db_dir

    # -- marks on photos --------------------------------------------------------------------------
    def set_favourite(self, photo_ids: Sequence[str], favourite: bool) -> None:
        self.store.update_photo_fields([{"id": i, "favourite": favourite} for i in photo_ids])

    def set_user_rating(self, photo_ids: Sequence[str], stars: int | None) -> None:
        """Give photos ``stars`` (0–5) in album, or None to show the file's own rating again."""
        if stars is not None and not 0 <= stars <= MAX_STARS:
            raise ValueError(f"a rating is 0 to {MAX_STARS} stars, not {stars}")
        self.store.update_photo_fields([{"id": i, "user_rating": stars} for i in photo_ids])

    # -- reading albums ---------------------------------------------------------------------------
    def _tables(self) -> tuple[Any, Any] | None:
        if not self.store.table_names() >= ALBUM_TABLES:
            return None
        return self.store._db.open_table("albums"), self.store._db.open_table("album_photos")

    def albums(self, counted: bool = True) -> list[Album]:
        """Every album, by name; manual albums' counts are of the photos still in the library. Counting
        reads a column of every photo; without ``counted`` only the small albums table is read."""
        tables = self._tables()
        if tables is None:
            return []
        rows = tables[0].search().limit(None).to_list()
        albums = sorted((Album(r["id"], r["name"], 0, r["cover_id"], r["query"]) for r in rows),
                        key=lambda a: a.name.casefold())  # fmt: skip
        if not counted or not albums:
            return albums
        listed = self.store.photos.search().select(["album_ids", "kind"]).limit(None).to_arrow()
        counts = _per_album(listed.column("album_ids"))
        videos = _per_album(listed.filter(pc.equal(listed.column("kind"), "video")).column("album_ids"))
        return [dataclasses.replace(a, photo_count=counts.get(a.id, 0), video_count=videos.get(a.id, 0))
                for a in albums]  # fmt: skip

    def named(self, name: str) -> Album | None:
        """The album called ``name`` (any case), without its count."""
        key = name.strip().casefold()
        return next((a for a in self.albums(counted=False) if a.name.casefold() == key), None)

    def photo_ids(self, album_id: str) -> list[str]:
        """A manual album's photos in its order (ids of photos since removed from the library included)."""
        tables = self._tables()
        if tables is None:
            return []
        where = f"album_id = {sql_string(album_id)}"
        table = tables[1].search().where(where).select(["photo_id", "position"]).limit(None).to_arrow()
        table = table.sort_by([("position", "ascending")])
        return [str(i) for i in table.column("photo_id").to_pylist()]

    # -- editing albums ---------------------------------------------------------------------------
    @writes
    def _open_tables(self) -> tuple[Any, Any]:
        existing = self.store.table_names()
        return (self.store.open_or_create("albums", ALBUMS_SCHEMA, existing),
                self.store.open_or_create("album_photos", ALBUM_PHOTOS_SCHEMA, existing))  # fmt: skip

    @writes
    def create(self, name: str, query: str | None = None) -> Album:
        """A new empty manual album, or a smart album showing what ``query`` finds."""
        name = name.strip()
        if not name:
            raise ValueError("an album needs a name")
        if self.named(name) is not None:
            raise AlbumExists(f"there is already an album called {name!r}")
        albums, _members = self._open_tables()
        album = Album(uuid.uuid4().hex, name, 0, None, query)
        row = {"id": album.id, "name": name, "query": query, "cover_id": None, "created_at": datetime.now()}
        albums.add(pa.Table.from_pylist([row], schema=ALBUMS_SCHEMA))
        return album

    @writes
    def rename(self, album_id: str, name: str) -> None:
        other = self.named(name)
        if other is not None and other.id != album_id:
            raise AlbumExists(f"there is already an album called {name.strip()!r}")
        albums, _members = self._open_tables()
        update_columns(albums, [{"id": album_id, "name": name.strip()}])

    @writes
    def set_cover(self, album_id: str, photo_id: str | None) -> None:
        albums, _members = self._open_tables()
        update_columns(albums, [{"id": album_id, "cover_id": photo_id}])

    @writes
    def delete(self, album_id: str) -> None:
        """Remove an album (its photos stay in the library and in their other albums)."""
        albums, members = self._open_tables()
        photo_ids = self.photo_ids(album_id)
        members.delete(f"album_id = {sql_string(album_id)}")
        albums.delete(f"id = {sql_string(album_id)}")
        self._sync_photos(photo_ids)

    @writes
    def add(self, album_id: str, photo_ids: Sequence[str]) -> int:
        """Append photos to a manual album's end (those already in it stay where they are); returns how
        many were added."""
        _albums, members = self._open_tables()
        present = self.photo_ids(album_id)
        known = set(present)
        new = [i for i in dict.fromkeys(photo_ids) if i not in known]
        if not new:
            return 0
        start = len(present)
        rows = [{"id": f"{album_id}:{p}", "album_id": album_id, "photo_id": p, "position": float(start + n)}
                for n, p in enumerate(new)]  # fmt: skip
        members.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(
            pa.Table.from_pylist(rows, schema=ALBUM_PHOTOS_SCHEMA)
        )
        self._sync_photos(new)
        return len(new)

    @writes
    def remove(self, album_id: str, photo_ids: Sequence[str]) -> None:
        _albums, members = self._open_tables()
        for chunk in chunks([f"{album_id}:{p}" for p in photo_ids]):
            members.delete(in_clause("id", chunk))
        self._sync_photos(photo_ids)

    @writes
    def reorder(self, album_id: str, photo_ids: Sequence[str]) -> None:
        """Put a manual album's photos in this order (photos not named keep their order, after these)."""
        order = list(dict.fromkeys([*photo_ids, *self.photo_ids(album_id)]))
        _albums, members = self._open_tables()
        rows = [{"id": f"{album_id}:{p}", "position": float(n)} for n, p in enumerate(order)]
        update_columns(members, rows)

    def _sync_photos(self, photo_ids: Sequence[str]) -> None:
        """Rewrite ``album_ids`` of these photos from the album_photos table (the truth)."""
        _albums, members = self._open_tables()
        holding: dict[str, list[str]] = {p: [] for p in photo_ids}
        for chunk in chunks(list(holding)):
            rows = members.search().where(in_clause("photo_id", chunk)).select(["album_id", "photo_id"])
            for row in rows.limit(None).to_list():
                holding[row["photo_id"]].append(row["album_id"])
        self.store.update_photo_fields([{"id": p, "album_ids": sorted(a)} for p, a in holding.items()])

    def album_photos(self, album_id: str) -> PhotoRows:
        """A manual album's photos in its order: one filtered read on ``album_ids``, each record built when
        first asked for (5,000 photos of 100k: reading them by id in chunks and building every record took
        ~1 s under load; see bench/albums.py)."""
        where = f"array_has_all(album_ids, [{sql_string(album_id)}])"
        table = self.store.query_photos(where, PHOTO_COLUMNS)
        position = {photo_id: n for n, photo_id in enumerate(table.column("id").to_pylist())}
        order = [position[i] for i in self.photo_ids(album_id) if i in position]
        return PhotoRows(table.take(order))

    def photos(self, photo_ids: Sequence[str]) -> list[Photo]:
        """The photos with these ids that are in the library, in the order given."""
        by_id: dict[str, Photo] = {}
        for chunk in chunks(list(dict.fromkeys(photo_ids))):
            for row in self.store.query_photos(in_clause("id", chunk), columns=PHOTO_COLUMNS).to_pylist():
                by_id[row["id"]] = photo_from_row(row)
        return [by_id[i] for i in photo_ids if i in by_id]


def _per_album(album_ids: pa.ChunkedArray) -> dict[str, int]:
    """How many photos each album id is listed on (``album_ids``: each photo's list of albums)."""
    held = pc.value_counts(pc.list_flatten(album_ids.combine_chunks())).to_pylist()
    return {c["values"]: c["counts"] for c in held}
