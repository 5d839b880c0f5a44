"""Places in the words: "near Lisbon", "within 5 km of Porto", "in the Netherlands", "在杭州", "西湖附近".

A place is only a place if the offline gazetteer knows it, so "in the garden" stays free text. A name
is read as the longest known prefix of the words after a preposition ("in New York City at night").
Without a preposition ("New York at night", "Lisbon sunset", "杭州西湖") a name is read only where a
misreading is unlikely: see :func:`_bare_place`.
Which of the places of that name is meant is the gazetteer's ranking, told where the library's photos
are; the others the name could mean travel with the filter for the search bar to offer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from album.core.geo import CITY_RADIUS_KM, Gazetteer, LibraryPlaces, Place, distance_km, normalise
from album.core.query.model import DEFAULT_RADIUS_KM, PlaceFilter
from album.core.query.parse.context import ParseContext

_KM = re.compile(r"\bwithin\s+(?P<km>\d+(?:\.\d+)?)\s*(?:km|kilometers|kilometres)\s+(?:of|from)\s+", re.IGNORECASE)
# The name is in a lookahead so "in near Lisbon" still finds "near Lisbon".
_PLACE_EN = re.compile(r"\b(?P<prep>in|near|at|around|of|from|to|visiting)\s+"
                       r"(?=(?P<name>[^\s,，。]+(?:\s+[^\s,，。]+){0,3}))", re.IGNORECASE)  # fmt: skip
_PLACE_ZH = re.compile(r"(?:在|去|到)(?P<name>[\u4e00-\u9fff]{2,8})|(?P<near>[\u4e00-\u9fff]{2,8}?)附近"
                       r"|(?:^|(?<=\s))(?P<owner>[\u4e00-\u9fff]{2,6}?)的")  # fmt: skip
_NEAR = ("near", "around")
_NEGATED = re.compile(r"\b(?:not|without|except|excluding|outside(?: of)?)\s*$|(?:除了|不要|不是)\s*$", re.IGNORECASE)

MAX_ALTERNATIVES = 5
ALTERNATIVE_PROMINENCE = 2.5  # another place of the name is worth offering if at most this much less known
SAME_PLACE_KM = 30.0  # a place this close to the chosen one is the same place to the user (a city and its district)


def take_place(ctx: ParseContext) -> None:
    """Find the first place the rest of the text names, unless the explicit syntax gave one, and take
    its words; then give it the radius ``km:`` asked for (typed before or after the place)."""
    if ctx.gazetteer is not None and ctx.place is None:
        _find_place(ctx, ctx.gazetteer)
    if ctx.gazetteer is not None and ctx.place is None:
        _bare_place(ctx, ctx.gazetteer)
    if ctx.radius_km is not None:
        ctx.with_radius(ctx.radius_km)


def _find_place(ctx: ParseContext, gazetteer: Gazetteer) -> None:
    radius = None
    km = _KM.search(ctx.rest)
    if km:
        radius = float(km["km"])
        hit = _longest_place(ctx.rest[km.end() :].split(",")[0], gazetteer, ctx.whereabouts, radius, True)
        if hit is not None:
            ctx.place = hit[0]
            ctx.take(km.start(), km.end() + hit[1])
    rest = ctx.rest
    for match in [*_PLACE_EN.finditer(rest), *_PLACE_ZH.finditer(rest)]:
        group = next(g for g in ("name", "near", "owner") if match.groupdict().get(g))
        if _NEGATED.search(ctx.rest[: match.start()]) or ctx.rest[max(0, match.start() - 1) : match.start()] == "不":
            continue  # "not in Lisbon", "不在北京": album cannot filter a place out, and must not filter it in
        if match.groupdict().get("prep") and _FEATURE_OF.search(ctx.rest[: match.end("prep")]):
            continue  # "Isle of Skye", "Bay of Islands" name the feature, which the table lacks, not Skye, Australia
        name = match[group]
        near = radius is not None or group == "near" or (match.groupdict().get("prep") or "").lower() in _NEAR
        hit = _longest_place(name, gazetteer, ctx.whereabouts, radius, near) if ctx.place is None else None
        if hit is None or (group == "owner" and hit[1] != len(name)):
            continue  # "X的…" only when all of X is a place: "杭州的西湖", not "西湖边的"
        ctx.place, length = hit
        start = match.start(group)
        if group == "name" and (qualified := _qualified(ctx.rest[start:], length, gazetteer, ctx.whereabouts, radius,
                                                        near)):  # fmt: skip
            ctx.place, length = qualified
        ctx.take(match.start() if radius is None or match.start() < start else start, start + length)
        if group == "near":
            ctx.take(start, match.end())  # "…附近"
        break
    if radius is not None:
        ctx.with_radius(radius)


def place_name_length(text: str, ctx: ParseContext) -> int:
    """How many characters of a place name ``text`` starts with (the longest the gazetteer knows), or 0:
    for the date reader, which leaves a holiday's name to the place it begins ("Christmas Island")."""
    name = _LEADING_NAME.match(text)
    if ctx.gazetteer is None or name is None:
        return 0
    hit = _longest_place(name[0], ctx.gazetteer, ctx.whereabouts, None, False)
    return hit[1] if hit is not None else 0


