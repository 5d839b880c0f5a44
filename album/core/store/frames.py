"""The frames table: a CLIP vector for each keyframe of each video, with its second.

A video's row in the photos table carries the mean of its keyframes' vectors (so "similar" and tags
treat it as one item); this table lets a text search rank a video by its best frame and say at which
second it shows what was asked for. Frames carry only their video's id: the search's filters run on
the photos table first (inside LanceDB), and the frames are searched among the videos that passed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from album.core.store.sql import chunks, in_clause, sql_string

if TYPE_CHECKING:
    from album.core.store.db import Store

log = logging.getLogger(__name__)

FRAMES_TABLE = "frames"


def frames_schema(dim: int) -> pa.Schema:
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),  # photo id + ":" + frame number
            pa.field("photo_id", pa.string(), nullable=False),
            pa.field("time", pa.float64()),  # seconds from the video's start
            pa.field("clip_model", pa.string()),
            pa.field("vector", pa.list_(pa.float32(), dim)),
        ]
    )


class FrameStore:
    """Keyframe vectors of the library's videos (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _table(self, dim: int | None = None) -> Any:
        """The frames table, or None before any video was encoded; ``dim``: create it (or replace one of
        another model's dimension) for vectors of this size."""
        names = self.store.table_names()
        if dim is None:
            return self.store.open_or_create(FRAMES_TABLE, frames_schema(1), names) if FRAMES_TABLE in names else None
        table = self.store.open_or_create(FRAMES_TABLE, frames_schema(dim), names)
        if table.schema.field("vector").type.list_size != dim:
            self.store.drop_table(FRAMES_TABLE)
            table = self.store.open_or_create(FRAMES_TABLE, frames_schema(dim))
        return table

    def save(self, frames: Mapping[str, Sequence[tuple[float, list[float]]]], model_id: str) -> None:
        """Replace the keyframes of these videos (photo id → (second, vector) pairs)."""
        vectors = [vector for found in frames.values() for _t, vector in found]
        if not frames:
            return
        table = self._table(len(vectors[0]) if vectors else None)
        if table is None:
            return
        with self.store.write_mutex:
            for chunk in chunks(list(frames)):
                table.delete(in_clause("photo_id", chunk))
            rows = [
                {"id": f"{photo_id}:{n}", "photo_id": photo_id, "time": t, "clip_model": model_id, "vector": vector}
                for photo_id, found in frames.items() for n, (t, vector) in enumerate(found)
            ]  # fmt: skip
            if rows:
                table.add(pa.Table.from_pylist(rows, schema=table.schema))

    def forget(self, photo_ids: Sequence[str]) -> None:
        table = self._table()
        if table is not None:
            for chunk in chunks(photo_ids):
                table.delete(in_clause("photo_id", chunk))

    def best(
        self, vector: np.ndarray, model_id: str, video_ids: Sequence[str] | None, limit: int
    ) -> dict[str, tuple[float, float]]:
        """For the videos among ``video_ids`` (None: every video) with a frame among the ``limit`` frames
        nearest ``vector``: their best frame's cosine similarity and second."""
        table = self._table()
        if table is None or video_ids == [] or table.schema.field("vector").type.list_size != len(vector):
            return {}
        where = f"clip_model = {sql_string(model_id)}"
        if video_ids is not None:
            where += f" AND {in_clause('photo_id', video_ids)}"
        query = table.search(vector, vector_column_name="vector").distance_type("cosine")
        rows = query.where(where, prefilter=True).select(["photo_id", "time", "_distance"]).limit(limit).to_list()
        found: dict[str, tuple[float, float]] = {}
        for row in rows:  # nearest first: a video's first row is its best frame
            found.setdefault(row["photo_id"], (1.0 - float(row["_distance"]), float(row["time"])))
        return found
