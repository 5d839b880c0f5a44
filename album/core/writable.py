"""Whether album can write where it keeps its data: a full disk and a read-only folder, as errors.

A full disk shows up three ways: an ``OSError`` with ENOSPC, EFBIG (a file-size limit) or EDQUOT (a
quota) from album's own writes (thumbnails, settings), and LanceDB's Rust writer raising a
``RuntimeError`` whose message carries the OS error ("lance error: LanceError(IO): No space left on
device (os error 28), …" — measured with lancedb 0.40 on a full tmpfs and under RLIMIT_FSIZE).
:func:`is_disk_full` recognises all of them, so the writer and the indexer can stop the run with
:class:`DiskFull` instead of recording every photo after it as failed.

A read-only data folder is found before any work starts (:func:`check_writable`), so ``album index``
and the app say where and what to do instead of failing on the first write.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
# How the Rust writer (and the OS, in the strings it passes on) says it.
DISK_FULL_TEXTS = (
    "no space left on device", "file too large", "disk quota exceeded",
    *(f"os error {code})" for code in sorted(DISK_FULL_ERRNOS)),
)  # fmt: skip
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class DiskFull(Exception):
    """The disk album writes to is full. Everything committed before stays in the library.

    Attributes:
        where: the folder whose disk is full.
        saved: photos this run saved before it stopped (None when the failing write was not indexing).
    """

    def __init__(self, where: Path | str, saved: int | None = None) -> None:
        self.where = str(where)
        self.saved = saved
        done = "" if saved is None else f"album stopped after {saved} photo{'' if saved == 1 else 's'}; "
        super().__init__(
            f"the disk is full: {done}everything indexed so far is kept; free some space on {self.where} "
            "and run the same command again"
        )


class ReadOnlyFolder(Exception):
    """album cannot write to its data folder; reading (searching) still works."""

    def __init__(self, where: Path | str, reason: str) -> None:
        self.where = str(where)
        super().__init__(
            f"cannot write to {self.where} ({reason}): searching works, but to index or make changes, "
            "make that folder writable or point ALBUM_HOME at a writable folder"
        )


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it was raised from) says the disk or a size limit is full."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DiskFull):
            return True
        if isinstance(current, OSError) and current.errno in DISK_FULL_ERRNOS:
            return True
        if not isinstance(current, OSError) and any(t in str(current).lower() for t in DISK_FULL_TEXTS):
            return True
        current = current.__cause__ or current.__context__
    return False


@contextmanager
def disk_full_as_error(where: Path | str) -> Iterator[None]:
    """Turn a full-disk failure of the writes inside into :class:`DiskFull` (about ``where``)."""
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise DiskFull(where) from exc
        raise


@contextmanager
def opening(where: Path | str) -> Iterator[None]:
    """Opening a library creates its folders and tables when they are missing: a read-only or full
    disk there is :class:`ReadOnlyFolder` or :class:`DiskFull`, not a traceback."""
    try:
        with disk_full_as_error(where):
            yield
    except OSError as exc:
        if exc.errno not in READ_ONLY_ERRNOS:
            raise
        reason = "a read-only file system" if exc.errno == errno.EROFS else "permission denied"
        raise ReadOnlyFolder(exc.filename or where, reason) from exc


def check_writable(folders: Iterable[Path]) -> None:
    """Create and delete a file in each folder that exists.

    Raises:
        ReadOnlyFolder: one of them is read-only (permissions, or a read-only file system).
        DiskFull: not even an empty file fits.
    """
    for folder in folders:
        if not folder.is_dir():
            continue
        try:
            fd, name = tempfile.mkstemp(prefix=".album-write-check-", dir=folder)
            os.close(fd)
            os.unlink(name)
        except OSError as exc:
            if exc.errno in READ_ONLY_ERRNOS:
                reason = "a read-only file system" if exc.errno == errno.EROFS else "permission denied"
                raise ReadOnlyFolder(folder, reason) from exc
            if exc.errno in DISK_FULL_ERRNOS:
                raise DiskFull(folder) from exc
            raise
