"""Downloads from a Hugging Face–style hub, with the standard library only, each file verified.

Two calls of the hub's public HTTP API are all album needs:

- ``GET {endpoint}/api/models/{repo}/tree/{revision}?recursive=true`` lists a repository's files with
  their size and checksum: for files kept in Git LFS (the weights) ``lfs.oid`` is the SHA-256 of the
  content, for small files (configs, tokenizers) ``oid`` is the git blob id, the SHA-1 of
  ``b"blob <size>\\0" + content``. Both are checked, so no byte arrives unverified.
- ``GET {endpoint}/{repo}/resolve/{revision}/{path}`` serves a file (redirecting to a CDN for LFS files).

The endpoint is ``HF_ENDPOINT`` when set — the variable mirrors such as hf-mirror.com document, and the
one ``huggingface_hub`` reads — else https://huggingface.co. A file goes to a temporary name and becomes
the real one only once its size and checksum match the listing; a file that fails is deleted and tried
once more, then reported by name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import socket
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from album.core.models import manifest

if TYPE_CHECKING:  # the HTTP client is imported by what downloads: ~50 ms less for every `album parse`
    import http.client

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
USER_AGENT = "album (offline photo album; model download)"

Progress = Callable[[str, int, int], None]
"""``progress(file_name, bytes_done, bytes_total)``: the same shape as ``registry.DownloadProgress``."""


class Hashed(Protocol):
    def update(self, data: bytes, /) -> None: ...


def endpoint() -> str:
    """The hub to download from: ``HF_ENDPOINT`` (a mirror) if set, else Hugging Face itself."""
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


@dataclass(frozen=True)
class HubFile:
    """One file as the hub lists it."""

    path: str
    size: int
    sha256: str | None  # files in Git LFS
    git_oid: str | None  # every file: SHA-1 of the git blob (what is checked when there is no sha256)


@dataclass(frozen=True)
class HubSource:
    """Where one file of a model folder comes from."""

    repo: str
    path: str  # in the repository, and in the model folder
    revision: str = "main"


def check_reachable(url: str, timeout: float = 3.0) -> None:
    """Fail in milliseconds when offline, instead of after a download's timeouts.

    Raises:
        OSError: the URL's host cannot be resolved or connected to.
    """
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    with socket.create_connection((parts.hostname or "", port), timeout=timeout):
        pass


def _open(url: str, timeout: float, start: int = 0) -> http.client.HTTPResponse:
    import urllib.request

    headers = {"User-Agent": USER_AGENT}
    if start:
        headers["Range"] = f"bytes={start}-"
    request = urllib.request.Request(url, headers=headers)
    return urllib.request.urlopen(request, timeout=timeout)  # type: ignore[no-any-return]


class DownloadCancelled(Exception):
    """The user stopped a download. What arrived stays in the partial file, so the next try resumes."""


def _quote(text: str, safe: str = "") -> str:
    return urllib.parse.quote(text, safe=safe)


def list_files(repo: str, revision: str = "main", base: str | None = None, timeout: float = 30) -> dict[str, HubFile]:
    """Every file of ``repo`` at ``revision``, by path, following the listing's pages.

    Raises:
        OSError: the hub cannot be reached, does not know the repository, or answers something else
            than a listing.
    """
    url: str | None = f"{base or endpoint()}/api/models/{repo}/tree/{_quote(revision)}?recursive=true"
    files: dict[str, HubFile] = {}
    while url:
        with _open(url, timeout) as response:
            body = response.read()
            following = re.search(r'<([^>]+)>;\s*rel="next"', response.headers.get("Link") or "")
        try:
            entries = json.loads(body)
            for entry in entries:
                if entry.get("type") == "file":
                    lfs = entry.get("lfs") or {}
                    files[entry["path"]] = HubFile(entry["path"], int(lfs.get("size", entry["size"])), lfs.get("oid"),
                                                   entry.get("oid"))  # fmt: skip
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise OSError(f"the hub's listing of {repo} is not one album understands ({exc})") from exc
        url = following.group(1) if following else None
    return files


def resolve_url(repo: str, revision: str, path: str, base: str | None = None) -> str:
    return f"{base or endpoint()}/{repo}/resolve/{_quote(revision)}/{_quote(path, safe='/')}"


def _resume_from(partial: Path, size: int | None, sha256: str | None, hashers: list[Hashed]) -> int:
    """How many bytes of ``partial`` a download can keep, feeding them to ``hashers``.

    Only a download whose size and SHA-256 are known resumes: its end check then catches a partial
    file left by another revision. Anything else starts afresh.
    """
    if not partial.is_file():
        return 0
    kept = partial.stat().st_size
    if size is None or sha256 is None or kept >= size:
        partial.unlink()
        return 0
    with open(partial, "rb") as existing:
        while block := existing.read(1 << 20):
            for hasher in hashers:
                hasher.update(block)
    return kept


def _content_start(response: http.client.HTTPResponse) -> int:
    """Where the body starts in the file: the Range answer's first byte, 0 for a whole file."""
    if response.status != 206:
        return 0
    found = re.match(r"bytes (\d+)-", response.headers.get("Content-Range") or "")
    if found is None:
        raise OSError("the server answered a range request without saying which range")
    return int(found.group(1))


