"""What a model folder held when album last knew it to be whole: ``.album-manifest.json``.

A download that verified its files, and the first successful load of a folder placed by hand, record
each file's size, modification time and SHA-256 (and, for downloads, the hub repository and revision
it came from). Every start then compares size and mtime only — a ``stat`` per file, so a 300 MB model
costs nothing to check — and re-hashes just the files whose size or mtime changed: a file edited,
truncated by a full disk or overwritten by a half-finished copy is found before onnxruntime reads it,
while a file merely touched (same bytes) gets its new mtime recorded. ``album models verify`` re-hashes
everything.

The format has a version; a newer one than album knows is ignored (treated as no manifest) rather than
misread.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = ".album-manifest.json"
VERSION = 1


@dataclass(frozen=True)
class FileRecord:
    """One file of a model folder as album last verified it."""

    size: int
    mtime_ns: int
    sha256: str
    repo: str | None = None  # where it was downloaded from (None: placed by hand or converted)
    revision: str | None = None


@dataclass(frozen=True)
class FolderCheck:
    """The outcome of checking a folder against its manifest (paths relative to the folder, "/"-separated)."""

    has_manifest: bool
    broken: tuple[str, ...] = ()  # present, but not the bytes recorded
    missing: tuple[str, ...] = ()  # recorded, but gone

    @property
    def ok(self) -> bool:
        return not self.broken and not self.missing


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, FileRecord] | None:
    """The folder's manifest, or None when it has none (or one album cannot read: it is then rewritten
    on the next verified load, which is safe since it only ever speeds checks up)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            log.warning("ignoring %s: version %r, album reads %d", folder / MANIFEST, data.get("version"), VERSION)
            return None
        records = {name: FileRecord(**fields) for name, fields in data["files"].items()}
        if any(name.startswith("/") or ".." in name.split("/") for name in records):
            raise ValueError("a path leads outside the folder")  # repairs would write there
        return records
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("ignoring unreadable %s: %s", folder / MANIFEST, exc)
        return None


def _writable(folder: Path) -> bool:
    """Whether album may write into ``folder``: a folder marked read-only (no write bit) is respected
    even where album runs as root and could write anyway (a shared models folder stays as it is)."""
    try:
        return bool(folder.stat().st_mode & 0o222) and os.access(folder, os.W_OK)
    except OSError:
        return False


def _save(folder: Path, records: Mapping[str, FileRecord]) -> bool:
    """Write the manifest atomically; False (logged) when the folder is read-only or full: a manifest
    only makes later checks cheaper, so failing to write one must never stop a model from loading."""
    data = {"version": VERSION, "files": {name: asdict(records[name]) for name in sorted(records)}}
    partial = folder / (MANIFEST + ".partial")
    try:
        if not _writable(folder):
            raise PermissionError("the folder is read-only")
        partial.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        partial.replace(folder / MANIFEST)
    except OSError as exc:
        log.info("cannot write %s (%s); the folder is checked without one", folder / MANIFEST, exc)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True


def record(folder: Path, name: str, sha256: str, repo: str | None = None, revision: str | None = None) -> FileRecord:
    """Add (or replace) one file's entry, with the sha256 the caller already knows (a download has just
    hashed it); size and mtime are read from the file as it is now."""
    stat = (folder / name).stat()
    entry = FileRecord(stat.st_size, stat.st_mtime_ns, sha256, repo, revision)
    records = read_manifest(folder) or {}
    records[name] = entry
    _save(folder, records)
    return entry


def model_files(folder: Path) -> list[str]:
    """Every file of a model folder, relative and "/"-separated: all but the manifest and partial downloads."""
    found = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            if name.startswith(MANIFEST) or name.endswith(".partial"):
                continue
            found.append(Path(dirpath, name).relative_to(folder).as_posix())
    return sorted(found)


def write_manifest(folder: Path, files: Iterable[str] | None = None) -> dict[str, FileRecord]:
    """Hash ``files`` (every file of the folder by default) and record them as the folder's good state.

    For folders album did not download: ``album models convert``'s output, and hand-placed models once
    they have loaded. Entries of other files already in the manifest are kept. A read-only folder is
    left as it is (and not hashed in vain on every start).
    """
    records = read_manifest(folder) or {}
    if not _writable(folder):  # hashing would be wasted: nothing can be recorded
        log.info("not recording %s: the folder is read-only", folder)
        return records
    for name in model_files(folder) if files is None else files:
        path = folder / name
        stat = path.stat()
        old = records.get(name)
        records[name] = FileRecord(stat.st_size, stat.st_mtime_ns, sha256_of(path),
                                   old.repo if old else None, old.revision if old else None)  # fmt: skip
    _save(folder, records)
    return records


def check_folder(folder: Path) -> FolderCheck:
    """The cheap check on every load: size and mtime against the manifest, re-hashing only what changed.

    A changed file with the recorded bytes (touched, or copied with new times) is fine, and its new
    mtime is recorded so the next start is cheap again.
    """
    records = read_manifest(folder)
    if records is None:
        return FolderCheck(has_manifest=False)
    broken, missing, refreshed = [], [], {}
    for name, entry in records.items():
        try:
            stat = (folder / name).stat()
        except FileNotFoundError:
            missing.append(name)
            continue
        if stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns:
            continue
        if stat.st_size == entry.size and sha256_of(folder / name) == entry.sha256:
            refreshed[name] = replace(entry, mtime_ns=stat.st_mtime_ns)
        else:
            broken.append(name)
    if refreshed:
        _save(folder, {**records, **refreshed})
    return FolderCheck(True, tuple(broken), tuple(missing))


def verify_folder(folder: Path) -> tuple[FolderCheck, dict[str, str]]:
    """The full check (``album models verify``): every recorded file re-hashed, whatever its mtime says.

    Returns:
        The check, and the SHA-256 of each file that is present (for comparing with the hub's listing).
    """
    records = read_manifest(folder) or {}
    hashes = {name: sha256_of(folder / name) for name in (records or model_files(folder)) if (folder / name).is_file()}
    broken = tuple(name for name, entry in records.items() if name in hashes and hashes[name] != entry.sha256)
    missing = tuple(name for name in records if name not in hashes)
    return FolderCheck(bool(records), broken, missing), hashes
