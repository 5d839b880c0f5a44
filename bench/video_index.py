"""Videos indexed per minute: minutes of 720p video through album's whole pipeline, per minute of wall time.

Generates CLIPS one-minute 720p H.264 clips at 30 fps with PyAV (a keyframe every second, as phones write
them, and a new scene every 10 s), then indexes them with album's Library: scan, container metadata, poster,
keyframes by scene change, thumbnail, CLIP on every keyframe (a random-weight ViT-B-32 on its int8 copy,
as random_clip.py makes it; speed does not depend on the weights) and the database. ``--no-clip`` leaves
CLIP out, to see what decoding costs alone.

Usage: python bench/video_index.py [CLIPS] [--no-clip]   (default 3 clips = 3 minutes)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import lancedb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from album.core.library import Library, Paths, Settings

KEY = "bench-ViT-B-32"
WIDTH, HEIGHT, FPS, SECONDS, SCENE = 1280, 720, 30, 60, 10


def write_clip(path: Path, seed: int) -> None:
    """One minute of 720p: a coloured disc drifting over a gradient that changes every SCENE seconds."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH]
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS, options={"preset": "ultrafast"})
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.codec_context.gop_size = FPS
        stream.time_base = Fraction(1, FPS)
        for scene in range(SECONDS // SCENE):
            base = rng.integers(0, 256, 3)
            background = (base + (xs[..., None] * rng.uniform(-0.1, 0.1, 3))).clip(0, 255).astype(np.uint8)
            colour = rng.integers(0, 256, 3).astype(np.uint8)
            for i in range(SCENE * FPS):
                image = background.copy()
                cx, cy = 200 + (i * 4) % (WIDTH - 400), HEIGHT // 2
                image[(xs - cx) ** 2 + (ys - cy) ** 2 < 120**2] = colour
                frame = av.VideoFrame.from_ndarray(image, format="rgb24")
                frame.pts = scene * SCENE * FPS + i
                out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


def main() -> None:
    clips = int(next((a for a in sys.argv[1:] if a.isdigit()), "3"))
    with_clip = "--no-clip" not in sys.argv
    work = Path(tempfile.mkdtemp(prefix="album-bench-video-"))
    try:
        videos = work / "videos"
        videos.mkdir()
        started = time.perf_counter()
        for n in range(clips):
            write_clip(videos / f"clip-{n}.mp4", n)
        size = sum(f.stat().st_size for f in videos.iterdir()) / 1e6
        print(f"generated {clips} min of {WIDTH}x{HEIGHT} H.264 at {FPS} fps ({size:.0f} MB) in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        paths = Paths(data_dir=work / "data", cache_dir=work / "cache", models_dir=work / "models")
        if with_clip:
            import random_clip

            random_clip.install(paths.models_dir, KEY, "ViT-B-32")
        # Faces are off: their licence is not accepted and downloads are not allowed.
        library = Library(paths, Settings(clip_model=KEY if with_clip else "none", allow_downloads=False))
        if with_clip:  # the int8 copy is built on a model's first run: not part of the figure
            warm_up = work / "warm-up"
            warm_up.mkdir()
            shutil.copy(videos / "clip-0.mp4", warm_up / "warm-up.mp4")
            library.index([str(warm_up)])
        started = time.perf_counter()
        report = library.index([str(videos)])
        seconds = time.perf_counter() - started
        frames = lancedb.connect(str(paths.db_dir)).open_table("frames").count_rows() if with_clip else 0
        print(f"indexed {report.added} videos ({report.failed} failed), {frames} keyframes encoded, "
              f"in {seconds:.1f} s: "
              f"{clips / (seconds / 60):.1f} minutes of video per minute "
              f"({'CLIP ViT-B-32 int8 on every keyframe' if with_clip else 'no CLIP'}; faces off)")  # fmt: skip
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
