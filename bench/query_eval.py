"""Field-level accuracy of the search-box parser on a table of queries with expected fields.

Usage: python bench/query_eval.py [TABLE] [-v]   (default bench/data/queries.tsv; -v lists the misses)

Each line: ``query<TAB>{"text": ..., "people": [...], "date_from": ..., "date_to": ..., "place": NAME,
"camera": ..., "exclude": [...]}``; fields left out are not scored for that query. The reference day and
the known people are fixed (2026-11-24; Anna, Ben, 小明, and Li Wei as "me").

Queries are parsed by ``Library.parse``, as the search box and ``album search`` parse them, on an empty
library (no photos, so no home location; the tag vocabulary is album's own, as without a model).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from album.core.library import KnownPerson, Library, Paths, Query, Settings

TODAY = date(2026, 11, 24)
PEOPLE = [KnownPerson("a", "Anna"), KnownPerson("b", "Ben"), KnownPerson("x", "小明"), KnownPerson("m", "Li Wei", True)]


def predicted(query: Query, field: str) -> object:
    data = query.to_json()
    if field == "place":
        place = data["place"]
        return place and (place["name"] or place["country"])  # type: ignore[index]
    if field == "people":
        return sorted(query.people)
    return data[field]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", nargs="?", type=Path, default=Path(__file__).resolve().parent / "data" / "queries.tsv")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="album-query-eval-"))
    try:
        paths = Paths(data_dir=home / "data", cache_dir=home / "cache", models_dir=home / "models")
        evaluate(Library(paths, Settings(allow_downloads=False)), args.table, args.verbose)
    finally:
        shutil.rmtree(home)


def evaluate(library: Library, table: Path, verbose: bool) -> None:
    library.load_place_names()
    scores: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    started = time.perf_counter()
    lines = [ln for ln in table.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines:
        text, expected_json = line.split("\t")
        expected = json.loads(expected_json)
        query = library.parse(text, PEOPLE, TODAY)
        all_right = True
        for field, want in expected.items():
            got = predicted(query, field)
            ok = sorted(want) == got if field == "people" else want == got or (not want and not got)
            scores[field].append(ok)
            all_right &= ok
            if not ok:
                misses.append(f"{text!r}: {field} = {got!r}, expected {want!r}")
        scores["whole query"].append(all_right)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for line in lines:  # again, warm: what the search box pays per keystroke
        library.parse(line.split("\t")[0], PEOPLE, TODAY)
    warm = time.perf_counter() - started
    print(f"{len(lines)} queries ({table.name}), parsed in {warm * 1000:.0f} ms "
          f"(first pass, loading calendars: {first * 1000:.0f} ms)")  # fmt: skip
    for field, results in scores.items():
        print(f"{field:>12}: {sum(results) / len(results):.3f}  ({sum(results)}/{len(results)})")
    if verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
