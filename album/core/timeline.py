"""The timeline of photos in date order: where each day (or month) starts, and the months a scrubber lists.

The grid shows a header above each day's photos and the scrubber beside it lists the months, for a
100k-photo library as well as for ten photos. Both come from two columns (the day each photo was taken,
and a code for its town) as runs of equal values found with numpy, so no photo record is built for them:
~5 ms for 100k photos, where walking 100k records took seconds.

No Qt here: the grid and the scrubber (:mod:`album.gui.scrubber`) turn these into pixels and words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import numpy as np

Period = Literal["day", "month"]
NO_PLACE = -1  # the place code of a photo whose town is not known


@dataclass(frozen=True, eq=False)  # arrays: compared by identity
class Sections:
    """Runs of photos taken on the same day (or in the same month), in the results' order.

    ``start`` holds each section's first photo (ascending, the first is 0), ``day`` the date of its photos
    (the month's first day for months; NaT for the undated photos), ``place`` the town code all of them
    share (``NO_PLACE`` if they do not share one).
    """

    start: np.ndarray
    day: np.ndarray
    place: np.ndarray
    period: Period
    count: int  # of photos

    def __len__(self) -> int:
        return len(self.start)

    def sizes(self) -> np.ndarray:
        """How many photos each section has."""
        return np.diff(np.append(self.start, self.count))

    def of_item(self, item: int) -> int:
        """The section a photo is in."""
        return int(np.searchsorted(self.start, item, side="right")) - 1

    def date_of(self, section: int) -> date | None:
        """A section's day (or its month's first day) as a date; None for the undated photos."""
        day = self.day[section]
        return None if np.isnat(day) else day.astype(object)


def empty_sections(period: Period = "day") -> Sections:
    none = np.zeros(0, dtype=np.int64)
    return Sections(none, np.zeros(0, dtype="datetime64[D]"), none, period, 0)


def sections(days: np.ndarray, places: np.ndarray, period: Period = "day") -> Sections:
    """Where the photos' days (``datetime64[D]``, NaT: undated) or months change, in the given order.

    ``places`` holds a code per photo for its town (``NO_PLACE`` if unknown); a section's place is kept
    only when all its photos share it ("Saturday, 12 March 2023 · Lisbon").
    """
    count = len(days)
    if count == 0:
        return empty_sections(period)
    keys = np.asarray(days, dtype="datetime64[D]")
    if period == "month":
        keys = keys.astype("datetime64[M]")
    codes = keys.view(np.int64)  # NaT is one value here, so undated photos make one run
    start = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    places = np.asarray(places, dtype=np.int64)
    moved = np.concatenate(([False], places[1:] != places[:-1]))
    moved[start] = False  # a new section may start with another town; only changes inside one count
    shared = (np.add.reduceat(moved.astype(np.int64), start) == 0) & (places[start] != NO_PLACE)
    place = np.where(shared, places[start], NO_PLACE)
    return Sections(start, keys[start].astype("datetime64[D]"), place, period, count)


def day_columns(taken: Iterable[datetime | None], places: Iterable[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """The (days, place codes) columns :func:`sections` takes, from records (results that are not store rows)."""
    days = np.array([np.datetime64(t.date()) if t is not None else np.datetime64("NaT") for t in taken],
                    dtype="datetime64[D]")  # fmt: skip
    codes: dict[str, int] = {}
    return days, np.array([codes.setdefault(p, len(codes)) if p else NO_PLACE for p in places], dtype=np.int64)
