"""EXIF reading on real files written with piexif: dates, offsets, GPS, camera, bad values."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import piexif
import pytest
from photofactory import Exif, scene, write_photo

from album.core.pipeline.exif import (
    PhotoMeta,
    normalise_make,
    parse_datetime,
    photo_meta,
    read_exposure,
    read_tags,
    with_file_time,
)
from album.core.records import Exposure


def meta_of(path: Path) -> PhotoMeta:
    return photo_meta(read_tags(path.read_bytes()))


def test_datetime_offset_and_subseconds(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "a.jpg", Exif(taken=datetime(2023, 7, 15, 18, 30, 5), offset="-05:30", subsec="042"))
    meta = meta_of(path)
    assert meta.taken_at == datetime(2023, 7, 15, 18, 30, 5, 42000)
    assert meta.tz_offset_min == -330
    assert meta.date_source == "exif"


@pytest.mark.parametrize(
    ("exif", "expected_source", "expected"),
    [
        (Exif(digitized=datetime(2020, 1, 2, 3, 4, 5)), "digitized", datetime(2020, 1, 2, 3, 4, 5)),
        (Exif(modified=datetime(2019, 5, 6, 7, 8, 9)), "modified", datetime(2019, 5, 6, 7, 8, 9)),
    ],
)
def test_date_fallbacks(tmp_path: Path, exif: Exif, expected_source: str, expected: datetime) -> None:
    meta = meta_of(write_photo(tmp_path / "a.jpg", exif))
    assert (meta.taken_at, meta.date_source, meta.tz_offset_min) == (expected, expected_source, None)


def test_file_mtime_fallback_is_flagged(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "a.jpg")
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    meta = with_file_time(meta_of(path), path.stat().st_mtime_ns)
    assert meta.date_source == "file"
    assert meta.tz_offset_min is not None
    assert meta.taken_at is not None
    instant = (
        meta.taken_at.timestamp()
        if meta.tz_offset_min is None
        else ((meta.taken_at - datetime(1970, 1, 1)).total_seconds() - meta.tz_offset_min * 60)
    )
    assert instant == pytest.approx(1_600_000_000, abs=1)


def test_offset_derived_from_gps_clock(tmp_path: Path) -> None:
    exif = Exif(taken=datetime(2023, 8, 1, 21, 0, 0), gps_utc=datetime(2023, 8, 1, 12, 0, 3), lat=35.0, lon=139.0)
    assert meta_of(write_photo(tmp_path / "a.jpg", exif)).tz_offset_min == 9 * 60


@pytest.mark.parametrize(
    ("lat", "lon", "alt"),
    [(38.7223, -9.1393, 120.5), (-33.8568, 151.2153, 4.0), (-22.9519, -43.2105, 700.0), (64.1466, 21.9426, -12.0)],
)
def test_gps_all_hemispheres_with_altitude(tmp_path: Path, lat: float, lon: float, alt: float) -> None:
    meta = meta_of(write_photo(tmp_path / "a.jpg", Exif(lat=lat, lon=lon, alt=alt)))
    assert meta.lat == pytest.approx(lat, abs=1e-5)
    assert meta.lon == pytest.approx(lon, abs=1e-5)
    assert meta.alt == pytest.approx(alt, abs=0.01)


def _raw_gps_photo(tmp_path: Path, gps: dict[int, object]) -> Path:
    path = tmp_path / "gps.jpg"
    scene(64, 48).save(path, "JPEG", exif=piexif.dump({"GPS": gps}))
    return path


def test_gps_zero_denominator_degrees_rejected(tmp_path: Path) -> None:
    path = _raw_gps_photo(tmp_path, {
        piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((38, 0), (1, 1), (0, 1)),
        piexif.GPSIFD.GPSLongitudeRef: b"E", piexif.GPSIFD.GPSLongitude: ((9, 1), (1, 1), (0, 1)),
    })  # fmt: skip
    meta = meta_of(path)
    assert (meta.lat, meta.lon) == (None, None)


def test_gps_zero_over_zero_seconds_means_zero(tmp_path: Path) -> None:
    path = _raw_gps_photo(tmp_path, {
        piexif.GPSIFD.GPSLatitudeRef: b"S", piexif.GPSIFD.GPSLatitude: ((33, 1), (30, 1), (0, 0)),
        piexif.GPSIFD.GPSLongitudeRef: b"W", piexif.GPSIFD.GPSLongitude: ((70, 1), (45, 1), (0, 0)),
    })  # fmt: skip
    meta = meta_of(path)
    assert (meta.lat, meta.lon) == (pytest.approx(-33.5), pytest.approx(-70.75))


@pytest.mark.parametrize("lat_deg", [(91, 1), (200, 1)])
def test_gps_out_of_range_rejected(tmp_path: Path, lat_deg: tuple[int, int]) -> None:
    path = _raw_gps_photo(tmp_path, {
        piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: (lat_deg, (0, 1), (0, 1)),
        piexif.GPSIFD.GPSLongitudeRef: b"E", piexif.GPSIFD.GPSLongitude: ((9, 1), (0, 1), (0, 1)),
    })  # fmt: skip
    assert meta_of(path).lat is None


def test_null_island_is_no_fix(tmp_path: Path) -> None:
    assert meta_of(write_photo(tmp_path / "a.jpg", Exif(lat=0.0, lon=0.0))).lat is None


def test_camera_make_model_normalised(tmp_path: Path) -> None:
    exif = Exif(make="NIKON CORPORATION\x00\x00", model="NIKON D750 \x00", lens="24-70mm f/2.8\x00")
    meta = meta_of(write_photo(tmp_path / "a.jpg", exif))
    assert (meta.camera_make, meta.camera_model, meta.camera, meta.lens) == (
        "Nikon",
        "D750",
        "Nikon D750",
        "24-70mm f/2.8",
    )


@pytest.mark.parametrize(
    ("make", "expected"),
    [("Canon", "Canon"), ("OLYMPUS IMAGING CORP.", "Olympus"), ("SAMSUNG", "Samsung"), ("LG", "LG"), ("Apple", "Apple"),
     ("FUJIFILM", "Fujifilm"), ("SONY", "Sony"), ("Panasonic", "Panasonic")],
)  # fmt: skip
def test_make_normalisation(make: str, expected: str) -> None:
    assert normalise_make(make) == expected


@pytest.mark.parametrize(
    "text",
    ["    :  :     :  :  ", "0000:00:00 00:00:00", "2023:13:45 10:00:00", "garbage", "", "1700:01:01 00:00:00",
     "2023:02:30 10:00:00"],
)  # fmt: skip
def test_bad_dates_are_none(text: str) -> None:
    assert parse_datetime(text) is None


def test_date_variants() -> None:
    assert parse_datetime("2023-07-15T18:30:00+02:00") == (datetime(2023, 7, 15, 18, 30), 120)
    assert parse_datetime("2023:07:15 18:30") == (datetime(2023, 7, 15, 18, 30), None)
    assert parse_datetime("2023:07:15 18:30:00Z") == (datetime(2023, 7, 15, 18, 30), 0)
    # A garbled tail (from a real news photo in ../shared/faces): the time stands, the offset is unreadable.
    assert parse_datetime("2009:09:09 20:27:09.60:04:00") == (datetime(2009, 9, 9, 20, 27, 9, 600000), None)


def test_garbage_exif_keeps_other_fields(tmp_path: Path) -> None:
    path = tmp_path / "odd.jpg"
    exif = {
        "0th": {piexif.ImageIFD.Make: b"\xff\xfe\x00garbage", piexif.ImageIFD.Orientation: 99},
        "Exif": {piexif.ExifIFD.DateTimeOriginal: b"not a date at all!!", piexif.ExifIFD.OffsetTimeOriginal: b"+99:99",
                 piexif.ExifIFD.DateTimeDigitized: b"2021:03:04 05:06:07"},
    }  # fmt: skip
    scene(64, 48).save(path, "JPEG", exif=piexif.dump(exif))
    meta = meta_of(path)
    assert meta.taken_at == datetime(2021, 3, 4, 5, 6, 7)
    assert meta.date_source == "digitized"
    assert meta.orientation is None


def test_heic_metadata(tmp_path: Path) -> None:
    exif = Exif(taken=datetime(2022, 12, 24, 20, 15), offset="+08:00", lat=31.2304, lon=121.4737, make="Apple",
                model="iPhone 14 Pro")  # fmt: skip
    meta = meta_of(write_photo(tmp_path / "a.heic", exif))
    assert (meta.taken_at, meta.tz_offset_min) == (datetime(2022, 12, 24, 20, 15), 480)
    assert meta.lat == pytest.approx(31.2304, abs=1e-5) and meta.lon == pytest.approx(121.4737, abs=1e-5)
    assert meta.camera == "Apple iPhone 14 Pro"


def test_no_exif_at_all_is_empty(tmp_path: Path) -> None:
    assert meta_of(write_photo(tmp_path / "a.png")) == PhotoMeta()


def test_exposure_of_a_real_camera_file() -> None:
    from shared_data import SHARED_FACES

    kite = SHARED_FACES / "misc" / "kite.jpg"  # a Canon EOS REBEL T1i's JPEG, EXIF as the camera wrote it
    if not kite.is_file():
        pytest.skip("needs ../shared/faces")
    exposure = read_exposure(str(kite))
    assert exposure == Exposure(focal_mm=28.0, f_number=13.0, exposure_s=pytest.approx(1 / 640), iso=800)


def test_exposure_leaves_impossible_values_out(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    exif = {piexif.ExifIFD.FNumber: (0, 0), piexif.ExifIFD.ExposureTime: (1, 0), piexif.ExifIFD.FocalLength: (43, 10),
            piexif.ExifIFD.FocalLengthIn35mmFilm: 26, piexif.ExifIFD.ISOSpeedRatings: 64}  # fmt: skip
    scene(64, 48).save(path, "JPEG", exif=piexif.dump({"Exif": exif}))
    assert read_exposure(str(path)) == Exposure(focal_mm=4.3, focal_35mm_mm=26, iso=64)


def test_no_exposure_from_a_file_without_exif_or_gone(tmp_path: Path) -> None:
    path = write_photo(tmp_path / "plain.png")
    assert not read_exposure(str(path))
    assert not read_exposure(str(tmp_path / "gone.jpg"))