_LEADING_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}|[^\s,，。]+(?:\s+[^\s,，。]+){0,3}")
_QUALIFIER = re.compile(r"\s*,\s*(?P<words>[^\s,，。]+(?:\s+[^\s,，。]+){0,2})")


def _qualified(
    text: str, length: int, gazetteer: Gazetteer, near: LibraryPlaces, radius: float | None, prefer_city: bool
) -> tuple[PlaceFilter, int] | None:
    """The place ``text[:length]`` names, said more exactly by the country or region after a comma
    ("Vincennes, Indiana", "Valencia, Venezuela"), and the length of all those words; None when no
    comma follows or what follows does not hold a place of that name ("Lisbon, Porto and Coimbra")."""
    after = _QUALIFIER.match(text, length)
    if after is None:
        return None
    words = after["words"].split()
    for n in range(len(words), 0, -1):
        qualifier = " ".join(words[:n]).strip(".;:!?")
        if not qualifier[:1].isupper():
            continue
        found = place_named(f"{text[:length]}, {qualifier}", gazetteer, near, radius, prefer_city)
        if found is not None:
            return found, after.start("words") + len(" ".join(words[:n]))
    return None


def place_named(
    name: str,
    gazetteer: Gazetteer | None,
    near: LibraryPlaces | None,
    radius: float | None,
    prefer_city: bool = False,
    prefer_area: bool = False,
) -> PlaceFilter | None:
    """The filter for a place name: a circle around a city, or a country or region by name, with the
    other places the name could mean. ``prefer_area``: a country or region of the name beats a city
    (the explicit ``in:``, which is how a region is written: ``in:"Lisbon, Portugal"`` is the district)."""
    if gazetteer is None:
        return None
    ranked = gazetteer.ranked(name, near, prefer_city)
    if prefer_area:
        ranked.sort(key=lambda place: place.kind not in ("country", "region"))  # stable: the ranking otherwise
    if not ranked:
        return None
    chosen, others = ranked[0], _alternatives(ranked)
    qualified = any(p.country != chosen.country for p in others)  # "Valencia, Spain"
    alternatives = tuple(_filter(p, gazetteer, radius, True) for p in others)
    return replace(_filter(chosen, gazetteer, radius, qualified), alternatives=alternatives)


def _alternatives(ranked: list[Place]) -> list[Place]:
    """The places after the first worth offering instead: called the same (not Mantilla, Cuba, which
    one language calls Toledo), known nearly as well, and not the first place again under another kind
    (Lisbon the district for Lisbon the city)."""
    chosen = ranked[0]
    floor = chosen.prominence - ALTERNATIVE_PROMINENCE
    others: list[Place] = []
    for place in ranked[1:]:
        if place.prominence < floor or (place.kind == "country") != (chosen.kind == "country"):
            continue
        if normalise(place.name) != normalise(chosen.name) and (place.zh is None or place.zh != chosen.zh):
            continue
        if any(_same_place(place, seen) for seen in [chosen, *others]):
            continue
        others.append(place)
        if len(others) == MAX_ALTERNATIVES:
            break
    return others


def _same_place(a: Place, b: Place) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return a.country == b.country and a.name == b.name
    return distance_km(a.lat, a.lon, b.lat, b.lon) < SAME_PLACE_KM


def _filter(place: Place, gazetteer: Gazetteer, radius: float | None, qualified: bool) -> PlaceFilter:
    """The filter for one place, named with its country when ``qualified`` (a region always is)."""
    if place.kind == "country":
        return PlaceFilter(name=place.name, country=place.name, name_zh=place.zh)
    if place.kind == "region":
        country = gazetteer.country_name(place.country)
        return PlaceFilter(name=gazetteer.label(place, qualified=True), country=country, region=place.name,
                           name_zh=gazetteer.label(place, chinese=True, qualified=True))  # fmt: skip
    return PlaceFilter(gazetteer.label(place, qualified=qualified), place.lat, place.lon, radius or DEFAULT_RADIUS_KM,
                       None, name_zh=gazetteer.label(place, chinese=True, qualified=qualified))  # fmt: skip


