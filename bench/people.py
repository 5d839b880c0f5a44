"""Clustering time for a large library: synthetic face embeddings (no photos), album's real clustering.

Usage: python bench/people.py [FACES] [PEOPLE]   (default 100000 faces of 2000 people, 128-d like MobileFaceNet)

Faces of one person scatter around a centre at the spread measured for real faces with MobileFaceNet
(same-person cosine distance mostly 0.2–0.5), plus 10 % one-off strangers.

The faces are written straight into the library's face table and clustered with
:func:`album.core.people.cluster`, below ``Library``: there are no photos to index, and the library
clusters with the distance of the face models it loads, which this benchmark does without. The people
list is then read through ``Library.people``, as the people view reads it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from album.core.library import Library, Paths, Settings
from album.core.people import cluster
from album.core.store.db import Store
from album.core.store.faces import FaceStore

DIM = 128


def main() -> None:
    faces = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(people, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    known = int(faces * 0.9)
    owners = rng.integers(0, people, known)
    vectors = centres[owners] + rng.normal(scale=0.05, size=(known, DIM)).astype(np.float32)
    strangers = rng.normal(size=(faces - known, DIM)).astype(np.float32)
    vectors = np.vstack([vectors, strangers])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sample = vectors[:2000]
    same = owners[:2000, None] == owners[None, :2000]
    distances = 1 - sample @ sample.T
    print(f"same-person distance median {np.median(distances[same & ~np.eye(2000, dtype=bool)]):.2f}")
    work = Path(tempfile.mkdtemp(prefix="album-people-bench-"))
    try:
        paths = Paths(data_dir=work / "data", cache_dir=work / "cache", models_dir=work / "models")
        paths.ensure()
        store = Store(paths.db_dir)
        face_store = FaceStore(store, DIM)
        rows = [{"id": f"f{i}", "photo_id": f"p{i}", "bbox": [0.1, 0.1, 0.3, 0.3], "landmarks": [0.0] * 10,
                 "score": 0.9, "embedding": v.tolist(), "person_id": None, "assigned_by": None, "thumb": b"",
                 "model": "bench"} for i, v in enumerate(vectors)]  # fmt: skip
        for start in range(0, len(rows), 20_000):
            face_store.replace_faces([], rows[start : start + 20_000])
        started = time.perf_counter()
        report = cluster(face_store, max_distance=0.6)
        seconds = time.perf_counter() - started
        print(f"{faces} faces ({people} people + {faces - known} strangers): clustered in {seconds:.1f} s; "
              f"{report.new_people} people found, {report.waiting} faces waiting")  # fmt: skip
        library = Library(paths, Settings(allow_downloads=False))  # opened on the written faces, as the app would be
        started = time.perf_counter()
        listed = library.people()
        print(f"people list ({len(listed)} people): {1000 * (time.perf_counter() - started):.0f} ms")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
