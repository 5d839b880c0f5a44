"""Small real videos made with PyAV: scenes of the tiny CLIP's shapes (tests/tinyclip.py), moving a little
each frame, with the container metadata cameras write (QuickTime dates and ISO 6709 places)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import tinyclip

Scene = tuple[str, str, float]  # colour, shape, seconds


def write_video(
    path: Path,
    scenes: Sequence[Scene],
    size: tuple[int, int] = (160, 120),
    fps: int = 10,
    metadata: Mapping[str, str] | None = None,
    codec: str = "libx264",
    seed: int = 7,
) -> Path:
    """Encode ``scenes`` one after the other, a keyframe every second. ``metadata`` goes into the
    container as written (QuickTime ``mdta`` keys for .mov, so Apple's keys read back as Apple writes them)."""
    width, height = size
    options = {"movflags": "use_metadata_tags"} if path.suffix.lower() == ".mov" else {}
    with av.open(str(path), "w", container_options=options) as out:
        out.metadata.update(metadata or {})
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.gop_size = fps
        stream.time_base = Fraction(1, fps)
        n = 0
        for colour, shape, seconds in scenes:
            still = np.asarray(tinyclip.draw(colour, shape, random.Random(seed + n), width, height))
            for i in range(round(seconds * fps)):
                moved = np.roll(still, shift=(i % 5) - 2, axis=1)  # the shape drifts, as in a hand-held clip
                frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(moved), format="rgb24")
                frame.pts = n
                out.mux(stream.encode(frame))
                n += 1
        out.mux(stream.encode(None))
    return path


def bench_clip(folder: Path, argv: Sequence[str]) -> tuple[Path, tuple[int, int], int]:
    """The video benches' clip, sized by their ``--size=WxH`` (1280x720) and ``--seconds=N`` (60) options: a
    scene change every 10 s (red circle, blue square, yellow triangle, again), 30 fps; with its size and length."""
    size = next((a.split("=", 1)[1] for a in argv if a.startswith("--size=")), "1280x720")
    seconds = int(next((a.split("=", 1)[1] for a in argv if a.startswith("--seconds=")), "60"))
    width, height = map(int, size.split("x"))
    shapes = [("red", "circle"), ("blue", "square"), ("yellow", "triangle")]
    scenes = [(*shapes[i % 3], 10.0) for i in range(seconds // 10)]
    return write_video(folder / "clip.mp4", scenes, size=(width, height), fps=30), (width, height), seconds
