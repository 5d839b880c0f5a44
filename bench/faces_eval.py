"""Face quality on a labelled folder (one subfolder per person): detection rate, clustering pairwise
precision / recall / F1, people found vs true, and faces/s — through ``Library.index`` as the app runs it.

Usage: ALBUM_MODELS_DIR=../shared/models python bench/faces_eval.py FOLDER [--singles FOLDER]

A photo is expected to show its folder's person; only its largest face is scored (news photos often
show others in the background). --singles adds photos of people seen once: they must not be merged
into anyone (they count against precision when they are).

The library is a temporary one whose models folder holds only the face models (linked from
ALBUM_MODELS_DIR), with downloads off, so indexing runs the face step alone: the rate is that of
detection + embedding, not CLIP's. ``Library.index`` groups the faces into people as it ends; the
clustering time is what it took beyond the indexer's own run (``IndexReport.seconds``). Photos and
faces are read back through the library. Only the "models:" line looks below it, at a FaceAnalyzer
loaded from the same files, because the library does not say its face model's id and distance.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from album.core.library import Library, Paths, Query, Settings
from album.core.models.faces import FaceAnalyzer
from album.core.records import Face


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--singles", type=Path, help="folder of one-off people (distractors)")
    args = parser.parse_args()
    models_dir = Path(os.environ.get("ALBUM_MODELS_DIR", Paths.from_env().models_dir))
    home = Path(tempfile.mkdtemp(prefix="album-faces-eval-"))
    try:
        (home / "models").mkdir()
        (home / "models" / "faces").symlink_to((models_dir / "faces").resolve(), target_is_directory=True)
        paths = Paths(data_dir=home / "data", cache_dir=home / "cache", models_dir=home / "models")
        settings = Settings(allow_downloads=False)
        evaluate(Library(paths, settings), args.folder, args.singles, settings.face_distance)
    finally:
        shutil.rmtree(home)


def evaluate(library: Library, folder: Path, singles: Path | None, face_distance: float) -> None:
    roots = [str(folder)] + ([str(singles)] if singles else [])
    started = time.perf_counter()
    report = library.index(roots)
    total_seconds = time.perf_counter() - started
    if any(reason.startswith("faces:") for reason in report.unavailable):
        raise SystemExit(next(r for r in report.unavailable if r.startswith("faces:")))
    seconds = report.seconds  # the indexer's run: loading the models, scanning, detecting, embedding
    cluster_seconds = total_seconds - seconds

    photos = {hit.photo.id: Path(hit.photo.path) for hit in library.search(Query()).hits}
    faces = [face for photo_id in photos for face in library.faces_in_photo(photo_id)]
    largest: dict[str, tuple[Face, float]] = {}
    for face in faces:
        area = (face.bbox[2] - face.bbox[0]) * (face.bbox[3] - face.bbox[1])
        if face.photo_id not in largest or area > largest[face.photo_id][1]:
            largest[face.photo_id] = (face, area)
    truth = {pid: (photos[pid].parent.name if singles is None or photos[pid].parent != singles.resolve()
                   else f"single:{photos[pid].name}") for pid in photos}  # fmt: skip
    detected = len(largest) / len(photos)
    pairs = list(itertools.combinations([face for face, _area in largest.values()], 2))
    same_true = [truth[a.photo_id] == truth[b.photo_id] for a, b in pairs]
    same_pred = [a.person_id is not None and a.person_id == b.person_id for a, b in pairs]
    tp = sum(t and p for t, p in zip(same_true, same_pred, strict=True))
    precision = tp / max(1, sum(same_pred))
    recall = tp / max(1, sum(same_true))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    true_people = sum(1 for n in Counter(truth.values()).values() if n >= 3)
    found = len({f.person_id for f in faces if f.person_id})
    analyzer = FaceAnalyzer(library.paths.models_dir, allow_download=False, distance=face_distance)
    analyzer.load()
    print(f"models: {analyzer.model_id} (same-person distance {analyzer.same_person_distance})")
    print(f"photos {len(photos)}, faces {len(faces)}, detection rate (photos with a face) {detected:.3f}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"people found {found} vs true people with >= 3 photos {true_people}")
    print(f"indexing with faces: {len(photos) / seconds:.1f} photos/s, {len(faces) / seconds:.1f} faces/s; "
          f"clustering {cluster_seconds:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
