"""Read a photo once, small: bytes → content hash → reduced, upright RGB image → cached thumbnail.

Every later step (metadata, CLIP, faces, thumbnails) works from the one :class:`LoadedPhoto` this
module produces, so a 24 MP JPEG is read from disk once and decoded once, at 1/2–1/8 scale via
libjpeg's DCT scaling ("draft mode"), which is several times faster than a full decode.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rawpy
from PIL import Image

from album.core.config import SHORT_SIDE_SHARE, IndexSettings
from album.core.pipeline.exif import PhotoMeta, register_heif, with_file_time
from album.core.pipeline.fingerprint import perceptual_hash, sharpness
from album.core.pipeline.metadata import read_metadata
from album.core.pipeline.scan import FileEntry, sniff_format
from album.core.pipeline.video import Keyframe, VideoError, read_video
from album.core.writable import disk_full_as_error

log = logging.getLogger(__name__)

THUMB_QUALITY = 85


class PhotoError(Exception):
    """A photo that cannot be indexed; ``kind`` is a stable word, ``reason`` is for people."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"{kind}: {reason}")
        self.kind = kind
        self.reason = reason


@dataclass
class LoadedPhoto:
    """One photo after the single read + decode, ready for every pipeline step."""

    entry: FileEntry
    content_hash: str
    format: str
    width: int  # full-resolution size, after orientation
    height: int
    meta: PhotoMeta
    image: Image.Image  # reduced RGB image, upright; long side ≥ decode_size when the photo allows
    average_colour: int  # 0xRRGGBB: the grid's placeholder while the thumbnail loads
    phash: int  # perceptual hash (see pipeline/fingerprint.py): near-duplicates are a few bits apart
    sharpness: float  # variance of the Laplacian: the duplicates finder keeps the crisper copy
    kind: str = "photo"  # "photo", "video" or "live" (a still with its motion clip)
    duration: float | None = None  # seconds, for a video
    frames: tuple[Keyframe, ...] = ()  # a video's keyframes (``image`` is its poster)


