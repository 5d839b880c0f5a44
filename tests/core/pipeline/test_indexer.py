"""The indexing pipeline end to end on real files: incremental, moves, deletes, errors, cancel, resume."""

from __future__ import annotations

import os
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif, scene, write_photo

from album.core.config import IndexSettings, Paths
from album.core.pipeline.indexer import Indexer, IndexProgress
from album.core.pipeline.media import thumbnail_path
from album.core.store.db import SCHEMA_VERSION, Store, StoreError


def make_library(folder: Path, count: int = 12) -> list[Path]:
    return [
        write_photo(
            folder / f"sub{i % 3}" / f"IMG_{i:04d}.jpg",
            Exif(taken=datetime(2020 + i % 4, 1 + i % 12, 1 + i % 28)),
            image=scene(320, 240, seed=i),
        )
        for i in range(count)
    ]


def rows_by_path(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    rows = store.query_photos(None).to_pylist()
    assert len({r["path"] for r in rows}) == len(rows), "duplicate paths"
    assert len({r["id"] for r in rows}) == len(rows), "duplicate ids"
    return {r["path"]: r for r in rows}


def test_first_run_then_nothing_to_do(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    files = make_library(photos_dir)
    report = indexer.run([str(photos_dir)])
    assert (report.found, report.added, report.failed) == (12, 12, 0)
    rows = rows_by_path(store)
    assert set(rows) == {str(f) for f in files}
    assert rows[str(files[5])]["taken_at"] == datetime(2021, 6, 6)
    again = indexer.run([str(photos_dir)])
    assert (again.unchanged, again.decoded, again.added) == (12, 0, 0)


def test_modified_file_is_reindexed_and_keeps_id(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    files = make_library(photos_dir, 4)
    indexer.run([str(photos_dir)])
    before = rows_by_path(store)[str(files[0])]
    write_photo(files[0], Exif(taken=datetime(1999, 9, 9, 9, 9, 9)), image=scene(300, 200, seed=99))
    report = indexer.run([str(photos_dir)])
    assert (report.updated, report.decoded) == (1, 1)
    after = rows_by_path(store)[str(files[0])]
    assert after["id"] == before["id"]
    assert after["taken_at"] == datetime(1999, 9, 9, 9, 9, 9)
    assert after["content_hash"] != before["content_hash"]


def test_touched_file_is_not_decoded_again(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    files = make_library(photos_dir, 3)
    indexer.run([str(photos_dir)])
    os.utime(files[1], ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    report = indexer.run([str(photos_dir)])
    assert (report.decoded, report.unchanged) == (0, 3)
    assert rows_by_path(store)[str(files[1])]["mtime_ns"] == 1_700_000_000_000_000_000
    assert indexer.run([str(photos_dir)]).unchanged == 3


def test_rename_and_move_reuse_everything(indexer: Indexer, store: Store, paths: Paths, photos_dir: Path) -> None:
    files = make_library(photos_dir, 6)
    indexer.run([str(photos_dir)])
    before = rows_by_path(store)
    thumb = thumbnail_path(paths.thumbs_dir, before[str(files[2])]["content_hash"])
    thumb_mtime = thumb.stat().st_mtime_ns
    renamed = photos_dir / "sub2" / "holiday.jpg"
    moved = photos_dir / "elsewhere" / "deep" / "x.jpg"
    moved.parent.mkdir(parents=True)
    files[2].rename(renamed)
    shutil.move(files[3], moved)
    report = indexer.run([str(photos_dir)])
    assert (report.moved, report.decoded, report.removed, report.added) == (2, 0, 0, 0)
    after = rows_by_path(store)
    assert after[str(renamed)]["id"] == before[str(files[2])]["id"]
    assert after[str(moved)]["id"] == before[str(files[3])]["id"]
    assert after[str(moved)]["folder"] == str(moved.parent)
    assert after[str(renamed)]["indexed_at"] == before[str(files[2])]["indexed_at"]
    assert thumb.stat().st_mtime_ns == thumb_mtime
    assert str(files[2]) not in after and str(files[3]) not in after


def test_deleted_files_are_removed(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    files = make_library(photos_dir, 5)
    indexer.run([str(photos_dir)])
    files[0].unlink()
    shutil.rmtree(photos_dir / "sub1")
    report = indexer.run([str(photos_dir)])
    remaining = rows_by_path(store)
    assert report.removed == 1 + sum(1 for f in files if f.parent.name == "sub1")
    assert str(files[0]) not in remaining
    assert all(Path(p).exists() for p in remaining)


def test_missing_root_removes_nothing(indexer: Indexer, store: Store, tmp_path: Path) -> None:
    """An unplugged drive must not look like a deleted library."""
    drive = tmp_path / "usb"
    make_library(drive, 4)
    indexer.run([str(drive)])
    drive.rename(tmp_path / "usb-unplugged")
    report = indexer.run([str(drive)])
    assert report.removed == 0
    assert store.count_photos() == 4
    assert report.unreadable_folders and report.unreadable_folders[0][0] == str(drive)


def test_other_roots_are_left_alone(indexer: Indexer, store: Store, tmp_path: Path) -> None:
    make_library(tmp_path / "a", 3)
    make_library(tmp_path / "b", 2)
    indexer.run([str(tmp_path / "a")])
    indexer.run([str(tmp_path / "b")])
    assert store.count_photos() == 5


def test_bad_files_become_error_rows_and_the_run_goes_on(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    make_library(photos_dir, 3)
    (photos_dir / "empty.jpg").write_bytes(b"")
    (photos_dir / "notes.jpg").write_text("not a photo")
    whole = write_photo(photos_dir / "whole.jpg", image=scene(800, 600)).read_bytes()
    (photos_dir / "cut.jpg").write_bytes(whole[:3000])
    report = indexer.run([str(photos_dir)])
    assert (report.added, report.failed) == (4, 3)
    kinds = {Path(e.path).name: e.kind for e in store.list_errors()}
    assert kinds == {"empty.jpg": "empty", "notes.jpg": "not_image", "cut.jpg": "corrupt"}
    # unchanged broken files are not retried; a fixed one is indexed and its error cleared
    assert indexer.run([str(photos_dir)]).failed == 0
    (photos_dir / "cut.jpg").write_bytes(whole)
    report = indexer.run([str(photos_dir)])
    assert report.added == 1
    assert {Path(e.path).name for e in store.list_errors()} == {"empty.jpg", "notes.jpg"}
    (photos_dir / "empty.jpg").unlink()
    indexer.run([str(photos_dir)])
    assert {Path(e.path).name for e in store.list_errors()} == {"notes.jpg"}


def test_file_vanishing_mid_run(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    files = make_library(photos_dir, 6)

    def delete_one_after_scan(p: IndexProgress) -> None:
        if p.phase == "indexing" and p.done == 0:
            files[4].unlink()

    report = indexer.run([str(photos_dir)], progress=delete_one_after_scan)
    assert (report.added, report.failed) == (5, 1)
    assert [e.kind for e in store.list_errors()] == ["vanished"]
    indexer.run([str(photos_dir)])
    assert store.list_errors() == []


def test_non_utf8_file_name(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    raw_name = os.fsencode(str(photos_dir)) + b"/caf\xe9-\xff.jpg"
    with open(raw_name, "wb") as fh:
        scene(64, 48).save(fh, "JPEG")
    report = indexer.run([str(photos_dir)])
    assert report.added == 1
    row = store.get_photo_by_path(os.fsdecode(raw_name))
    assert row is not None and row["path_bytes"] == raw_name
    assert row["path"].endswith("caf\\xe9-\\xff.jpg")
    assert indexer.run([str(photos_dir)]).unchanged == 1


def test_hidden_and_system_folders_and_symlink_loops(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    make_library(photos_dir, 2)
    write_photo(photos_dir / ".hidden" / "secret.jpg")
    write_photo(photos_dir / "@eaDir" / "thumb.jpg")
    (photos_dir / "sub0" / "loop").symlink_to(photos_dir, target_is_directory=True)
    write_photo(photos_dir / "no_extension", fmt="PNG")
    (photos_dir / "IMG_0001.xmp").write_text("<x:xmpmeta/>")
    report = indexer.run([str(photos_dir)])
    assert report.added == 3
    assert {Path(p).name for p in rows_by_path(store)} == {"IMG_0000.jpg", "IMG_0001.jpg", "no_extension"}


def test_cancel_then_resume(store: Store, paths: Paths, photos_dir: Path) -> None:
    make_library(photos_dir, 40)
    indexer = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=4, workers=2))
    cancel = threading.Event()

    def stop_early(p: IndexProgress) -> None:
        if p.phase == "indexing" and p.done >= 10:
            cancel.set()

    first = indexer.run([str(photos_dir)], progress=stop_early, cancel=cancel)
    assert first.cancelled
    saved = store.count_photos()
    assert 8 <= saved < 40
    second = indexer.run([str(photos_dir)])
    assert (second.unchanged, second.added) == (saved, 40 - saved)
    assert len(rows_by_path(store)) == 40


def test_pause_saves_what_is_done_and_resumes(store: Store, paths: Paths, photos_dir: Path) -> None:
    make_library(photos_dir, 40)
    indexer = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=4, workers=2))
    pause = threading.Event()
    paused_at: list[int] = []
    saved_while_paused: list[int] = []

    def pause_once(p: IndexProgress) -> None:
        if p.phase == "indexing" and p.done >= 10 and not paused_at:
            pause.set()
        elif p.phase == "paused":
            paused_at.append(p.done)
            saved_while_paused.append(store.count_photos())
            pause.clear()  # as if the user pressed Resume

    report = indexer.run([str(photos_dir)], progress=pause_once, pause=pause)
    assert len(paused_at) == 1 and 10 <= paused_at[0] < 40  # stopped starting photos, then waited
    assert saved_while_paused == paused_at  # everything done before the pause was written
    assert (report.added, report.cancelled, store.count_photos()) == (40, False, 40)


def test_folder_with_20k_files(indexer: Indexer, store: Store, photos_dir: Path) -> None:
    """20,000 files in one folder: 19,000 sidecars skipped by name and 1,000 photos (hard links of one file)."""
    original = write_photo(photos_dir / "IMG_00000.jpg", image=scene(64, 48))
    for i in range(1, 1000):
        os.link(original, photos_dir / f"IMG_{i:05d}.jpg")
    for i in range(19_000):
        (photos_dir / f"IMG_{i:05d}.json").touch()
    report = indexer.run([str(photos_dir)])
    assert (report.found, report.added, report.failed) == (1000, 1000, 0)
    assert store.count_photos() == 1000


def test_newer_schema_is_refused(store: Store, paths: Paths) -> None:
    store._set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer album"):
        Store(paths.db_dir)


def test_photo_folders_are_never_written(indexer: Indexer, photos_dir: Path) -> None:
    make_library(photos_dir, 5)
    (photos_dir / "bad.jpg").write_bytes(b"junk")
    before = sorted((p, p.stat().st_mtime_ns) for p in photos_dir.rglob("*"))
    indexer.run([str(photos_dir)])
    indexer.run([str(photos_dir)])
    assert sorted((p, p.stat().st_mtime_ns) for p in photos_dir.rglob("*")) == before
