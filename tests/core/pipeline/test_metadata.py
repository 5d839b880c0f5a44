"""Every date, place and name a photo carries, on real files written by exiftool: embedded XMP, XMP sidecars
of both naming styles, Google Takeout JSON of every naming variant, IPTC, ratings and maker-note dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif, scene, write_photo

from album.core.pipeline.indexer import Indexer
from album.core.pipeline.sidecars import takeout_names
from album.core.store.db import Store

needs_exiftool = pytest.mark.skipif(shutil.which("exiftool") is None, reason="needs exiftool (packaging/debian-deps.sh)")
pytestmark = needs_exiftool


def exiftool(path: Path, *args: str) -> None:
    """Write tags with exiftool, as other apps would (``-o`` for a sidecar made from ``path``)."""
    subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", *args, str(path)], check=True)


def row(store: Store, path: Path) -> dict:  # type: ignore[type-arg]
    rows = store.query_photos(f"path = '{path}'").to_pylist()
    assert len(rows) == 1, path
    return rows[0]


XMP_DATE_GPS = ["-XMP-exif:DateTimeOriginal=2019:06:01 10:11:12+02:00", "-XMP-exif:GPSLatitude=48.8584",
                "-XMP-exif:GPSLongitude=-2.2945"]  # fmt: skip


def test_xmp_only_date_and_gps(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    photo = write_photo(photos_dir / "scan.jpg", image=scene(320, 240))
    exiftool(photo, *XMP_DATE_GPS, "-XMP-tiff:Make=NIKON CORPORATION", "-XMP-tiff:Model=NIKON D750")
    indexer.run([str(photos_dir)])
    found = row(store, photo)
    assert (found["taken_at"], found["tz_offset_min"], found["date_source"]) == (datetime(2019, 6, 1, 10, 11, 12), 120,
                                                                                 "xmp")  # fmt: skip
    assert (found["lat"], found["lon"]) == (pytest.approx(48.8584, abs=1e-6), pytest.approx(-2.2945, abs=1e-6))
    assert (found["camera_make"], found["camera_model"]) == ("Nikon", "D750")


@pytest.mark.parametrize("style", ["IMG_0001.jpg.xmp", "IMG_0001.xmp"])
def test_sidecar_wins_over_exif_which_wins_over_embedded_xmp(
    indexer: Indexer, store: Store, photos_dir: Path, style: str
) -> None:
    photo = write_photo(photos_dir / "IMG_0001.jpg", Exif(taken=datetime(2010, 1, 2, 3, 4, 5), lat=10.0, lon=20.0))
    exiftool(photo, "-XMP-exif:DateTimeOriginal=2011:01:01 00:00:00", "-XMP-dc:Subject=embedded")
    indexer.run([str(photos_dir)])
    assert (row(store, photo)["taken_at"], row(store, photo)["date_source"]) == (datetime(2010, 1, 2, 3, 4, 5), "exif")

    sidecar = photos_dir / style
    subprocess.run(["exiftool", "-q", "-q", "-o", str(sidecar), "-XMP-exif:DateTimeOriginal=2012:12:24 18:00:00",
                    "-XMP-exif:GPSLatitude=51.5", "-XMP-exif:GPSLongitude=-0.12",
                    "-XMP-dc:Subject=from the editor"], check=True)  # fmt: skip
    before = row(store, photo)
    report = indexer.run([str(photos_dir)])
    assert (report.reread, report.decoded) == (1, 0)  # the sidecar changed, the photo did not: nothing decoded
    after = row(store, photo)
    assert (after["taken_at"], after["date_source"]) == (datetime(2012, 12, 24, 18, 0), "sidecar")
    assert (after["lat"], after["lon"]) == (pytest.approx(51.5), pytest.approx(-0.12))
    assert after["keywords"] == ["from the editor", "embedded"]
    assert (after["content_hash"], after["indexed_at"]) == (before["content_hash"], before["indexed_at"])

    exiftool(sidecar, "-XMP-dc:Subject+=edited again")  # the user edits the sidecar in their editor
    assert indexer.run([str(photos_dir)]).reread == 1
    assert row(store, photo)["keywords"] == ["from the editor", "edited again", "embedded"]
    assert indexer.run([str(photos_dir)]).reread == 0  # nothing changed since

    sidecar.unlink()
    assert indexer.run([str(photos_dir)]).reread == 1
    assert (row(store, photo)["date_source"], row(store, photo)["keywords"]) == ("exif", ["embedded"])


def test_keywords_titles_ratings_labels(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    lightroom = write_photo(photos_dir / "lr.jpg", image=scene(200, 150, seed=1))
    exiftool(lightroom, "-XMP-dc:Subject=beach", "-XMP-dc:Subject=Ben", "-XMP-lr:HierarchicalSubject=Places|France|Nice",
             "-XMP-dc:Title=Summer", "-XMP-dc:Description=Ben's 5th birthday", "-XMP-xmp:Rating=4",
             "-XMP-xmp:Label=Red", "-IPTC:Keywords=family")  # fmt: skip
    windows = write_photo(photos_dir / "win.jpg", image=scene(200, 150, seed=2))
    exiftool(windows, "-XMP-microsoft:RatingPercent=99", "-IPTC:Caption-Abstract=Grandma's garden",
             "-IPTC:ObjectName=Garden")  # fmt: skip
    rejected = write_photo(photos_dir / "rejected.jpg", image=scene(200, 150, seed=3))
    exiftool(rejected, "-XMP-xmp:Rating=-1")
    indexer.run([str(photos_dir)])
    lr = row(store, lightroom)
    assert lr["keywords"] == ["beach", "Ben", "Nice", "Places|France|Nice", "family"]
    assert (lr["title"], lr["description"], lr["rating"], lr["label"]) == ("Summer", "Ben's 5th birthday", 4, "Red")
    win = row(store, windows)
    assert (win["title"], win["description"], win["rating"], win["keywords"]) == ("Garden", "Grandma's garden", 5, [])
    assert row(store, rejected)["rating"] == -1
    assert row(store, lightroom)["date_source"] == "file"  # none of them carries a date


TS = 1_600_000_000  # 2020-09-13 12:26:40 UTC


def takeout_json(path: Path, taken: int = TS, lat: float = 35.6586, lon: float = 139.7454) -> None:
    path.write_text(json.dumps({
        "title": "whatever.jpg", "description": "Tokyo tower at noon",
        "photoTakenTime": {"timestamp": str(taken), "formatted": "..."},
        "geoData": {"latitude": lat, "longitude": lon, "altitude": 0.0},
        "people": [{"name": "Ayumi"}],
    }))  # fmt: skip


LONG = "PXL_20200913_122640123.PORTRAIT-01.COVER_edited"  # 48 characters before ".jpg"
TAKEOUT_NAMES = [
    ("IMG_1234.jpg", "IMG_1234.jpg.json"),
    ("IMG_1234.jpg", "IMG_1234.jpg.supplemental-metadata.json"),
    ("IMG_1234.jpg", "IMG_1234.jpg.supplemental-metad.json"),
    ("IMG_1234(1).jpg", "IMG_1234.jpg(1).json"),
    ("IMG_1234(2).jpg", "IMG_1234.jpg.supplemental-metadata(2).json"),
    ("IMG_1234-edited.jpg", "IMG_1234.jpg.json"),
    (f"{LONG}.jpg", f"{LONG}.jpg"[:46] + ".json"),
    (f"{LONG}.jpg", f"{LONG}.jpg"[:47] + ".json"),
    (f"{LONG[:30]}.jpg", f"{LONG[:30]}.jpg.supplemental-metadata"[:46] + ".json"),
]


@pytest.mark.parametrize(("photo_name", "json_name"), TAKEOUT_NAMES)
def test_takeout_json_of_every_naming_variant(
    indexer: Indexer, store: Store, photos_dir: Path, photo_name: str, json_name: str
) -> None:
    folder = photos_dir / "Takeout" / "Google Photos" / "Photos from 2020"
    photo = write_photo(folder / photo_name, image=scene(320, 240))
    takeout_json(folder / json_name)
    write_photo(folder / "other.jpg", image=scene(320, 240, seed=5))  # its own photo, no JSON of its own
    indexer.run([str(photos_dir)])
    found = row(store, photo)
    local = datetime.fromtimestamp(TS)
    assert (found["taken_at"], found["date_source"]) == (local, "takeout")
    assert (found["lat"], found["lon"]) == (pytest.approx(35.6586), pytest.approx(139.7454))
    assert (found["description"], found["region_names"]) == ("Tokyo tower at noon", ["Ayumi"])
    assert row(store, folder / "other.jpg")["date_source"] == "file"


def test_takeout_names_pick_the_right_json() -> None:
    present = {"IMG_1.jpg.json", "IMG_1.jpg(1).json", "IMG_10.jpg.json", "IMG_1.json"}
    assert takeout_names("IMG_1.jpg", present) == ["IMG_1.jpg.json", "IMG_1.json"]
    assert takeout_names("IMG_1(1).jpg", present) == ["IMG_1.jpg(1).json"]
    assert takeout_names("IMG_10.jpg", present) == ["IMG_10.jpg.json"]
    assert takeout_names("IMG_2.jpg", present) == []


def test_exif_wins_over_takeout_and_takeout_over_digitized(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    original = write_photo(photos_dir / "a.jpg", Exif(taken=datetime(2015, 5, 5, 5, 5, 5)))
    digitized = write_photo(photos_dir / "b.jpg", Exif(digitized=datetime(2001, 1, 1)))  # a scan's date
    takeout_json(photos_dir / "a.jpg.json", lat=0.0, lon=0.0)  # Takeout's "no position"
    takeout_json(photos_dir / "b.jpg.json")
    indexer.run([str(photos_dir)])
    a, b = row(store, original), row(store, digitized)
    assert (a["taken_at"], a["date_source"], a["lat"]) == (datetime(2015, 5, 5, 5, 5, 5), "exif", None)
    assert (b["taken_at"], b["date_source"]) == (datetime.fromtimestamp(TS), "takeout")


def pentax_file(path: Path, date: str, time: str) -> Path:
    """A JPEG with a Pentax maker note holding the capture date (exiftool fills a maker note Exiv2 starts)."""
    import pyexiv2

    write_photo(path, Exif(make="PENTAX", model="PENTAX Optio 330", modified=datetime(2010, 10, 10)))  # an edit's
    with pyexiv2.Image(str(path)) as image:  # exiftool edits maker notes but does not start one
        image.modify_exif({"Exif.Pentax.Date": "", "Exif.Pentax.Time": ""})
    exiftool(path, f"-Pentax:Date={date}", f"-Pentax:Time={time}")
    return path


def test_maker_note_date_of_an_older_camera(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    photo = pentax_file(photos_dir / "IMGP0001.JPG", "2004:05:06", "07:08:09")
    out = subprocess.run(["exiftool", "-s3", "-Pentax:Date", "-Pentax:Time", str(photo)], capture_output=True,
                         text=True, check=True).stdout.split()  # fmt: skip
    assert out == ["2004:05:06", "07:08:09"]  # what exiftool reads there
    indexer.run([str(photos_dir)])
    found = row(store, photo)
    assert (found["taken_at"], found["date_source"]) == (datetime(2004, 5, 6, 7, 8, 9), "makernote")
    assert found["camera"] == "Pentax Optio 330"


def test_unreadable_sidecars_cost_nothing_else(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    photo = write_photo(photos_dir / "x.jpg", Exif(taken=datetime(2018, 8, 8)))
    (photos_dir / "x.jpg.xmp").write_text("<x:xmpmeta not closed")
    (photos_dir / "x.jpg.json").write_text("{not json")
    report = indexer.run([str(photos_dir)])
    assert (report.added, report.failed) == (1, 0)
    found = row(store, photo)
    assert (found["taken_at"], found["date_source"]) == (datetime(2018, 8, 8), "exif")
    assert set(found["dropped_fields"]) == {"sidecar:xmp", "takeout:json"}


def test_album_never_writes_next_to_the_photos(indexer: Indexer, photos_dir: Path) -> None:
    photo = write_photo(photos_dir / "IMG_5.jpg", image=scene(200, 150))
    exiftool(photo, *XMP_DATE_GPS)
    takeout_json(photos_dir / "IMG_5.jpg.json")
    before = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in photos_dir.rglob("*")}
    indexer.run([str(photos_dir)])
    assert {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in photos_dir.rglob("*")} == before
    assert sorted(os.listdir(photos_dir)) == ["IMG_5.jpg", "IMG_5.jpg.json"]


def test_a_library_from_before_schema_7_reads_its_photos_metadata_again(
    indexer: Indexer, store: Store, photos_dir: Path
) -> None:
    photo = write_photo(photos_dir / "old.jpg", image=scene(200, 150))
    exiftool(photo, *XMP_DATE_GPS, "-XMP-dc:Subject=kept from Lightroom")
    indexer.run([str(photos_dir)])
    old = row(store, photo)
    # As album before schema 7 left it: no sidecar stamp, the file's date, no keywords.
    store.update_photo_fields([{"id": old["id"], "sidecars": None, "keywords": [], "date_source": "file_mtime"}])
    report = indexer.run([str(photos_dir)])
    assert (report.reread, report.decoded) == (1, 0)
    again = row(store, photo)
    assert (again["keywords"], again["date_source"], again["sidecars"]) == (["kept from Lightroom"], "xmp", "")