def content_hash(data: bytes) -> str:
    """A 128-bit BLAKE2b of the file content: the identity that survives renames and moves."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_stable(entry: FileEntry, max_bytes: int) -> tuple[FileEntry, bytes]:
    """Read a whole file, refusing it if it changed while being read.

    Returns the entry as stat'ed right before the read, so the stored size/mtime describe exactly
    the bytes that were indexed.
    """
    for _attempt in range(2):
        try:
            before = os.stat(entry.path)
            if before.st_size > max_bytes:
                raise PhotoError("too_large", f"file is {before.st_size / 2**20:.0f} MiB, above the limit")
            with open(entry.path, "rb") as fh:
                data = fh.read()
            after = os.stat(entry.path)
        except FileNotFoundError:
            raise PhotoError("vanished", "the file disappeared while it was being indexed") from None
        except PermissionError:
            raise PhotoError("unreadable", "permission denied") from None
        except IsADirectoryError:
            raise PhotoError("unreadable", "is a folder") from None
        except OSError as exc:
            raise PhotoError("unreadable", exc.strerror or str(exc)) from None
        same = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        if same and len(data) == before.st_size:
            return dataclasses.replace(entry, size=before.st_size, mtime_ns=before.st_mtime_ns), data
    raise PhotoError("changed", "the file kept changing while it was being read")


def _check_bitmap_preview(pixels: np.ndarray, sensor: tuple[int, int], file_size: int) -> None:
    """Refuse an uncompressed preview that cannot be what the file holds before anything reads it.

    LibRaw takes a damaged file's declared preview size at its word and rawpy hands out an array of
    that shape over a smaller buffer: reading it crashes the process (found by bench/fuzz.py: a DNG
    whose 160×120 sensor "has" a 65500×60 preview). A real preview is no larger than the sensor
    image, and its uncompressed pixels are stored in the file itself.
    """
    height, width = pixels.shape[:2]
    if width > max(sensor) or height > max(sensor) or pixels.nbytes > file_size:
        raise PhotoError("corrupt", f"the RAW file's preview ({width}×{height}) does not fit the file")


def _open_raw(data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """Use the camera's embedded JPEG preview of a RAW file; decoding the sensor data is far slower."""
    try:
        with rawpy.imread(io.BytesIO(data)) as raw:
            size = (raw.sizes.width, raw.sizes.height)
            flip = raw.sizes.flip
            thumb = raw.extract_thumb()
    except (rawpy.LibRawError, OSError, ValueError) as exc:
        raise PhotoError("corrupt", f"cannot read RAW file: {exc}") from None
    image: Image.Image
    if thumb.format == rawpy.ThumbFormat.JPEG:
        image = Image.open(io.BytesIO(bytes(thumb.data)))
    else:
        pixels = np.asarray(thumb.data)  # a view: nothing is read yet
        _check_bitmap_preview(pixels, size, len(data))
        image = Image.fromarray(pixels)
    # The preview is stored as the sensor saw it; LibRaw's flip says how to turn it upright.
    turn = {3: Image.Transpose.ROTATE_180, 5: Image.Transpose.ROTATE_90, 6: Image.Transpose.ROTATE_270}
    if flip in turn:
        image = image.transpose(turn[flip])
        if flip in (5, 6):
            size = (size[1], size[0])
    return image, size


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")  # 16-bit greyscale → 8-bit
    if image.mode in ("RGBA", "LA", "P", "PA") and (image.mode != "P" or "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


# EXIF orientation → the transpose that turns the stored pixels upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def decode(data: bytes, fmt: str, settings: IndexSettings) -> tuple[Image.Image, tuple[int, int]]:
    """Decode image bytes to a reduced, upright RGB image plus the full upright size.

    The order matters for speed: JPEGs decode straight at 1/2–1/8 scale (draft mode), any other
    format is box-reduced right after decoding, and only then is the small image rotated upright.

    Raises:
        PhotoError: for files Pillow cannot decode, or whose size marks them as decompression bombs.
    """
    register_heif()
    try:
        image: Image.Image
        if fmt == "raw":
            image, full_size = _open_raw(data)
        else:
            image = Image.open(io.BytesIO(data))
            full_size = image.size
        width, height = full_size
        if width * height > settings.max_pixels or width <= 0 or height <= 0:
            raise PhotoError("too_large", f"{width}×{height} pixels is above the limit")
        if settings.use_draft and image.format == "JPEG":
            shrink = _shrink(full_size, settings.decode_size)
            image.draft("RGB", (max(1, round(width / shrink)), max(1, round(height / shrink))))
        needed = _decode_bytes(image)  # after draft: what decoding at the size it will decode takes
        if needed > settings.max_decode_bytes:
            raise PhotoError("too_large", f"{width}×{height} pixels would take {needed >> 20} MB to decode "
                             f"(the limit is {settings.max_decode_bytes >> 20} MB)")  # fmt: skip
        orientation = image.getexif().get(0x0112, 1) if fmt != "raw" else 1
        with _BIG_DECODES if needed > BIG_DECODE_BYTES else contextlib.nullcontext():
            image = _to_rgb(image)
            image.load()
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError("too_large", str(exc)) from None
    except (OSError, ValueError, TypeError, SyntaxError, EOFError, MemoryError, Image.UnidentifiedImageError) as exc:
        raise PhotoError("corrupt", f"cannot decode image: {exc}") from None
    factor = int(_shrink(image.size, settings.decode_size))
    if factor >= 2:  # not reduced by draft mode (not a JPEG, or draft disabled): box-reduce now
        image = image.reduce(factor)
    if orientation in UPRIGHT:
        image = image.transpose(UPRIGHT[orientation])
        if orientation >= 5:
            full_size = (full_size[1], full_size[0])
    return image, full_size


def _shrink(size: tuple[int, int], decode_size: int) -> float:
    """How many times smaller than ``size`` a decode may be: its long side stays at least ``decode_size``, and
    its short side at least ``SHORT_SIDE_SHARE`` of it."""
    return max(1.0, min(max(size) / decode_size, min(size) / (SHORT_SIDE_SHARE * decode_size)))


# At most one decode this big at a time: two decode threads on two hostile 240 MB PNGs must not add up.
BIG_DECODE_BYTES = 64 * 1024 * 1024
_BIG_DECODES = threading.Lock()


def _decode_bytes(image: Image.Image) -> int:
    """Memory the decoded pixels take, with the copy a conversion to RGB makes."""
    bands = len(image.getbands())
    sample = 2 if image.mode in ("I;16", "I;16B", "I;16L") else 4 if image.mode in ("I", "F") else 1
    converted = 0 if image.mode == "RGB" else 3
    return image.size[0] * image.size[1] * (bands * sample + converted)


def thumbnail_path(thumbs_dir: Path, digest: str) -> Path:
    """Thumbnails are keyed by content hash, so renamed or duplicate files share one."""
    return thumbs_dir / digest[:2] / f"{digest}.jpg"


def write_thumbnail(image: Image.Image, path: Path, size: int) -> None:
    """Write a JPEG thumbnail atomically (temp file + rename), so a crash never leaves half a file.

    Raises:
        DiskFull: the thumbnails' disk is full; the temp file is removed, so no half file is left.
    """
    if path.exists():
        return
    thumb = image.copy()
    # Box-reduce by the whole factor, then Lanczos for the rest (under 2×): 1.5 ms instead of 6.6 from the
    # faces' 1000 px decode, 38–41 dB from a Lanczos-only thumbnail on real photos (less than the JPEG's
    # own loss; side by side they look the same). reducing_gap=2 box-reduced only from 4× up.
    thumb.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=1.0)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")  # unique per writer
    encoded = io.BytesIO()
    # Encoded in memory: Pillow's encoder writes straight to the file descriptor and takes a short
    # write (the last bytes that fit on a full disk) for success, leaving a truncated JPEG. Python's
    # file writes retry a short write, so a full disk raises.
    thumb.save(encoded, "JPEG", quality=THUMB_QUALITY, optimize=True)
    with disk_full_as_error(path.parent.parent):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(encoded.getbuffer())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def average_colour(image: Image.Image) -> int:
    """The image's mean colour as 0xRRGGBB, from the reduced image already in memory (~0.1 ms).

    The grid paints a tile in its photo's own colour until the thumbnail has loaded, so scrolling fast
    shows the library's colours settling into photos instead of a wall of grey boxes.
    """
    red, green, blue = (round(v) for v in np.asarray(image.convert("RGB").reduce(8), dtype=np.float32)
                        .reshape(-1, 3).mean(axis=0))  # fmt: skip
    return red << 16 | green << 8 | blue


