"""`album duplicates` as scripts use it: groups with the keeper first and why, `--json` and `--exact-only`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import run_album
from PIL import Image
from shared_data import SHARED_FACES

PHOTO = SHARED_FACES / "group" / "t1.jpg"


def test_duplicates_json_text_and_exact_only(album_home: Path, photos_dir: Path) -> None:
    shutil.copy(PHOTO, photos_dir / "t1.jpg")
    shutil.copy(PHOTO, photos_dir / "t1 copy.jpg")
    Image.open(PHOTO).resize((640, 443)).save(photos_dir / "t1 small.jpg", quality=80)
    shutil.copy(SHARED_FACES / "group" / "two_people.jpg", photos_dir / "other.jpg")
    assert run_album("index", str(photos_dir)).returncode == 0

    result = run_album("duplicates", "--json")
    assert result.returncode == 0, result.stderr
    (group,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(group) == {"kind", "keep", "reasons", "paths", "photos"}
    assert group["kind"] == "similar" and group["paths"][0] == group["keep"]
    assert sorted(Path(p).name for p in group["paths"]) == ["t1 copy.jpg", "t1 small.jpg", "t1.jpg"]
    assert Path(group["keep"]).name in ("t1.jpg", "t1 copy.jpg") and Path(group["paths"][-1]).name == "t1 small.jpg"
    assert {p["width"] for p in group["photos"]} == {1280, 640}

    exact = [json.loads(line) for line in run_album("duplicates", "--exact-only", "--json").stdout.splitlines()]
    assert [sorted(Path(p).name for p in g["paths"]) for g in exact] == [["t1 copy.jpg", "t1.jpg"]]
    assert exact[0]["kind"] == "exact" and exact[0]["reasons"] == ["first"]

    text = run_album("duplicates").stdout.splitlines()
    assert text[0] == "similar copies (3 photos)" and text[1].startswith("  keep  ") and text[-1] == "1 group of duplicates"
    assert sorted(Path(p).name for p in photos_dir.iterdir()) == ["other.jpg", "t1 copy.jpg", "t1 small.jpg", "t1.jpg"]
