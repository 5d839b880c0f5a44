"""Where the weak-match margin comes from: how far real, absent and meaningless queries stand above
what meaningless texts reach (``album.core.search.weak_excess``), on a library and model.

    python bench/weak_margin.py [--library DIR --present QUERIES --absent QUERIES] [--model KEY]

Without a library it generates one with the tiny test model (tests/tinyclip.py, the only trained CLIP
model these machines have): photos of the red and green shapes only, so the blue and yellow shapes are
real queries with nothing to find (a "giraffe in a library without one"). With ``--library`` give a
folder of photos and two files of queries, one a line: things the photos show, and things they do not.

Three groups of queries are scored, in English and Chinese:
  present   things the library shows: must not be called weak (excess ≥ WEAK_MARGIN);
  absent    things it does not show: should be called weak;
  nonsense  random letter and CJK strings drawn with a fixed seed (not album's own NONSENSE texts,
            which set the bar): must be called weak.
It prints each group's spread of excess, how many of each the current WEAK_MARGIN judges right, and
the margins that separate present from the others best.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

from album.core.library import Library, Paths, Query, Settings
from album.core.search import MAX_CANDIDATES, WEAK_MARGIN, weak_excess

TESTS = Path(__file__).resolve().parents[1] / "tests"
SEED = 2026
NONSENSE_COUNT = 40


def random_nonsense(rng: random.Random) -> list[str]:
    """Strings that mean nothing: letter clusters of two or three words, and CJK characters drawn from
    the whole unified block (mostly rare ones), half and half."""
    letters = "bcdfghjklmnpqrstvwxzaeiouy"
    texts = []
    for i in range(NONSENSE_COUNT):
        if i % 2:
            texts.append("".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(2, 5))))
        else:
            words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(2, 3))]
            texts.append(" ".join(words))
    return texts


def shapes_library(folder: Path) -> tuple[Path, list[str], list[str]]:
    """The red and green shapes as photos; queries for them (present) and the blue and yellow ones (absent)."""
    sys.path.insert(0, str(TESTS))
    import tinyclip

    models = folder / "models"
    tinyclip.install(models, "tiny-shapes")
    os.environ["ALBUM_MODELS_DIR"], os.environ["ALBUM_CLIP_MODEL"] = str(models), "tiny-shapes"
    photos = folder / "library"
    tinyclip.write_photos(photos, per_class=6, seed=777)
    for path in photos.iterdir():
        if path.name.split("_")[0] not in ("red", "green"):
            path.unlink()
    present, absent = [], []
    for colour, shape in tinyclip.CLASSES:
        zh = f"{tinyclip.COLOURS[colour][1]}的{tinyclip.SHAPES[shape]}"
        (present if colour in ("red", "green") else absent).extend([f"a {colour} {shape}", zh])
    return photos, present, absent


def excess(library: Library, text: str) -> float:
    """What ``is_weak`` measures for ``text`` searched over the whole library (no filters)."""
    searcher = library._searcher  # the search's own internals: the figures it judges by
    model_id = searcher._model_id()
    vector = searcher._text_vector(text)
    found = searcher.store.nearest(vector, Query(text=text), model_id, MAX_CANDIDATES)
    background = searcher._background_for(model_id)
    assert background is not None and found, "the library needs encoded photos"
    mu, _sigma = background.stats(vector)
    nonsense_z, sampled, unit = searcher._nonsense_z(model_id, background)
    photos = searcher.store.model_vector_count(model_id)
    return weak_excess((found[0][1] - mu) / unit, nonsense_z, photos, sampled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path)
    parser.add_argument("--present", type=Path)
    parser.add_argument("--absent", type=Path)
    parser.add_argument("--model", help="CLIP model key (a folder under ALBUM_MODELS_DIR/clip/)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="album-weak-"))
    if args.library:
        folder = args.library
        present = args.present.read_text(encoding="utf-8").split("\n")
        absent = args.absent.read_text(encoding="utf-8").split("\n")
    else:
        folder, present, absent = shapes_library(work)
    os.environ["ALBUM_HOME"] = str(work / "home")
    paths = Paths.from_env()
    settings = Settings.load(paths)
    settings.clip_model = args.model or os.environ.get("ALBUM_CLIP_MODEL") or settings.clip_model
    settings.allow_downloads = False
    library = Library(paths, settings)
    report = library.index([str(folder)])
    groups = {"present": [q for q in present if q.strip()], "absent": [q for q in absent if q.strip()],
              "nonsense": random_nonsense(random.Random(SEED))}  # fmt: skip
    scores = {name: np.array([excess(library, q) for q in queries]) for name, queries in groups.items()}
    print(f"{report.found} photos, model {settings.clip_model}; excess over meaningless texts, in σₙ:")
    for name, values in scores.items():
        right = (values >= WEAK_MARGIN) if name == "present" else (values < WEAK_MARGIN)
        print(f"{name:>9}: n={len(values):3d}  min {values.min():+.2f}  median {statistics.median(values):+.2f}  "
              f"max {values.max():+.2f}   judged right at WEAK_MARGIN={WEAK_MARGIN:g}: {right.mean():.2f}")  # fmt: skip
    # The margins that judge most queries right (present strong; absent and nonsense weak), each group
    # weighted alike: the range of equally good margins, and its middle.
    candidates = np.round(np.arange(-2.0, 3.0, 0.01), 2)

    def accuracy(margin: float) -> float:
        return float(np.mean([np.mean(scores["present"] >= margin), np.mean(scores["absent"] < margin),
                              np.mean(scores["nonsense"] < margin)]))  # fmt: skip

    accuracies = np.array([accuracy(m) for m in candidates])
    best = candidates[accuracies == accuracies.max()]
    print(f"best margins: {best.min():+.2f} … {best.max():+.2f} σₙ (balanced accuracy {accuracies.max():.2f}); "
          f"middle {(best.min() + best.max()) / 2:+.2f}; at WEAK_MARGIN {accuracy(WEAK_MARGIN):.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
