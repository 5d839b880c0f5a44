"""The search-box parser: English and Chinese, dates on real calendars, places offline, people, NOT terms."""

from __future__ import annotations

import time
from datetime import date

import pytest

from album.core.geo import Gazetteer, LibraryPlaces
from album.core.query import KnownPerson, Query, parse_query, to_syntax
from album.core.store.filters import to_where

TODAY = date(2026, 11, 24)
PEOPLE = [KnownPerson("a", "Anna Schmidt"), KnownPerson("b", "Ben"), KnownPerson("x", "小明"),
          KnownPerson("me", "Li Wei", is_me=True)]  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    g.load()
    return g


def parse(text: str, gazetteer: Gazetteer | None = None) -> Query:
    return parse_query(text, PEOPLE, TODAY, gazetteer)


def test_seed_examples(gazetteer: Gazetteer) -> None:
    q = parse("Anna and Ben at the beach in summer 2023", gazetteer)
    assert (q.people, q.person_ids, q.text) == (("Anna Schmidt", "Ben"), ("a", "b"), "beach")
    assert (q.date_from, q.date_to) == (date(2023, 6, 1), date(2023, 8, 31))
    q = parse("sunset over the sea near Lisbon", gazetteer)
    assert q.text == "sunset over the sea" and q.place and q.place.name == "Lisbon" and q.place.lat
    assert parse("有小狗的照片", gazetteer).text == "小狗"
    q = parse("2023年春节的照片", gazetteer)
    assert (q.date_from, q.date_to, q.text) == (date(2023, 1, 21), date(2023, 1, 28), "")  # lunar new year: Jan 22
    q = parse("我和小明在海边的合影", gazetteer)
    assert (q.people, q.text) == (("Li Wei", "小明"), "海边的合影")
    assert parse("夕阳的风景照", gazetteer).text == "夕阳的风景照"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("photos from 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2023年夏天", date(2023, 6, 1), date(2023, 8, 31)),
        ("winter 2022", date(2022, 12, 1), date(2023, 2, 28)),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("去年", date(2025, 1, 1), date(2025, 12, 31)),
        ("上周末", date(2026, 11, 21), date(2026, 11, 22)),
        ("three years ago", date(2023, 1, 1), date(2023, 12, 31)),
        ("三年前", date(2023, 1, 1), date(2023, 12, 31)),
        ("from March to May 2021", date(2021, 3, 1), date(2021, 5, 31)),
        ("2019到2021年", date(2019, 1, 1), date(2021, 12, 31)),
        ("between 2015 and 2017", date(2015, 1, 1), date(2017, 12, 31)),
        ("Christmas 2022", date(2022, 12, 24), date(2022, 12, 26)),
        ("last Christmas", date(2025, 12, 24), date(2025, 12, 26)),
        ("Easter 2024", date(2024, 3, 29), date(2024, 4, 1)),
        ("2024年国庆节", date(2024, 10, 1), date(2024, 10, 7)),
        ("2023年中秋节", date(2023, 9, 29), date(2023, 9, 29)),
        ("2024年元宵节", date(2024, 2, 24), date(2024, 2, 24)),
        ("2022年端午节", date(2022, 6, 3), date(2022, 6, 3)),
        ("Chinese New Year 2024", date(2024, 2, 9), date(2024, 2, 16)),
        ("Feb 30 2023", date(2023, 2, 1), date(2023, 2, 28)),
        ("March 5, 2023", date(2023, 3, 5), date(2023, 3, 5)),
        ("photos from the 1990s", date(1990, 1, 1), date(1999, 12, 31)),
        ("the 80s", date(1980, 1, 1), date(1989, 12, 31)),
        ("90年代的老照片", date(1990, 1, 1), date(1999, 12, 31)),
        ("二十年代", date(2020, 1, 1), date(2029, 12, 31)),  # the last decade of that name up to today
        ("over the weekend", date(2026, 11, 21), date(2026, 11, 22)),  # today (2026-11-24) is a Tuesday
        ("2023年劳动节", date(2023, 4, 29), date(2023, 5, 3)),  # the official break, weekend included
        ("2026年清明节", date(2026, 4, 4), date(2026, 4, 6)),
    ],
)
def test_dates(text: str, start: date, end: date) -> None:
    q = parse(text)
    assert (q.date_from, q.date_to) == (start, end)


