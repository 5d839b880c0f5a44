"""What the core hands to its front ends: typed, read-only records.

The CLI and the GUI receive these from :class:`~album.core.library.Library` and never see a database
row. Reasons are structured (a kind and its values), so each front end says them in its own language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, ClassVar

# The fields of the JSON photo record: a contract for scripts (see README "JSON output").
PHOTO_JSON_FIELDS = (
    "path", "taken_at", "date_source", "lat", "lon", "alt", "place", "region", "country", "camera_make",
    "camera_model", "lens", "width", "height", "orientation", "format", "size", "content_hash", "id", "tags",
    "dropped_fields", "keywords", "title", "description", "rating", "label", "favourite", "kind", "duration",
)  # fmt: skip


# The date sources that mean "the file's own date: the photo carries none" ("file_mtime": album before schema 7).
FILE_TIME_SOURCES = frozenset({"file", "file_mtime"})


@dataclass(frozen=True)
class Photo:
    """One photo in the library: where it is and what it carries."""

    id: str
    path: str
    taken_at: datetime | None = None  # wall-clock time as the camera recorded it
    tz_offset_min: int | None = None
    # "exif", "xmp", "sidecar", "makernote", "takeout", "digitized", "modified", "file" (see pipeline/metadata.py)
    date_source: str | None = None
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None
    place: str | None = None
    region: str | None = None
    country: str | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    lens: str | None = None
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    format: str | None = None
    size: int | None = None
    content_hash: str | None = None
    tags: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()
    dropped_fields: tuple[str, ...] = ()  # metadata the file has but album could not use (unreadable, impossible)
    # What the user wrote in other apps (XMP/IPTC, takeouts): their own keywords next to the zero-shot tags.
    keywords: tuple[str, ...] = ()
    title: str | None = None
    description: str | None = None
    rating: int | None = None  # the file's own stars: 0–5, -1 rejected, None unrated
    label: str | None = None  # colour label ("Red")
    favourite: bool = False  # the user's heart, kept in the library only
    user_rating: int | None = None  # the user's stars (0–5) in album, None: not rated in album
    album_ids: tuple[str, ...] = ()  # the manual albums holding the photo

    @property
    def stars(self) -> int | None:
        """The stars album shows: the user's where set in album, else the file's (as the store's filter
        reads them, ``album.core.store.filters.EFFECTIVE_RATING``)."""
        return self.user_rating if self.user_rating is not None else self.rating
    average_colour: int | None = None  # 0xRRGGBB, the grid's placeholder colour (None: indexed before album knew it)
    kind: str = "photo"  # "photo", "video" or "live" (a still with its motion clip)
    duration: float | None = None  # a video's length in seconds

    @property
    def aspect_ratio(self) -> float | None:
        """Width / height as the photo is seen (the stored size is already turned upright by its EXIF
        orientation), or None when unknown."""
        return self.width / self.height if self.width and self.height else None

    @property
    def taken_iso(self) -> str | None:
        """ISO 8601 local time as the camera recorded it, with ``+HH:MM`` when the offset is known."""
        if self.taken_at is None:
            return None
        taken = self.taken_at
        if self.tz_offset_min is not None:
            taken = taken.replace(tzinfo=timezone(timedelta(minutes=self.tz_offset_min)))
        return taken.isoformat()

    def to_json(self, album_names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The stable, JSON-ready photo record of ``album search --json`` and ``album info --json``;
        ``albums`` names the photo's manual albums (given their names by id)."""
        record = {name: getattr(self, name) for name in PHOTO_JSON_FIELDS}
        record["taken_at"] = self.taken_iso
        record["tags"] = list(self.tags)
        record["dropped_fields"] = list(self.dropped_fields)
        record["keywords"] = list(self.keywords)
        record["rating"] = self.stars  # what the user sees: their own stars over the file's
        names = album_names or {}
        record["albums"] = [names[i] for i in self.album_ids if i in names]
        return record


@dataclass(frozen=True)
class MetadataSource:
    """What one source of a photo's metadata said (``album info``): ``source`` is "exif", "xmp",
    "sidecar", "makernote", "takeout", "digitized", "modified" or "file"; ``origin`` the file read."""

    source: str
    origin: str
    said: dict[str, Any]


