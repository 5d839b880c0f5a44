"""CLIP on ONNX Runtime: what the default-size model costs to load and run, fp32 vs int8.

The model is ViT-B-32 with random weights (speed does not depend on them), made as a user makes one:
open_clip's folder, converted by ``album models convert``'s code into album's layout (random_clip.py).
Printed: the int8 copies' build time and verdicts (both towers), the text tower's load time and first
query latency (what a search waits for), the image tower's throughput fp32 vs int8 on preprocessed
batches, album's whole indexing pipeline, and the resident memory of a process that has loaded each
tower (measured in fresh subprocesses that never import torch).

The verdicts here are for random weights, which may quantise differently from trained ones: a real
model's verdict is taken on its own first use and saved in the cache.

Usage: python bench/clip_index.py [COUNT]   (default 512 photos of the camera-like 8–24 MP set, photoset.camera_set)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
import random_clip
from photoset import CAMERA_CACHE, camera_set
from PIL import Image

from album.core.library import Library, Paths, Settings
from album.core.models.clip import ClipEncoder

KEY = "bench-ViT-B-32"

MEMORY = """
import json, resource, sys, time
from pathlib import Path
import numpy as np
from album.core.models.clip import ClipEncoder

def rss():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) // 1024

models, key, backend, cache, tower = sys.argv[1:6]
encoder = ClipEncoder(Path(models), key, allow_download=False, backend=backend, cache_dir=Path(cache))
before = rss()
started = time.perf_counter()
if tower == "text":
    encoder.encode_texts(["a dog on the beach"])
    first = time.perf_counter() - started
    started = time.perf_counter()
    encoder.encode_texts(["海边的小狗"])
    again = time.perf_counter() - started
    backend = encoder.text_backend
else:
    encoder.encode_images([np.zeros((3, encoder.input_side, encoder.input_side), np.float32)])
    first, again = time.perf_counter() - started, 0.0
    backend = encoder.image_backend
print(json.dumps({"before": before, "after": rss(), "first": first, "again": again, "backend": backend,
                  "torch": "torch" in sys.modules}))
"""


def fresh_process(paths: Paths, backend: str, tower: str) -> dict[str, object]:
    args = [str(paths.models_dir), KEY, backend, str(paths.cache_dir / "clip"), tower]
    done = subprocess.run([sys.executable, "-c", MEMORY, *args], capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    work = Path(tempfile.mkdtemp(prefix="album-bench-"))
    try:
        paths = Paths(data_dir=work / "data", cache_dir=work / "cache", models_dir=work / "models")
        started = time.perf_counter()
        random_clip.install(paths.models_dir, KEY, "ViT-B-32")
        folder = paths.models_dir / "clip" / KEY
        sizes = {t: (folder / t / "model.onnx").stat().st_size / 1e6 for t in ("visual", "textual")}
        print(f"converted a random ViT-B-32 in {time.perf_counter() - started:.0f} s "
              f"(image tower {sizes['visual']:.0f} MB, text tower {sizes['textual']:.0f} MB fp32)")  # fmt: skip

        encoder = ClipEncoder(paths.models_dir, KEY, backend="int8", cache_dir=paths.cache_dir / "clip")
        for name, prepare in (("image", encoder.prepare_image_tower), ("text", encoder.prepare_text_tower)):
            started = time.perf_counter()
            prepare()
            print(f"{name} tower: building and checking its int8 copy (once per model): "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        for tower in ("visual", "textual"):
            verdict = json.loads(next((paths.cache_dir / "clip").rglob(f"{tower}.verdict.json")).read_text())
            speed = verdict["fp32_seconds"] / verdict["int8_seconds"]
            print(f"  {tower} int8 vs fp32 on the probes: min cosine {verdict['min_cosine']:.4f}, "
                  f"{speed:.2f}x the speed")  # fmt: skip

        for backend in ("fp32", "int8"):
            text, image = fresh_process(paths, backend, "text"), fresh_process(paths, backend, "image")
            print(f"{backend:>4} (fresh process, torch imported: {text['torch'] or image['torch']}): "
                  f"text tower {text['backend']}: load + first query {text['first']:.2f} s, next query "
                  f"{1000 * float(text['again']):.0f} ms, RSS {text['before']} → {text['after']} MB; "  # type: ignore[arg-type]
                  f"image tower {image['backend']}: load + first photo {image['first']:.2f} s, "
                  f"RSS {image['before']} → {image['after']} MB")  # fmt: skip

        rng = np.random.default_rng(0)
        batch = list(rng.normal(size=(64, 3, 224, 224)).astype(np.float32))
        ceilings = {}
        for backend in ("fp32", "int8"):
            enc = ClipEncoder(paths.models_dir, KEY, backend=backend, cache_dir=paths.cache_dir / "clip")
            enc.encode_images(batch[:8])  # load and warm up
            started = time.perf_counter()
            for _ in range(3):
                enc.encode_images(batch)
            ceilings[enc.image_backend] = 3 * len(batch) / (time.perf_counter() - started)
            print(f"image tower {enc.image_backend} on preprocessed batches of 64: "
                  f"{ceilings[enc.image_backend]:.1f} photos/s")  # fmt: skip

        source = camera_set(CAMERA_CACHE / "photos", count)
        files = sorted(source.glob("*.jpg"))[:count]
        photos = work / "photos"
        photos.mkdir()
        for f in files:
            shutil.copy(f, photos / f.name)
        library = Library(paths, Settings(clip_model=KEY, allow_downloads=False))
        warm_up = work / "warm-up"
        warm_up.mkdir()
        Image.new("RGB", (640, 480), (90, 120, 150)).save(warm_up / "warm-up.jpg")
        skipped = [reason for reason in library.index([str(warm_up)]).unavailable if reason.startswith("clip:")]
        if skipped:
            raise SystemExit(skipped[0])
        library.load_place_names()
        started = time.perf_counter()
        library.index([str(photos)])
        pipeline = count / (time.perf_counter() - started)
        print(f"album pipeline, {count} camera-like 8–24 MP JPEGs (scan, EXIF, decode, thumbnail, CLIP, tags, DB; "
              f"default backend): {pipeline:.1f} photos/s = {100 * pipeline / max(ceilings.values()):.0f}% of the "
              f"fastest image tower alone")  # fmt: skip
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
