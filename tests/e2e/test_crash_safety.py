"""kill -9 an indexing process at random moments: the library always opens, never holds a duplicate
or half-written row, and re-runs end in exactly the state of one uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from libstate import library_state, photo_count
from photofactory import Exif, scene, write_photo
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data

PHOTOS = 320


def make_photos(folder: Path, count: int) -> None:
    for i in range(count):
        exif = Exif(taken=datetime(2015 + i % 8, 1 + i % 12, 1 + i % 28, i % 24), lat=10 + i / 100, lon=20 - i / 100,
                    make="Canon", model=f"Model {i % 5}")  # fmt: skip
        write_photo(folder / f"d{i % 7}" / f"p{i:04d}.jpg", exif, image=scene(1200, 900, seed=i))
    (folder / "d0" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)


def face_photos(folder: Path) -> int:
    """Real face photos (../shared/faces/people), copied so the test never touches the originals."""
    import shutil

    count = 0
    for person in sorted((SHARED_FACES / "people").iterdir()):
        for photo in sorted(person.iterdir()):
            target = folder / person.name / photo.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(photo, target)
            count += 1
    return count


def index_cmd(folder: Path, home: Path, models: Path | None = None) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "ALBUM_HOME": str(home)}
    if models is not None:
        env["ALBUM_MODELS_DIR"] = str(models)
    return [sys.executable, "-m", "album", "index", str(folder), "--json"], env


def run_watching_commits(cmd: list[str], env: dict[str, str], home: Path) -> float:
    """Run to the end; return the seconds until the first batch was committed (start-up time)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first_commit = None
    while proc.poll() is None:
        if first_commit is None and photo_count(home) > 0:
            first_commit = time.monotonic() - started
        time.sleep(0.02)
    assert proc.returncode == 0 and first_commit is not None
    return first_commit


@pytest.mark.slow
@pytest.mark.parametrize("faces", [False, pytest.param(True, marks=needs_face_data)], ids=["metadata", "faces"])
def test_sigkill_at_random_moments_then_resume(tmp_path: Path, faces: bool) -> None:
    """With the face step on, faces are written after their photos: a kill never leaves a face
    whose photo is missing (library_state asserts it after every kill)."""
    folder = tmp_path / "photos"
    if faces:
        total = face_photos(folder)
        models = SHARED_MODELS
    else:
        make_photos(folder, PHOTOS)
        total, models = PHOTOS, None

    reference_home = tmp_path / "reference"
    cmd, env = index_cmd(folder, reference_home, models)
    startup = run_watching_commits(cmd, env, reference_home)
    reference = library_state(reference_home)
    assert len(reference[0]) == total and len(reference[1]) == (0 if faces else 1)
    assert len(reference[2]) >= total // 2 if faces else reference[2] == []

    home = tmp_path / "killed"
    cmd, env = index_cmd(folder, home, models)
    rng = random.Random(1234)
    kills = 0
    partial_states = 0
    for attempt in range(8):
        before = photo_count(home)
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt % 2 and before < total:  # mid-run: somewhere in the batch after a commit
            deadline = time.monotonic() + 10 * startup
            while proc.poll() is None and photo_count(home) <= before and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.15))
        else:  # start-up: opening the store, loading place names, scanning, the first decodes
            time.sleep(startup * rng.uniform(0.2, 1.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        photos, _errors, _faces = library_state(home)  # opens; no duplicates, half rows or orphaned faces
        assert len(photos) <= total
        partial_states += 0 < len(photos) < total
    assert kills >= 5 and partial_states >= 2, (kills, partial_states)
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=600)
    assert library_state(home) == reference