@pytest.mark.parametrize(
    ("text", "name", "country", "radius"),
    [
        ("in Portugal", "Portugal", "Portugal", None),
        ("在葡萄牙", "Portugal", "Portugal", None),
        ("在杭州拍的西湖", "Hangzhou", None, 25.0),
        ("北京附近", "Beijing", None, 25.0),
        ("within 20 km of Paris", "Paris", None, 20.0),
        ('near:"Lisbon" km:5', "Lisbon", None, 5.0),
    ],
)
def test_places(gazetteer: Gazetteer, text: str, name: str, country: str | None, radius: float | None) -> None:
    place = parse(text, gazetteer).place
    assert place is not None and (place.name, place.country, place.radius_km) == (name, country, radius)


@pytest.mark.parametrize(
    ("text", "region", "country"),
    [
        ("photos in California", "California", "United States"),
        ("在加州", None, None),  # a nickname GeoNames does not have: stays text
        ("在浙江拍的照片", "Zhejiang", "China"),
        ("浙江省的风景", "Zhejiang", "China"),
        ("在巴伐利亚", "Bavaria", "Germany"),
        ('in:"Punjab, India"', "Punjab", "India"),  # "Name, Country" picks among same-named regions
        ("in Punjab", "Punjab", "Pakistan"),  # otherwise the more populous
        ("in Lisbon", None, None),  # a city named like its region means the city
        ("near California", "California", "United States"),  # no city of that name: the region
    ],
)
def test_regions(gazetteer: Gazetteer, text: str, region: str | None, country: str | None) -> None:
    place = parse(text, gazetteer).place
    assert (place.region, place.country) == (region, country) if place else region is None


def test_region_filter_and_round_trip(gazetteer: Gazetteer) -> None:
    q = parse("在浙江拍的小狗", gazetteer)
    assert q.text == "小狗" and to_where(q) == "country = 'China' AND region = 'Zhejiang'"
    assert to_syntax(q) == 'in:"Zhejiang, China" 小狗'
    assert parse(to_syntax(q), gazetteer) == q


def test_library_location_breaks_ties(gazetteer: Gazetteer) -> None:
    best_known = parse_query("in Springfield", today=TODAY, gazetteer=gazetteer).place  # Illinois' capital
    assert best_known is not None and best_known.lon == pytest.approx(-89.64, abs=0.1)
    near_boston = parse_query("in Springfield", today=TODAY, gazetteer=gazetteer, library_center=(42.2, -72.5))
    assert near_boston.place is not None and near_boston.place.lon == pytest.approx(-72.59, abs=0.1)


def test_exclusions_and_camera(gazetteer: Gazetteer) -> None:
    q = parse("photos in Portugal without Ben", gazetteer)
    assert (q.exclude, q.exclude_person_ids, q.people) == (("Ben",), ("b",), ())
    q = parse("不要截图")
    assert (q.exclude_tags, q.text) == (("screenshot",), "")
    assert parse("dogs shot on iPhone").camera == "iPhone"
    # Brand names become what cameras write into EXIF; Chinese ones only where they clearly mean a camera.
    assert (parse("用佳能拍的").camera, parse("用三星手机拍的夜景").camera) == ("Canon", "Samsung")
    q = parse("canon photos of birds")
    assert (q.camera, q.text) == ("Canon", "birds")
    assert (parse("三星堆的照片").camera, parse("小米粥").camera) == (None, None)
    q = parse("sunset taken with my phone")  # no make or model to filter by
    assert (q.camera, q.text) == (None, "sunset")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("photos before 2010", None, date(2009, 12, 31)),
        ("until 2012", None, date(2012, 12, 31)),
        ("photos after March 2024", date(2024, 4, 1), None),
        ("since 2020", date(2020, 1, 1), None),
        ("2020年以后的照片", date(2021, 1, 1), None),
        ("2015年以前", None, date(2014, 12, 31)),
    ],
)
def test_open_date_ranges(text: str, start: date | None, end: date | None) -> None:
    q = parse(text)
    assert (q.date_from, q.date_to, q.text) == (start, end, "")


def test_negations_and_chinese_fillers(gazetteer: Gazetteer) -> None:
    q = parse("不要Ben的照片")
    assert (q.people, q.exclude_person_ids) == ((), ("b",))
    q = parse("sunset photos not in Lisbon", gazetteer)
    assert q.place is None  # album cannot leave a place out, and must not turn it into a filter
    assert parse("上周在公司拍的白板").text == "公司 白板"
    q = parse("photos from our trip to Japan in 2019", gazetteer)
    assert (q.place and q.place.country, q.text) == ("Japan", "trip")


