"""Filters become SQL only through typed values (album/core/store/filters.py and sql.py), run against real
LanceDB tables: every Query field selects the right rows, hostile text is searched for and never executed,
distance circles hold across the antimeridian and at the poles."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import pytest
from libstate import photo_row as row
from photofactory import Exif, write_photo

from album.core.geo import distance_km
from album.core.pipeline.indexer import Indexer
from album.core.query import PlaceFilter, Query
from album.core.search import Searcher
from album.core.store.db import Store
from album.core.store.filters import EARTH_RADIUS_KM, near_sql, to_where
from album.core.store.sql import sql_number

HOSTILE = ["'; DROP TABLE photos; --", "%", "_", "\\", "50%_off\\'", "ça'va", "📷", "' OR '1'='1", '"', "\x00"]


@pytest.fixture
def library(indexer: Indexer, photos_dir: Path) -> Path:
    write_photo(photos_dir / "lisbon.jpg", Exif(taken=datetime(2023, 6, 1, 12), lat=38.7223, lon=-9.1393,
                                                make="Canon", model="Canon EOS R5"))  # fmt: skip
    write_photo(photos_dir / "sintra.jpg", Exif(taken=datetime(2023, 6, 2, 9), lat=38.8029, lon=-9.3817,
                                                make="NIKON CORPORATION", model="NIKON D750"))  # fmt: skip
    write_photo(photos_dir / "porto.jpg", Exif(taken=datetime(2022, 12, 31, 23, 59), lat=41.1579, lon=-8.6291))
    write_photo(photos_dir / "fiji.jpg", Exif(taken=datetime(2021, 1, 1), lat=-17.7134, lon=179.9))
    write_photo(photos_dir / "samoa.jpg", Exif(taken=datetime(2021, 1, 2), lat=-13.76, lon=-179.95))
    write_photo(photos_dir / "odd.jpg", Exif(taken=datetime(2020, 1, 1), make="50%_off\\'", model="ça'va 📷"))
    indexer.run([str(photos_dir)])
    return photos_dir


def names(store: Store, query: Query) -> list[str]:
    return [Path(h.photo.path).name for h in Searcher(store, encoder=None).search(query).hits]


def test_no_filter_lists_all_newest_first(store: Store, library: Path) -> None:
    assert names(store, Query()) == ["sintra.jpg", "lisbon.jpg", "porto.jpg", "samoa.jpg", "fiji.jpg", "odd.jpg"]


def test_date_range_is_inclusive_on_local_dates(store: Store, library: Path) -> None:
    assert names(store, Query(date_from=date(2022, 12, 31), date_to=date(2023, 6, 1))) == ["lisbon.jpg", "porto.jpg"]


def test_near_uses_real_distance(store: Store, library: Path) -> None:
    assert names(store, Query(place=PlaceFilter(lat=38.7223, lon=-9.1393, radius_km=10))) == ["lisbon.jpg"]
    assert names(store, Query(place=PlaceFilter(lat=38.7223, lon=-9.1393, radius_km=30))) == [
        "sintra.jpg",
        "lisbon.jpg",
    ]


def test_near_across_the_antimeridian(store: Store, library: Path) -> None:
    assert names(store, Query(place=PlaceFilter(lat=-15.0, lon=180.0, radius_km=500))) == ["samoa.jpg", "fiji.jpg"]


def test_camera_substring(store: Store, library: Path) -> None:
    assert names(store, Query(camera="nikon")) == ["sintra.jpg"]
    assert names(store, Query(camera="EOS r5")) == ["lisbon.jpg"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_camera_text_is_just_text(store: Store, library: Path, text: str) -> None:
    expected = ["odd.jpg"] if text.lower() in "50%_off\\' ça'va 📷" else []
    assert names(store, Query(camera=text)) == expected
    assert store.count_photos() == 6


# -- to_where on a real photos table, without indexing ------------------------------------------------------
@pytest.fixture
def table(store: Store) -> Store:
    store.upsert_photos([
        row("a", taken_at=datetime(2023, 6, 1), lat=38.7223, lon=-9.1393, country="Portugal", region="Lisbon",
            camera="Canon EOS R5", tags=["beach", "dog"], person_ids=["anna", "ben"]),
        row("b", taken_at=datetime(2023, 6, 30, 23, 59, 59, 900000), lat=41.1579, lon=-8.6291, country="Portugal",
            region="Porto", camera="NIKON D750", tags=["beach"], person_ids=["anna"]),
        row("c", taken_at=datetime(2023, 7, 1), lat=37.7749, lon=-122.4194, country="United States",
            region="California", camera="Apple iPhone 12", tags=["dog"]),
        row("d"),  # nothing known: no date, no place, no camera
    ])  # fmt: skip
    return store


EVERY_FIELD = Query(date_from=date(2023, 1, 1), place=PlaceFilter(country="Portugal"), camera="nikon",
                    tags=("beach",), person_ids=("anna",), exclude_person_ids=("ben",), exclude_tags=("dog",))  # fmt: skip


def ids(store: Store, query: Query) -> set[str]:
    return set(store.query_photos(to_where(query), ["id"]).column("id").to_pylist())


def test_no_filter_fields_means_no_where() -> None:
    assert to_where(Query()) is None
    assert to_where(Query(text="beach", people=("Anna",), exclude=("dog",))) is None  # ranking and labels only


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query(date_from=date(2023, 6, 1)), {"a", "b", "c"}),
        (Query(date_to=date(2023, 6, 30)), {"a", "b"}),  # the whole last day, and not a moment after
        (Query(date_from=date(2023, 6, 30), date_to=date(2023, 6, 30)), {"b"}),
        (Query(place=PlaceFilter("Lisbon", 38.7, -9.1, radius_km=50)), {"a"}),
        (Query(place=PlaceFilter("Lisbon", 38.7, -9.1)), {"a"}),  # default radius 25 km
        (Query(place=PlaceFilter(country="Portugal")), {"a", "b"}),
        (Query(place=PlaceFilter(region="California")), {"c"}),
        (Query(place=PlaceFilter(country="Portugal", region="Porto")), {"b"}),
        (Query(camera="eos"), {"a"}),
        (Query(camera="IPHONE"), {"c"}),
        (Query(tags=("beach",)), {"a", "b"}),
        (Query(tags=("beach", "dog")), {"a"}),
        (Query(person_ids=("anna",)), {"a", "b"}),
        (Query(person_ids=("anna", "ben")), {"a"}),
        (Query(exclude_person_ids=("ben",)), {"b", "c", "d"}),
        (Query(exclude_tags=("dog",)), {"b", "d"}),
        (Query(exclude_tags=("dog", "cat")), {"b", "d"}),
        (EVERY_FIELD, {"b"}),
    ],
)
def test_every_query_field_selects_its_rows(table: Store, query: Query, expected: set[str]) -> None:
    assert ids(table, query) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_string_field_stays_literal(store: Store, text: str) -> None:
    store.upsert_photos([
        row("odd", camera=f"Cam {text} X", country=text, region=text, tags=[text], person_ids=[text]),
        row("plain", camera="Canon", country="Portugal", region="Lisbon", tags=["dog"], person_ids=["anna"]),
    ])  # fmt: skip
    cameras = {"odd": f"Cam {text} X", "plain": "Canon"}
    assert ids(store, Query(camera=text)) == {i for i, c in cameras.items() if text.lower() in c.lower()}
    assert ids(store, Query(place=PlaceFilter(country=text))) == {"odd"}
    assert ids(store, Query(place=PlaceFilter(country=text, region=text))) == {"odd"}
    assert ids(store, Query(tags=(text,))) == {"odd"}
    assert ids(store, Query(person_ids=(text,))) == {"odd"}
    assert ids(store, Query(exclude_tags=(text,))) == {"plain"}
    assert ids(store, Query(exclude_person_ids=(text,))) == {"plain"}
    assert store.count_photos() == 2


# -- distance circles -------------------------------------------------------------------------------------
def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) in direction ``bearing`` (degrees from north), on the sphere."""
    p1, l1, theta, d = math.radians(lat), math.radians(lon), math.radians(bearing), km / EARTH_RADIUS_KM
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(theta))
    l2 = l1 + math.atan2(math.sin(theta) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def check_circle(store: Store, lat: float, lon: float, km: float) -> None:
    """Points all around the circle, just inside and just outside it: the filter selects exactly the inside."""
    points = [destination(lat, lon, bearing, km * f) for bearing in range(0, 360, 10) for f in (0.3, 0.95, 1.05, 2)]
    store.upsert_photos([row(f"p{i}", lat=p[0], lon=p[1]) for i, p in enumerate(points)])
    inside = {f"p{i}" for i, p in enumerate(points) if distance_km(lat, lon, *p) <= km}
    assert len(inside) == 36 * 2  # 0.3 and 0.95 of the radius: the test's own geometry is right
    selected = set(store.query_photos(near_sql(lat, lon, km), ["id"]).column("id").to_pylist())
    assert selected == inside, sorted(points[int(i[1:])] for i in selected ^ inside)


@pytest.mark.parametrize(
    ("lat", "lon", "km"),
    [
        (-15.0, 180.0, 500),  # Fiji and Samoa
        (-17.7, 179.9, 300),
        (10.0, -179.9, 300),
        (65.0, 179.0, 400),  # Chukotka: far north and across the antimeridian
        (0.0, 0.0, 100),
        (38.7223, -9.1393, 25),
        (90.0, 0.0, 300),  # the North Pole itself: every longitude
        (-90.0, 0.0, 1000),  # the South Pole
        (-89.99, 45.0, 50),
    ],
)
def test_near_selects_the_circle(store: Store, lat: float, lon: float, km: float) -> None:
    check_circle(store, lat, lon, km)


@pytest.mark.parametrize(("lat", "lon", "km"), [(85.0, 0.0, 600), (78.2, 15.6, 1500), (-80.0, 160.0, 1200)])
def test_near_a_pole_the_circle_reaches_across_it(store: Store, lat: float, lon: float, km: float) -> None:
    check_circle(store, lat, lon, km)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_sql_number_refuses_what_is_not_a_finite_number(value: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        sql_number(value)
    with pytest.raises(ValueError):
        to_where(Query(place=PlaceFilter(lat=value, lon=0.0)))


def test_sql_number_keeps_negative_numbers_out_of_comments(store: Store) -> None:
    assert sql_number(-9.1) == "(-9.1)" and sql_number(3) == "(3.0)"
    store.upsert_photos([row("lisbon", lat=38.72, lon=-9.14), row("porto", lat=41.16, lon=-8.63)])
    where = f"lon - {sql_number(-9.1)} < 0.2 AND lat > {sql_number(-1)}"  # "lon - -9.1" would start a comment
    assert set(store.query_photos(where, ["id"]).column("id").to_pylist()) == {"lisbon"}