def _longest_place(
    name: str, gazetteer: Gazetteer, center: LibraryPlaces, radius: float | None, prefer_city: bool
) -> tuple[PlaceFilter, int] | None:
    """The longest leading part of ``name`` (words, or CJK characters) that is a known place, and its
    length. A single Latin word counts only capitalised ("in Nice", not "in nice weather"). A town
    named by the first words of an island, a lake or a mountain the table lacks is not that feature
    ("Canton Island" is not Canton, Ohio), nor is a town named like the feature word before its name
    ("Isle of Skye" is not Isle, France): no place rather than a wrong one. A region is (Bali
    Island is in Bali), and so is a Chinese name: China's islands and mountains are named after the
    counties that hold them (崇明岛 in 崇明, 峨眉山 in 峨眉山市)."""
    if not _CJK.match(name):  # Latin words, accented or not ("Bahía de Banderas", "Prince’s Quarter")
        words = name.split()
        article = 1 if len(words) > 1 and words[0].lower() == "the" else 0  # "in the Netherlands"
        found_after = _longest_place(" ".join(words[1:]), gazetteer, center, radius, prefer_city) if article else None
        if found_after is not None:
            return found_after[0], len(words[0]) + 1 + found_after[1]
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n]).strip(".,;:!?")
            if candidate[:1].isupper() or n > 1 or candidate.isupper():
                found = place_named(candidate, gazetteer, center, radius, prefer_city)
                if found is not None:
                    if (
                        n < len(words)
                        and found.lat is not None
                        and (words[n].strip(".,;:!?") in _FEATURES or (n == 1 and candidate in _FEATURES))
                    ):
                        return None
                    return _the_lakes_place(words[:n], found, gazetteer, center, radius, prefer_city)
        return None
    for n in range(len(name), 1, -1):
        found = place_named(name[:n], gazetteer, center, radius, prefer_city)
        if found is not None:
            island = _ZH_ISLAND.match(name, n)  # 海南岛 is Hainan: the island is the place
            if (island and found.lat is not None and getattr(gazetteer.lookup(name[:n], center), "country", "") != "CN"
                    and not _island_town(found, gazetteer)):  # fmt: skip
                return None  # 坎顿岛 is not North Canton, Ohio (as "Canton Island" is not)
            return found, island.end() if island else n
    return None


def _island_town(town: PlaceFilter, gazetteer: Gazetteer) -> bool:
    """Whether ``town`` is the town of the island its region is named after: 济州岛 is Jeju City, in Jeju-do."""
    assert town.lat is not None and town.lon is not None
    region = gazetteer.reverse(town.lat, town.lon).region or ""
    stem = re.split(r"[\s,-]", town.name or "")[0]
    return len(stem) >= 3 and normalise(region).startswith(normalise(stem))


def _the_lakes_place(
    words: list[str],
    found: PlaceFilter,
    gazetteer: Gazetteer,
    center: LibraryPlaces,
    radius: float | None,
    prefer_city: bool,
) -> tuple[PlaceFilter, int]:
    """ "Lake Como" (``words``, found as ``found``) and its length: the place the lake or mountain is
    named after where that place is better known than a town named after the lake (Como, Italy, not
    Lake Como, New Jersey; Geneva, not Lake Geneva, Wisconsin; but Lake Charles, Louisiana)."""
    length = len(" ".join(words))
    if len(words) < 2 or words[0] not in _LEADING_FEATURES:
        return found, length
    stem = " ".join(words[1:]).strip(".,;:!?")
    town, place = gazetteer.lookup(" ".join(words).strip(".,;:!?"), center), gazetteer.lookup(stem, center)
    if town is None or place is None or place.prominence <= town.prominence:
        return found, length
    named = place_named(stem, gazetteer, center, radius, prefer_city)
    return (named or found), length


_CJK = re.compile("[\u4e00-\u9fff]")
_ZH_ISLAND = re.compile("群岛|岛")  # after a place: the island it is (湖 and 山 stay words: 科莫湖 is lakes at Como)
_LEADING_FEATURES = frozenset({"Lake", "Mount", "Mt", "Mt."})
# Words for the kinds of place the table has no entries for (islands, lakes, parks…), after a name.
_FEATURES = frozenset({"Island", "Islands", "Isle", "Isles", "Atoll", "Archipelago", "Peninsula", "Lake",
                          "Mountain", "Mountains", "National", "Canyon", "Falls", "Glacier", "Volcano"})  # fmt: skip