def test_possessives_and_we_are_not_names() -> None:
    q = parse("Anna's birthday party")
    assert (q.people, q.text) == (("Anna Schmidt",), "birthday party")
    assert parse("我家的猫").people == () and parse("我们在海边").text == "海边"


def test_show_me_is_not_a_person() -> None:
    assert parse("show me photos of dogs").people == ()


def test_explicit_syntax_round_trip(gazetteer: Gazetteer) -> None:
    typed = 'person:"Anna Schmidt" after:2023-01-01 before:2023-03-31 near:"Lisbon" km:20 camera:canon tag:dog -tag:screenshot'
    q = parse(typed, gazetteer)
    assert q.person_ids == ("a",) and (q.date_from, q.date_to) == (date(2023, 1, 1), date(2023, 3, 31))
    assert q.place and (q.place.name, q.place.radius_km) == ("Lisbon", 20.0)
    assert (q.camera, q.tags, q.exclude_tags) == ("canon", ("dog",), ("screenshot",))
    for text in [
        typed,
        "Anna and Ben at the beach in summer 2023",
        "在杭州拍的西湖 去年",
        "photos in Portugal without Ben",
    ]:
        first = parse(text, gazetteer)
        assert parse(to_syntax(first), gazetteer) == first, text


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_000, "!!!???", "🐶🐶🎉", "Anna和Ben在Lisbon的2023", "Feb 30",
                                  "'; DROP TABLE photos; --", "%_\\", "unknownplace Zzyzx", "1234567890", "年月日"])  # fmt: skip
def test_odd_input_never_raises(gazetteer: Gazetteer, text: str) -> None:
    q = parse(text, gazetteer)
    assert isinstance(q.text, str)
    to_where(q)  # and the filter builds


def test_unknown_words_stay_text(gazetteer: Gazetteer) -> None:
    q = parse("Zorblax with a kite near Qwertyville", gazetteer)
    assert q.place is None and "Zorblax" in q.text and "Qwertyville" in q.text


def test_parsing_is_fast(gazetteer: Gazetteer) -> None:
    queries = [
        "Anna and Ben at the beach in summer 2023",
        "有小狗的照片",
        "2023年春节的照片",
        "sunset near Lisbon",
    ] * 250
    parse(queries[0], gazetteer)
    started = time.perf_counter()
    for text in queries:
        parse(text, gazetteer)
    assert time.perf_counter() - started < 1.0


def test_place_names_for_a_chinese_ui(gazetteer: Gazetteer) -> None:
    where = gazetteer.reverse(30.25, 120.17)  # West Lake, Hangzhou
    assert (where.place, where.region, where.country) == ("Hangzhou", "Zhejiang", "China")
    assert gazetteer.display_names(where.place, where.region, where.country, chinese=True) == ["杭州", "浙江", "中国"]
    lisbon = gazetteer.display_names("Lisbon", None, "Portugal", chinese=True)
    assert lisbon == ["里斯本", "葡萄牙"]  # issue 15: Chinese names for cities everywhere, not "Lisbon"
    assert gazetteer.display_names(None, "Lisbon", "Portugal", chinese=True) == ["里斯本", "葡萄牙"]  # the district
    assert gazetteer.display_names("Hangzhou", "Zhejiang", "China", chinese=False) == ["Hangzhou", "Zhejiang", "China"]


def test_seasons_follow_the_hemisphere(gazetteer: Gazetteer) -> None:
    q = parse("summer in Sydney 2023", gazetteer)
    assert (q.date_from, q.date_to) == (date(2023, 12, 1), date(2024, 2, 29))  # the southern summer
    q = parse("winter in Argentina 2022", gazetteer)
    assert (q.date_from, q.date_to) == (date(2022, 6, 1), date(2022, 8, 31))
    melbourne = (-37.81, 144.96)  # a library whose photos are in the south
    q = parse_query("summer 2023", PEOPLE, TODAY, gazetteer, library_center=melbourne)
    assert (q.date_from, q.date_to) == (date(2023, 12, 1), date(2024, 2, 29))
    q = parse_query("summer in Lisbon 2023", PEOPLE, TODAY, gazetteer, library_center=melbourne)
    assert (q.date_from, q.date_to) == (date(2023, 6, 1), date(2023, 8, 31))  # the named place decides


SPAIN = LibraryPlaces(((40.4168, -3.7038), (41.3874, 2.1686)), frozenset({("Spain", None), ("Spain", "Madrid")}))


