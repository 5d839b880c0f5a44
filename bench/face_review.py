"""How well "Show Faces" puts the wrong faces first, on real faces: merges of two real people (LFW photos
from ../shared/faces, embedded by the real face models from ../shared/models), ordered by album's measure
(distance from the mean of the medoid's core) and by the plain mean face it replaced.

    python bench/face_review.py [PEOPLE]   (default 20 people: 190 pairs)

Prints, for each measure: half-and-half merges (8 + 8 faces) whose order is all of one person, then all of
the other (one switch), and the average number of switches; and minority merges (3 faces of someone else
among 8) whose first three faces are exactly the intruders.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from album.core.models.faces import FaceAnalyzer
from album.core.people import typical_distances

SHARED = Path(__file__).resolve().parents[2] / "shared"


def mean_distances(matrix: np.ndarray) -> np.ndarray:
    centre = matrix.mean(axis=0)
    return np.asarray(1.0 - matrix @ (centre / np.linalg.norm(centre)))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    analyzer = FaceAnalyzer(SHARED / "models", allow_download=False, threads=2)
    people: dict[str, np.ndarray] = {}
    for folder in sorted((SHARED / "faces" / "people").iterdir())[:count]:
        rows = []
        for photo in sorted(folder.iterdir()):
            faces = analyzer.analyze(Image.open(photo))
            if faces:  # the largest face: LFW photos show bystanders too
                largest = max(faces, key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]))
                rows.append(largest.embedding)
        people[folder.name] = np.array(rows[:8])
    print(f"{len(people)} people, {sum(len(m) for m in people.values())} faces")
    for name, measure in (("medoid core (album)", typical_distances), ("mean face (before)", mean_distances)):
        clean, switches, minority = 0, [], 0
        pairs = list(itertools.combinations(people, 2))
        for a, b in pairs:
            matrix = np.concatenate([people[a], people[b]])
            owner = np.array([0] * len(people[a]) + [1] * len(people[b]))
            order = owner[np.argsort(-measure(matrix), kind="stable")]
            changes = int(np.sum(order[1:] != order[:-1]))
            clean += changes == 1
            switches.append(changes)
            mixed = np.concatenate([people[a][:5], people[b][:3]])
            first = np.argsort(-measure(mixed), kind="stable")[:3]
            minority += set(first.tolist()) == {5, 6, 7}
        print(f"{name}: 50/50 merges cleanly split {clean}/{len(pairs)} (mean switches {np.mean(switches):.1f}); "
              f"3 intruders among 8 first {minority}/{len(pairs)}")


if __name__ == "__main__":
    main()
