"""Filters become SQL only through typed values: hostile text is searched for, never executed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from photofactory import Exif, write_photo

from album.core.pipeline.indexer import Indexer
from album.core.query import PlaceFilter, Query
from album.core.search import Searcher
from album.core.store.db import Store

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