@pytest.mark.parametrize(
    ("text", "library", "country"),
    [
        ("photos in Toledo", SPAIN, "ES"),
        ("在托莱多的照片", SPAIN, "ES"),
        ("in Cordoba", SPAIN, "ES"),
        ("in Cordoba", None, "AR"),  # no library: the better known Córdoba
        ("在科尔多瓦", None, "AR"),
    ],
)
def test_an_ambiguous_place_is_the_one_in_the_librarys_country(
    gazetteer: Gazetteer, text: str, library: LibraryPlaces | None, country: str
) -> None:
    place = parse_query(text, PEOPLE, TODAY, gazetteer, library_places=library).place
    assert place is not None and place.lat is not None and place.lon is not None
    assert gazetteer.reverse(place.lat, place.lon).country == gazetteer.country_name(country)


def test_an_ambiguous_name_says_its_country_and_carries_the_alternatives(gazetteer: Gazetteer) -> None:
    place = parse("photos in Valencia", gazetteer).place
    assert place is not None and (place.name, place.name_zh) == ("Valencia, Spain", "瓦伦西亚, 西班牙")
    assert "Valencia, Venezuela" in [p.name for p in place.alternatives]
    assert all(not p.alternatives for p in place.alternatives)
    zh = parse("在剑桥拍的照片", gazetteer).place
    assert zh is not None and zh.name == "Cambridge, United States" and zh.name_zh == "剑桥, 美国"
    assert {"Cambridge, United Kingdom", "Cambridge, Canada"} <= {p.name for p in zh.alternatives}
    assert "英国" in {(p.name_zh or "").split(", ")[-1] for p in zh.alternatives}
    lisbon = parse("in Lisbon", gazetteer).place  # nothing else of that name is nearly as well known
    assert lisbon is not None and (lisbon.name, lisbon.name_zh, lisbon.alternatives) == ("Lisbon", "里斯本", ())


def test_an_alternative_round_trips_through_the_explicit_syntax(gazetteer: Gazetteer) -> None:
    first = parse("in Valencia", gazetteer).place
    assert first is not None
    venezuela = next(p for p in first.alternatives if p.name == "Valencia, Venezuela")
    q = parse(to_syntax(Query(place=venezuela)), gazetteer)
    assert q.place is not None and (q.place.name, q.place.lat) == ("Valencia, Venezuela", venezuela.lat)
    assert "Valencia, Spain" in [p.name for p in q.place.alternatives]  # and Spain is still on offer


def test_small_towns_and_chinese_names_are_places(gazetteer: Gazetteer) -> None:
    for text, name in [("photos in Hallstatt", "Hallstatt"), ("sunset in Zermatt", "Zermatt"),
                       ("在哈尔施塔特的照片", "Hallstatt"), ("在九寨沟拍的", "九寨沟"), ("in Positano", "Positano"),
                       ("photos in Wake Island", "Wake Island"), ("beach in Lord Howe Island", "Lord Howe Island")]:  # fmt: skip
        place = parse(text, gazetteer).place
        assert place is not None and place.name == name and place.radius_km == 25.0, text


def test_a_place_said_with_its_state_or_country_after_a_comma(gazetteer: Gazetteer) -> None:
    vincennes = parse("photos in Vincennes, Indiana", gazetteer)
    assert vincennes.place is not None and vincennes.text == ""
    assert vincennes.place.lat == pytest.approx(38.68, abs=0.1)  # Indiana's, not the one by Paris
    assert parse("photos in Vincennes", gazetteer).place.lat == pytest.approx(48.85, abs=0.1)  # type: ignore[union-attr]
    springfield = parse("in Springfield, Illinois beach", gazetteer)
    assert springfield.place is not None and springfield.place.lat == pytest.approx(39.8, abs=0.1)
    assert springfield.text == "beach"
    lisbon = parse("in Lisbon, Porto and Coimbra", gazetteer)  # a list, not Lisbon in Porto
    assert lisbon.place is not None and lisbon.place.name == "Lisbon" and lisbon.text == "Porto and Coimbra"


def test_places_written_other_ways(gazetteer: Gazetteer) -> None:
    for text, name in [("photos in St. John’s", "St. John's"), ("in Wallis & Futuna", "Wallis and Futuna"),
                       ("in Cape Verde", "Cabo Verde"), ("in Burma", "Myanmar"), ("in Sakhalin", "Sakhalin Oblast, Russia")]:  # fmt: skip
        place = parse(text, gazetteer).place
        assert place is not None and place.name == name, (text, place)


