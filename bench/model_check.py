"""What keeping model files verified costs: the check on every start, the full re-hash, a local download.

A model folder shaped like the default CLIP model (a 1 MB config-and-tokenizer set and SIZE_MB of
weights, random bytes) is served by a hub on 127.0.0.1 (tests/fakehub.py), downloaded through album's
verified path, then checked as every start checks it (size + mtime against the manifest), and as
``album models verify`` does (every byte re-hashed).

Usage: python bench/model_check.py [SIZE_MB]   (default 350, about the default CLIP model's weights)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fakehub import FakeHub, serving

from album.core.models.hub import HubSource
from album.core.models.manifest import check_folder, verify_folder
from album.core.models.registry import ensure_model_files

REPO = "bench/model"


def main(size_mb: int) -> None:
    files = {"config.json": b"{}\n", "textual/tokenizer.json": os.urandom(1 << 20),
             "visual/model.onnx": os.urandom(size_mb << 20)}  # fmt: skip
    with serving(FakeHub({REPO: files})) as hub, tempfile.TemporaryDirectory() as tmp:
        os.environ["HF_ENDPOINT"] = hub.url
        folder = Path(tmp) / "model"
        sources = [HubSource(REPO, name) for name in files]
        start = time.perf_counter()
        ensure_model_files("bench", folder, sources)
        seconds = time.perf_counter() - start
        rate = (size_mb + 1) / seconds
        print(f"download + verify of {size_mb + 1} MB from 127.0.0.1: {seconds:.2f} s ({rate:.0f} MB/s)")
        runs = 200
        start = time.perf_counter()
        for _ in range(runs):
            assert check_folder(folder).ok
        each = (time.perf_counter() - start) / runs
        print(f"check on every start (size + mtime of {len(files)} files): {each * 1e3:.2f} ms")
        weights = folder / "visual/model.onnx"
        os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns + 1))
        start = time.perf_counter()
        assert check_folder(folder).ok
        print(f"check after the weights' mtime changed (re-hash of {size_mb} MB): {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        check, _hashes = verify_folder(folder)
        assert check.ok
        print(f"full re-hash (album models verify, without the hub): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 350)
