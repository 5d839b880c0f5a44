"""Retrieval quality of album's search on a labelled folder: Recall@1/5/10 and MRR.

    python bench/search_eval.py LIBRARY QUERIES.tsv [--model KEY]

QUERIES.tsv has one query per line: ``query<TAB>expected`` where expected lists file names (relative
to LIBRARY) separated by commas. A query ``similar:NAME`` searches by the example photo NAME. The
library is indexed with ``Library.index`` into a temporary ALBUM_HOME, using the model chosen by
--model (or ALBUM_CLIP_MODEL / the settings), from ALBUM_MODELS_DIR (downloads are off: a benchmark
never fetches models; the face step runs if the face models are there, as in the app). Each query
goes through ``Library.parse`` and ``Library.search``, or ``Library.similar``, as the search box's do.

    python bench/search_eval.py --make-shapes DIR

writes the generated coloured-shapes set (photos the tiny test model never saw) and its queries in
English and Chinese to DIR, for the figures in README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from album.core.library import Library, Paths, Settings


def make_shapes(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import tinyclip

    photos = tinyclip.write_photos(folder / "library", per_class=5, seed=4242)
    lines = []
    for (colour, shape), paths in zip(tinyclip.CLASSES, photos.values(), strict=True):
        names = ",".join(p.name for p in paths)
        zh = f"{tinyclip.COLOURS[colour][1]}的{tinyclip.SHAPES[shape]}"
        lines += [f"a photo of a {colour} {shape}\t{names}", f"{zh}\t{names}"]
        lines.append(f"similar:{paths[0].name}\t{','.join(p.name for p in paths[1:])}")
    (folder / "queries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {sum(len(p) for p in photos.values())} photos and {len(lines)} queries to {folder}")


def evaluate(folder: Path, queries: Path, model: str | None) -> None:
    os.environ["ALBUM_HOME"] = tempfile.mkdtemp(prefix="album-eval-")
    paths = Paths.from_env()
    if os.environ.get("ALBUM_MODELS_DIR") is None:
        print("note: ALBUM_MODELS_DIR is not set; the temporary home has no models", file=sys.stderr)
    settings = Settings.load(paths)
    settings.clip_model = model or settings.clip_model
    settings.allow_downloads = False
    library = Library(paths, settings)
    report = library.index([str(folder)])
    clip_unavailable = [reason for reason in report.unavailable if reason.startswith("clip:")]
    if clip_unavailable:
        raise SystemExit(clip_unavailable[0])
    recalls = {1: [], 5: [], 10: []}  # type: dict[int, list[float]]
    reciprocal_ranks = []
    for line in queries.read_text(encoding="utf-8").splitlines():
        if not line.strip() or "\t" not in line:
            continue
        text, expected_text = line.split("\t", 1)
        expected = {str((folder / name.strip()).resolve()) for name in expected_text.split(",") if name.strip()}
        if text.startswith("similar:"):
            example = str((folder / text.removeprefix("similar:")).resolve())
            found = [h.photo.path for h in library.similar(example).hits if h.photo.path != example]
        else:
            found = [h.photo.path for h in library.search(library.parse(text)).hits]
        for k in recalls:
            recalls[k].append(len(expected & set(found[:k])) / len(expected))
        rank = next((i for i, path in enumerate(found, 1) if path in expected), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
    n = len(reciprocal_ranks)
    print(f"{n} queries, {report.found} photos, model {settings.clip_model}")
    # Recall@k: share of a query's expected photos found in its first k results, averaged over queries.
    for k, values in recalls.items():
        print(f"Recall@{k:<2} {sum(values) / n:.3f}")
    print(f"MRR       {sum(reciprocal_ranks) / n:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library", nargs="?", type=Path)
    parser.add_argument("queries", nargs="?", type=Path)
    parser.add_argument("--model", help="CLIP model key (a folder under ALBUM_MODELS_DIR/clip/)")
    parser.add_argument("--make-shapes", type=Path, metavar="DIR", help="write the generated evaluation set")
    args = parser.parse_args()
    if args.make_shapes:
        make_shapes(args.make_shapes)
    elif args.library and args.queries:
        evaluate(args.library.resolve(), args.queries, args.model)
    else:
        parser.error("give LIBRARY QUERIES.tsv, or --make-shapes DIR")


if __name__ == "__main__":
    main()
