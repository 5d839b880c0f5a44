"""Read a video once, small: container metadata, a poster frame and a few keyframes by scene change.

A video enters the pipeline as a :class:`~album.core.pipeline.media.LoadedPhoto` like any photo: its
poster (a frame about a second in) is the image every step and the thumbnail work from, and its
keyframes (``frames``) are what CLIP and the face detector also see, so a text search finds the second
a video shows what was asked for. Only keyframes are decoded (the decoder skips every other frame) and
each is reduced at once, so a long 4K video costs a few dozen small images, not its whole stream;
a per-video time budget stops a pathological file from holding the run.

PyAV (FFmpeg) is imported when the first video is read: the CLI's start-up does not pay for it. It comes
with the extra ``album[video]`` (the packaged app has it); without it videos are found and counted but
left for a run that has it (:func:`video_support`).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from PIL import Image

from album.core.config import IndexSettings
from album.core.pipeline.exif import PhotoMeta

log = logging.getLogger(__name__)

VIDEO_EXTS = {".mp4", ".mov", ".m4v", ".3gp", ".mkv", ".webm", ".avi"}

POSTER_AT = 1.0  # seconds: past a fade-in or a black first frame
MIN_GAP = 2.0  # seconds between two keyframes kept
# Keyframes kept per video (a longer video spreads them out), and their long side: the decode pool holds a
# batch and more of decoded items, and a video's 16 keyframes at 512 px (plus their CLIP inputs, ~0.6 MB each)
# are ~17 MB against a photo's ~4 MB.
MAX_FRAMES = 16
KEYFRAME_SIZE = 512
SCENE_CHANGE = 0.08  # mean absolute difference (0–1) of two 32×32 grey frames that counts as a new scene
TIME_BUDGET = 30.0  # seconds one video may take to decode; what was found by then is kept
HASH_SAMPLE = 1 << 20  # bytes read from each end of a video for its content hash


class VideoError(Exception):
    """A video that cannot be indexed; ``kind`` is a stable word, ``reason`` one sentence for people."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"{kind}: {reason}")
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Keyframe:
    """A frame kept from a video: its second and the reduced, upright image."""

    time: float
    image: Image.Image


@dataclass
class LoadedVideo:
    """What one read of a video found."""

    format: str  # the codec, e.g. "h264"
    width: int  # as displayed (rotation applied)
    height: int
    duration: float
    meta: PhotoMeta
    poster: Image.Image
    frames: tuple[Keyframe, ...]


def is_video_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in VIDEO_EXTS


VIDEO_EXTRA = "album[video]"
"""What to install for videos: PyAV to index them, QtMultimedia to play them (~520 MB; pip users opt in)."""


def video_support() -> bool:
    """Whether PyAV can be imported, so videos can be indexed. It is imported (~0.2 s the first time), so a
    broken install counts as none; the indexer asks only when a scan found videos."""
    try:
        _pyav()
    except VideoError:
        return False
    return True


def _pyav() -> Any:
    """PyAV, imported lazily: FFmpeg is only loaded once a library holds videos.

    Raises:
        VideoError: PyAV is not installed, or cannot be loaded.
    """
    try:
        import av
    except (ImportError, OSError):
        raise VideoError("unavailable", f"video support is not installed (pip install '{VIDEO_EXTRA}')") from None
    return av


def video_hash(path: str, size: int) -> str:
    """The identity of a video that survives renames: its size and both ends (BLAKE2b, 128 bits).

    Reading a 4 GB clip whole to hash it would cost more than indexing it; the ends hold the container's
    index and the first and last frames, which differ between any two real videos.
    """
    digest = hashlib.blake2b(str(size).encode(), digest_size=16)
    with open(path, "rb") as fh:
        digest.update(fh.read(HASH_SAMPLE))
        if size > 2 * HASH_SAMPLE:
            fh.seek(size - HASH_SAMPLE)
            digest.update(fh.read(HASH_SAMPLE))
    return digest.hexdigest()


def read_video(path: str, settings: IndexSettings, budget: float = TIME_BUDGET) -> LoadedVideo:
    """Open a video, read its metadata and decode its poster and keyframes, reduced to ``settings.decode_size``.

    Raises:
        VideoError: the file is empty, not a video, damaged, too large to decode, or has no decodable frame.
    """
    av = _pyav()

    if os.path.getsize(path) == 0:
        raise VideoError("empty", "the file is empty (0 bytes)")
    try:
        container = av.open(path, timeout=10.0)
    except av.FFmpegError as exc:
        raise VideoError("corrupt", f"cannot read the video: {_ffmpeg_reason(exc)}") from None
    with container:
        if not container.streams.video:
            raise VideoError("corrupt", "the file holds no video stream")
        stream = container.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        if width <= 0 or height <= 0:
            raise VideoError("corrupt", "the video's frame size is unknown")
        if width * height * 3 > settings.max_decode_bytes or width * height > settings.max_pixels:
            raise VideoError("too_large", f"{width}×{height} pixels is above the limit")
        duration = _duration(container, stream)
        meta = container_meta({**dict(stream.metadata), **dict(container.metadata)})
        try:
            poster, frames, rotation = _keyframes(container, stream, duration, settings.decode_size or 448, budget)
        except av.FFmpegError as exc:
            raise VideoError("corrupt", f"cannot decode the video: {_ffmpeg_reason(exc)}") from None
        if poster is None:
            raise VideoError("corrupt", "no frame of the video could be decoded")
        if rotation % 180:
            width, height = height, width
        return LoadedVideo(stream.codec_context.name, width, height, duration, meta, poster, frames)


