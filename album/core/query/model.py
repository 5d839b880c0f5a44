"""A search as typed values: what the search box, the filter controls and the CLI all produce.

The parser (:mod:`album.core.query.parse`) turns text into a :class:`Query`; the store turns a Query
into a safe LanceDB filter (:mod:`album.core.store.filters`); :func:`to_syntax` renders it back as text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from album.core.records import (
    CameraContains,
    Keyworded,
    Labelled,
    Rated,
    Reason,
    Tagged,
    TakenBetween,
    TakenIn,
    TakenNear,
    Without,
    WithPeople,
)

DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 20_040.0  # half the Earth's circumference: every place is within it
FIRST_YEAR, LAST_YEAR = 1826, 2200  # the first photograph; anything later than this is a typo
MAX_TEXT_CHARS = 2_000  # a pasted novel is not a search
MAX_STARS = 5


class QueryProblem(Enum):
    """Why a search cannot mean anything: what a front end says in its own words (and language)."""

    DISTANCE = "distance"  # a radius that is not a number of km in (0, max_km]
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    YEAR = "year"  # a date outside first..last (the year typed is ``year``)
    TOO_LONG = "too long"  # more than max_chars characters
    EMPTY_NAME = "empty name"  # a person named ""
    NOT_UTF8 = "not utf-8"  # e.g. a command-line argument in another encoding
    LIMIT = "limit"  # a result limit below 1
    RATING = "rating"  # stars outside 0..max_stars


ENGLISH = {
    QueryProblem.DISTANCE: "a distance must be a number of km between 0 and {max_km:,.0f}",
    QueryProblem.LATITUDE: "a latitude must be between -90 and 90",
    QueryProblem.LONGITUDE: "a longitude must be between -180 and 180",
    QueryProblem.YEAR: "dates must be between {first} and {last}, not {year}",
    QueryProblem.TOO_LONG: "a search can be at most {max_chars:,} characters long",
    QueryProblem.EMPTY_NAME: "a person's name cannot be empty",
    QueryProblem.NOT_UTF8: "the search is not valid UTF-8 text",
    QueryProblem.LIMIT: "a limit must be at least 1",
    QueryProblem.RATING: "a rating is between 0 and {max_stars} stars",
}


class InvalidQuery(ValueError):
    """A search that cannot mean anything (a radius of infinity km, the year 9999).

    ``str()`` is one English sentence for the CLI; ``problem`` and ``params`` let the GUI say the
    same in the user's language (see ``album.gui.search_bar.problem_text``).
    """

    def __init__(self, problem: QueryProblem, **params: float) -> None:
        super().__init__(ENGLISH[problem].format(**params))
        self.problem = problem
        self.params = params


@dataclass(frozen=True)
class PlaceFilter:
    """Where: a circle (lat, lon, radius_km), or a country and maybe one of its regions (English names,
    as stored per photo: "in Portugal", "in California", "在浙江").

    A name that several places share ("Valencia") is said with its country ("Valencia, Spain") and
    carries the other places it could mean, best first, so a front end can offer them.
    """

    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    country: str | None = None
    region: str | None = None
    name_zh: str | None = None  # the name for a Chinese UI ("瓦伦西亚, 西班牙"), where Chinese names are known
    alternatives: tuple[PlaceFilter, ...] = ()  # each without alternatives of its own


@dataclass(frozen=True)
class Source:
    """Where in the typed text one understood part came from (``text[start:end]``), so a front end can
    take a chip's own words out of what the user typed instead of rewriting the whole text.

    ``kind`` names the chip: "person", "date", "place", "camera", "tag", "rating", "label" or "exclude".
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Query:
    """What to look for. Every field is optional; all given fields must match.

    ``people`` are names as typed (for chips and JSON); ``person_ids`` are what the filter uses.
    """

    text: str = ""  # what the photo shows, for CLIP ranking
    people: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()  # people who must all be in the photo
    date_from: date | None = None  # inclusive, on the photo's local (camera) date
    date_to: date | None = None  # inclusive
    # An eve ("Christmas Eve 2021", "除夕"): from from_hour o'clock on date_from until to_hour o'clock on date_to.
    from_hour: int | None = None
    to_hour: int | None = None  # exclusive
    place: PlaceFilter | None = None
    camera: str | None = None  # substring of "make model", case-insensitive
    tags: tuple[str, ...] = ()  # zero-shot tag keys that must all be present
    exclude: tuple[str, ...] = ()  # NOT terms as typed: people, tags or words
    exclude_person_ids: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # the user's own keywords (from other apps) that must all be present
    rating_min: int | None = None  # at least this many stars
    rejected: bool = False  # only the photos the user rejected
    label: str | None = None  # a colour label, case-insensitive ("Red")
    # Where each part was said in the parsed text (empty for a query built in code); not part of what
    # the query means, so two queries that mean the same compare equal however they were typed.
    sources: tuple[Source, ...] = field(default=(), compare=False, repr=False)

    def to_json(self) -> dict[str, object]:
        """The stable JSON shape of ``album parse --json`` (see README)."""
        place = None
        if self.place is not None:
            place = {k: getattr(self.place, k) for k in ("name", "lat", "lon", "radius_km", "country", "region")}
        return {
            "text": self.text, "people": list(self.people),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "from_hour": self.from_hour, "to_hour": self.to_hour,
            "place": place, "camera": self.camera, "tags": list(self.tags), "exclude": list(self.exclude),
            "keywords": list(self.keywords), "rating_min": self.rating_min, "rejected": self.rejected,
            "label": self.label,
        }  # fmt: skip


