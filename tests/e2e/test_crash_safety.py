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

from photofactory import Exif, scene, write_photo

from album.core.store.db import Store

PHOTOS = 320
COMPARED = ["path", "content_hash", "taken_at", "lat", "lon", "width", "height", "camera", "format"]


def make_photos(folder: Path, count: int) -> None:
    for i in range(count):
        exif = Exif(taken=datetime(2015 + i % 8, 1 + i % 12, 1 + i % 28, i % 24), lat=10 + i / 100, lon=20 - i / 100,
                    make="Canon", model=f"Model {i % 5}")  # fmt: skip
        write_photo(folder / f"d{i % 7}" / f"p{i:04d}.jpg", exif, image=scene(1200, 900, seed=i))
    (folder / "d0" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)


def index_cmd(folder: Path, home: Path) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, "-m", "album", "index", str(folder), "--json"], {**os.environ, "ALBUM_HOME": str(home)}


def photo_count(home: Path) -> int:
    """Rows committed so far, read without opening a Store (which could create tables mid-run)."""
    import lancedb

    db = home / "data" / "library.lancedb"
    try:
        return int(lancedb.connect(str(db)).open_table("photos").count_rows())
    except (ValueError, FileNotFoundError, OSError):  # not created yet
        return 0


def library_state(home: Path) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    store = Store(home / "data" / "library.lancedb")
    rows = store.query_photos(None).to_pylist()
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert len({r["path"] for r in rows}) == len(rows), "duplicate paths"
    for row in rows:
        assert row["content_hash"] and row["width"] and row["indexed_at"], f"half-written row {row}"
    photos = sorted(tuple(r[c] for c in COMPARED) for r in rows)
    errors = sorted((e["path"], e["kind"]) for e in store.list_errors())
    return photos, errors


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


def test_sigkill_at_random_moments_then_resume(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_photos(folder, PHOTOS)

    reference_home = tmp_path / "reference"
    cmd, env = index_cmd(folder, reference_home)
    startup = run_watching_commits(cmd, env, reference_home)
    reference = library_state(reference_home)
    assert len(reference[0]) == PHOTOS and len(reference[1]) == 1

    home = tmp_path / "killed"
    cmd, env = index_cmd(folder, home)
    rng = random.Random(1234)
    kills = 0
    partial_states = 0
    for attempt in range(8):
        before = photo_count(home)
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt % 2 and before < PHOTOS:  # mid-run: somewhere in the batch after a commit
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
        photos, _errors = library_state(home)  # opens, no duplicates, no half rows after every kill
        assert len(photos) <= PHOTOS
        partial_states += 0 < len(photos) < PHOTOS
    assert kills >= 5 and partial_states >= 2, (kills, partial_states)
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=600)
    assert library_state(home) == reference
