"""One bad metadata field costs that field, never the photo (issue: trust, item 3)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import piexif
import pytest
from conftest import album_in_process
from photofactory import Exif, write_photo


def gps_clock_overflow(path: Path) -> Path:
    """A valid JPEG whose GPS clock hour is 4294967295: it raised OverflowError in the EXIF reader and
    the whole photo was recorded as an "internal" error."""
    exif = Exif(taken=datetime(2023, 7, 15, 18, 30), lat=38.7223, lon=-9.1393, make="Canon", model="EOS R5")
    write_photo(path, exif)
    tags = piexif.load(str(path))
    tags["GPS"][piexif.GPSIFD.GPSDateStamp] = b"2023:07:15"
    tags["GPS"][piexif.GPSIFD.GPSTimeStamp] = ((4294967295, 1), (0, 1), (0, 1))
    piexif.insert(piexif.dump(tags), str(path))
    return path


def impossible_latitude(path: Path) -> Path:
    exif = Exif(taken=datetime(2022, 1, 2, 10, 0), lat=45.0, lon=7.0)
    write_photo(path, exif)
    tags = piexif.load(str(path))
    tags["GPS"][piexif.GPSIFD.GPSLatitude] = ((95, 1), (0, 1), (0, 1))
    piexif.insert(piexif.dump(tags), str(path))
    return path


def info(path: Path) -> dict[str, object]:
    result = album_in_process("info", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_a_bad_field_is_left_out_and_named(photos_dir: Path, album_home: Path) -> None:
    clock = gps_clock_overflow(photos_dir / "gps_clock.jpg")
    latitude = impossible_latitude(photos_dir / "latitude.jpg")
    summary = json.loads(album_in_process("index", str(photos_dir), "--json").stdout)
    assert (summary["added"], summary["failed"]) == (2, 0)

    record = info(clock)
    assert record["taken_at"] == "2023-07-15T18:30:00"  # the date stays; only its UTC offset is unknown
    assert record["lat"] == pytest.approx(38.7223) and record["lon"] == pytest.approx(-9.1393)
    assert record["camera_make"] == "Canon" and record["dropped_fields"] == ["gps_time"]

    record = info(latitude)
    assert record["taken_at"] == "2022-01-02T10:00:00"
    assert record["lat"] is None and record["lon"] is None  # no half position
    assert record["dropped_fields"] == ["gps_latitude"]
    assert album_in_process("errors", "--json").stdout == ""
