"""Search latency at library scale: vector search alone and with date + place + person filters,
exact (brute force) vs an ANN index, and the index's recall@10 against exact search.

Synthetic but shaped like a real library: 512-d vectors around 2,000 "scene" centres, dates over ten
years, photos clustered around 30 places, 0–3 of 300 people per photo. The table is album's own schema.

Most lines measure LanceDB under album's store, below ``Library``: the rows are synthetic vectors
written straight into the photos table (there are no photos to index, and 1M of them could not be), and
the exact and indexed searches call the store's ``vector_search`` and ``ensure_indexes`` to compare
the two at the same filter. The last line is what a user runs: ``Library.similar`` with the same
filters, on a library opened on that table. Its CLIP model is a tiny random-weights one with 512-d
vectors, written by this script, so that the library has a model to search under (the rows carry its
id; the query vectors are given, so no text is encoded).

Usage: python bench/search.py [ROWS]   (default 100000)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import random_clip

from album.core.library import Library, Paths, PlaceFilter, Query, Settings
from album.core.models.clip import ClipEncoder
from album.core.store.db import VECTOR_COLUMN, Store, sql_string
from album.core.store.filters import to_where

DIM, MODEL_KEY = 512, "bench-512"
# A CLIP model as small as open_clip builds, but with album's usual 512-d vectors.
MODEL_CFG = {
    "embed_dim": DIM,
    "vision_cfg": {"image_size": 32, "layers": 1, "width": 64, "patch_size": 16, "head_width": 32},
    "text_cfg": {"context_length": 16, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 1},
}


def write_model(models_dir: Path) -> str:
    """Write the tiny random-weights model into album's layout (see random_clip.py); returns its model id."""
    random_clip.install(models_dir, MODEL_KEY, MODEL_CFG)
    encoder = ClipEncoder(models_dir, MODEL_KEY, allow_download=False)
    encoder.load()
    return encoder.model_id


def build(store: Store, rows: int, rng: np.random.Generator, model: str) -> np.ndarray:
    store.ensure_vector_column(DIM)
    centres = rng.normal(size=(2000, DIM)).astype(np.float32)
    places = np.column_stack([rng.uniform(-50, 60, 30), rng.uniform(-120, 140, 30)])
    schema = store.photos.schema
    chunk = 20_000
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        vectors = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        where = places[rng.integers(0, len(places), n)] + rng.normal(scale=0.3, size=(n, 2))
        taken = [datetime(2015, 1, 1) + timedelta(minutes=int(m)) for m in rng.integers(0, 10 * 525_600, n)]
        people = [[f"p{int(p)}" for p in rng.choice(300, size=rng.integers(0, 4), replace=False)] for _ in range(n)]
        columns = {
            "id": [f"{start + i:08d}" for i in range(n)],
            "path": [f"/photos/{start + i}.jpg" for i in range(n)],
            "path_bytes": [f"/photos/{start + i}.jpg".encode() for i in range(n)],
            "taken_at": taken, "lat": where[:, 0], "lon": where[:, 1], "person_ids": people,
            "tags": [[] for _ in range(n)], "clip_model": [model] * n,
            VECTOR_COLUMN: pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), DIM),
        }  # fmt: skip
        arrays = [
            columns[f.name] if isinstance(columns.get(f.name), pa.Array)
            else pa.array(columns[f.name], f.type) if f.name in columns else pa.nulls(n, f.type)
            for f in schema
        ]  # fmt: skip
        store.photos.add(pa.Table.from_arrays(arrays, schema=schema))
    store.optimize()
    return centres


def timed(fn, queries) -> tuple[list[float], list]:  # type: ignore[no-untyped-def]
    fn(queries[0])  # warm-up
    times, results = [], []
    for q in queries:
        started = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - started) * 1000)
    return times, results


def report(label: str, times: list[float]) -> None:
    print(f"{label:<52} p50 {np.percentile(times, 50):6.1f} ms   p99 {np.percentile(times, 99):6.1f} ms")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = np.random.default_rng(0)
    work = Path(tempfile.mkdtemp(prefix="album-search-bench-"))
    try:
        paths = Paths(data_dir=work / "data", cache_dir=work / "cache", models_dir=work / "models")
        paths.ensure()
        model = write_model(paths.models_dir)
        store = Store(paths.db_dir)
        started = time.perf_counter()
        centres = build(store, rows, rng, model)
        print(f"{rows} rows of {DIM}-d vectors built in {time.perf_counter() - started:.0f} s; 200 queries per line")
        queries = [(c + 0.5 * rng.normal(size=DIM)).astype(np.float32) for c in centres[:200]]
        queries = [q / np.linalg.norm(q) for q in queries]
        first = store.query_photos(None, ["lat", "lon"], 1).to_pylist()[0]
        place = PlaceFilter(lat=first["lat"], lon=first["lon"], radius_km=300.0)
        filtered = Query(date_from=date(2016, 1, 1), date_to=date(2021, 12, 31), place=place, person_ids=("p7",))
        where_all = f"clip_model = {sql_string(model)}"
        where_filtered = f"{where_all} AND {to_where(filtered)}"
        print(f"filter: 6 years, 300 km, one person -> {store.count_photos(where_filtered)} matching rows")

        def search(where: str) -> object:
            return lambda q: store.vector_search(q, where, 10)

        exact = {}
        for name, where in (("no filter", where_all), ("date + place + person", where_filtered)):
            times, hits = timed(search(where), queries)
            report(f"exact, {name}", times)
            exact[name] = [[h["id"] for h in hit] for hit in hits]

        started = time.perf_counter()
        store.ensure_indexes(vector_index=False)
        print(f"scalar indexes built in {time.perf_counter() - started:.1f} s")
        times, _ = timed(search(where_filtered), queries)
        report("exact + scalar indexes, date + place + person", times)

        started = time.perf_counter()
        store.ensure_indexes(vector_index=True)
        print(f"vector index ({store.vector_index_type}) built in {time.perf_counter() - started:.0f} s")
        for name, where in (("no filter", where_all), ("date + place + person", where_filtered)):
            times, hits = timed(search(where), queries)
            recall = np.mean([len(set(e) & {h["id"] for h in got}) / max(1, len(e))
                              for e, got in zip(exact[name], hits, strict=True)])  # fmt: skip
            report(f"indexed, {name} (recall@10 {recall:.3f})", times)

        library = Library(paths, Settings(clip_model=MODEL_KEY, allow_downloads=False))
        times, _ = timed(lambda q: library.similar(q, filtered, limit=50), queries[:100])
        report("album Library.similar: filters + ranking + cutoff", times)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
