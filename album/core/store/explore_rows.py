"""What the explore map reads of the photos table: each photo with a vector of one model, in one filtered scan."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from album.core.explore import ExplorePoints, Rows
from album.core.store.db import VECTOR_COLUMN, Store, shown
from album.core.store.sql import sql_string

COLUMNS = ["id", "path", "content_hash", "taken_at", "place", "tags", "person_ids", VECTOR_COLUMN]


def read_rows(store: Store, model_id: str) -> Rows:
    """The photos ``model_id`` made a vector of, with what the map shows of them (the filter runs in LanceDB);
    copies the user set aside in the duplicates review stay off the map, as they stay out of the photos."""
    if store.vector_dim() is None:
        return Rows(ExplorePoints([], [], [], np.zeros(0), [], []), np.zeros((0, 0), np.float32), [])
    table = store.query_photos(shown(f"clip_model = {sql_string(model_id)}", f"{VECTOR_COLUMN} IS NOT NULL"), COLUMNS)
    taken = table.column("taken_at").combine_chunks()
    per_second = {"s": 1, "ms": 1e3, "us": 1e6, "ns": 1e9}[taken.type.unit]
    seconds = pc.cast(taken, pa.int64()).to_numpy(zero_copy_only=False).astype(np.float64) / per_second
    people = [ids[0] if ids else None for ids in table.column("person_ids").to_pylist()]
    points = ExplorePoints(
        ids=table.column("id").to_pylist(),
        paths=table.column("path").to_pylist(),
        thumbs=[h or "" for h in table.column("content_hash").to_pylist()],
        taken=seconds,
        places=table.column("place").to_pylist(),
        people=people,
    )
    dim = int(table.schema.field(VECTOR_COLUMN).type.list_size)
    flat = table.column(VECTOR_COLUMN).combine_chunks().flatten()
    vectors = np.asarray(flat, np.float32).reshape(len(table), dim)
    return Rows(points, vectors, [list(t or ()) for t in table.column("tags").to_pylist()])
