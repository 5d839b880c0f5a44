"""How long a video's grid tile waits for the frame at its matched second: ``frame_thumbnail`` on a cache miss
(open, seek to the keyframe before the second, decode forward, reduce, write the JPEG) and on a hit.

    python bench/video_frame.py [--size=1280x720] [--seconds=60]

Makes a video with PyAV (tests/videofactory.py: a keyframe a second, a new scene every 10 s, 30 fps) in a
temporary folder and asks for the frames at several seconds (the index keeps keyframes, so a matched second
is one), then at seconds between keyframes (the worst case: decoding up to a second of frames), and prints
each time and the medians.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from videofactory import bench_clip

    from album.core.pipeline.video_frames import frame_thumbnail

    folder = Path(tempfile.mkdtemp(prefix="album-frame-"))
    path, (width, height), seconds = bench_clip(folder, sys.argv[1:])
    print(f"video: {seconds} s at {width}×{height}, 30 fps, a keyframe a second")
    for label, offset in (("at a keyframe", 0.0), ("between keyframes (+0.9 s)", 0.9)):
        misses, hits = [], []
        for second in (seconds * f for f in (0.7, 0.2, 0.45, 0.9, 0.33)):
            second = round(second) + offset
            began = time.perf_counter()
            assert frame_thumbnail(folder / "thumbs", "bench", str(path), second, 320) is not None
            misses.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            frame_thumbnail(folder / "thumbs", "bench", str(path), second, 320)
            hits.append((time.perf_counter() - began) * 1000)
        print(f"{label}: decode + cache {', '.join(f'{m:.0f}' for m in misses)} ms "
              f"(median {statistics.median(misses):.0f} ms); cached {statistics.median(hits):.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
