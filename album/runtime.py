"""Process-wide set-up that only the entry points (the CLI and the desktop app) do.

The core changes no process state when it is imported or used (no warnings filters, log levels or
garbage-collector tuning), so a script or a test that imports it gets exactly the Python it started.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import sys
import warnings
from pathlib import Path

M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
MALLOC_ARENAS = 2  # glibc's default is 8 per core, each keeping what its threads freed


def configure_process(verbose: bool = False, log_file: Path | None = None) -> None:
    """Logging, warnings and native-library log levels for an album process.

    Args:
        verbose: log details to stderr.
        log_file: also log (at INFO) to this file, rotated at 1 MB with 3 old copies kept: the desktop
            app has no terminal, so background failures and per-photo problems go there.
    """
    os.environ.setdefault("LANCE_LOG", "error")  # LanceDB's Rust core otherwise logs routine WARNs
    os.umask(0o077)  # the library holds face embeddings and where photos were taken: for this user only
    _fewer_malloc_arenas()
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if log_file is not None:
        # Only the desktop app logs to a file: the CLI does not import the handlers.
        from logging.handlers import RotatingFileHandler

        log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_file, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        handler.setLevel(logging.INFO)
        logging.getLogger().addHandler(handler)
        logging.getLogger("album").setLevel(logging.INFO)
    # exifread logs a warning for every photo without EXIF (most PNGs, screenshots): not news to users.
    logging.getLogger("exifread").setLevel(logging.ERROR)
    # Pillow warns about images above 89 MP; album's own limits (pixels, decode memory) decide, per file.
    # Matched by its text, not its class: importing Pillow here would cost every `album parse` ~40 ms.
    warnings.filterwarnings("ignore", message=r"Image size \(\d+ pixels\) exceeds limit", category=RuntimeWarning)


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (Linux), whose allocator the two functions below tune; else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # musl, or no such library
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def _fewer_malloc_arenas() -> None:
    """Let the C heap use MALLOC_ARENAS arenas, not glibc's 8 per core: LanceDB scans on a pool of Rust
    threads, each of which got an arena of its own and kept what it freed. On a 100k-photo library the
    first text search left ~190 MB in them that not even ``malloc_trim`` returned; with two arenas, ~0
    (searches were as fast: measured 2026-11-27, see README). The environment's MALLOC_ARENA_MAX wins."""
    libc = _glibc()
    if libc is not None and "MALLOC_ARENA_MAX" not in os.environ:
        libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def release_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc keeps them for reuse, counted in the
    process's resident memory): the app calls it in a worker when its jobs have been quiet a while."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
