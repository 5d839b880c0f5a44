"""Favourites, ratings, albums and export from the command line: each command opens the library anew through
album's own main() (in this process: the commands, not Python's start-up, are under test), so every step is also
a reopen; the photo folder must come out exactly as it went in."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import datetime
from pathlib import Path

from conftest import album_in_process
from photofactory import Exif, scene, write_photo
from PIL import Image


def lines(result: subprocess.CompletedProcess[str]) -> list[dict]:  # type: ignore[type-arg]
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_favourite_rate_album_search_and_export(album_home: Path, photos_dir: Path, tmp_path: Path) -> None:
    for n, make in enumerate(["Canon", "Canon", "Nikon"]):
        write_photo(photos_dir / f"p{n}.jpg", Exif(taken=datetime(2023, 4, n + 1), make=make, model="X",
                                                   lat=35.68, lon=139.69), scene(seed=n))  # fmt: skip
    before = folder_state(photos_dir)
    p0, p1, p2 = (str(photos_dir / f"p{n}.jpg") for n in range(3))
    assert lines(album_in_process("index", str(photos_dir), "--json"))[0]["added"] == 3

    assert lines(album_in_process("favourite", p0, p2, "--json")) == [{"path": p0, "favourite": True},
                                                               {"path": p2, "favourite": True}]  # fmt: skip
    lines(album_in_process("unfavourite", p2, "--json"))
    lines(album_in_process("rate", p1, "4", "--json"))
    assert album_in_process("rate", p1, "9").returncode == 2
    assert album_in_process("favourite", str(tmp_path / "elsewhere.jpg")).returncode == 1
    added = lines(album_in_process("album", "add", "Trip to Japan", p1, p0, "--json"))
    assert (added[0]["name"], added[0]["photos"], added[0]["smart"]) == ("Trip to Japan", 2, False)
    lines(album_in_process("album", "create", "Nikons", "--query", "camera:nikon", "--json"))

    albums = lines(album_in_process("albums", "--json"))
    assert [(a["name"], a["photos"], a["smart"]) for a in albums] == [("Nikons", 1, True), ("Trip to Japan", 2, False)]
    assert albums[1]["cover"] == p1
    assert [p["path"] for p in lines(album_in_process("album", "show", "Trip to Japan", "--json"))] == [p1, p0]

    found = {Path(p["path"]).name: p for p in lines(album_in_process("search", "--json"))}
    assert {n: (p["favourite"], p["rating"], p["albums"]) for n, p in found.items()} == {
        "p0.jpg": (True, None, ["Trip to Japan"]), "p1.jpg": (False, 4, ["Trip to Japan"]), "p2.jpg": (False, None, []),
    }  # fmt: skip
    assert [Path(p["path"]).name for p in lines(album_in_process("search", "is:favourite", "--json"))] == ["p0.jpg"]
    assert [Path(p["path"]).name for p in lines(album_in_process("search", "我收藏的照片", "--json"))] == ["p0.jpg"]
    in_album = lines(album_in_process("search", 'album:"Trip to Japan"', "--json"))
    assert sorted(Path(p["path"]).name for p in in_album) == ["p0.jpg", "p1.jpg"]
    parsed = lines(album_in_process("parse", 'album:"Trip to Japan" favourites', "--json"))[0]
    assert (parsed["albums"], parsed["favourite"]) == (["Trip to Japan"], True)

    out = tmp_path / "out"
    summary = lines(album_in_process("export", "album", "Trip to Japan", str(out), "--json"))
    assert summary[-1] == {"exported": 2, "failed": 0, "dest": str(out)}
    assert (out / "p1.jpg").read_bytes() == Path(p1).read_bytes()
    small = tmp_path / "small"
    lines(album_in_process("export", "search", "camera:nikon", str(small), "--size", "100", "--strip-metadata",
                           "--json"))
    with Image.open(small / "p2.jpg") as image:
        assert max(image.size) == 100 and not image.getexif()

    assert lines(album_in_process("album", "delete", "Trip to Japan", "--json")) == [{"deleted": "Trip to Japan"}]
    assert [a["name"] for a in lines(album_in_process("albums", "--json"))] == ["Nikons"]
    assert folder_state(photos_dir) == before
