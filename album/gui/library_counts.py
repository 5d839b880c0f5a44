"""What the sidebar counts and the places page lists, read together in one worker."""

from __future__ import annotations

from dataclasses import dataclass

from album.core.library import Library
from album.core.records import PlaceNode


@dataclass(frozen=True)
class LibraryCounts:
    photos: int  # videos included
    videos: int
    places: list[PlaceNode]  # countries ▸ regions ▸ towns, with their photo counts, commonest first
    towns: int  # what the sidebar counts as places


def library_counts(library: Library, chinese: bool) -> LibraryCounts:
    """Count the library's photos and read its place tree. Slow on a big library: call it from a worker."""
    places = library.place_tree(chinese)
    stats = library.stats()
    return LibraryCounts(stats.photos, stats.videos, places, sum(place.towns() for place in places))
