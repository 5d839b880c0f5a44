"""The one object the extractors share: the query text, what the parser knows, and what was found.

Each extractor reads :attr:`ParseContext.rest` (the text with the parts already understood blanked
out), records typed fields on the context and blanks what it understood with :meth:`ParseContext.take`,
so a later extractor never reads a word twice ("Anna" is a person, not a place) and positions in
``rest`` stay positions in ``text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from album.core.geo import Gazetteer, LibraryPlaces
from album.core.models.tags import VOCABULARY, Tag
from album.core.query.model import KnownPerson, PlaceFilter, Query, Source


@dataclass(frozen=True)
class SaidDates:
    """The dates the words name, read in the library's hemisphere; kept with the text they were read
    from because a southern place named later in the query ("summer in Sydney") makes them be read
    again with southern seasons."""

    text: str
    date_from: date | None
    date_to: date | None
    southern: bool
    evening: bool = False  # an eve: that evening and the first hours of the next day


@dataclass
class ParseContext:
    """A query being parsed: its inputs, and the typed fields the extractors have found so far.

    Args:
        text: what the user typed.
        today: the reference for "last summer", "去年".
        known_people: the library's named people (and who is "me").
        gazetteer: place names; without one, places stay free text.
        library_center: where the library's photos are, to pick "Springfield" near home and the
            hemisphere of "summer".
        vocabulary: the tags that ``tag:`` and "without dogs" can name.
        library_places: where the library's photos are, place by place: a place name means one of
            those first ("in Porto" with photos from Porto).
        library_cameras: the library's cameras (make and model as photos carry them), which a model's name
            typed anywhere means ("Z6 photos" with a NIKON Z 6 in the library).
        library_keywords: the keywords the library's photos carry from other apps, which ``tag:`` can name.
    """

    text: str
    today: date
    known_people: Sequence[KnownPerson] = ()
    gazetteer: Gazetteer | None = None
    library_center: tuple[float, float] | None = None
    vocabulary: Sequence[Tag] = VOCABULARY
    library_places: LibraryPlaces | None = None
    library_cameras: Sequence[str] = ()
    library_keywords: Sequence[str] = ()

    people: list[KnownPerson] = field(default_factory=list)
    unknown_people: list[str] = field(default_factory=list)  # person:X for no known X: searched as text
    tags: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)  # NOT terms as typed
    exclude_people: list[KnownPerson] = field(default_factory=list)
    exclude_tags: list[str] = field(default_factory=list)
    date_from: date | None = None  # from the explicit syntax; the words' dates only fill what it leaves open
    date_to: date | None = None
    from_hour: int | None = None  # an eve's evening, or after:…T17:00
    to_hour: int | None = None
    said_dates: SaidDates | None = None
    place: PlaceFilter | None = None
    radius_km: float | None = None  # km:N, applied to whichever place is found, before or after it
    camera: str | None = None
    keywords: list[str] = field(default_factory=list)
    rating_min: int | None = None
    rejected: bool = False
    label: str | None = None
    extra_text: str = ""  # text:"…"
    free_text: str = ""  # what is left for CLIP, set last

    def __post_init__(self) -> None:
        self._chars = list(self.text)
        self.taken: list[tuple[int, int]] = []  # every span taken, in order (parse_query names their kinds)

    @property
    def whereabouts(self) -> LibraryPlaces:
        """The library's places, or just its centre when the caller gave no places."""
        return self.library_places if self.library_places is not None else LibraryPlaces.around(self.library_center)

    @property
    def rest(self) -> str:
        """The text not understood yet, as long as :attr:`text` (understood parts are spaces)."""
        return "".join(self._chars)

    def take(self, start: int, end: int) -> None:
        """Mark ``rest[start:end]`` as understood."""
        for i in range(start, end):
            self._chars[i] = " "
        if end > start:
            self.taken.append((start, end))

    @property
    def southern(self) -> bool:
        """Whether the library's photos are south of the equator (its seasons, unless the query names a place)."""
        return self.library_center is not None and self.library_center[0] < 0

    def with_radius(self, km: float) -> None:
        """Make the place a circle of ``km`` (a country or region has no radius to set)."""
        if self.place is not None and self.place.lat is not None:
            self.place = replace(self.place, radius_km=km)

    def to_query(self, sources: tuple[Source, ...] = ()) -> Query:
        """The typed fields as a :class:`Query`, repeats dropped (a person named twice is one filter)."""
        return Query(
            text=self.free_text,
            people=tuple(p.name for p in self.people) + tuple(self.unknown_people),
            person_ids=tuple(p.id for p in self.people if p.id),
            date_from=self.date_from,
            date_to=self.date_to,
            from_hour=self.from_hour if self.date_from is not None else None,
            to_hour=self.to_hour if self.date_to is not None else None,
            place=self.place,
            camera=self.camera,
            tags=tuple(dict.fromkeys(self.tags)),
            exclude=tuple(dict.fromkeys(self.exclude)),
            exclude_person_ids=tuple(dict.fromkeys(p.id for p in self.exclude_people if p.id)),
            exclude_tags=tuple(dict.fromkeys(self.exclude_tags)),
            keywords=tuple(dict.fromkeys(self.keywords)),
            rating_min=self.rating_min,
            rejected=self.rejected,
            label=self.label,
            sources=sources,
        )
