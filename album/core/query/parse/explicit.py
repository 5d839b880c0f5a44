"""The explicit syntax, read and written: ``person:"Anna" after:2023-01-01 before:2023-03-31
near:Lisbon km:20 in:Portugal camera:canon tag:dog -tag:screenshot -person:Ben text:"red car"``, and
``rating:4+ label:Red keyword:"Ben's party" after:2021-12-24T17:00``.

Power users type it, and the search bar's chips are edited through it: a chip's ✕ renders the query
without that field with :func:`to_syntax`, and parsing that text must give the same query back. So
the explicit syntax is read first, and what it says wins over what the words say.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence

from album.core.models.tags import VOCABULARY, Tag
from album.core.query.dates import find_dates
from album.core.query.model import DEFAULT_RADIUS_KM, PlaceFilter, Query
from album.core.query.parse.context import ParseContext
from album.core.query.parse.people import find_person
from album.core.query.parse.places import place_named
from album.core.query.parse.ratings import LABELS, rating_syntax, read_rating
from album.core.query.parse.tags import keyword_named, tag_key

_TOKEN = re.compile(r'(?P<neg>-)?(?P<key>person|after|before|near|km|in|camera|tag|text|rating|label|keyword):'
                    r'(?:"(?P<q>[^"]*)"|(?P<v>\S+))', re.IGNORECASE)  # fmt: skip
_COORDINATES = re.compile(r"(?P<latitude>[-+]?\d+(?:\.\d+)?),(?P<longitude>[-+]?\d+(?:\.\d+)?)")  # near:38.7223,-9.1393
_HOUR = re.compile(r"T(?P<h>\d{1,2})(?::00)?$")  # after:2021-12-24T17:00: an eve's evening, as to_syntax writes it


def take_explicit(ctx: ParseContext) -> None:
    """Read every ``key:value`` of the text into the context and take it; a later value of the same key
    wins, a value that means nothing (``after:soon``, ``km:far``) is dropped."""
    for match in _TOKEN.finditer(ctx.text):
        key, negative = match["key"].lower(), bool(match["neg"])
        value = match["q"] if match["q"] is not None else match["v"]
        ctx.take(match.start(), match.end())
        if key == "person":
            _person(ctx, value, negative)
        elif key in ("after", "before"):
            # ISO dates, as to_syntax writes them: no season, so the hemisphere does not matter.
            typed = find_dates(value, ctx.today, southern=False)
            hour = _HOUR.search(value)
            if typed and key == "after":
                ctx.date_from = typed[0].range[0]
                ctx.from_hour = int(hour["h"]) if hour and int(hour["h"]) < 24 else None
            elif typed:
                ctx.date_to = typed[0].range[1]
                ctx.to_hour = int(hour["h"]) if hour and int(hour["h"]) < 24 else None
        elif key == "tag":
            _tag(ctx, value, negative)
        elif key == "keyword":
            ctx.keywords.append(keyword_named(value, ctx.library_keywords) or value)
        elif key == "rating":
            rating = read_rating(value)
            if rating is not None:
                ctx.rating_min, ctx.rejected = rating
        elif key == "label":
            ctx.label = LABELS.get(value.lower(), value)
        elif key == "camera":
            ctx.camera = value
        elif key == "km":
            with contextlib.suppress(ValueError):
                ctx.radius_km = float(value)
        elif key == "near" and (point := _COORDINATES.fullmatch(value)):
            ctx.place = PlaceFilter(lat=float(point["latitude"]), lon=float(point["longitude"]))  # the map's circles
        elif key in ("near", "in"):
            found = place_named(value, ctx.gazetteer, ctx.whereabouts, None, key == "near", key == "in")
            ctx.place = found or ctx.place
        elif key == "text":
            ctx.extra_text = value


def explicit_kind(said: str) -> str | None:
    """Which chip a ``key:value`` token makes ("-tag:x", "-person:x" make an exclusion; "text:" none)."""
    match = _TOKEN.fullmatch(said.strip())
    if match is None:
        return None
    key = match["key"].lower()
    if match["neg"]:
        return "exclude"
    if key in ("after", "before"):
        return "date"
    if key in ("near", "km", "in"):
        return "place"
    return None if key == "text" else key  # person:, camera:, tag:, keyword:, rating:, label: name their own chips


def _tag(ctx: ParseContext, value: str, negative: bool) -> None:
    """``tag:X`` / ``-tag:X``: a tag of the vocabulary, else one of the user's own keywords, else X as typed."""
    key = tag_key(value, ctx.vocabulary)
    keyword = keyword_named(value, ctx.library_keywords) if key is None else None
    if negative:
        ctx.exclude_tags.append(key or value)
        ctx.exclude.append(value)
    elif keyword is not None:
        ctx.keywords.append(keyword)
    else:
        ctx.tags.append(key or value)


def _person(ctx: ParseContext, name: str, negative: bool) -> None:
    """``person:X`` / ``-person:X``. An unknown X is still excluded by name, or searched as text."""
    person = find_person(name, ctx.known_people)
    if negative:
        ctx.exclude.append(name)
        if person:
            ctx.exclude_people.append(person)
    elif person:
        ctx.people.append(person)
    else:
        ctx.unknown_people.append(name)


def _degrees(value: float) -> str:
    """A coordinate to a tenth of a metre, as ``near:`` reads it back (no exponent, no trailing zeros)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def to_syntax(query: Query, vocabulary: Sequence[Tag] = VOCABULARY) -> str:
    """Render a Query in the explicit syntax; ``parse_query(to_syntax(q))`` gives ``q`` back (for its
    fields), given the same ``vocabulary``: an excluded term that names a tag is written as ``-tag:``."""

    def quote(value: str) -> str:
        return f'"{value}"' if (" " in value or ":" in value) else value

    parts = [f"person:{quote(p)}" for p in query.people]
    parts += [f'album:"{a}"' for a in query.albums]
    if query.favourite:
        parts.append("is:favourite")
    if query.date_from:
        hour = f"T{query.from_hour:02d}:00" if query.from_hour is not None else ""
        parts.append(f"after:{query.date_from.isoformat()}{hour}")
    if query.date_to:
        hour = f"T{query.to_hour:02d}:00" if query.to_hour is not None else ""
        parts.append(f"before:{query.date_to.isoformat()}{hour}")
    if query.place is not None:
        if query.place.country:
            parts.append(f"in:{quote(query.place.name or query.place.country)}")
        elif query.place.name or query.place.lat is not None:
            lat, lon = query.place.lat or 0.0, query.place.lon or 0.0
            where = query.place.name or f"{_degrees(lat)},{_degrees(lon)}"  # a circle drawn on the map
            parts.append(f"near:{quote(where)}")
            if query.place.radius_km and query.place.radius_km != DEFAULT_RADIUS_KM:
                parts.append(f"km:{query.place.radius_km:g}")
    if query.camera:
        parts.append(f"camera:{quote(query.camera)}")
    parts += [f"tag:{quote(t)}" for t in query.tags]
    parts += [f"keyword:{quote(k)}" for k in query.keywords]
    rating = rating_syntax(query.rating_min, query.rejected)
    if rating:
        parts.append(f"rating:{rating}")
    if query.label:
        parts.append(f"label:{quote(query.label)}")
    parts += [f"-tag:{quote(t)}" for t in query.exclude_tags]
    excluded_tags = set(query.exclude_tags)
    parts += [f"-person:{quote(p)}" for p in query.exclude if p not in excluded_tags and tag_key(p, vocabulary) is None]
    if query.text:
        parts.append(query.text)
    return " ".join(parts)
