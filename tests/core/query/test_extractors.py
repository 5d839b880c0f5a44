"""Single extractors of the search-box parser, each run alone on a context: what it takes, what it leaves."""

from __future__ import annotations

from datetime import date

import pytest

from album.core.geo import Gazetteer
from album.core.models.tags import Tag
from album.core.query import KnownPerson, PlaceFilter, parse_query, to_syntax
from album.core.query.parse.camera import take_camera
from album.core.query.parse.cleanup import take_free_text
from album.core.query.parse.context import ParseContext
from album.core.query.parse.dates import settle_dates, take_dates
from album.core.query.parse.exclusions import take_exclusions
from album.core.query.parse.explicit import take_explicit
from album.core.query.parse.people import take_people
from album.core.query.parse.places import take_place

TODAY = date(2026, 11, 24)
ANNA, ANNA_MARIA, BEN = KnownPerson("a", "Anna"), KnownPerson("am", "Anna Maria"), KnownPerson("b", "Ben")
MELBOURNE, BOSTON = (-37.81, 144.96), (42.36, -71.06)
SYDNEY = PlaceFilter("Sydney", -33.87, 151.21, 25.0)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    g.load()
    return g


def left(ctx: ParseContext) -> list[str]:
    """The words no extractor has taken yet."""
    return ctx.rest.split()


@pytest.mark.parametrize(
    ("center", "start", "end"),
    [(BOSTON, date(2023, 6, 1), date(2023, 8, 31)), (MELBOURNE, date(2023, 12, 1), date(2024, 2, 29))],
)
def test_dates_read_seasons_in_the_library_hemisphere(center: tuple[float, float], start: date, end: date) -> None:
    ctx = ParseContext("beach summer 2023", TODAY, library_center=center)
    take_dates(ctx)
    assert left(ctx) == ["beach"]
    assert ctx.said_dates is not None
    assert (ctx.said_dates.date_from, ctx.said_dates.date_to) == (start, end)
    assert ctx.date_from is None  # nothing is decided until settle_dates knows the place
    settle_dates(ctx)
    assert (ctx.date_from, ctx.date_to) == (start, end)


def test_settle_dates_reads_them_again_for_a_place_in_the_other_hemisphere() -> None:
    ctx = ParseContext("summer in Sydney 2023", TODAY, library_center=BOSTON)
    take_dates(ctx)
    ctx.place = SYDNEY  # as take_place would find it
    settle_dates(ctx)
    assert (ctx.date_from, ctx.date_to) == (date(2023, 12, 1), date(2024, 2, 29))


def test_settle_dates_fills_only_what_the_explicit_syntax_left_open() -> None:
    ctx = ParseContext("before 2010", TODAY, date_from=date(2001, 5, 1), date_to=date(2002, 1, 1))
    take_dates(ctx)
    assert left(ctx) == []  # "before" goes with the year
    settle_dates(ctx)
    assert (ctx.date_from, ctx.date_to) == (date(2001, 5, 1), date(2002, 1, 1))
    ctx = ParseContext("before 2010", TODAY)
    take_dates(ctx)
    settle_dates(ctx)
    assert (ctx.date_from, ctx.date_to) == (None, date(2009, 12, 31))


def test_an_exclusion_takes_a_known_person_and_leaves_an_unknown_word() -> None:
    ctx = ParseContext("beach without Ben, a photo with no people", TODAY, known_people=[ANNA, BEN])
    take_exclusions(ctx)
    assert (ctx.exclude, ctx.exclude_people, ctx.exclude_tags) == (["Ben"], [BEN], [])
    assert left(ctx) == ["beach", ",", "a", "photo", "with", "no", "people"]
    assert ctx.people == []


def test_an_exclusion_names_tags_of_the_vocabulary_it_is_given() -> None:
    corgi = Tag("corgi", "a corgi", "柯基", ("a photo of a corgi",))
    ctx = ParseContext("park without corgis", TODAY)
    take_exclusions(ctx)
    assert (ctx.exclude_tags, left(ctx)) == ([], ["park", "without", "corgis"])  # not in album's vocabulary
    ctx = ParseContext("park without corgis, 不要柯基", TODAY, vocabulary=[corgi])
    take_exclusions(ctx)
    assert (ctx.exclude_tags, ctx.exclude, left(ctx)) == (["corgi", "corgi"], ["corgis", "柯基"], ["park", ","])
    assert parse_query("park without corgis", vocabulary=[corgi]).exclude_tags == ("corgi",)


def test_a_name_that_is_the_prefix_of_another_is_a_person_of_its_own() -> None:
    ctx = ParseContext("Anna Maria and Anna at Annabel's", TODAY, known_people=[ANNA, ANNA_MARIA])
    take_people(ctx)
    assert ctx.people == [ANNA_MARIA, ANNA]
    assert left(ctx) == ["and", "at", "Annabel's"]