def test_a_town_is_not_the_island_or_lake_named_like_it(gazetteer: Gazetteer) -> None:
    """No place rather than a wrong one: Canton, Ohio is not Canton Island; the words stay text."""
    for text in ("photos in Canton Island", "sunset in Macquarie Island", "walks in Isle of Skye"):
        query = parse(text, gazetteer)
        assert query.place is None and text.split(" in ")[-1] in query.text, (text, query.place, query.text)
    assert parse("in Bali Island", gazetteer).place.country == "Indonesia"  # type: ignore[union-attr]  # a region holds it
    assert parse("在崇明岛", gazetteer).place.name in ("Chongming", "崇明")  # type: ignore[union-attr]  # and a county
    assert parse("在坎顿岛", gazetteer).place is None  # a town abroad is not the island, in Chinese either


def test_a_year_before_1900_in_a_phrase_is_a_date_not_text() -> None:
    query = parse_query("photos from 1850", today=date(2026, 11, 24))
    assert (query.date_from, query.date_to, query.text) == (date(1850, 1, 1), date(1850, 12, 31), "")
    before = parse_query("before 1850", today=date(2026, 11, 24))
    assert (before.date_from, before.date_to) == (None, date(1849, 12, 31))  # the bound word still opens it


def test_in_names_a_region_and_near_a_town_as_to_syntax_writes_them(gazetteer: Gazetteer) -> None:
    """Lisbon is a town and a district: the Places page's district writes itself ``in:"Lisbon, Portugal"`` and
    must come back as the district, while typed words and ``near:`` keep meaning the town."""
    district = parse('in:"Lisbon, Portugal"', gazetteer).place
    assert district is not None and (district.region, district.country, district.lat) == ("Lisbon", "Portugal", None)
    assert parse(to_syntax(Query(place=district)), gazetteer).place == district
    for town in ('near:"Lisbon, Lisbon"', "photos in Lisbon"):
        place = parse(town, gazetteer).place
        assert place is not None and place.region is None and place.lat is not None, town


@pytest.mark.parametrize(
    ("text", "place", "rest"),
    [
        ("New York at night", "New York City", "night"),  # several capitalised words: a city of 50,000+
        ("Hong Kong skyline", "Hong Kong", "skyline"),
        ("Rio de Janeiro carnival", "Rio de Janeiro", "carnival"),
        ("New Zealand 2019", "New Zealand", ""),  # a country of two words
        ("杭州西湖", "Hangzhou", "西湖"),  # the Chinese characters a run starts with
        ("去年夏天杭州西湖", "Hangzhou", "西湖"),  # after what was understood
        ("日本樱花", "Japan", "樱花"),
    ],
)
def test_place_names_without_a_preposition(gazetteer: Gazetteer, text: str, place: str, rest: str) -> None:
    q = parse(text, gazetteer)
    assert q.place is not None and place in (q.place.name, q.place.country), q.place
    assert q.text == rest


@pytest.mark.parametrize(
    "text",
    [
        "Golden Gate Bridge",
        "Kyoto temples",  # one English word: only where the library's photos are
        "Turkey dinner",
        "Guinea pig",
        "Nice weather",
        "nice weather in winter",
        "paris",
        "Victoria's birthday",
        "Lisbon sunset",
        "大理石",
        "有小狗的照片",
        "Anna AND Ben",
        "Mount Fuji",
        "sunset at Mount Fuji",
    ],
)
def test_words_that_only_look_like_places(gazetteer: Gazetteer, text: str) -> None:
    """A small town, a common word, lower case, another place's alias, a city under a million with no photos
    there, an ISO code, a mountain's name with a brand word in it: none is a place (nor a camera)."""
    q = parse(text, gazetteer)
    assert q.place is None and q.camera is None, (q.place, q.camera)


def test_a_bare_name_means_a_place_the_library_is_in(gazetteer: Gazetteer) -> None:
    lisbon = LibraryPlaces(((38.72, -9.14),))
    q = parse_query("Lisbon sunset", PEOPLE, TODAY, gazetteer, library_places=lisbon)
    assert q.place is not None and q.place.name == "Lisbon" and q.text == "sunset"
    assert parse_query("Porto sunset", PEOPLE, TODAY, gazetteer, library_places=lisbon).place is None
    japan = LibraryPlaces(((35.01, 135.77),), frozenset({("Japan", "Kyoto")}))
    for text, place in [("Kyoto temples", "Kyoto"), ("Japan 2019", "Japan"), ("Turkey dinner", None)]:
        found = parse_query(text, PEOPLE, TODAY, gazetteer, library_places=japan).place
        assert (found.name if found else None) == place, (text, found)
