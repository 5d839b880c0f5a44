"""Place names as people type them, parsed on the real place table: islands and lakes said with their
generic word (海南岛, "Lake Geneva"), countries by a part of their name ("the Caymans", 特克斯), regions
whose ISO and GeoNames names differ (西西里, 西藏), and holiday words inside a place's name ("Christmas
Island") — none of them from bench/data/places.tsv's answers, except where said."""

from __future__ import annotations

from datetime import date

import pytest

from album.core.geo import Gazetteer
from album.core.query import Query, parse_query

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    g.load()
    return g


def parse(text: str, gazetteer: Gazetteer) -> Query:
    return parse_query(text, today=TODAY, gazetteer=gazetteer)


@pytest.mark.parametrize(
    ("text", "place", "words_left"),
    [
        ("photos in the Falklands", "Falkland Islands", ""),  # a country's islands in the plural
        ("diving in the Caymans", "Cayman Islands", "diving"),
        ("beach in the Balearics", "Balearic Islands, Spain", "beach"),  # a region's too
        ("photos in Nevis", "Saint Kitts and Nevis", ""),  # one side of "X and Y"
        ("在特克斯的照片", "Turks and Caicos Islands", ""),  # one side of "X和Y"
        ("在北马里亚纳的照片", "Northern Mariana Islands", ""),  # without 群岛
        ("photos in Trinidad", "Trinidad, Bolivia", ""),  # a city of the name keeps it (one in Bolivia, one in Cuba)
        ("在西西里的照片", "Sicily, Italy", ""),  # ISO's Sicilia is GeoNames' Sicily
        ("在托斯卡纳的照片", "Tuscany, Italy", ""),
        ("在伦巴第的照片", "Lombardy, Italy", ""),
        ("在西藏的照片", "Tibet, China", ""),  # ISO's Xizang, the one left over
        ("在内蒙古的照片", "Inner Mongolia, China", ""),  # ISO's Nei Mongol
        ("在海南岛的照片", "Hainan, China", ""),  # the island is the province: 岛 is no stray word
        ("在巴厘岛的照片", "Bali, Indonesia", ""),  # a province under ISO's Nusa Tenggara
        ("在仁川的照片", "Incheon", ""),  # Korea's cities by their Chinese names (仁川广域市 in GeoNames)
        ("在大邱的照片", "Daegu", ""),
        ("在济州岛的照片", "Jeju City", ""),  # the town of the island its region is named after (Jeju-do)
        ("在科莫湖的照片", "Como, Italy", "湖"),  # lakes at Como: the lake stays for the image search
        ("sailing on Lake Geneva", None, "sailing on Lake Geneva"),  # no preposition of place: text
        ("photos in Lake Geneva", "Geneva", ""),  # Geneva, not the Wisconsin town named after the lake
        ("photos in Lake Charles", "Lake Charles", ""),  # …but the Louisiana city is better known than Charles
        ("photos in Guaymas", "Heroica Guaymas", ""),  # a city by its name without the honorific
        ("photos in Juárez", "Ciudad Juárez", ""),
    ],
)
def test_places_people_mean(gazetteer: Gazetteer, text: str, place: str | None, words_left: str) -> None:
    query = parse(text, gazetteer)
    assert (query.place.name if query.place else None) == place
    assert query.text == words_left


def test_a_holiday_word_that_begins_a_place_name_is_the_place(gazetteer: Gazetteer) -> None:
    """(Christmas Island is in the bench; what must stay dates is not.)"""
    for text in ("photos in Christmas Island", "在圣诞岛的照片"):
        query = parse(text, gazetteer)
        assert query.place is not None and query.place.country == "Christmas Island", text
        assert query.date_from is None and query.date_to is None, text
    for text, day in [("photos at Christmas", date(2025, 12, 24)), ("Christmas in Lisbon", date(2025, 12, 24)),
                      ("Easter 2023", date(2023, 4, 7)), ("复活节的照片", date(2026, 4, 3)),
                      ("圣诞节在里斯本", date(2025, 12, 24))]:  # fmt: skip
        query = parse(text, gazetteer)
        assert query.date_from == day, text
        assert query.place is None or query.place.name == "Lisbon", text
