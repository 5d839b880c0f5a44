"""What a search's words are read against from the library itself: its named people, where its photos are, the
cameras they were taken with and the keywords the user gave them in other apps.

Parsing needs these few facts, not the database. The :class:`~album.core.library.Library` keeps them in a small
JSON file in the cache folder with a stamp of the database, so ``album parse`` reads them without opening LanceDB
(about 1 s here) and a new process parses its first query at once. The stamp changes with every commit to any
table, so facts from before a change are never used: they are read from the store again and kept anew.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from album.core.config import Paths, Settings
from album.core.geo import Gazetteer, LibraryPlaces
from album.core.models.registry import clip_folder
from album.core.models.tags import BACKGROUND_KEY, Tag, load_vocabulary
from album.core.query import KnownPerson, Query, check_text, parse_query, to_syntax

log = logging.getLogger(__name__)

FILE_NAME = "query-facts.json"
VERSION = 2  # 2: cameras and keywords


@dataclass(frozen=True)
class QueryFacts:
    """The library's named people, the centre of its photos, the places they were taken, the camera models
    that took them and the user's own keywords on them."""

    people: tuple[KnownPerson, ...]
    center: tuple[float, float] | None
    places: LibraryPlaces
    cameras: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


def database_stamp(db_dir: Path) -> str:
    """A string that changes with every commit to any of the library's tables: LanceDB adds a manifest to the
    table's ``_versions`` folder per commit, which changes the folder's mtime and, where the file system keeps
    coarse times, its number of entries. A few stat calls: cheap enough for every keystroke's parse."""
    parts = []
    for versions in sorted(db_dir.glob("*.lance/_versions")):
        try:
            parts.append(f"{versions.parent.name}:{versions.stat().st_mtime_ns}:{len(os.listdir(versions))}")
        except OSError:  # a table being dropped right now: never equal to a kept stamp
            parts.append(f"{versions.parent.name}:gone")
    return ";".join(parts)


def load(path: Path, stamp: str) -> QueryFacts | None:
    """The facts kept for this exact state of the database, or None (none kept, another state, unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION or data.get("stamp") != stamp or not stamp:
            return None
        people = tuple(KnownPerson(str(key), str(name), bool(me)) for key, name, me in data["people"])
        center = tuple(data["center"]) if data["center"] is not None else None
        places = LibraryPlaces(tuple((float(lat), float(lon)) for lat, lon in data["points"]),
                               frozenset((country, region) for country, region in data["areas"]))  # fmt: skip
        cameras = tuple(str(c) for c in data["cameras"])
        keywords = tuple(str(k) for k in data["user_keywords"])
        return QueryFacts(people, (float(center[0]), float(center[1])) if center else None, places, cameras, keywords)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.info("query facts in %s not used: %s", path, exc)
        return None


def save(path: Path, stamp: str, facts: QueryFacts) -> None:
    """Keep ``facts`` for ``stamp``, written atomically; a cache that cannot be written is only slower."""
    data = {
        "version": VERSION,
        "stamp": stamp,
        "people": [[p.id, p.name, p.is_me] for p in facts.people],
        "center": list(facts.center) if facts.center is not None else None,
        "points": [list(point) for point in facts.places.points],
        "areas": sorted([list(area) for area in facts.places.areas], key=lambda a: (a[0], a[1] or "")),
        "cameras": list(facts.cameras),
        "user_keywords": list(facts.keywords),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        log.info("query facts not kept in %s: %s", path, exc)


def parse_kept(paths: Paths, text: str, known: Sequence[KnownPerson] | None = None,
               today: date | None = None) -> tuple[Query, str] | None:  # fmt: skip
    """``album parse`` without opening the database: the query and its explicit syntax, read against the facts
    a library kept for the database as it is now (None when there are none: open the
    :class:`~album.core.library.Library`). Imports neither LanceDB nor the store: ~0.3 s less than opening one.

    Raises:
        InvalidQuery: the text is longer than a search can be, or not valid Unicode.
    """
    facts = load(paths.cache_dir / FILE_NAME, database_stamp(paths.db_dir))
    if facts is None:
        return None
    vocabulary = searchable(load_vocabulary(clip_folder(paths.models_dir, Settings.load(paths).clip_model)))
    query = parse_with_facts(text, facts, known, today, Gazetteer(paths.cache_dir), vocabulary)
    return query, to_syntax(query, vocabulary)


def parse_with_facts(text: str, facts: QueryFacts, known: Sequence[KnownPerson] | None, today: date | None,
           gazetteer: Gazetteer | None, vocabulary: Sequence[Tag]) -> Query:  # fmt: skip
    """The search box's text as a Query, read against ``facts`` (see :meth:`Library.parse`)."""
    check_text(text)
    if not text.strip():
        return Query()
    return parse_query(text, facts.people if known is None else known, today, gazetteer,
                       library_center=facts.center, vocabulary=vocabulary,
                       library_places=facts.places if gazetteer is not None else None,
                       library_cameras=facts.cameras, library_keywords=facts.keywords)  # fmt: skip


def searchable(vocabulary: Sequence[Tag]) -> tuple[Tag, ...]:
    """The tags photos can carry and searches can name: a model's labels but the background one."""
    return tuple(tag for tag in vocabulary if tag.key != BACKGROUND_KEY)
