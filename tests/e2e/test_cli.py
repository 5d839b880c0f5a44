"""The command line as scripts use it: JSON contract and messages checked through `album`'s own `main()` in this
process; what needs a real process (permissions, imports, the installed script) in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import album_in_process
from photofactory import Exif, write_photo

PHOTO_KEYS = {"path", "taken_at", "lat", "lon", "alt", "camera_make", "camera_model", "lens", "width", "height"}


def lines(result: subprocess.CompletedProcess[str]) -> list[dict]:  # type: ignore[type-arg]
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def library(album_home: Path, photos_dir: Path) -> Path:
    write_photo(photos_dir / "a.jpg", Exif(taken=datetime(2023, 7, 15, 18, 30), offset="+02:00", subsec="5",
                                           lat=38.7223, lon=-9.1393, alt=42.0, make="Canon", model="Canon EOS R5",
                                           lens="RF24-105mm F4 L IS USM"))  # fmt: skip
    write_photo(photos_dir / "b.heic", Exif(taken=datetime(2021, 2, 12, 8, 0), lat=39.9042, lon=116.4074))
    write_photo(photos_dir / "c.png")
    (photos_dir / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0garbage")
    return photos_dir


def test_index_search_info_errors_stats(library: Path) -> None:
    summary = lines(album_in_process("index", str(library), "--json"))
    assert len(summary) == 1
    assert (summary[0]["found"], summary[0]["added"], summary[0]["failed"]) == (4, 3, 1)

    photos = lines(album_in_process("search", "--json"))
    assert [Path(p["path"]).name for p in photos][1:] == ["a.jpg", "b.heic"]  # c.png's file time is newest
    for photo in photos:
        assert set(photo) >= PHOTO_KEYS
    a = photos[1]
    assert a["taken_at"] == "2023-07-15T18:30:00.500000+02:00"
    assert (a["lat"], a["lon"], a["alt"]) == (pytest.approx(38.7223, abs=1e-5), pytest.approx(-9.1393, abs=1e-5), 42.0)
    assert (a["camera_make"], a["camera_model"], a["lens"]) == ("Canon", "EOS R5", "RF24-105mm F4 L IS USM")
    assert (a["width"], a["height"]) == (640, 480)
    assert photos[2]["taken_at"] == "2021-02-12T08:00:00"  # no offset recorded: none invented

    assert [Path(p["path"]).name for p in lines(album_in_process("search", "--after", "2022", "--json"))][-1] == "a.jpg"
    before = lines(album_in_process("search", "--before", "2021-02", "--json"))
    assert [Path(p["path"]).name for p in before] == ["b.heic"]
    near = lines(album_in_process("search", "--near", "39.9,116.4", "--km", "5", "--json"))
    assert [Path(p["path"]).name for p in near] == ["b.heic"]
    assert [Path(p["path"]).name for p in lines(album_in_process("search", "--camera", "eos", "--json"))] == ["a.jpg"]
    assert len(lines(album_in_process("search", "--limit", "1", "--json"))) == 1
    assert lines(album_in_process("search", "--camera", "'; DROP TABLE photos; --", "--json")) == []

    info = lines(album_in_process("info", str(library / "a.jpg"), "--json"))
    sources = info[0].pop("sources")
    assert info == [{k: v for k, v in a.items() if k not in ("score", "why")}]
    assert [s["source"] for s in sources] == ["exif"]  # every source read, and what it said
    assert (sources[0]["taken_at"], sources[0]["tz_offset_min"], sources[0]["camera_model"]) == (
        "2023-07-15T18:30:00.500000", 120, "EOS R5")
    assert "exif: taken_at=2023-07-15T18:30:00.500000" in album_in_process("info", str(library / "a.jpg")).stdout
    missing = album_in_process("info", str(library / "nope.jpg"))
    assert missing.returncode == 1 and "not in the library" in missing.stderr

    errors = lines(album_in_process("errors", "--json"))
    assert [(Path(e["path"]).name, e["kind"]) for e in errors] == [("broken.jpg", "corrupt")]
    assert errors[0]["reason"]

    stats = lines(album_in_process("stats", "--json"))[0]
    assert (stats["photos"], stats["with_gps"], stats["errors"], stats["with_date"]) == (3, 2, 1, 2)


def test_human_output_and_bad_arguments(library: Path) -> None:
    result = album_in_process("index", str(library))
    assert result.returncode == 0
    assert "3 added" in result.stdout and "1 failed" in result.stdout
    assert "album errors" in result.stderr
    assert "\r" not in result.stderr  # piped: no progress bar
    nothing = album_in_process("search", "photos from 1999 in Lisbon")
    assert nothing.returncode == 0 and nothing.stdout == ""
    assert "no photos match (understood as: after:1999-01-01 before:1999-12-31 near:Lisbon)" in nothing.stderr
    assert "the library's photos are from places: " in nothing.stderr  # what it holds instead
    assert "no people yet" in album_in_process("people").stderr and "no tags yet" in album_in_process("tags").stderr
    bad = album_in_process("search", "--after", "yesterday")
    assert bad.returncode == 2 and "not a date" in bad.stderr
    bad = album_in_process("search", "--near", "91,0")
    assert bad.returncode == 2 and "out of range" in bad.stderr


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(
    os.geteuid() == 0 and SETPRIV is None, reason="as root, needs util-linux setpriv to drop privileges"
)
def test_unreadable_folder_and_file(tmp_path: Path) -> None:
    """Real permission errors. Root reads everything, so there the CLI runs without the capabilities
    that bypass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    home = tmp_path / "home"
    photos = tmp_path / "photos"
    write_photo(photos / "ok.jpg")
    write_photo(photos / "locked" / "hidden.jpg")
    write_photo(photos / "secret.jpg")
    (photos / "secret.jpg").chmod(0o000)

    def album(*args: str) -> subprocess.CompletedProcess[str]:
        prefix = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
        env = {**os.environ, "ALBUM_HOME": str(home)}
        cmd = [*prefix, sys.executable, "-m", "album", *args]  # type: ignore[list-item]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)

    # Indexed while readable; then the folder is locked: its photos must not be taken for deleted.
    assert lines(album("index", str(photos), "--json"))[0]["added"] == 2
    (photos / "locked").chmod(0o000)
    try:
        summary = lines(album("index", str(photos), "--json"))[0]
        assert [f["path"] for f in summary["unreadable_folders"]] == [str(photos / "locked")]
        assert (summary["removed"], summary["failed"]) == (0, 1)  # secret.jpg is tried again: still locked
        assert len(lines(album("search", "--json"))) == 2
    finally:
        (photos / "locked").chmod(0o755)
    errors = lines(album("errors", "--json"))
    assert [(Path(e["path"]).name, e["kind"]) for e in errors] == [("secret.jpg", "unreadable")]
    assert errors[0]["reason"] == "permission denied" and errors[0]["retried"] is True

    # Once readable (chmod changes neither size nor mtime), the next run indexes it.
    (photos / "secret.jpg").chmod(0o644)
    summary = lines(album("index", str(photos), "--json"))[0]
    assert (summary["added"], summary["failed"]) == (1, 0)
    assert album("errors", "--json").stdout == ""


def test_core_and_cli_never_import_qt_or_torch(tmp_path: Path) -> None:
    """The core is a library without a display; the CLI must not pay for torch at start-up."""
    code = (
        "import importlib, pkgutil, sys\n"
        "sys.modules['PySide6'] = None\n"
        "import album.core\n"
        "for info in pkgutil.iter_modules(album.core.__path__):\n"
        "    importlib.import_module('album.core.' + info.name)\n"
        "import album.cli\n"
        "from album.cli import main\n"
        "assert main(['stats', '--json']) == 0\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('torch', 'open_clip', 'insightface', 'PySide6')"
        " and sys.modules[m] is not None]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "ALBUM_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


def test_gui_entry_without_qt_says_so(tmp_path: Path) -> None:
    code = "import sys\nsys.modules['PySide6'] = None\nfrom album.__main__ import main\nsys.exit(main([]))\n"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # no desktop needed: the check that answers is PySide6's
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1 and "needs PySide6" in result.stderr


def test_console_script_installed() -> None:
    script = shutil.which("album", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("album ")