def download_url(
    url: str,
    target: Path,
    progress: Progress | None,
    sha256: str | None = None,
    size: int | None = None,
    git_oid: str | None = None,
    label: str | None = None,
    chunk: int = 1 << 20,
    cancel: threading.Event | None = None,
) -> str:
    """Download ``url`` to ``target`` via a partial file that becomes ``target`` only once it is whole:
    as long as the server said (Content-Length) and as ``size`` says, with the ``sha256`` and the git
    blob id ``git_oid`` given.

    A download with a known ``size`` and ``sha256`` (every LFS file: the weights) resumes: the bytes of
    an earlier partial file are kept and the rest asked for with an HTTP ``Range`` request; a server
    that answers with the whole file instead starts it afresh. The checksum at the end covers the
    kept bytes too.

    Args:
        label: the file's name in progress reports and errors (``target``'s name by default).
        cancel: set to stop between blocks; the partial file is kept for the next try.

    Returns:
        The file's SHA-256 (hex), for the manifest.

    Raises:
        DownloadCancelled: ``cancel`` was set.
        OSError: the transfer failed or stopped short (a resumable partial file is kept), or the file
            is not the one expected (nothing is kept).
    """
    import http.client

    name = label or target.name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    resumable = size is not None and sha256 is not None
    done = _resume_from(partial, size, sha256, [digest])
    try:
        with _open(url, 30, done) as response:
            start = _content_start(response)
            if done and start == 0:  # the server ignored the range and sent the whole file: start afresh
                digest, done = hashlib.sha256(), 0
            elif start != done:
                raise OSError(f"the server sent {name} from byte {start:,}, not {done:,}")
            length = int(response.headers.get("Content-Length") or 0)
            total = done + length if length else size or 0
            blob = hashlib.sha1(b"blob %d\0" % (size if size is not None else total)) if git_oid else None
            with open(partial, "ab" if done else "wb") as out:
                while block := response.read(chunk):
                    out.write(block)
                    digest.update(block)
                    if blob is not None:
                        blob.update(block)
                    done += len(block)
                    if progress is not None:
                        progress(name, done, total)
                    if cancel is not None and cancel.is_set():
                        raise DownloadCancelled(f"the download of {name} was stopped after {done:,} bytes")
        if (total and done != total) or (size is not None and done != size):
            raise OSError(f"the download of {name} stopped after {done:,} of {size or total:,} bytes")
        problem = None
        if sha256 is not None and digest.hexdigest() != sha256.lower():
            problem = f"SHA-256 {digest.hexdigest()[:12]}…, the hub lists {sha256[:12]}…"
        if blob is not None and git_oid is not None and blob.hexdigest() != git_oid.lower():
            problem = f"git blob {blob.hexdigest()[:12]}…, the hub lists {git_oid[:12]}…"
        if problem is not None:
            partial.unlink(missing_ok=True)
            raise OSError(f"{name} is not the expected file ({problem})")
    except http.client.HTTPException as exc:  # IncompleteRead and friends are not OSErrors
        if not resumable:
            partial.unlink(missing_ok=True)
        raise OSError(f"the download of {name} stopped after {done:,} bytes ({exc.__class__.__name__})") from exc
    except BaseException:  # cut, cancelled, Ctrl-C: a file that can resume keeps what arrived
        if not resumable:
            partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return digest.hexdigest()


def fetch(
    repo: str,
    revision: str,
    paths: Sequence[str],
    folder: Path,
    progress: Progress | None,
    base: str | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Download ``paths`` of ``repo`` into ``folder`` (same relative paths), each verified against the
    hub's listing and recorded in the folder's manifest; a file that fails is tried once more (from
    where it stopped, for the weights).

    Raises:
        DownloadCancelled: ``cancel`` was set; what arrived is kept for the next try.
        OSError: the listing could not be read, lacks a file, or a file failed twice; the message
            names the file. Files verified before it stay in place.
    """
    try:
        listing = list_files(repo, revision, base)
    except OSError as exc:
        raise OSError(f"cannot list {repo} (revision {revision}) on {base or endpoint()}: {exc}") from exc
    for path in paths:
        entry = listing.get(path)
        if entry is None:
            raise OSError(f"{repo} (revision {revision}) has no file {path}")
        url = resolve_url(repo, revision, path, base)
        for attempt in (1, 2):
            try:
                sha = download_url(url, folder / path, progress, entry.sha256, entry.size,
                                   None if entry.sha256 else entry.git_oid, label=path, cancel=cancel)  # fmt: skip
                break
            except OSError as exc:
                if attempt == 2:
                    raise
                log.warning("%s; downloading it again", exc)
        manifest.record(folder, path, sha, repo, revision)
