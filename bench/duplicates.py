"""Finding duplicates at library scale: time and memory of ``find_duplicates`` on a 100k-photo library,
and how many of the planted copies and bursts it finds.

Synthetic but shaped like a real library, in album's own photos table (a real LanceDB store): 512-d CLIP
vectors around 2,000 "scene" centres (unrelated photos of one scene reach a cosine of ~0.73), random 64-bit
perceptual hashes, dates over ten years from five cameras. Planted among them: exact copies (the same
content hash), resized copies (hash 0–2 bits off, vector cosine ~0.98) and bursts (the same camera 1–3 s
later, hash ~10 bits off, cosine ~0.93).

Wall time and CPU time are both printed: on a machine shared with other jobs the CPU time is the figure
that says what the code costs (LanceDB's reads use more than one thread, so it can exceed the wall time).

Usage: python bench/duplicates.py [ROWS]   (default 100000)
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

from album.core.store.db import VECTOR_COLUMN, Store
from album.core.store.duplicates import COLUMNS, find_duplicates, find_groups

DIM, MODEL = 512, "bench-512"
PLANTED = {"exact": 0.02, "resized": 0.03, "burst": 0.02}  # of the rows, each the copy of an earlier row


def _flip(hashes: np.ndarray, bits: int, rng: np.random.Generator) -> np.ndarray:
    """Each hash with ``bits`` random bits flipped."""
    masks = np.zeros(len(hashes), np.uint64)
    for _ in range(bits):
        masks |= np.uint64(1) << rng.integers(0, 64, len(hashes)).astype(np.uint64)
    return hashes ^ masks


def _near(vectors: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    moved = vectors + noise * rng.normal(size=vectors.shape).astype(np.float32) / np.sqrt(DIM)
    return moved / np.linalg.norm(moved, axis=1, keepdims=True)


def build(store: Store, rows: int, rng: np.random.Generator) -> dict[str, set[tuple[int, int]]]:
    """Write ``rows`` photos; returns the planted (original, copy) row pairs by kind."""
    centres = rng.normal(size=(2000, DIM)).astype(np.float32)
    vectors = centres[rng.integers(0, 2000, rows)] + 0.6 * rng.normal(size=(rows, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    phash = rng.integers(0, np.iinfo(np.uint64).max, rows, dtype=np.uint64, endpoint=True)
    seconds = rng.integers(0, 10 * 365 * 86400, rows)
    camera = rng.integers(0, 5, rows)
    hashes = np.arange(rows)
    width = np.full(rows, 4000)
    copies = rng.permutation(np.arange(rows // 2, rows))  # copies among the later half, of rows in the first half
    planted: dict[str, set[tuple[int, int]]] = {}
    start = 0
    for kind, share in PLANTED.items():
        copy = copies[start : start + int(rows * share)]
        start += len(copy)
        original = rng.integers(0, rows // 2, len(copy))
        planted[kind] = set(zip(original.tolist(), copy.tolist(), strict=True))
        seconds[copy], camera[copy] = seconds[original], camera[original]
        if kind == "exact":
            hashes[copy], phash[copy], vectors[copy] = hashes[original], phash[original], vectors[original]
        elif kind == "resized":
            phash[copy] = _flip(phash[original], int(rng.integers(0, 3)), rng)
            vectors[copy], width[copy] = _near(vectors[original], 0.2, rng), 2000
        else:
            phash[copy], vectors[copy] = _flip(phash[original], 10, rng), _near(vectors[original], 0.4, rng)
            seconds[copy] += rng.integers(1, 4, len(copy))
    store.ensure_vector_column(DIM)
    schema = store.photos.schema
    epoch = datetime(2015, 1, 1)
    columns = {
        "id": [f"{i:08d}" for i in range(rows)], "path": [f"/photos/{i}.jpg" for i in range(rows)],
        "path_bytes": [f"/photos/{i}.jpg".encode() for i in range(rows)],
        "content_hash": [f"{h:032x}" for h in hashes], "phash": phash.view(np.int64),
        "sharpness": rng.uniform(10, 500, rows), "width": width, "height": width * 3 // 4,
        "size": width * 1000, "taken_at": [epoch + timedelta(seconds=int(s)) for s in seconds],
        "date_source": ["exif"] * rows, "camera": [f"Camera {c}" for c in camera], "tags": [[]] * rows,
        "person_ids": [[]] * rows, "clip_model": [MODEL] * rows,
        VECTOR_COLUMN: pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), DIM),
    }  # fmt: skip
    arrays = [
        columns[f.name] if isinstance(columns.get(f.name), pa.Array)
        else pa.array(columns[f.name], f.type) if f.name in columns else pa.nulls(rows, f.type)
        for f in schema
    ]  # fmt: skip
    store.photos.add(pa.Table.from_arrays(arrays, schema=schema))
    store.optimize()
    return planted


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "library.lancedb")
        planted = build(store, rows, rng)
        print(f"{rows:,} photos, planted: " + ", ".join(f"{len(p):,} {k}" for k, p in planted.items()))

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        groups = find_duplicates(store)
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"find_duplicates (read from LanceDB + group + records): {total:.2f} s ({cpu:.2f} s CPU), "
              f"{len(groups):,} groups; "
              f"peak traced {peak / 2**20:.0f} MB, process peak RSS +{(rss_after - rss_before) / 1024:.0f} MB")

        table = store.duplicate_candidates(COLUMNS)
        started, cpu = time.perf_counter(), time.process_time()
        found = find_groups(table, VECTOR_COLUMN, MODEL)
        print(f"grouping alone (numpy, on the table already read): {time.perf_counter() - started:.2f} s "
              f"({time.process_time() - cpu:.2f} s CPU)")
        exact = find_groups(table, VECTOR_COLUMN, MODEL, exact_only=True)
        print(f"--exact-only: {len(exact):,} groups")

        row_of = {int(i): n for n, i in enumerate(table.column("id").to_pylist())}
        label = np.full(rows, -1)
        for g, group in enumerate(found):
            label[list(group.rows)] = g
        for kind, pairs in planted.items():
            hit = sum(label[row_of[a]] >= 0 and label[row_of[a]] == label[row_of[b]] for a, b in pairs)
            print(f"  {kind:>8}: {hit / len(pairs):6.1%} of the planted pairs grouped")
        planted_rows = {row_of[r] for pairs in planted.values() for pair in pairs for r in pair}
        stray = sum(1 for group in found for r in group.rows if r not in planted_rows)
        print(f"  photos grouped that were not planted: {stray:,} of {rows - len(planted_rows):,}")


if __name__ == "__main__":
    main()
