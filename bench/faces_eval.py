"""Face quality on a labelled folder (one subfolder per person): detection rate, clustering pairwise
precision / recall / F1, people found vs true, and faces/s — through album's real indexer.

Usage: ALBUM_MODELS_DIR=../shared/models python bench/faces_eval.py FOLDER [--singles FOLDER]

A photo is expected to show its folder's person; only its largest face is scored (news photos often
show others in the background). --singles adds photos of people seen once: they must not be merged
into anyone (they count against precision when they are).
"""

from __future__ import annotations

import argparse
import itertools
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from album.core.config import IndexSettings, Paths
from album.core.models.faces import FaceAnalyzer
from album.core.people import cluster
from album.core.pipeline.indexer import Indexer
from album.core.pipeline.steps.faces import FaceStep
from album.core.store.db import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--singles", type=Path, help="folder of one-off people (distractors)")
    args = parser.parse_args()
    models_dir = Path(os.environ.get("ALBUM_MODELS_DIR", Paths.from_env().models_dir))
    home = Path(tempfile.mkdtemp(prefix="album-faces-eval-"))
    store = Store(home / "db")
    analyzer = FaceAnalyzer(models_dir, threads=1)
    step = FaceStep(analyzer)
    roots = [str(args.folder)] + ([str(args.singles)] if args.singles else [])
    started = time.perf_counter()
    report = Indexer(store, home / "thumbs", IndexSettings(), steps=[step]).run(roots)
    seconds = time.perf_counter() - started
    assert step.faces is not None, report.unavailable
    clustering_started = time.perf_counter()
    cluster(step.faces, analyzer.same_person_distance)
    cluster_seconds = time.perf_counter() - clustering_started

    photos = {r["id"]: Path(r["path"]) for r in store.query_photos(None, ["id", "path"]).to_pylist()}
    faces = step.faces.face_rows(None, ["photo_id", "person_id", "bbox"])
    largest: dict[str, dict] = {}  # type: ignore[type-arg]
    for face in faces:
        area = (face["bbox"][2] - face["bbox"][0]) * (face["bbox"][3] - face["bbox"][1])
        if face["photo_id"] not in largest or area > largest[face["photo_id"]]["area"]:
            largest[face["photo_id"]] = {**face, "area": area}
    truth = {pid: (photos[pid].parent.name if args.singles is None or photos[pid].parent != args.singles.resolve()
                   else f"single:{photos[pid].name}") for pid in photos}  # fmt: skip
    detected = len(largest) / len(photos)
    pairs = list(itertools.combinations(largest.values(), 2))
    same_true = [truth[a["photo_id"]] == truth[b["photo_id"]] for a, b in pairs]
    same_pred = [a["person_id"] is not None and a["person_id"] == b["person_id"] for a, b in pairs]
    tp = sum(t and p for t, p in zip(same_true, same_pred, strict=True))
    precision = tp / max(1, sum(same_pred))
    recall = tp / max(1, sum(same_true))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    true_people = sum(1 for n in Counter(truth.values()).values() if n >= 3)
    found = len({f["person_id"] for f in faces if f["person_id"]})
    print(f"models: {analyzer.model_id} (same-person distance {analyzer.same_person_distance})")
    print(f"photos {len(photos)}, faces {len(faces)}, detection rate (photos with a face) {detected:.3f}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"people found {found} vs true people with >= 3 photos {true_people}")
    print(f"indexing with faces: {len(photos) / seconds:.1f} photos/s, {len(faces) / seconds:.1f} faces/s; "
          f"clustering {cluster_seconds:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
