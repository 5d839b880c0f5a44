"""A search as typed values: what the search box, the filter controls and the CLI all produce.

The parser (:mod:`album.core.query.parse`) turns text into a :class:`Query`; the store turns a Query
into a safe LanceDB filter (:mod:`album.core.store.filters`); :func:`to_syntax` renders it back as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from album.core.records import (
    CameraContains,
    Reason,
    Tagged,
    TakenBetween,
    TakenIn,
    TakenNear,
    Without,
    WithPeople,
)

DEFAULT_RADIUS_KM = 25.0


@dataclass(frozen=True)
class PlaceFilter:
    """Where: a circle (lat, lon, radius_km), or a country and maybe one of its regions (English names,
    as stored per photo: "in Portugal", "in California", "在浙江")."""

    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    country: str | None = None
    region: str | None = None


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
    place: PlaceFilter | None = None
    camera: str | None = None  # substring of "make model", case-insensitive
    tags: tuple[str, ...] = ()  # zero-shot tag keys that must all be present
    exclude: tuple[str, ...] = ()  # NOT terms as typed: people, tags or words
    exclude_person_ids: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The stable JSON shape of ``album parse --json`` (see README)."""
        place = None
        if self.place is not None:
            place = {k: getattr(self.place, k) for k in ("name", "lat", "lon", "radius_km", "country", "region")}
        return {
            "text": self.text, "people": list(self.people),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "place": place, "camera": self.camera, "tags": list(self.tags), "exclude": list(self.exclude),
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
        reasons.append(TakenBetween(query.date_from, query.date_to))
    place = query.place
    if place is not None and place.lat is not None and place.lon is not None:
        reasons.append(TakenNear(place.name, place.lat, place.lon, place.radius_km or DEFAULT_RADIUS_KM))
    if place is not None and place.country:
        reasons.append(TakenIn(place.country, place.region))
    if query.camera:
        reasons.append(CameraContains(query.camera))
    if query.tags:
        reasons.append(Tagged(query.tags))
    if query.people:
        reasons.append(WithPeople(query.people))
    if query.exclude:
        reasons.append(Without(query.exclude))
    return tuple(reasons)
