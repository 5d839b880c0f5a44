"""What the photos page says when a search finds nothing, or finds only weak matches.

A blank grid and "0 photos" leave the user guessing whether album understood them; an empty result
instead says what was looked for and what the library does hold, as links that search for it
("No photos in Tokyo. Your photos are from: Lisbon, Porto, …").
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale

from album.core.library import Query
from album.core.records import LibraryOverview
from album.gui.search_bar import chips_of
from album.gui.search_bar import place_name as chip_place_name

PlaceName = Callable[[str], str]
"""A stored (English) place name in the UI's language."""


def _links(kind: str, values: Sequence[str], shown: Sequence[str]) -> str:
    """``values`` as links ``kind:value`` (what a click searches), showing ``shown``; "…" only where the
    library may hold more than the overview lists ("2024, 2023…" said there were other years when there were none)."""
    comma = "、" if QLocale().language() == QLocale.Language.Chinese else ", "
    links = [f'<a href="{kind}:{html.escape(v)}">{html.escape(s)}</a>' for v, s in zip(values, shown, strict=True)]
    return comma.join(links) + ("…" if len(links) >= LibraryOverview.LIMIT else "")


def _para(text: str, links: str = "") -> str:
    space = "" if text.endswith("：") else " "  # a Chinese colon is as wide as its space already
    return f"<p>{html.escape(text)}{space}{links}</p>"


def empty_html(query: Query, overview: LibraryOverview | None, place_name: PlaceName = lambda name: name) -> str:
    """Rich text for a search that found nothing: what was looked for, and what to try instead.

    Suggestions are links: ``place:NAME``, ``year:YYYY``, ``person:NAME`` (see ``SearchBar.replace_part``)."""
    translate = QCoreApplication.translate
    chips = chips_of(query)
    kinds = {kind for kind, _value, _label in chips}
    value = {kind: value for kind, value, _label in chips}
    if overview is not None and overview.photos == 0:
        return _para(translate("SearchStates", "There are no photos in the library yet. Drop a folder of photos "
                                               "here, or choose File ▸ Import Folder…"))  # fmt: skip
    if kinds == {"place"} and query.place is not None:
        # As the chip names it ("Tokyo", "东京"), without the chip's radius ("Tokyo (25 km)").
        headline = translate("SearchStates", "No photos in {place}.").format(place=chip_place_name(query.place))
    elif kinds == {"date"}:
        headline = translate("SearchStates", "No photos from {dates}.").format(dates=value["date"])
    elif kinds == {"person"}:
        headline = translate("SearchStates", "No photos of {names}.").format(names=", ".join(query.people))
    elif not kinds and query.text:
        headline = translate("SearchStates", "No photos match “{text}”.").format(text=query.text)
    elif chips:
        filters = "; ".join(chip_label for _kind, _value, chip_label in chips)
        headline = translate("SearchStates", "No photo matches all of: {filters}.").format(filters=filters)
    else:
        headline = translate("SearchStates", "No photos match this search.")
    lines = [f"<p style='font-size: large'>{html.escape(headline)}</p>"]
    if overview is not None:
        if "place" in kinds and overview.places:
            places = _links("place", overview.places, [place_name(p) for p in overview.places])
            lines.append(_para(translate("SearchStates", "Your photos are from:"), places))
        if "date" in kinds and overview.years:
            years = [str(y) for y in overview.years]
            lines.append(_para(translate("SearchStates", "Your photos were taken in:"), _links("year", years, years)))
        if "person" in kinds and overview.people:
            people = _links("person", overview.people, overview.people)
            lines.append(_para(translate("SearchStates", "People in your photos:"), people))
    if len(chips) > 1 or (chips and query.text):
        lines.append(_para(translate("SearchStates", "Remove a filter above (its ✕) to see more photos.")))
    return "".join(lines)


def weak_text(query: Query) -> str:
    """The notice over results whose best match is weak (``SearchResult.weak``)."""
    text = QCoreApplication.translate("SearchStates", "Nothing looks much like “{text}”: these are the closest "
                                                      "photos, not matches.")  # fmt: skip
    return text.format(text=query.text)
