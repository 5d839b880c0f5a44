"""A Hugging Face–style hub on 127.0.0.1 for download tests: the tree API and resolve URLs, real bytes.

It answers what album asks the real hub (``/api/models/{repo}/tree/{revision}?recursive=true`` and
``/{repo}/resolve/{revision}/{path}``), lists files above ``LFS_FROM`` bytes as LFS files (SHA-256 in
``lfs.oid``) and smaller ones by git blob id only, redirects LFS downloads to a "CDN" path as the real
hub does, answers ``Range: bytes=N-`` requests with 206 and the rest of the file (as the hub's CDN does,
so downloads resume), and can misbehave on purpose: a listing with another checksum, a transfer cut
short, a page size that makes the listing span several pages, a server that ignores ranges, a slow
transfer (so a test can cancel one half-way).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

LFS_FROM = 1024


def git_oid(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class FakeHub:
    """The served repositories and the ways to misbehave; ``url`` is set once serving."""

    repos: dict[str, dict[str, bytes]] = field(default_factory=dict)  # repo -> path -> content
    wrong_sha256: set[str] = field(default_factory=set)  # paths whose listed checksum is another file's
    cut: dict[str, int] = field(default_factory=dict)  # path -> times to send only half of it
    page_size: int = 1000
    ignore_range: bool = False  # answer every request with the whole file (200), as some mirrors do
    delay: float = 0.0  # seconds to wait before each 16 KiB of a file: a slow line
    requests: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)  # the Range headers received, in order
    url: str = ""

    def listing(self, repo: str) -> list[dict[str, object]]:
        entries: list[dict[str, object]] = []
        for directory in sorted({p.rsplit("/", 1)[0] for p in self.repos[repo] if "/" in p}):
            entries.append({"type": "directory", "oid": "0" * 40, "size": 0, "path": directory})
        for path, data in sorted(self.repos[repo].items()):
            entry: dict[str, object] = {"type": "file", "oid": git_oid(data), "size": len(data), "path": path}
            if len(data) >= LFS_FROM:
                sha = hashlib.sha256(data + b"x" if path in self.wrong_sha256 else data).hexdigest()
                entry["lfs"] = {"oid": sha, "size": len(data), "pointerSize": 134}
            elif path in self.wrong_sha256:
                entry["oid"] = git_oid(data + b"x")
            entries.append(entry)
        return entries


def _handler(hub: FakeHub) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hub.requests.append(self.path)
            url = urllib.parse.urlsplit(self.path)
            parts = [urllib.parse.unquote(p) for p in url.path.strip("/").split("/")]
            if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] == "tree":
                self._tree(f"{parts[2]}/{parts[3]}", urllib.parse.parse_qs(url.query))
            elif len(parts) >= 5 and parts[2] == "resolve":
                self._file(f"{parts[0]}/{parts[1]}", "/".join(parts[4:]), redirect=True)
            elif len(parts) >= 4 and parts[0] == "cdn":
                self._file(f"{parts[1]}/{parts[2]}", "/".join(parts[3:]), redirect=False)
            else:
                self.send_error(404)

        def _tree(self, repo: str, query: dict[str, list[str]]) -> None:
            if repo not in hub.repos:
                self.send_error(404, "Repository not found")
                return
            entries = hub.listing(repo)
            start = int(query.get("cursor", ["0"])[0])
            page = entries[start : start + hub.page_size]
            body = json.dumps(page).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if start + hub.page_size < len(entries):
                following = f"{hub.url}{self.path.split('?')[0]}?recursive=true&cursor={start + hub.page_size}"
                self.send_header("Link", f'<{following}>; rel="next"')
            self.end_headers()
            self.wfile.write(body)

        def _file(self, repo: str, path: str, redirect: bool) -> None:
            data = hub.repos.get(repo, {}).get(path)
            if data is None:
                self.send_error(404, "Entry not found")
                return
            if redirect and len(data) >= LFS_FROM:
                self.send_response(302)
                self.send_header("Location", f"{hub.url}/cdn/{repo}/{urllib.parse.quote(path)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            asked = self.headers.get("Range")
            start = 0
            if asked:
                hub.ranges.append(asked)
                found = re.fullmatch(r"bytes=(\d+)-", asked)
                start = int(found.group(1)) if found and not hub.ignore_range else 0
            if start:
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if hub.cut.get(path, 0) > 0:  # the connection ends half-way, as a dropped transfer does
                hub.cut[path] -= 1
                body = body[: len(body) // 2]
            try:
                for offset in range(0, len(body), 1 << 14):
                    if hub.delay:
                        time.sleep(hub.delay)
                    self.wfile.write(body[offset : offset + (1 << 14)])
            except (BrokenPipeError, ConnectionResetError):  # the client stopped (cancelled)
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(hub: FakeHub) -> Iterator[FakeHub]:
    """Serve ``hub`` on a free loopback port for the duration of the block."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
    hub.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        httpd.shutdown()
        thread.join()
        httpd.server_close()
