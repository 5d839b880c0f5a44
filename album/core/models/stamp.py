"""A model's files described without opening them, so an unchanged model need not be loaded to know
which model it is (its id hashes the weights; loading it costs seconds)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_stamp(folder: Path) -> str | None:
    """Path, size and modification time of every file under ``folder``, digested; None if it has none.

    Replacing, adding or removing a file changes the stamp; it costs one ``stat`` per file.
    """
    digest = hashlib.blake2b(str(folder.resolve()).encode(), digest_size=12)
    found = False
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        info = path.stat()
        if path.is_file():
            found = True
            digest.update(f"\0{path.relative_to(folder)}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest() if found else None
