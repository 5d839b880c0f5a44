"""Places end to end: GPS in real EXIF → reverse geocoding at index time → "in California" / "在浙江" filters."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif, write_photo

from album.core.config import Paths
from album.core.library import Library
from album.core.store.db import Store

PHOTOS = {  # file: (lat, lon) of a real spot
    "west_lake.jpg": (30.2431, 120.1500),  # Hangzhou, Zhejiang
    "ningbo_port.jpg": (29.8683, 121.5440),  # Ningbo, Zhejiang
    "guangzhou.jpg": (23.1291, 113.2644),  # Guangdong
    "golden_gate.jpg": (37.8199, -122.4783),  # San Francisco, California
    "yosemite.jpg": (37.7456, -119.5936),  # Yosemite valley, California: no city of 15k+ within 50 km
    "las_vegas.jpg": (36.1699, -115.1398),  # Nevada
    "lisbon.jpg": (38.7223, -9.1393),
}


@pytest.fixture
def library(paths: Paths, photos_dir: Path) -> Library:
    for seed, (name, (lat, lon)) in enumerate(PHOTOS.items()):
        write_photo(photos_dir / name, Exif(taken=datetime(2023, 5, 1 + seed, 12, 0), lat=lat, lon=lon))
    write_photo(photos_dir / "no_gps.jpg", Exif(taken=datetime(2023, 6, 1, 12, 0)))
    library = Library(paths)
    library.index([str(photos_dir)])
    return library


def names(library: Library, text: str) -> set[str]:
    return {Path(h.photo.path).name for h in library.search(library.parse(text)).hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在浙江", {"west_lake.jpg", "ningbo_port.jpg"}),
        ("浙江省的照片", {"west_lake.jpg", "ningbo_port.jpg"}),
        ("photos in Zhejiang", {"west_lake.jpg", "ningbo_port.jpg"}),
        ("in California", {"golden_gate.jpg", "yosemite.jpg"}),
        ("在加利福尼亚州", {"golden_gate.jpg", "yosemite.jpg"}),
        ("in Guangdong", {"guangzhou.jpg"}),
        ("in China", {"west_lake.jpg", "ningbo_port.jpg", "guangzhou.jpg"}),
        ("in the United States", {"golden_gate.jpg", "yosemite.jpg", "las_vegas.jpg"}),
        ("near San Francisco", {"golden_gate.jpg"}),
        ("in Lisbon", {"lisbon.jpg"}),
        ("in Bavaria", set()),
    ],
)
def test_region_country_and_city_filters(library: Library, text: str, expected: set[str]) -> None:
    assert names(library, text) == expected


def test_photo_records_name_city_region_and_country(library: Library) -> None:
    by_name = {Path(h.photo.path).name: h.photo for h in library.search(library.parse("")).hits}
    west_lake = by_name["west_lake.jpg"]
    assert (west_lake.place, west_lake.region, west_lake.country) == ("Hangzhou", "Zhejiang", "China")
    yosemite = by_name["yosemite.jpg"]
    assert (yosemite.place, yosemite.region, yosemite.country) == (None, "California", "United States")
    assert by_name["no_gps.jpg"].region is None


def test_libraries_indexed_before_regions_get_them_on_the_next_run(
    library: Library, paths: Paths, photos_dir: Path
) -> None:
    Store(paths.db_dir).photos.update(where="region IS NOT NULL", values={"region": None})  # as a schema-3 library
    assert names(library, "在浙江") == set()
    report = library.index([str(photos_dir)])
    assert report.decoded == 0  # nothing re-read: only the place names were filled in
    assert names(library, "在浙江") == {"west_lake.jpg", "ningbo_port.jpg"}


def test_a_place_name_means_the_place_the_librarys_photos_are_in(paths: Paths, photos_dir: Path) -> None:
    """Issue 15: "in Porto" was a circle around Bordeaux and found none of 300 photos from Porto; "in
    Toledo" went to Ohio for a library of photos from Spain."""
    porto = [(41.1496 + (i % 5) * 0.004, -8.6109 + (i // 5) * 0.004) for i in range(20)]  # Ribeira, Porto
    spots = {f"porto_{i:02}.jpg": spot for i, spot in enumerate(porto)}
    spots |= {"bordeaux.jpg": (44.8378, -0.5792), "madrid.jpg": (40.4168, -3.7038), "toledo.jpg": (39.8628, -4.0273)}
    for seed, (name, (lat, lon)) in enumerate(spots.items()):
        write_photo(photos_dir / name, Exif(taken=datetime(2023, 5, 1 + seed % 28, 12, 0), lat=lat, lon=lon))
    library = Library(paths)
    library.index([str(photos_dir)])
    in_porto = {f"porto_{i:02}.jpg" for i in range(20)}
    assert names(library, "in Porto") == in_porto
    assert names(library, "photos in Porto") == in_porto
    assert names(library, "在波尔图") == in_porto
    assert names(library, "in Toledo") == {"toledo.jpg"}
    assert names(library, "在托莱多的照片") == {"toledo.jpg"}
    place = library.parse("in Toledo").place
    assert place is not None and place.name == "Toledo, Spain" and place.name_zh == "托利多, 西班牙"
    assert "Toledo, United States" in [p.name for p in place.alternatives]
    assert all(p.name.startswith("Toledo, ") for p in place.alternatives)  # not places another language calls so
    photo = next(h.photo for h in library.search(library.parse("in Porto")).hits)
    assert (photo.place, photo.region, photo.country) == ("Porto", "Porto", "Portugal")
    assert library.place_names(photo) == ["Porto", "Portugal"]  # not "Porto, Porto, Portugal"
    library.load_place_names()
    assert library.place_names(photo, chinese=True) == ["波图", "葡萄牙"]
