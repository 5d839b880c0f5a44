"""What a full disk looks like to album's writers, with the real LanceDB and Pillow under a file-size
limit (RLIMIT_FSIZE, SIGXFSZ ignored: writes above it fail with EFBIG, as on a full disk)."""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PIL import Image

from album.core.config import Paths, Settings
from album.core.pipeline.media import write_thumbnail
from album.core.store.db import Store
from album.core.writable import DiskFull, is_disk_full


def in_child(body: Callable[[Path], None], tmp_path: Path) -> None:
    """Run ``body(tmp_path)`` in a fresh interpreter: a lowered file-size limit in pytest's own process
    would also make pytest's writes to its (bigger) log and capture files fail."""
    child = multiprocessing.get_context("spawn").Process(target=body, args=(tmp_path,))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0, f"the check failed in the child process (exit {child.exitcode}; see its stderr)"


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Lower this process's soft file-size limit for a while (it can be raised back to the hard one)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def test_lancedb_write_over_the_limit_is_disk_full_and_keeps_earlier_commits(tmp_path: Path) -> None:
    in_child(lancedb_write_over_the_limit, tmp_path)


def lancedb_write_over_the_limit(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.lancedb")
    store.record_errors([store.error_row(b"/p/small.jpg", 1, 1, "corrupt", "small")])
    big = [store.error_row(f"/p/{i}.jpg".encode(), 1, 1, "corrupt", os.urandom(2000).hex()) for i in range(100)]
    with file_size_limit(50_000):
        try:
            store.record_errors(big)  # LanceDB raises RuntimeError("… File too large (os error 27) …")
        except DiskFull as exc:
            raised = exc
    assert isinstance(raised.__cause__, RuntimeError) and is_disk_full(raised.__cause__)
    assert raised.where == str(tmp_path / "library.lancedb")
    assert [e.reason for e in Store(tmp_path / "library.lancedb").list_errors()] == ["small"]


def test_thumbnail_over_the_limit_leaves_no_file(tmp_path: Path) -> None:
    in_child(thumbnail_over_the_limit, tmp_path)


def thumbnail_over_the_limit(tmp_path: Path) -> None:
    noise = Image.fromarray(np.random.default_rng(0).integers(0, 256, (480, 640, 3), dtype=np.uint8))
    path = tmp_path / "thumbs" / "ab" / "abcd.jpg"
    with file_size_limit(20_000), contextlib.suppress(DiskFull):
        write_thumbnail(noise, path, 320)
        raise AssertionError("no DiskFull")
    assert [p.name for p in path.parent.iterdir()] == []  # neither the thumbnail nor its temp file


def test_settings_save_over_the_limit_keeps_the_old_file(tmp_path: Path) -> None:
    in_child(settings_save_over_the_limit, tmp_path)


def settings_save_over_the_limit(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data", tmp_path / "cache", tmp_path / "models")
    Settings(library_folders=["/old"]).save(paths)
    with file_size_limit(1_000), contextlib.suppress(DiskFull):
        Settings(library_folders=["/new" * 1000]).save(paths)
        raise AssertionError("no DiskFull")
    assert Settings.load(paths).library_folders == ["/old"]
    assert [p.name for p in paths.data_dir.iterdir()] == ["settings.json"]


def test_what_counts_as_a_full_disk() -> None:
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert is_disk_full(RuntimeError("lance error: LanceError(IO): No space left on device (os error 28), x.rs:1"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(RuntimeError("lance error: LanceError(IO): Not found (os error 2)"))
    assert not is_disk_full(RuntimeError("os error 270)"))
