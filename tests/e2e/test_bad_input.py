"""Every bad input gets one sentence and exit status 2, never a traceback (issue: trust, item 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import album_in_process
from photofactory import Exif, write_photo


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["search", "near:Lisbon km:1e309"], "a distance must be a number of km"),
        (["search", "near:Lisbon km:nan"], "a distance must be a number of km"),
        (["search", "--near", "38.7,-9.1", "--km", "1e309"], "a distance must be a number of km"),
        (["search", "--near", "38.7,-9.1", "--km", "-3"], "a distance must be a number of km"),
        (["search", "--before", "9999"], "not a date a photo can have"),
        (["search", "--after", "0999"], "not a date a photo can have"),
        (["search", "--limit", "-1"], "must be a whole number of at least 1"),
        (["search", "--limit", "0"], "must be a whole number of at least 1"),
        (["search", "--person", ""], "cannot be empty"),
        (["search", "x" * 100_000], "a search can be at most 2,000 characters long"),
    ],
)
def test_bad_input_is_one_sentence(album_home: Path, args: list[str], says: str) -> None:
    result = album_in_process(*args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert says in result.stderr.strip().splitlines()[-1], result.stderr  # the last line says what is wrong


def test_non_utf8_search_words_are_refused_but_paths_are_fine(album_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "ALBUM_HOME": str(album_home)}
    word = os.fsdecode(b"caf\xe9")  # Latin-1 bytes, as a terminal in another encoding would pass them
    result = subprocess.run(
        [sys.executable, "-m", "album", "search", word], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr, result.stderr
    folder = tmp_path / os.fsdecode(b"f\xe9tes")  # a folder name that is not UTF-8 indexes as usual
    write_photo(folder / "a.jpg", Exif(taken=datetime(2020, 1, 1)))
    indexed = subprocess.run(
        [sys.executable, "-m", "album", "index", str(folder)], capture_output=True, text=True, env=env, timeout=300
    )
    assert indexed.returncode == 0 and "1 added" in indexed.stdout, indexed.stderr


def test_plain_output_escapes_control_characters_in_paths(album_home: Path, photos_dir: Path) -> None:
    write_photo(photos_dir / "evil\x1b[2Jname\n.jpg", Exif(taken=datetime(2021, 5, 1)))
    assert album_in_process("index", str(photos_dir)).returncode == 0
    result = album_in_process("search")
    assert "\x1b" not in result.stdout and "evil\\x1b[2Jname\\x0a.jpg" in result.stdout
    assert result.stdout.count("\n") == 1