@dataclass(frozen=True)
class NamedArea:
    """A person named on a photo in another app; ``box`` (x1, y1, x2, y2, fractions) None if not placed."""

    name: str
    box: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class Exposure:
    """How a photo was exposed, as its file's EXIF says (read on demand, not stored: only the viewer shows it).

    ``exposure_s`` is the shutter time in seconds; ``focal_35mm_mm`` the focal length in 35 mm terms,
    when the camera wrote it (it tells a phone's 4 mm lens is a wide 26 mm).
    """

    focal_mm: float | None = None
    focal_35mm_mm: int | None = None
    f_number: float | None = None
    exposure_s: float | None = None
    iso: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in dataclasses.astuple(self))


@dataclass(frozen=True)
class Similarity:
    """Ranked by what the photo shows: cosine similarity to the query text or example photo."""

    score: float


@dataclass(frozen=True)
class TakenBetween:
    """The photo's local date is in this range (either end may be open); with hours, from ``from_hour``
    o'clock on the first day to ``to_hour`` o'clock on the last (an eve: that evening and the night)."""

    date_from: date | None
    date_to: date | None
    from_hour: int | None = None
    to_hour: int | None = None


@dataclass(frozen=True)
class TakenNear:
    """Taken within ``radius_km`` of a point (``name`` as the user typed it, if any; ``name_zh`` for a
    Chinese UI, where known)."""

    name: str | None
    lat: float
    lon: float
    radius_km: float
    name_zh: str | None = None


@dataclass(frozen=True)
class TakenIn:
    """Taken in a country, and maybe one of its regions (English names, as stored)."""

    country: str
    region: str | None


@dataclass(frozen=True)
class CameraContains:
    text: str


@dataclass(frozen=True)
class Tagged:
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Rated:
    """The user gave the photo at least ``minimum`` stars, or rejected it (in another app)."""

    minimum: int | None
    rejected: bool = False


@dataclass(frozen=True)
class Labelled:
    """The user gave the photo this colour label."""

    label: str


@dataclass(frozen=True)
class Keyworded:
    """The user gave the photo these keywords (their own tags, from another app)."""

    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Described:
    """The words of the search are in what the user wrote about the photo: its title, caption or keywords."""

    text: str


@dataclass(frozen=True)
class WithPeople:
    names: tuple[str, ...]


@dataclass(frozen=True)
class Without:
    """Terms the query excludes (people, tags or words, as typed)."""

    terms: tuple[str, ...]


Reason = (Similarity | TakenBetween | TakenNear | TakenIn | CameraContains | Tagged | WithPeople | Without | Rated
          | Labelled | Keyworded | Described)


@dataclass(frozen=True)
class SearchHit:
    """A photo a search found, its similarity (None when unranked) and why it matched."""

    photo: Photo
    score: float | None
    reasons: tuple[Reason, ...]
    time: float | None = None  # for a video: the second of the frame that matched best


@dataclass
class PlaceNode:
    """A country, region or town of the library's place tree (:meth:`Library.place_tree`)."""

    kind: str  # "country", "region" or "town"
    name: str  # as stored (English)
    shown: str  # in the UI's language
    photos: int
    search: str  # the explicit syntax that finds its photos: in:"Zhejiang, China"
    children: list[PlaceNode] = field(default_factory=list)

    def towns(self) -> int:
        """How many towns this place holds (a town: itself)."""
        return 1 if self.kind == "town" else sum(child.towns() for child in self.children)


@dataclass(frozen=True)
class LibraryOverview:
    """What the library holds, most photos first: what an empty result suggests searching instead
    ("No photos in Tokyo. Your photos are from: Lisbon, Porto, …")."""

    LIMIT: ClassVar[int] = 6  # at most this many of each: a list this long may have more

    places: tuple[str, ...] = ()  # place names (towns), as stored (English)
    years: tuple[int, ...] = ()
    people: tuple[str, ...] = ()  # named people
    photos: int = 0


@dataclass
class SearchResult:
    """Ranked hits and, if semantic search was not possible, why not (one sentence).

    ``weak``: the text ranked the photos but the best is barely above what a random photo of the
    library scores (see ``album.core.search.is_weak``): the hits are best guesses, not matches.
    ``overview``: for a search that found nothing, what the library does hold.
    """

    hits: Sequence[SearchHit] = field(default_factory=list)
    notice: str | None = None
    weak: bool = False
    overview: LibraryOverview | None = None


