"""Field-level accuracy of the search-box parser on a table of queries with expected fields, and how
often a place name finds the place it names.

Usage: python bench/query_eval.py [TABLE] [--places PLACES] [-v]   (-v lists the misses)

TABLE defaults to bench/data/queries.tsv. PLACES (default bench/data/places.tsv, written by
bench/place_table.py from CLDR and tzdata, not from album's own gazetteer) holds famous and ambiguous
place names in English and Chinese with where they are: each is searched as "photos in NAME" /
"在NAME的照片", and found if the search's place is a circle whose centre is within PLACE_KM of where
the name is, or that place's country (for a name that is a country's, "Andorra", "安道尔"). An
ambiguous name is also scored as offered: found first or among the alternatives the chip's menu offers
(tz names one "San Juan", Argentina's; a user means Puerto Rico's as often).

Each line: ``query<TAB>{"text": ..., "people": [...], "date_from": ..., "date_to": ..., "place": NAME,
"camera": ..., "exclude": [...], "from_hour": ..., "rating_min": ..., "rejected": ...}``; fields left out are not
scored for that query. The reference day and the known people are fixed (2026-11-24; Anna, Ben, 小明, Renée,
José García, 張偉, and Li Wei as "me").

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

from album.core.geo import distance_km
from album.core.library import KnownPerson, Library, Paths, PlaceFilter, Query, Settings

PLACE_KM = 50.0
TODAY = date(2026, 11, 24)
PEOPLE = [KnownPerson("a", "Anna"), KnownPerson("b", "Ben"), KnownPerson("x", "小明"), KnownPerson("m", "Li Wei", True),
          KnownPerson("r", "Renée"), KnownPerson("j", "José García"), KnownPerson("z", "張偉")]


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
    parser.add_argument("--places", type=Path, default=Path(__file__).resolve().parent / "data" / "places.tsv")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="album-query-eval-"))
    try:
        paths = Paths(data_dir=home / "data", cache_dir=home / "cache", models_dir=home / "models")
        library = Library(paths, Settings(allow_downloads=False))
        evaluate(library, args.table, args.verbose)
        evaluate_places(library, args.places, args.verbose)
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


def evaluate_places(library: Library, table: Path, verbose: bool) -> None:
    """Print how many of the table's place names are found, by language and for the ambiguous ones."""
    from album.core.geo import Gazetteer

    countries = Gazetteer(library.paths.cache_dir)
    scores: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    lines = [ln.split("\t") for ln in table.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    started = time.perf_counter()
    def is_there(place: PlaceFilter, code: str, lat: str, lon: str) -> bool:
        if place.lat is not None and place.lon is not None:
            return distance_km(place.lat, place.lon, float(lat), float(lon)) <= PLACE_KM
        return place.country == countries.country_name(code)

    for name, language, code, lat, lon, ambiguous, _zone in lines:
        text = f"在{name}的照片" if language == "zh" else f"photos in {name}"
        place = library.parse(text, [], TODAY).place
        if place is None:
            found, offered, got = False, False, "nothing"
        else:
            found = is_there(place, code, lat, lon)
            offered = found or any(is_there(p, code, lat, lon) for p in place.alternatives)
            got = place.name or place.country or "?"
            if place.lat is not None and place.lon is not None:
                got += f" ({distance_km(place.lat, place.lon, float(lat), float(lon)):,.0f} km away)"
            else:
                got += " (a region or country)"
        scores["all"].append(found)
        scores[language].append(found)
        if ambiguous == "1":
            scores["ambiguous"].append(found)
            scores["ambiguous, offered"].append(offered)  # first, or among the chip's alternatives
        if not found:
            misses.append(f"{text!r} ({code}): {got}{' — offered in the chip' if offered else ''}")
    elapsed = time.perf_counter() - started
    print(f"\n{len(lines)} place names ({table.name}), parsed in {elapsed * 1000:.0f} ms")
    for group, results in scores.items():
        print(f"{group:>12}: {sum(results) / len(results):.3f}  ({sum(results)}/{len(results)})")
    if verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