_FEATURE_OF = re.compile(rf"\b(?:{'|'.join(sorted(_FEATURES))})\s+of$", re.IGNORECASE)


# Capitalised words, with the small words names have inside ("Rio de Janeiro"), and a run of Chinese
# characters after the start of the text, a space or a punctuation mark (the parts already understood are
# spaces: "去年夏天杭州西湖").
_CAPITALISED = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*"
    r"(?:\s+(?:(?:de|da|do|del|la|le|of|upon|sur|am)\s+)?[A-Z][\w'’.-]*){0,3}"
)
_CHINESE_RUN = re.compile(r"(?:^|(?<=[\s,，。、]))[\u4e00-\u9fff]{2,}")
BARE_CITY_POPULATION = 1_000_000  # a city this big is meant by its bare Chinese name anywhere ("东京铁塔")
BARE_NAMED_POPULATION = 50_000  # a city named by several words ("Santa Monica pier", not Golden Gate, Florida)
MAX_BARE_WORDS = 4


def _bare_place(ctx: ParseContext, gazetteer: Gazetteer) -> None:
    """A place named without a preposition: a place the library's photos are in ("Lisbon sunset" for a
    library with photos there); several capitalised words naming a city of 50,000+, a region or a country
    ("New York at night", "Hong Kong skyline", "New Zealand 2019"); the Chinese characters a run starts with,
    naming a country, a region or a city of a million ("杭州西湖", "日本樱花"). Not one English word elsewhere
    ("Turkey dinner", "Guinea pig"), three capitals ("AND" is not Andorra) or lower-case words ("nice weather")."""
    library = ctx.whereabouts
    rest = ctx.rest
    spans = [(m.start(), m[0].split()) for m in _CAPITALISED.finditer(rest)]
    spans += [(m.start(), list(m[0])) for m in _CHINESE_RUN.finditer(rest)]
    for start, words in sorted(spans, key=lambda span: span[0]):
        chinese = bool(_CJK.match(words[0]))
        for first in range(len(words)):
            for n in range(min(len(words) - first, MAX_BARE_WORDS if not chinese else 8), 0, -1):
                name = ("" if chinese else " ").join(words[first : first + n]).strip(".,;:!?")
                if (chinese and n < 2) or not _meant_bare(name, n, gazetteer, library):
                    continue
                found = place_named(name, gazetteer, library, None)
                if found is None:
                    continue
                offset = start + _offset(rest[start:], words, first, chinese)
                ctx.place = found
                ctx.take(offset, offset + len(name))
                return
            if chinese:
                break  # a Chinese name starts its run: "西湖杭州" is not read from its middle


def _meant_bare(name: str, words: int, gazetteer: Gazetteer, library: LibraryPlaces) -> bool:
    """Whether ``name``, typed without a preposition, is surely the place the gazetteer ranks first: a place
    the library's photos are in; else several English words naming a country, a region or a city of 50,000+;
    else a Chinese name of a country, a region or a city of a million. One English word means a place only
    where the photos are ("Turkey dinner", "Guinea pig", "Jersey" are a meal, an animal and a shirt)."""
    ranked = gazetteer.ranked(name, library)
    if not ranked or (name.isupper() and len(name) <= 3):
        return False
    place = ranked[0]
    key = normalise(name)
    if not (place.kind == "country" or normalise(place.name).startswith(key) or key == normalise(place.zh or "")):
        return False  # another place's other name: "Victoria" is not Hong Kong
    if _in_library(place, gazetteer, library):
        return True
    chinese = _CJK.match(name) is not None
    if words == 1 and not chinese:
        return False
    if place.kind in ("country", "region"):
        return True
    return place.kind == "city" and place.population >= (BARE_CITY_POPULATION if chinese else BARE_NAMED_POPULATION)


def _in_library(place: Place, gazetteer: Gazetteer, library: LibraryPlaces) -> bool:
    """Whether the library's photos are in ``place``: its country or region, or within a city's radius."""
    country = gazetteer.country_name(place.country)
    if place.kind == "country":
        return any(name == country for name, _region in library.areas)
    if place.kind == "region":
        return (country, place.name) in library.areas
    if place.lat is None or place.lon is None:
        return False
    return library.distance_km(place.lat, place.lon) <= CITY_RADIUS_KM


def _offset(text: str, words: list[str], first: int, chinese: bool) -> int:
    """Where the ``first``-th of ``words`` starts in ``text`` (which starts with them)."""
    if chinese:
        return first
    position = 0
    for word in words[:first]:
        position = text.index(word, position) + len(word)
    return text.index(words[first], position)
