"""Parsing: one search-box string → :class:`~album.core.query.Query`, by a pipeline of extractors.

Each extractor is a function that reads the text no earlier extractor understood
(:attr:`ParseContext.rest`), records what it finds on the one :class:`ParseContext` and blanks the words
it used. A new kind of phrase is a new extractor in :data:`EXTRACTORS`, not another branch in one long
function. The order matters and is the order of the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from album.core.geo import Gazetteer, LibraryPlaces
from album.core.models.tags import VOCABULARY, Tag
from album.core.query.model import MAX_TEXT_CHARS, KnownPerson, Query, Source
from album.core.query.parse.camera import take_camera
from album.core.query.parse.cleanup import take_free_text
from album.core.query.parse.context import ParseContext
from album.core.query.parse.dates import settle_dates, take_dates
from album.core.query.parse.exclusions import take_exclusions
from album.core.query.parse.explicit import explicit_kind, take_explicit, to_syntax
from album.core.query.parse.people import take_people
from album.core.query.parse.places import take_place
from album.core.query.parse.ratings import take_label, take_rating
from album.core.query.parse.tokens import simplified

Extractor = Callable[[ParseContext], None]

EXTRACTORS: tuple[Extractor, ...] = (
    take_explicit,  # first: what the syntax says wins, and its values are not read as words
    take_rating,  # before dates: "4 stars" and "five-star" are not numbers of anything else
    take_label,
    take_dates,  # before exclusions and places: "not in March", "in March" are months
    take_exclusions,  # before people: "without Ben" must not add Ben
    take_people,  # before places: "Paris" the person is not Paris the city
    take_place,
    take_camera,
    settle_dates,  # after places: "summer in Sydney" is the southern summer
    take_free_text,  # last: whatever is left is for CLIP
)

# The chip each extractor's words make (the explicit syntax says it per token; free text makes none).
KINDS: dict[Extractor, str] = {take_dates: "date", take_exclusions: "exclude", take_people: "person",
                               take_place: "place", take_camera: "camera", take_rating: "rating",
                               take_label: "label"}  # fmt: skip

__all__ = ["EXTRACTORS", "ParseContext", "parse_query", "to_syntax"]


def parse_query(
    text: str,
    known_people: Sequence[KnownPerson] = (),
    today: date | None = None,
    gazetteer: Gazetteer | None = None,
    library_center: tuple[float, float] | None = None,
    *,
    vocabulary: Sequence[Tag] = VOCABULARY,
    library_places: LibraryPlaces | None = None,
    library_cameras: Sequence[str] = (),
    library_keywords: Sequence[str] = (),
) -> Query:
    """Understand a search-box string in English or Chinese. Never raises: what is not understood
    stays free text for CLIP.

    Args:
        text: what the user typed.
        known_people: the library's named people (and who is "me").
        today: the reference for "last summer", "去年" (default: today).
        gazetteer: place names; without one, places stay free text.
        library_center: where the library's photos are, to pick "Springfield" near home and the
            hemisphere of "summer" when the query names no place.
        vocabulary: the tags ``tag:`` and "without …" can name: the library's model's own, or album's.
        library_places: where the library's photos are, place by place (a place name means one of
            those first); without them, ``library_center`` stands for them.
        library_cameras: the library's camera models, which a model's name means wherever it is typed.
        library_keywords: the keywords the library's photos carry from other apps (for ``tag:``).
    """
    ctx = ParseContext(
        # In simplified characters, one for one, so "臺北" is 台北 and positions stay the typed text's.
        simplified(text[:MAX_TEXT_CHARS]),
        today or date.today(),
        known_people,
        gazetteer,
        library_center,
        vocabulary,
        library_places,
        library_cameras,
        library_keywords,
    )
    sources: list[Source] = []
    for extract in EXTRACTORS:
        before = len(ctx.taken)
        extract(ctx)
        for start, end in ctx.taken[before:]:
            kind = KINDS.get(extract) or explicit_kind(ctx.text[start:end])
            if kind is not None:
                sources.append(Source(kind, start, end))
    return ctx.to_query(tuple(sources))
