"""The LanceDB store on real small libraries: stable photo ids, the schema-5 migration that merges duplicate
rows, refusing a newer library, typed records out of searches, pending work per step, statistics."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import lancedb
import numpy as np
import pyarrow as pa
import pytest

from album.core.query import Query
from album.core.records import Photo
from album.core.store.db import META_SCHEMA, PHOTOS_SCHEMA, SCHEMA_VERSION, Store, StoreError, new_photo_id
from album.core.store.faces import faces_schema

DIM = 4


def photo_row(id_: str, path: str, **values: Any) -> dict[str, Any]:
    return {"id": id_, "path": path, "path_bytes": os.fsencode(path), "folder": os.path.dirname(path),
            "tags": [], "person_ids": [], **values}  # fmt: skip


def face_row(id_: str, photo_id: str, assigned_by: str | None, person_id: str | None = None) -> dict[str, Any]:
    return {"id": id_, "photo_id": photo_id, "bbox": [0.1, 0.1, 0.3, 0.3], "landmarks": [0.2] * 10, "score": 0.9,
            "embedding": [1.0, 0.0, 0.0, 0.0], "person_id": person_id, "assigned_by": assigned_by, "thumb": b"",
            "model": "faces-v1"}  # fmt: skip


def set_schema_version(db_dir: Path, version: int) -> None:
    meta = lancedb.connect(str(db_dir)).open_table("meta")
    data = pa.Table.from_pylist([{"key": "schema_version", "value": str(version)}], schema=META_SCHEMA)
    meta.merge_insert("key").when_matched_update_all().when_not_matched_insert_all().execute(data)


def test_new_photo_id_is_stable_per_path_and_skips_taken_ids() -> None:
    path = os.fsencode("/photos/2023/IMG_0001.jpg")
    first = new_photo_id(path)
    assert new_photo_id(path) == first and len(first) == 32
    assert new_photo_id(os.fsencode("/photos/2023/IMG_0002.jpg")) != first
    second = new_photo_id(path, {first})
    assert second != first and new_photo_id(path, {first}) == second  # the next free id is stable too
    third = new_photo_id(path, {first, second})
    assert third not in {first, second}
    assert new_photo_id(path, {"unrelated"}) == first


def test_schema_4_duplicates_are_merged_keeping_the_row_whose_faces_the_user_named(tmp_path: Path) -> None:
    """Before schema 5 two concurrent runs could insert one file twice (random ids)."""
    db_dir = tmp_path / "library.lancedb"
    store = Store(db_dir)
    faces = store.face_tables(DIM).faces
    later, earlier = datetime(2024, 5, 2), datetime(2024, 5, 1)
    rows = [
        # beach.jpg twice: the second row has done more steps and is newer, but the user named a face on the first
        photo_row("named", "/p/beach.jpg", indexed_at=earlier),
        photo_row("busier", "/p/beach.jpg", clip_model="clip-a", faces_model="faces-v1", indexed_at=later),
        # dog.jpg twice, no names: the row with more steps done wins over the newer one
        photo_row("encoded", "/p/dog.jpg", clip_model="clip-a", indexed_at=earlier),
        photo_row("newer", "/p/dog.jpg", indexed_at=later),
        photo_row("single", "/p/cat.jpg", indexed_at=earlier),
    ]
    store.photos.add(pa.Table.from_pylist(rows, schema=PHOTOS_SCHEMA))  # as an old album wrote them, no merge
    faces.add(pa.Table.from_pylist([face_row("f-named", "named", "user", "anna"), face_row("f-busier", "busier", "auto"),
                                    face_row("f-single", "single", "auto")], schema=faces_schema(DIM)))  # fmt: skip
    set_schema_version(db_dir, 4)

    migrated = Store(db_dir)
    assert migrated.schema_version == SCHEMA_VERSION
    by_path = {r["path"]: r["id"] for r in migrated.query_photos(None, ["id", "path"]).to_pylist()}
    assert by_path == {"/p/beach.jpg": "named", "/p/dog.jpg": "encoded", "/p/cat.jpg": "single"}
    remaining = {r["id"] for r in migrated.face_tables(DIM).face_rows(None, ["id"])}
    assert remaining == {"f-named", "f-single"}  # the dropped row's faces went with it


def test_a_library_from_a_newer_album_is_refused(tmp_path: Path) -> None:
    db_dir = tmp_path / "library.lancedb"
    Store(db_dir).upsert_photos([photo_row("a", "/p/a.jpg")])
    set_schema_version(db_dir, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=f"schema {SCHEMA_VERSION + 1}"):
        Store(db_dir)
    assert lancedb.connect(str(db_dir)).open_table("photos").count_rows() == 1  # left as it was


@pytest.fixture
def library(tmp_path: Path) -> Store:
    store = Store(tmp_path / "library.lancedb")
    store.ensure_vector_column(DIM)
    vec = {"red": [1.0, 0.0, 0.0, 0.0], "pink": [0.8, 0.6, 0.0, 0.0], "blue": [0.0, 0.0, 1.0, 0.0]}
    store.upsert_photos([
        photo_row("r", "/p/red.jpg", taken_at=datetime(2023, 6, 1, 12), camera="Canon EOS R5", tags=["flower"],
                  clip_model="clip-a", clip_vector=vec["red"], faces_model="faces-v1", date_source="DateTimeOriginal",
                  lat=38.72, lon=-9.14),
        photo_row("p", "/p/pink.jpg", taken_at=datetime(2022, 1, 1), camera="NIKON D750", clip_model="clip-a",
                  clip_vector=vec["pink"], date_source="file_mtime"),
        photo_row("b", "/p/blue.jpg", taken_at=datetime(2024, 3, 3), clip_model="clip-old", clip_vector=vec["blue"],
                  faces_model="faces-v1", date_source="DateTimeOriginal"),
        photo_row("n", "/p/new.jpg"),  # just found, no step has run
    ])  # fmt: skip
    return store


def test_photos_matching_returns_typed_records_newest_first(library: Store) -> None:
    photos = library.photos_matching(Query())
    assert [p.id for p in photos] == ["b", "r", "p", "n"]  # no date last
    assert all(isinstance(p, Photo) for p in photos)
    red = photos[1]
    assert (red.path, red.taken_at, red.camera_make, red.tags, red.person_ids) == (
        "/p/red.jpg", datetime(2023, 6, 1, 12), None, ("flower",), ())  # fmt: skip
    assert [p.id for p in library.photos_matching(Query(camera="canon"))] == ["r"]
    assert [p.id for p in library.photos_matching(Query(date_to=date(2023, 6, 1)), limit=1)] == ["r"]


def test_nearest_ranks_one_models_vectors_with_filters_applied(library: Store) -> None:
    query = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
    found = library.nearest(query, Query(), "clip-a", limit=10)
    assert [(p.id, round(score, 3), time) for p, score, time in found] == [("r", 1.0, None), ("p", 0.8, None)]
    assert all(isinstance(p, Photo) for p, _, _ in found) and found[0][0].tags == ("flower",)
    assert [p.id for p, _, _ in library.nearest(query, Query(date_to=date(2022, 12, 31)), "clip-a", 10)] == ["p"]
    assert library.nearest(query, Query(), "clip-new", 10) == []


def test_pending_paths_are_photos_a_step_has_not_done_with_its_current_model(library: Store) -> None:
    assert library.pending_paths([]) == set()
    assert library.pending_paths([("clip_model", "clip-a")]) == {b"/p/blue.jpg", b"/p/new.jpg"}
    assert library.pending_paths([("faces_model", "faces-v1")]) == {b"/p/pink.jpg", b"/p/new.jpg"}
    both = library.pending_paths([("clip_model", "clip-a"), ("faces_model", "faces-v1")])
    assert both == {b"/p/blue.jpg", b"/p/pink.jpg", b"/p/new.jpg"}


def test_stats_count_dates_from_the_camera_positions_and_errors(library: Store) -> None:
    library.record_errors([library.error_row(b"/p/broken.jpg", 10, 1, "decode", "truncated")])
    stats = library.stats()
    assert (stats.photos, stats.with_date, stats.with_gps, stats.errors) == (4, 2, 1, 1)  # file_mtime is no date
    assert (stats.schema_version, stats.database) == (SCHEMA_VERSION, str(library.db_dir))
    assert stats.database_bytes > 0


def test_sample_vectors_draws_one_models_vectors_uniformly(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.lancedb")
    store.ensure_vector_column(DIM)
    rng = np.random.default_rng(3)
    vectors = rng.normal([0.5, -0.1, 0.2, 0.0], [0.1, 0.3, 0.05, 0.2], size=(3000, DIM)).astype(np.float32)
    rows = [photo_row(f"x{i}", f"/p/{i}.jpg", clip_model="clip-a", clip_vector=v.tolist()) for i, v in enumerate(vectors)]
    rows += [photo_row(f"o{i}", f"/p/o{i}.jpg", clip_model="clip-old", clip_vector=[9.0] * DIM) for i in range(1000)]
    store.upsert_photos(rows)
    everything = store.sample_vectors("clip-a", size=5000)
    assert everything.shape == (3000, DIM)  # a library smaller than the sample: all of it
    np.testing.assert_allclose(np.sort(everything[:, 0]), np.sort(vectors[:, 0]))
    sample = store.sample_vectors("clip-a", size=1000, seed=1)
    assert 650 <= len(sample) <= 850 and not (sample == 9.0).any()  # ~3/4 of 1,000 offsets; never clip-old's
    assert len({tuple(v) for v in sample}) == len(sample)  # drawn without replacement
    np.testing.assert_allclose(sample.mean(axis=0), vectors.mean(axis=0), atol=0.03)  # a fair draw


def test_a_big_library_is_searched_through_its_vector_index_and_finds_the_same_photo(tmp_path: Path) -> None:
    """The ANN index (IVF-PQ, candidates re-ranked by exact distance) finds what exact search finds, and a
    search for more candidates than re-ranking pays for (a text search's 1,000) scans every row instead."""
    store = Store(tmp_path / "library.lancedb")
    dim = 64
    store.ensure_vector_column(dim)
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(1200, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store.upsert_photos([photo_row(f"v{i}", f"/p/{i}.jpg", clip_model="clip-a", clip_vector=v.tolist())
                         for i, v in enumerate(vectors)])  # fmt: skip
    query = vectors[17] + rng.normal(0, 0.01, dim).astype(np.float32)
    exact = [p.id for p, _, _ in store.nearest(query, Query(), "clip-a", 2)]
    store.ensure_indexes(vector_index=True)
    assert store.vector_index_type == "IvfPq"
    assert "ANNSubIndex" in store.vector_query(query, "clip_model = 'clip-a'", 2).explain_plan()
    found = store.nearest(query, Query(), "clip-a", 2)
    assert found[0][0].id == exact[0] == "v17" and found[0][1] > 0.99
    many = store.vector_query(query, "clip_model = 'clip-a'", 1000)  # 1,000 x 50 candidates > 1,200 rows x 9
    assert "ANNSubIndex" not in many.explain_plan() and many.to_arrow().num_rows == 1000