def test_a_first_name_two_people_share_names_neither() -> None:
    ctx = ParseContext("Maria and Anna", TODAY, known_people=[ANNA_MARIA, KnownPerson("m", "Maria Lopez")])
    take_people(ctx)
    assert ctx.people == [ANNA_MARIA]  # "Anna" is Anna Maria's alone; "Maria" is not
    assert left(ctx) == ["Maria", "and"]


def test_a_place_is_taken_and_an_ordinary_word_is_left(gazetteer: Gazetteer) -> None:
    ctx = ParseContext("sunset in Lisbon", TODAY, gazetteer=gazetteer)
    take_place(ctx)
    assert ctx.place is not None and ctx.place.name == "Lisbon" and ctx.place.lat is not None
    assert left(ctx) == ["sunset"]
    for text in ("dinner in the garden", "not in Lisbon"):
        ctx = ParseContext(text, TODAY, gazetteer=gazetteer)
        take_place(ctx)
        assert (ctx.place, ctx.rest) == (None, text)


def test_a_radius_applies_to_the_place_found(gazetteer: Gazetteer) -> None:
    ctx = ParseContext("within 5 km of Lisbon", TODAY, gazetteer=gazetteer)
    take_place(ctx)
    assert ctx.place is not None and (ctx.place.name, ctx.place.radius_km) == ("Lisbon", 5.0)
    assert left(ctx) == []
    ctx = ParseContext("near Lisbon", TODAY, gazetteer=gazetteer, radius_km=12.0)  # km:12 typed elsewhere
    take_place(ctx)
    assert ctx.place is not None and ctx.place.radius_km == 12.0


@pytest.mark.parametrize(
    ("text", "camera", "rest"),
    [
        ("birds shot on a canon", "Canon", ["birds"]),
        ("nikon photos of birds", "Nikon", ["photos", "of", "birds"]),
        ("用佳能拍的鸟", "Canon", ["鸟"]),
        ("华为手机 夜景", "HUAWEI", ["夜景"]),
        ("with my phone", None, []),  # taken, but names no make or model
        ("三星堆", None, ["三星堆"]),  # a Chinese brand word alone is an ordinary word
    ],
)
def test_camera_brands_in_english_and_chinese(text: str, camera: str | None, rest: list[str]) -> None:
    ctx = ParseContext(text, TODAY)
    take_camera(ctx)
    assert (ctx.camera, left(ctx)) == (camera, rest)


def test_the_explicit_camera_wins_but_the_phrase_is_still_taken() -> None:
    ctx = ParseContext("birds shot on a canon", TODAY, camera="X100V")
    take_camera(ctx)
    assert (ctx.camera, left(ctx)) == ("X100V", ["birds"])


def test_explicit_syntax_reads_every_field_and_round_trips(gazetteer: Gazetteer) -> None:
    text = ('person:"Anna Maria" after:2023-01-01 before:2023-03-31 near:Lisbon km:20 camera:canon '
            'tag:dog -tag:screenshot -person:Ben person:Zoe text:"red car" sunset')  # fmt: skip
    ctx = ParseContext(text, TODAY, known_people=[ANNA_MARIA, BEN], gazetteer=gazetteer)
    take_explicit(ctx)
    assert left(ctx) == ["sunset"]
    assert (ctx.people, ctx.unknown_people, ctx.exclude_people) == ([ANNA_MARIA], ["Zoe"], [BEN])
    assert (ctx.date_from, ctx.date_to) == (date(2023, 1, 1), date(2023, 3, 31))
    assert ctx.place is not None and ctx.place.name == "Lisbon"
    assert (ctx.radius_km, ctx.camera, ctx.extra_text) == (20.0, "canon", "red car")
    assert (ctx.tags, ctx.exclude_tags, ctx.exclude) == (["dog"], ["screenshot"], ["screenshot", "Ben"])

    query = parse_query(text, [ANNA_MARIA, BEN], TODAY, gazetteer)
    assert query.place is not None and query.place.radius_km == 20.0
    assert query.text == "red car Zoe sunset"
    syntax = to_syntax(query)
    assert syntax == ('person:"Anna Maria" person:Zoe after:2023-01-01 before:2023-03-31 near:Lisbon km:20 '
                      'camera:canon tag:dog -tag:screenshot -person:Ben red car Zoe sunset')  # fmt: skip
    again = parse_query(syntax, [ANNA_MARIA, BEN], TODAY, gazetteer)
    assert (again.person_ids, again.date_from, again.date_to, again.place, again.camera) == (
        query.person_ids, query.date_from, query.date_to, query.place, query.camera)  # fmt: skip
    assert (again.tags, again.exclude_tags, again.exclude_person_ids) == (
        query.tags, query.exclude_tags, query.exclude_person_ids)  # fmt: skip


def test_free_text_is_the_rest_without_filler_after_the_explicit_text() -> None:
    ctx = ParseContext("show me photos of dogs on the beach", TODAY, extra_text="red car", unknown_people=["Zoe"])
    take_free_text(ctx)
    assert ctx.free_text == "red car Zoe dogs on the beach"
    ctx = ParseContext("有小狗的照片", TODAY)
    take_free_text(ctx)
    assert ctx.free_text == "小狗"
