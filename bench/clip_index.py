"""CLIP indexing throughput: album's pipeline vs a tutorial-style per-photo loop vs the encoder alone.

All use the same model, ViT-B-32 (weights random: speed does not depend on them), loaded through
album's own model-loading code from a models folder this script writes. album's pipeline runs the
image tower as the product does by default ("auto": the int8 ONNX Runtime copy when it matches torch
and is faster); the tutorial loop runs torch fp32. The encoder ceiling is given for both runtimes.

album's pipeline is ``Library.index`` on a fresh library whose models folder holds only this model
(downloads off, so the face step is skipped). Its model loads in a one-photo warm-up run first, as
a running app has it loaded; the place names load before the clock starts too. The naive loop and
the encoder ceilings go below the door on purpose: they are what album is compared with, so they
call a ``ClipEncoder`` of their own (which also reports the int8 copy's verdict; it builds that copy
in the library's cache, where the library's encoder then finds it).

Usage: python bench/clip_index.py [COUNT]   (default 512 photos from the generated 2–24 MP set)
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import open_clip
import torch
from photoset import photo_set
from PIL import Image
from safetensors.torch import save_file

from album.core.library import Library, Paths, Settings
from album.core.models.clip import ClipEncoder


def write_model(models_dir: Path) -> str:
    folder = models_dir / "clip" / "bench-ViT-B-32"
    folder.mkdir(parents=True)
    config = {"model_cfg": open_clip.get_model_config("ViT-B-32"), "preprocess_cfg": {}}
    (folder / "open_clip_config.json").write_text(json.dumps(config))
    model = open_clip.create_model("ViT-B-32")
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "open_clip_model.safetensors"))
    return folder.name


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    source = photo_set(Path(__file__).resolve().parent / "out" / "photos-2000", count)  # the first COUNT of 2000
    files = sorted(source.rglob("*.jpg"))[:count]
    work = Path(tempfile.mkdtemp(prefix="album-bench-"))
    try:
        folder = work / "photos"
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
        paths = Paths(data_dir=work / "data", cache_dir=work / "cache", models_dir=work / "models")
        key = write_model(paths.models_dir)
        encoder = ClipEncoder(paths.models_dir, key, onnx_cache=paths.cache_dir / "clip-onnx")  # the library's cache
        started = time.perf_counter()
        encoder.prepare_image_tower()
        print(f"model load incl. building and checking the int8 copy (once per model): "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        v = encoder.int8_verdict
        if v is not None:
            print(f"int8 copy vs torch fp32 on probes: min cosine {v.min_cosine:.4f}, "
                  f"{v.torch_seconds / v.onnx_seconds:.1f}x faster")  # fmt: skip
        torch_encoder = ClipEncoder(paths.models_dir, key, backend="torch")
        torch_encoder.load()
        print(f"{count} JPEGs (2/6/12/24 MP mixed), ViT-B-32, torch threads {torch.get_num_threads()}, "
              f"album's image tower: {encoder.image_backend}")  # fmt: skip

        library = Library(paths, Settings(clip_model=key, allow_downloads=False))
        warm_up = work / "warm-up"
        warm_up.mkdir()
        Image.new("RGB", (640, 480), (90, 120, 150)).save(warm_up / "warm-up.jpg")
        skipped = [reason for reason in library.index([str(warm_up)]).unavailable if reason.startswith("clip:")]
        if skipped:
            raise SystemExit(skipped[0])
        library.load_place_names()
        started = time.perf_counter()
        library.index([str(folder)])
        pipeline = count / (time.perf_counter() - started)
        print(f"album pipeline (scan, EXIF, decode, thumbnail, CLIP, tags, DB): {pipeline:.1f} photos/s")

        naive_count = min(count, 48)
        started = time.perf_counter()
        with torch.inference_mode():
            for f in files[:naive_count]:
                tensor = torch_encoder.preprocess(Image.open(f).convert("RGB"))
                torch_encoder.encode_images([tensor])
        naive = naive_count / (time.perf_counter() - started)
        print(f"naive loop (full decode, preprocess, encode one at a time): {naive:.1f} photos/s")

        batch = [torch.randn(3, 224, 224) for _ in range(64)]
        ceilings = {}
        for name, enc in (("torch fp32", torch_encoder), (encoder.image_backend, encoder)):
            enc.encode_images(batch[:8])  # warm-up
            started = time.perf_counter()
            for _ in range(3):
                enc.encode_images(batch)
            ceilings[name] = 3 * len(batch) / (time.perf_counter() - started)
            print(
                f"encoder ceiling, {name} (forward pass on preprocessed batches of 64): {ceilings[name]:.1f} photos/s"
            )
        same = ceilings[encoder.image_backend]
        print(f"pipeline = {pipeline / naive:.1f}x naive, {100 * pipeline / same:.0f}% of its own encoder's ceiling, "
              f"{100 * pipeline / ceilings['torch fp32']:.0f}% of the torch fp32 ceiling")  # fmt: skip
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
