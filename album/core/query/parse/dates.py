"""Dates in the words: a date range (either end may be open) and the words that name it.

The calendar itself (which phrases mean which days) is :mod:`album.core.query.dates`; this module
decides what a query's dates are: the first date expression, with a year said elsewhere ("Easter egg
hunt 2024") and an open end ("before 2010", "2020年以后"), in the right hemisphere.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from album.core.query.dates import EVENING_STARTS, NIGHT_ENDS, DateMatch, DateRange, find_dates
from album.core.query.parse.context import ParseContext, SaidDates
from album.core.query.parse.places import place_name_length

_BOUND_BEFORE = re.compile(r"\b(?P<w>before|prior to|until|till|up to|after|since)\s*$", re.IGNORECASE)
_BOUND_AFTER = re.compile(r"^\s*(?P<w>以前|之前|为止|以后|之后|以来|起)")
_BOUND_SIDE = {"before": "before", "prior to": "before", "以前": "before", "之前": "before", "until": "until",
               "till": "until", "up to": "until", "为止": "until", "after": "after", "以后": "after", "之后": "after",
               "since": "since", "以来": "since", "起": "since"}  # fmt: skip


def take_dates(ctx: ParseContext) -> None:
    """Read the dates of the rest of the text in the library's hemisphere, and take their words.

    Runs before places so that "in March" is a month, and records the text it read so that
    :func:`settle_dates` can read it again once the query's place is known. A holiday's name that
    begins a longer place name is the place's ("Christmas Island", 复活节岛), not a date.
    """
    text = ctx.rest
    for found in find_dates(text, ctx.today, southern=ctx.southern):
        if _begins_a_place_name(text, found, ctx):
            text = text[: found.start] + " " * (found.end - found.start) + text[found.end :]
    date_from, date_to, spans, evening = _dates_in(text, ctx.today, ctx.southern)
    if not spans:
        return
    ctx.said_dates = SaidDates(text, date_from, date_to, ctx.southern, evening)
    for span in spans:
        ctx.take(*span)


def _begins_a_place_name(text: str, found: DateMatch, ctx: ParseContext) -> bool:
    """Whether a word of the date's words ("in Christmas") begins a place name longer than the date."""
    starts = (i for i in range(found.start, found.end) if i == found.start or not text[i].isascii()
              or (text[i - 1] == " " and text[i] != " "))  # fmt: skip
    return any(place_name_length(text[i:], ctx) > found.end - i for i in starts)


def settle_dates(ctx: ParseContext) -> None:
    """Fill the date range the explicit syntax left open with the words' dates, in the hemisphere of
    the place the query names if it names one ("summer in Sydney 2023": December 2023 – February 2024)."""
    said = ctx.said_dates
    if said is None:
        return
    date_from, date_to = said.date_from, said.date_to
    latitude = _latitude(ctx)
    if latitude is not None and (latitude < 0) != said.southern:
        date_from, date_to, _spans, _evening = _dates_in(said.text, ctx.today, latitude < 0)
    if said.evening and ctx.date_from is None and ctx.date_to is None:  # an eve: that evening and the night
        ctx.from_hour, ctx.to_hour = EVENING_STARTS, NIGHT_ENDS
    if ctx.date_from is None:
        ctx.date_from = date_from
    if ctx.date_to is None:
        ctx.date_to = date_to


def _dates_in(
    text: str, today: date, southern: bool
) -> tuple[date | None, date | None, list[tuple[int, int]], bool]:
    """The date range ``text`` names (either end may be open), the spans that name it, and whether it is
    an eve's evening and night."""
    dates = find_dates(text, today, southern=southern)
    if not dates:
        return None, None, [], False
    first = dates[0]
    range_, evening = _with_separate_year(text, dates, today, southern)
    spans = [(d.start, d.end) for d in (dates[:2] if range_ != first.range else dates[:1])]
    bound = _open_bound(text, first.start, first.end)
    if bound is None:
        return range_[0], range_[1], spans, evening
    lower, upper = _bounded(range_, bound[0])  # "before 2010": one end stays open
    return lower, upper, [*spans, bound[1]], False


def _latitude(ctx: ParseContext) -> float | None:
    """Where on the globe the query's place is: its centre, or for a country or region the gazetteer's."""
    place = ctx.place
    if place is None:
        return None
    if place.lat is not None:
        return place.lat
    return ctx.gazetteer.latitude(place.name) if ctx.gazetteer is not None and place.name else None


def _open_bound(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """Whether the date at ``text[start:end]`` is one end of an open range: "before", "until", "after"
    or "since" (with the span of the words that say so), from "before 2010", "2020年以后", "since March"."""
    before = _BOUND_BEFORE.search(text[:start])
    if before is not None:
        return _BOUND_SIDE[before["w"].lower()], (before.start(), start)
    after = _BOUND_AFTER.search(text[end:])
    if after is not None:
        return _BOUND_SIDE[after["w"]], (end, end + after.end())
    return None


def _bounded(range_: DateRange, side: str) -> tuple[date | None, date | None]:
    """The open range a bound word makes of a date range: before 2010 = up to 2009-12-31, until 2010 = up
    to 2010-12-31, after 2010 = from 2011-01-01, since 2010 = from 2010-01-01."""
    if side == "before":
        return None, range_[0] - timedelta(days=1)
    if side == "until":
        return None, range_[1]
    if side == "after":
        return range_[1] + timedelta(days=1), None
    return range_[0], None


def _with_separate_year(text: str, dates: list[DateMatch], today: date, southern: bool) -> tuple[DateRange, bool]:
    """ "Easter egg hunt 2024": a yearless named day and a year elsewhere mean that day in that year
    (and whether that day is an eve)."""
    first = dates[0]
    if len(dates) < 2:
        return first.range, first.evening
    year = next((d for d in dates[1:] if d.range == (date(d.range[0].year, 1, 1), date(d.range[0].year, 12, 31))), None)
    phrase = text[first.start : first.end].strip()
    if year is None or re.search(r"\d{4}", phrase):
        return first.range, first.evening
    y = year.range[0].year
    combined = find_dates(f"{phrase} {y}" if phrase.isascii() else f"{y}年{phrase}", today, southern=southern)
    return (combined[0].range, combined[0].evening) if combined else (first.range, first.evening)
