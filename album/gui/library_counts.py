"""What the sidebar counts and the places page lists, read together in one worker."""

from __future__ import annotations

from dataclasses import dataclass

from album.core.library import Library
from album.core.records import Photo
from album.gui.places_view import PLACES_SHOWN


@dataclass(frozen=True)
class LibraryCounts:
    photos: int
    places: tuple[tuple[str, str], ...]  # (stored name, name in the UI's language), commonest first


def library_counts(library: Library, chinese: bool) -> LibraryCounts:
    """Count the library's photos and list its places. Slow on a big library: call it from a worker."""
    stats = library.stats()
    places = library.overview(PLACES_SHOWN).places
    shown = [(library.place_names(Photo(id="", path="", place=place), chinese) or [place])[0] for place in places]
    return LibraryCounts(stats.photos, tuple(zip(places, shown, strict=True)))
