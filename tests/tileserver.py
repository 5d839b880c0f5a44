"""A tile server on 127.0.0.1 for the map's tile tests: real PNG tiles, cache headers, ETags, a request log."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PIL import Image


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, "PNG")
    return out.getvalue()


@dataclass
class TileServer:
    """Serves every ``/{z}/{x}/{y}.png`` as one colour, with ``max_age`` (None: no Cache-Control) and an ETag;
    answers a matching ``If-None-Match`` with 304. ``url`` is the template, set once serving."""

    colour: tuple[int, int, int] = (200, 40, 40)
    max_age: int | None = 3600
    etag: str = '"v1"'
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)  # path, User-Agent, If-None-Match
    url: str = ""


@contextmanager
def serving(server_state: TileServer) -> Iterator[TileServer]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server_state.requests.append((self.path, self.headers.get("User-Agent", ""),
                                          self.headers.get("If-None-Match")))  # fmt: skip
            if self.headers.get("If-None-Match") == server_state.etag:
                self.send_response(304)
                self._cache_headers()
                self.end_headers()
                return
            body = png(server_state.colour)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self._cache_headers()
            self.end_headers()
            self.wfile.write(body)

        def _cache_headers(self) -> None:
            self.send_header("ETag", server_state.etag)
            if server_state.max_age is not None:
                self.send_header("Cache-Control", f"max-age={server_state.max_age}")

        def log_message(self, *_args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state.url = f"http://127.0.0.1:{httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