def frame_at(path: str, second: float, size: int) -> Image.Image:
    """The frame a video shows at ``second``, reduced to ``size`` and upright: a seek to the keyframe before
    it, then decoding forward (a search's matched second is one of the index's keyframes: one frame).

    Raises:
        VideoError: the file cannot be opened or holds no frame at that second.
    """
    av = _pyav()
    try:
        with av.open(path, timeout=10.0) as container:
            if not container.streams.video:
                raise VideoError("corrupt", "the file holds no video stream")
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            if stream.time_base is not None:
                container.seek(int(second / stream.time_base), stream=stream, backward=True, any_frame=False)
            last = None
            for frame in container.decode(stream):
                last = frame
                if float(frame.time or 0.0) >= second - 1e-3:
                    break
            if last is None:
                raise VideoError("corrupt", f"no frame at {second:.1f} s")
            return _reduced(last, size, int(getattr(last, "rotation", 0) or 0))
    except av.FFmpegError as exc:
        raise VideoError("corrupt", f"cannot decode the video: {_ffmpeg_reason(exc)}") from None


def _ffmpeg_reason(exc: Exception) -> str:
    """FFmpeg's own words without the errno and path it repeats."""
    return str(getattr(exc, "strerror", None) or exc).rstrip(".").lower()


def _duration(container: Any, stream: Any) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000  # AV_TIME_BASE
    return 0.0


def _keyframes(
    container: Any, stream: Any, duration: float, size: int, budget: float
) -> tuple[Image.Image | None, tuple[Keyframe, ...], int]:
    """Decode keyframes only; keep one where the scene changed (at most one per gap), and the poster."""
    stream.codec_context.skip_frame = "NONKEY"
    stream.thread_type = "AUTO"
    gap = max(MIN_GAP, duration / MAX_FRAMES)
    poster_at = min(POSTER_AT, duration / 2)
    deadline = time.monotonic() + budget
    poster: Image.Image | None = None
    kept: list[Keyframe] = []
    last_small: np.ndarray | None = None
    last_time = -math.inf
    rotation = 0
    for frame in container.decode(stream):
        seconds = float(frame.time or 0.0)
        if poster is None or seconds <= poster_at + 1e-3:  # the last keyframe before the poster's second
            rotation = int(getattr(frame, "rotation", 0) or 0)
            poster = _reduced(frame, size, rotation)
        if seconds - last_time >= gap - 1e-3:
            small = frame.reformat(width=32, height=32, format="gray").to_ndarray().astype(np.float32) / 255
            if last_small is None or float(np.abs(small - last_small).mean()) >= SCENE_CHANGE:
                kept.append(Keyframe(round(seconds, 3), _reduced(frame, min(size, KEYFRAME_SIZE), rotation)))
                last_small, last_time = small, seconds
        if len(kept) >= MAX_FRAMES or time.monotonic() > deadline:
            if time.monotonic() > deadline:
                log.info("video decoding stopped at %.0f s of %.0f s: time budget spent", seconds, duration)
            break
    return poster, tuple(kept), rotation


def _reduced(frame: Any, size: int, rotation: int) -> Image.Image:
    """The frame as an RGB image whose long side is at most ``size``, turned upright."""
    scale = min(1.0, size / max(frame.width, frame.height))
    width, height = max(2, round(frame.width * scale)), max(2, round(frame.height * scale))
    image: Image.Image = frame.reformat(width=width, height=height, format="rgb24").to_image()
    if rotation % 360:
        image = image.rotate(rotation, expand=True)  # FFmpeg's display rotation is counter-clockwise
    return image


# ISO 6709: "+48.8577+002.2950+035.000/" (latitude, longitude, optional altitude).
ISO6709 = re.compile(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?")


def container_meta(tags: dict[str, str]) -> PhotoMeta:
    """The capture date and place a video container records (QuickTime / MP4 / Matroska tags).

    Apple's ``com.apple.quicktime.creationdate`` carries the local time with its offset; the generic
    ``creation_time`` is UTC, so without Apple's tag the date is stored in UTC (offset 0).
    """
    lowered = {key.lower(): value for key, value in tags.items()}
    taken_at, offset = None, None
    local = _parse_date(lowered.get("com.apple.quicktime.creationdate", ""))
    utc = _parse_date(lowered.get("creation_time", ""))
    when = local or utc
    if when is not None and when.year > 1970:  # a zeroed mvhd date reads as 1904 or 1970
        utcoffset = when.utcoffset()
        offset = int(utcoffset.total_seconds() // 60) if utcoffset is not None else None
        taken_at = when.replace(tzinfo=None)
    lat = lon = alt = None
    location = lowered.get("com.apple.quicktime.location.iso6709") or lowered.get("location") or ""
    match = ISO6709.match(location.strip())
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        alt = float(match.group(3)) if match.group(3) else None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0.0, 0.0):
            lat = lon = alt = None
    return PhotoMeta(
        taken_at=taken_at, tz_offset_min=offset, date_source="container" if taken_at else None,
        lat=lat, lon=lon, alt=alt,
        camera_make=lowered.get("com.apple.quicktime.make") or None,
        camera_model=lowered.get("com.apple.quicktime.model") or None,
    )  # fmt: skip


def _parse_date(text: str) -> datetime | None:
    """An ISO 8601 date as containers write it ("2024-05-01T12:00:00+0200", "…T10:00:00.000000Z")."""
    text = text.strip()
    if not text:
        return None
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text.replace("Z", "+00:00"))
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
