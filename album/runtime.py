"""Process-wide set-up that only the entry points (the CLI and the desktop app) do.

The core changes no process state when it is imported or used (no warnings filters, log levels or
garbage-collector tuning), so a script or a test that imports it gets exactly the Python it started.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path


def configure_process(verbose: bool = False, log_file: Path | None = None) -> None:
    """Logging, warnings and native-library log levels for an album process.

    Args:
        verbose: log details to stderr.
        log_file: also log (at INFO) to this file, rotated at 1 MB with 3 old copies kept: the desktop
            app has no terminal, so background failures and per-photo problems go there.
    """
    os.environ.setdefault("LANCE_LOG", "error")  # LanceDB's Rust core otherwise logs routine WARNs
    os.umask(0o077)  # the library holds face embeddings and where photos were taken: for this user only
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
