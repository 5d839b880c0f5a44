"""What people gave their photos in other apps, and how they name cameras, people and eves, as the parser reads
them: stars and colour labels, the user's keywords, camera models, names without accents or in traditional
characters, and eves as an evening and a night."""

from __future__ import annotations

from datetime import date

import pytest

from album.core.query import InvalidQuery, KnownPerson, Query, check_query, parse_query, to_syntax
from album.core.query.parse.ratings import read_rating

TODAY = date(2026, 11, 24)
PEOPLE = [KnownPerson("r", "Renée Dupont"), KnownPerson("j", "José"), KnownPerson("z", "張偉"),
          KnownPerson("x", "小明")]  # fmt: skip
CAMERAS = ("NIKON Z 6", "iPhone 15 Pro", "Galaxy S23", "HUAWEI P60", "Canon EOS R5", "SM-G991B")


def parse(text: str, cameras: tuple[str, ...] = (), keywords: tuple[str, ...] = ()) -> Query:
    return parse_query(text, PEOPLE, TODAY, library_cameras=cameras, library_keywords=keywords)


@pytest.mark.parametrize(
    ("text", "stars", "rejected", "rest"),
    [
        ("rating:4+", 4, False, ""),
        ("rating:5 beach", 5, False, "beach"),
        ("★★★★", 4, False, ""),
        ("★★★ sunsets", 3, False, "sunsets"),
        ("4 stars", 4, False, ""),
        ("4+ star photos of dogs", 4, False, "dogs"),
        ("at least three stars", 3, False, ""),
        ("my best photos", 4, False, ""),
        ("best photos of the beach", 4, False, "beach"),
        ("top rated", 4, False, ""),
        ("4星以上", 4, False, ""),
        ("五星的照片", 5, False, ""),
        ("rejected photos", None, True, ""),
        ("rating:rejected", None, True, ""),
        ("废片", None, True, ""),
        ("a five-star hotel", None, False, "five-star hotel"),  # a kind of hotel, for CLIP
        ("五星红旗", None, False, "五星红旗"),  # the flag
        ("the stars at night", None, False, "stars at night"),
    ],
)
def test_ratings_in_words_and_syntax(text: str, stars: int | None, rejected: bool, rest: str) -> None:
    query = parse(text)
    assert (query.rating_min, query.rejected, query.text) == (stars, rejected, rest)
    assert parse(to_syntax(query)) == query  # the chip's syntax gives the same query back


@pytest.mark.parametrize(
    ("text", "label"),
    [("red label", "Red"), ("labelled green", "Green"), ("label:purple", "Purple"), ("红色标签", "Red"),
     ("蓝标的照片", "Blue"), ("a red car", None)],
)  # fmt: skip
def test_colour_labels(text: str, label: str | None) -> None:
    query = parse(text)
    assert query.label == label
    assert parse(to_syntax(query)).label == label


def test_explicit_rating_values() -> None:
    assert [read_rating(v) for v in ("4", "4+", "★★", "-1", "reject", "0", "6", "many")] == [
        (4, False), (4, False), (2, False), (None, True), (None, True), (0, False), None, None]  # fmt: skip
    with pytest.raises(InvalidQuery):
        check_query(Query(rating_min=7))


def test_the_users_keywords_are_tags_of_their_own() -> None:
    keywords = ("Café", "Ben's party", "台北")
    query = parse('tag:cafe tag:"ben\'s party" tag:dog', keywords=keywords)
    assert (query.keywords, query.tags) == (("Café", "Ben's party"), ("dog",))  # the library's spelling
    assert parse("keyword:臺北", keywords=keywords).keywords == ("台北",)  # traditional characters too
    assert parse(to_syntax(query), keywords=keywords) == query
    sources = {s.kind for s in query.sources}
    assert sources == {"tag"}  # tag: names a tag or a keyword; keyword: makes a keyword chip


@pytest.mark.parametrize(
    ("text", "camera", "rest"),
    [
        ("Nikon Z6", "NIKON Z 6", ""),  # spaces and case as the camera writes them
        ("Z6 photos of birds", "NIKON Z 6", "birds"),  # the model alone, anywhere
        ("iPhone 15 Pro photos", "iPhone 15 Pro", ""),
        ("shot on my Galaxy S23 at the beach", "Galaxy S23", "beach"),
        ("用华为P60拍的", "HUAWEI P60", ""),
        ("eos r5 portraits", "Canon EOS R5", "portraits"),
        ("canon photos of birds", "Canon", "birds"),  # a brand still means the brand
    ],
)
def test_camera_models_of_the_library(text: str, camera: str, rest: str) -> None:
    query = parse(text, cameras=CAMERAS)
    assert (query.camera, query.text) == (camera, rest)


@pytest.mark.parametrize(
    ("text", "camera"),
    [("shot on my Galaxy S23", "Galaxy S23"), ("iPhone 15 Pro photos", "iPhone 15 Pro"), ("Nikon Z6", "Nikon Z6"),
     ("用华为P60拍的", "HUAWEI P60"), ("Sony A7 III at night", "Sony A7 III"), ("with my canon", "Canon")],
)  # fmt: skip
def test_camera_models_without_the_library(text: str, camera: str) -> None:
    """Without the library's cameras, the brand and the model words after it make the filter."""
    assert parse(text).camera == camera


def test_a_library_model_needs_a_digit_or_length_to_be_found_anywhere() -> None:
    assert parse("one photo", cameras=("ONE",)).camera is None


@pytest.mark.parametrize(
    ("text", "person"),
    [("renee at the beach", "Renée Dupont"), ("RENÉE", "Renée Dupont"), ("photos of jose", "José"),
     ("张伟的照片", "張偉"), ("張偉", "張偉"), ("小明", "小明")],
)  # fmt: skip
def test_names_match_without_accents_or_in_either_script(text: str, person: str) -> None:
    assert parse(text).people == (person,)


def test_traditional_characters_read_as_simplified() -> None:
    query = parse("2023年春節和張偉")
    assert (query.people, query.date_from) == (("張偉",), date(2023, 1, 21))  # 春節 is 春节


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Christmas Eve 2021", date(2021, 12, 24), date(2021, 12, 25)),
        ("New Year's Eve", date(2025, 12, 31), date(2026, 1, 1)),  # the latest one
        ("new years eve 2019 fireworks", date(2019, 12, 31), date(2020, 1, 1)),
        ("除夕 2020", date(2020, 1, 24), date(2020, 1, 25)),  # the lunar new year's eve
        ("2021年除夕", date(2021, 2, 11), date(2021, 2, 12)),
        ("平安夜", date(2025, 12, 24), date(2025, 12, 25)),
    ],
)
def test_eves_are_that_evening_and_the_night(text: str, first: date, last: date) -> None:
    query = parse(text)
    assert (query.date_from, query.date_to, query.from_hour, query.to_hour) == (first, last, 17, 4)
    assert parse(to_syntax(query)) == query  # after:2021-12-24T17:00 before:2021-12-25T04:00


def test_holidays_stay_whole_days() -> None:
    query = parse("Christmas 2021")
    assert (query.date_from, query.date_to, query.from_hour, query.to_hour) == (
        date(2021, 12, 24), date(2021, 12, 26), None, None)  # fmt: skip
    spring = parse("2020年春节")
    assert (spring.date_from, spring.from_hour) == (date(2020, 1, 24), None)  # the eve to the 7th day
