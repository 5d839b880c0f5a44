"""An unplugged drive is not a deletion (issue: trust, item 1).

Before: index a folder, name a face "Grandma", empty the folder (what an unmounted mount point looks
like), re-index: the photos and their faces were removed; put the files back and they returned with
new ids and no names.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import album_in_process
from photofactory import Exif, scene, write_photo
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data


def index(folder: Path, *extra: str, env: dict[str, str] | None = None) -> dict[str, object]:
    result = album_in_process("index", str(folder), "--json", *extra, env=env)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.splitlines()[-1]))


def photos(*extra: str, env: dict[str, str] | None = None) -> list[str]:
    result = album_in_process("search", "--json", *extra, env=env)
    assert result.returncode == 0, result.stderr
    return sorted(Path(json.loads(line)["path"]).name for line in result.stdout.splitlines())


def test_an_emptied_folder_keeps_its_photos_until_pruned(album_home: Path, photos_dir: Path) -> None:
    for i in range(6):
        write_photo(photos_dir / f"p{i}.jpg", Exif(taken=datetime(2020, 1, 1 + i)), image=scene(seed=i))
    assert index(photos_dir)["added"] == 6
    unplugged = photos_dir.parent / "elsewhere"
    photos_dir.rename(unplugged)
    photos_dir.mkdir()  # an empty mount point

    summary = index(photos_dir)
    assert summary["removed"] == 0
    assert summary["kept_folders"] == [{"path": str(photos_dir), "reason": "empty", "kept": 6}]
    assert len(photos()) == 6
    plain = album_in_process("index", str(photos_dir))
    assert "kept 6 photos of" in plain.stderr and "--prune" in plain.stderr

    assert index(photos_dir, "--prune")["removed"] == 6
    assert photos() == []


def test_losing_most_photos_at_once_needs_prune_but_a_few_deletions_do_not(album_home: Path, photos_dir: Path) -> None:
    for i in range(12):
        write_photo(photos_dir / f"p{i:02d}.jpg", Exif(taken=datetime(2021, 2, 1 + i)), image=scene(seed=i))
    index(photos_dir)
    for i in range(2):
        (photos_dir / f"p{i:02d}.jpg").unlink()  # tidying up: removed as usual
    assert index(photos_dir)["removed"] == 2
    for i in range(2, 10):
        (photos_dir / f"p{i:02d}.jpg").unlink()  # 8 of the 10 left at once: looks like a failing drive
    summary = index(photos_dir)
    assert summary["removed"] == 0 and summary["kept_folders"][0]["reason"] == "most photos gone"  # type: ignore[index]
    assert index(photos_dir, "--prune")["removed"] == 8


@needs_face_data
@pytest.mark.slow
def test_names_come_back_with_the_files(album_home: Path, photos_dir: Path) -> None:
    env = {"ALBUM_MODELS_DIR": str(SHARED_MODELS)}
    for person in ("Nicole_Kidman", "Hugo_Chavez"):
        for photo in sorted((SHARED_FACES / "people" / person).iterdir())[:4]:
            shutil.copyfile(photo, photos_dir / f"{person}_{photo.name}")
    index(photos_dir, env=env)
    people = [json.loads(line) for line in album_in_process("people", "--json", env=env).stdout.splitlines()]
    kidman = next(p for p in people if all("Nicole_Kidman" in Path(f["photo"]).name for f in p["faces"]))
    assert album_in_process("people", "name", kidman["id"], "Grandma", env=env).returncode == 0
    grandma = photos("--person", "Grandma", env=env)
    assert len(grandma) >= 3

    away = photos_dir.parent / "unplugged"
    photos_dir.rename(away)
    photos_dir.mkdir()
    assert index(photos_dir, env=env)["removed"] == 0  # kept: the folder looks offline
    assert photos("--person", "Grandma", env=env) == grandma
    assert index(photos_dir, "--prune", env=env)["removed"] == 8  # the user says they are gone
    assert photos("--person", "Grandma", env=env) == []

    photos_dir.rmdir()
    away.rename(photos_dir.parent / "back")  # they come back, at another path
    back = photos_dir.parent / "back"
    result = album_in_process("index", str(back), env=env)
    assert "photos came back and got their faces and names back" in result.stdout, result.stdout
    assert photos("--person", "Grandma", env=env) == grandma
