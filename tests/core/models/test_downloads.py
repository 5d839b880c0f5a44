"""Model downloads against a local HTTP server (loopback only): a file is in place only when whole."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from album.core.models.hub import download_url

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(PAYLOAD)))
        self.end_headers()
        body = PAYLOAD[: len(PAYLOAD) // 2] if self.path == "/cut" else PAYLOAD
        self.wfile.write(body)  # "/cut": the connection ends at 50 %, as a dropped transfer does

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join()


def test_a_whole_file_with_its_checksum_is_put_in_place(server: str, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "model.onnx"
    sha = download_url(f"{server}/model.onnx", target, lambda _n, d, t: seen.append((d, t)),
                       sha256=hashlib.sha256(PAYLOAD).hexdigest())  # fmt: skip
    assert sha == hashlib.sha256(PAYLOAD).hexdigest()
    assert target.read_bytes() == PAYLOAD
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert list(tmp_path.iterdir()) == [target]


def test_a_transfer_cut_at_half_leaves_nothing(server: str, tmp_path: Path) -> None:
    with pytest.raises(OSError, match="stopped after"):
        download_url(f"{server}/cut", tmp_path / "model.onnx", None)
    assert list(tmp_path.iterdir()) == []  # no model, no partial file: the next try starts afresh


def test_a_wrong_checksum_leaves_nothing(server: str, tmp_path: Path) -> None:
    with pytest.raises(OSError, match="not the expected file"):
        download_url(f"{server}/model.onnx", tmp_path / "model.onnx", None, sha256="0" * 64)
    assert list(tmp_path.iterdir()) == []