@dataclass(frozen=True)
class KnownPerson:
    """A person the parser can recognise by name."""

    id: str
    name: str
    is_me: bool = False


def match_reasons(query: Query) -> tuple[Reason, ...]:
    """Why a photo matched ``query``'s filters, as structured reasons each front end puts in words."""
    reasons: list[Reason] = []
    if query.date_from or query.date_to:
        reasons.append(TakenBetween(query.date_from, query.date_to, query.from_hour, query.to_hour))
    place = query.place
    if place is not None and place.lat is not None and place.lon is not None:
        reasons.append(TakenNear(place.name, place.lat, place.lon, place.radius_km or DEFAULT_RADIUS_KM, place.name_zh))
    if place is not None and place.country:
        reasons.append(TakenIn(place.country, place.region))
    if query.camera:
        reasons.append(CameraContains(query.camera))
    if query.tags:
        reasons.append(Tagged(query.tags))
    if query.keywords:
        reasons.append(Keyworded(query.keywords))
    if query.rating_min is not None or query.rejected:
        reasons.append(Rated(query.rating_min, query.rejected))
    if query.label:
        reasons.append(Labelled(query.label))
    if query.people:
        reasons.append(WithPeople(query.people))
    if query.exclude:
        reasons.append(Without(query.exclude))
    return tuple(reasons)


def check_query(query: Query) -> None:
    """Raise :class:`InvalidQuery` with one sentence if ``query`` cannot be searched for."""
    place = query.place
    if place is not None:
        if place.radius_km is not None and not (0 < place.radius_km <= MAX_RADIUS_KM):
            raise InvalidQuery(QueryProblem.DISTANCE, max_km=MAX_RADIUS_KM)
        if place.lat is not None and not (math.isfinite(place.lat) and -90 <= place.lat <= 90):
            raise InvalidQuery(QueryProblem.LATITUDE)
        if place.lon is not None and not (math.isfinite(place.lon) and -180 <= place.lon <= 180):
            raise InvalidQuery(QueryProblem.LONGITUDE)
    for day in (query.date_from, query.date_to):
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise InvalidQuery(QueryProblem.YEAR, first=FIRST_YEAR, last=LAST_YEAR, year=day.year)
    if len(query.text) > MAX_TEXT_CHARS:
        raise InvalidQuery(QueryProblem.TOO_LONG, max_chars=MAX_TEXT_CHARS)
    if query.rating_min is not None and not 0 <= query.rating_min <= MAX_STARS:
        raise InvalidQuery(QueryProblem.RATING, max_stars=MAX_STARS)
    if any(not name.strip() for name in query.people):
        raise InvalidQuery(QueryProblem.EMPTY_NAME)


def check_text(text: str) -> None:
    """Raise :class:`InvalidQuery` if typed text cannot be a search: too long, or not valid Unicode
    (e.g. a command-line argument in a non-UTF-8 encoding)."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidQuery(QueryProblem.TOO_LONG, max_chars=MAX_TEXT_CHARS)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidQuery(QueryProblem.NOT_UTF8) from None
