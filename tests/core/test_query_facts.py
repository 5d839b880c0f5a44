"""`album parse` reads a search against the facts the library kept (its people and places) without opening the
database, and never against facts from before the database last changed."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo

from album.core.library import Library, Paths
from album.core.query_facts import database_stamp, parse_kept
from album.core.store.db import Store

PORTO = (41.1579, -8.6291)


def test_album_parse_uses_the_kept_facts_until_the_database_changes(album_home: Path, tmp_path: Path) -> None:
    for i in range(3):
        write_photo(tmp_path / "Porto" / f"IMG_{i}.jpg", Exif(taken=datetime(2019, 5, 1 + i), lat=PORTO[0] + i * 0.001,
                    lon=PORTO[1]), image=scene(160, 120, seed=i))  # fmt: skip
    paths = Paths.from_env()
    library = Library(paths)
    library.index([str(tmp_path / "Porto")])  # keeps the facts at its end
    expected = library.parse("photos in Porto 2019")
    assert expected.place is not None and abs(expected.place.lat - PORTO[0]) < 0.1  # the library's own Porto

    kept = parse_kept(paths, "photos in Porto 2019")
    assert kept is not None and kept == (expected, library.to_syntax(expected))

    before = database_stamp(paths.db_dir)
    Store(paths.db_dir).update_photo_fields([{"id": library.search(expected).hits[0].photo.id, "place": "Gaia"}])
    assert database_stamp(paths.db_dir) != before
    assert parse_kept(paths, "photos in Porto 2019") is None  # stale: the library must be opened
    assert library.parse("photos in Porto 2019") == expected  # which reads the facts again and keeps them
    assert parse_kept(paths, "photos in Porto 2019") is not None


def test_the_command_does_not_import_lancedb_when_facts_are_kept(album_home: Path, tmp_path: Path) -> None:
    write_photo(tmp_path / "a" / "IMG.jpg", Exif(taken=datetime(2020, 1, 1), lat=PORTO[0], lon=PORTO[1]),
                image=scene(160, 120, seed=1))  # fmt: skip
    Library(Paths.from_env()).index([str(tmp_path / "a")])
    code = ("import sys\nfrom album.cli import main\nassert main(['parse', 'in Porto last summer']) == 0\n"
            "print('lancedb' in sys.modules)\n")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False" and "near:" in out.splitlines()[0]


def test_a_camera_model_is_read_against_the_librarys_own_cameras(album_home: Path, tmp_path: Path) -> None:
    """ "Z6 photos" and "shot on my Nikon Z6" mean the NIKON Z 6 the photos were taken with (its EXIF model,
    with its spaces), in the window's parse, in `album parse` from the kept facts, and in the search."""
    cameras = [("NIKON CORPORATION", "NIKON Z 6"), ("Apple", "iPhone 15 Pro"), ("Canon", "Canon EOS R5")]
    for i, (make, model) in enumerate(cameras):
        write_photo(tmp_path / "shots" / f"IMG_{i}.jpg", Exif(taken=datetime(2022, 3, 1 + i), make=make, model=model),
                    image=scene(160, 120, seed=i))  # fmt: skip
    paths = Paths.from_env()
    library = Library(paths)
    library.index([str(tmp_path / "shots")])
    assert library.query_facts().cameras == ("Apple iPhone 15 Pro", "Canon EOS R5", "Nikon Z 6")  # as album names them
    assert {"Apple iPhone 15 Pro", "Canon EOS R5", "Nikon Z 6"} <= set(library.suggestions())  # the box completes them
    for text, model in (("Z6 photos", "Nikon Z 6"), ("shot on my Nikon Z6", "Nikon Z 6"),
                        ("iphone 15 pro", "Apple iPhone 15 Pro"), ("EOS R5", "Canon EOS R5")):  # fmt: skip
        query = library.parse(text)
        assert query.camera == model, text
        assert parse_kept(paths, text) == (query, library.to_syntax(query))
        shot = next(i for i, (_make, m) in enumerate(cameras) if model.endswith(m.split()[-1]))
        assert [Path(h.photo.path).name for h in library.search(query).hits] == [f"IMG_{shot}.jpg"]