def video_count(hits: Sequence[SearchHit]) -> int:
    """How many of ``hits`` are videos, for a count that says "10 photos, 1 video": a whole library's
    unranked hits answer from the store's ``kind`` column (``search.UnrankedHits``), ranked hits (at most
    a thousand records, already built) from their photos."""
    fast = getattr(hits, "video_count", None)
    if fast is not None:
        return int(fast())
    return sum(hit.photo.kind == "video" for hit in hits)


@dataclass(frozen=True)
class Face:
    """A face in a photo: where it is and whose it is."""

    id: str
    photo_id: str
    bbox: tuple[float, float, float, float]  # x1, y1, x2, y2 as fractions of the upright photo
    score: float
    person_id: str | None = None
    person_name: str | None = None
    photo_path: str | None = None
    thumb: bytes | None = field(default=None, repr=False)  # JPEG of the aligned face


@dataclass(frozen=True)
class Person:
    """A person as the UI and the CLI show it."""

    id: str
    name: str | None
    face_count: int
    photo_count: int
    hidden: bool
    is_me: bool
    cover_face_id: str | None
    faces: tuple[Face, ...] = ()
    cover_thumb: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Album:
    """A collection of photos: manual (photos the user put in, in their order) or smart (a saved search,
    ``query``, whose photos are whatever matches it now, so it grows as photos arrive)."""

    id: str
    name: str
    photo_count: int
    cover_id: str | None = None  # the cover photo's id (a manual album's first photo unless the user chose one)
    query: str | None = None  # a smart album's search text; None for a manual album
    cover: Photo | None = None  # filled in by the Library
    video_count: int = 0  # of ``photo_count``, videos ("12 photos, 2 videos")

    @property
    def smart(self) -> bool:
        return self.query is not None


# Failures that may pass by themselves (a drive waking up, a file being written, video support installed, a
# bug fixed in the next album): retried on every run. The others (corrupt, not_image, too_large, empty) only
# when the file changes or album's version does.
RETRIED_KINDS = frozenset({"unreadable", "vanished", "changed", "internal", "unavailable"})


@dataclass(frozen=True)
class FileError:
    """A file that could not be indexed, and why."""

    path: str
    kind: str
    reason: str
    album_version: str | None = None  # the album that failed on it (None: before album recorded it)

    def retried(self, current_version: str) -> bool:
        """Whether the next run tries this file again even if it has not changed."""
        return self.kind in RETRIED_KINDS or self.album_version != current_version


@dataclass(frozen=True)
class LibraryStats:
    """How big the library is and how much of it carries dates and places."""

    photos: int  # every item the user sees, videos included
    videos: int  # of which videos (a live photo is a photo)
    with_date: int
    with_gps: int
    errors: int
    schema_version: int
    database: str
    database_bytes: int


# Why a duplicates group's first photo is the one to keep (each front end words them in its language).
KEEP_REASONS = ("largest", "sharpest", "gps", "metadata", "quality", "first")


@dataclass(frozen=True)
class DuplicateGroup:
    """Photos that are one picture, or one moment: ``kind`` is "exact" (the same bytes), "burst" (one
    camera, seconds apart) or "similar" (resized, re-encoded or edited copies). The suggested keeper is
    first, ``reasons`` (of :data:`KEEP_REASONS`) say why."""

    kind: str
    photos: tuple[Photo, ...]
    reasons: tuple[str, ...]

    @property
    def keeper(self) -> Photo:
        return self.photos[0]

    @property
    def extras(self) -> tuple[Photo, ...]:
        return self.photos[1:]

    def to_json(self) -> dict[str, Any]:
        """The record of ``album duplicates --json``: the keeper's path first in ``paths``."""
        return {
            "kind": self.kind,
            "keep": self.keeper.path,
            "reasons": list(self.reasons),
            "paths": [p.path for p in self.photos],
            "photos": [{"path": p.path, "id": p.id, "size": p.size, "width": p.width, "height": p.height}
                       for p in self.photos],
        }


@dataclass(frozen=True)
class TrashReport:
    """What moving photos to the system trash did: the paths trashed, and why any others were not."""

    trashed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...] = ()  # (path, one sentence)
