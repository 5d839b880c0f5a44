"""The library's places as a tree: countries, their states or provinces, their towns, each with its photo count.

What the Places page lists. The counts come from one scan of three columns (:meth:`Store.place_counts`); the
names are shown in English or, for a Chinese UI, in Chinese where the place table knows them. Each node also
carries the explicit search syntax that finds exactly its photos: ``in:`` for a country or region (their
stored names, so the database filter matches them), ``near:`` for a town (a circle around it, as typing "in
Lisbon" searches), the town qualified by its region so a name shared within a country is the right one.
"""

from __future__ import annotations

from collections.abc import Iterable

from album.core.geo import Gazetteer
from album.core.records import PlaceNode


def _quoted(value: str) -> str:
    """A value of the explicit syntax, quoted (it has no escape for a quote inside: none is stored)."""
    return '"' + value.replace('"', "") + '"'


def place_tree(
    counts: Iterable[tuple[str | None, str | None, str | None, int]], gazetteer: Gazetteer, chinese: bool
) -> list[PlaceNode]:
    """The tree of ``counts`` ((country, region, town, photos) as stored), commonest first at every level.

    A town without a region sits under its country; photos named only down to a region count there.
    ``chinese``: the names in Chinese where known (this opens the place table: call it off the GUI thread)."""
    countries: dict[str, PlaceNode] = {}
    regions: dict[tuple[str, str], PlaceNode] = {}
    codes: dict[str, str | None] = {}

    def shown(name: str, kinds: tuple[str, ...], country: str) -> str:
        if not chinese:
            return name
        if country not in codes:
            found = gazetteer.lookup(country)
            codes[country] = found.country if found is not None and found.kind == "country" else None
        return gazetteer.chinese_name(name, kinds, codes[country]) or name

    for country, region, town, photos in counts:
        if not country:
            continue
        top = countries.get(country)
        if top is None:
            top = countries[country] = PlaceNode("country", country, shown(country, ("country",), country), 0,
                                                 f"in:{_quoted(country)}")  # fmt: skip
        top.photos += photos
        parent = top
        if region:
            if (country, region) not in regions:
                regions[country, region] = PlaceNode(
                    "region", region, shown(region, ("region",), country), 0, f"in:{_quoted(f'{region}, {country}')}"
                )
                top.children.append(regions[country, region])
            parent = regions[country, region]
            parent.photos += photos
        if town:
            parent.children.append(PlaceNode("town", town, shown(town, ("city", "town"), country), photos,
                                             f"near:{_quoted(f'{town}, {region or country}')}"))  # fmt: skip
    tree = list(countries.values())
    _sort(tree)
    return tree


def _sort(nodes: list[PlaceNode]) -> None:
    nodes.sort(key=lambda n: (-n.photos, n.shown.casefold()))
    for node in nodes:
        _sort(node.children)