def image_format(data: bytes, path: str) -> str:
    """The format of a file's bytes ("jpeg", "heif", "raw" …), or a PhotoError saying why it is none."""
    if not data:
        raise PhotoError("empty", "the file is empty (0 bytes)")
    fmt = sniff_format(data[:32], os.path.splitext(path)[1])
    if fmt is None:
        raise PhotoError("not_image", "the content is not a JPEG, PNG, WebP, TIFF, HEIC or RAW image")
    return fmt


def decode_photo(entry: FileEntry, data: bytes, digest: str, settings: IndexSettings, thumbs_dir: Path) -> LoadedPhoto:
    """The pipeline's decode step: one decode, metadata and thumbnail from bytes already read.

    Raises:
        PhotoError: with a stable ``kind`` when the file cannot be indexed.
    """
    fmt = image_format(data, entry.path)
    image, (width, height) = decode(data, fmt, settings)
    meta = read_metadata(data, entry).meta
    write_thumbnail(image, thumbnail_path(thumbs_dir, digest), settings.thumb_size)
    kind = "live" if entry.motion else "photo"
    return LoadedPhoto(entry, digest, fmt, width, height, meta, image, average_colour(image),
                       perceptual_hash(image), sharpness(image), kind)


def decode_video_file(entry: FileEntry, digest: str, settings: IndexSettings, thumbs_dir: Path) -> LoadedPhoto:
    """The pipeline's decode step for a video: its poster is the image the steps and the thumbnail see.

    Raises:
        PhotoError: with a stable ``kind`` when the video cannot be indexed.
    """
    try:
        video = read_video(entry.path, settings)
    except VideoError as exc:
        raise PhotoError(exc.kind, exc.reason) from None
    except MemoryError:
        raise PhotoError("too_large", "the video's frames do not fit in memory") from None
    write_thumbnail(video.poster, thumbnail_path(thumbs_dir, digest), settings.thumb_size)
    meta = with_file_time(video.meta, entry.mtime_ns)  # no date in the container: the file's, as for a photo
    return LoadedPhoto(entry, digest, video.format, video.width, video.height, meta, video.poster,
                       average_colour(video.poster), perceptual_hash(video.poster), sharpness(video.poster),
                       "video", round(video.duration, 3), video.frames)  # fmt: skip
