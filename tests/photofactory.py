"""Make real image files with real EXIF for tests and benchmarks (piexif writes the EXIF blocks)."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import piexif
import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()


def _rational(value: float, denominator: int = 10000) -> tuple[int, int]:
    frac = Fraction(value).limit_denominator(denominator)
    return frac.numerator, frac.denominator


def _dms(value: float) -> tuple[tuple[int, int], ...]:
    total_ms = round(abs(value) * 3_600_000)
    degrees, rest = divmod(total_ms, 3_600_000)
    minutes, millis = divmod(rest, 60_000)
    return (degrees, 1), (minutes, 1), (millis, 1000)


@dataclass
class Exif:
    """The EXIF a test photo should carry; None fields are left out."""

    taken: datetime | None = None
    offset: str | None = None  # "+02:00"
    subsec: str | None = None
    digitized: datetime | None = None
    modified: datetime | None = None
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None
    make: str | None = None
    model: str | None = None
    lens: str | None = None
    orientation: int | None = None
    gps_utc: datetime | None = None

    def dump(self) -> bytes:
        zeroth: dict[int, object] = {}
        exif: dict[int, object] = {}
        gps: dict[int, object] = {}
        fmt = "%Y:%m:%d %H:%M:%S"
        if self.make is not None:
            zeroth[piexif.ImageIFD.Make] = self.make.encode()
        if self.model is not None:
            zeroth[piexif.ImageIFD.Model] = self.model.encode()
        if self.orientation is not None:
            zeroth[piexif.ImageIFD.Orientation] = self.orientation
        if self.modified is not None:
            zeroth[piexif.ImageIFD.DateTime] = self.modified.strftime(fmt).encode()
        if self.taken is not None:
            exif[piexif.ExifIFD.DateTimeOriginal] = self.taken.strftime(fmt).encode()
        if self.digitized is not None:
            exif[piexif.ExifIFD.DateTimeDigitized] = self.digitized.strftime(fmt).encode()
        if self.offset is not None:
            exif[piexif.ExifIFD.OffsetTimeOriginal] = self.offset.encode()
        if self.subsec is not None:
            exif[piexif.ExifIFD.SubSecTimeOriginal] = self.subsec.encode()
        if self.lens is not None:
            exif[piexif.ExifIFD.LensModel] = self.lens.encode()
        if self.lat is not None and self.lon is not None:
            gps[piexif.GPSIFD.GPSLatitudeRef] = b"N" if self.lat >= 0 else b"S"
            gps[piexif.GPSIFD.GPSLatitude] = _dms(self.lat)
            gps[piexif.GPSIFD.GPSLongitudeRef] = b"E" if self.lon >= 0 else b"W"
            gps[piexif.GPSIFD.GPSLongitude] = _dms(self.lon)
        if self.alt is not None:
            gps[piexif.GPSIFD.GPSAltitudeRef] = 0 if self.alt >= 0 else 1
            gps[piexif.GPSIFD.GPSAltitude] = _rational(abs(self.alt), 100)
        if self.gps_utc is not None:
            gps[piexif.GPSIFD.GPSDateStamp] = self.gps_utc.strftime("%Y:%m:%d").encode()
            t = self.gps_utc
            gps[piexif.GPSIFD.GPSTimeStamp] = ((t.hour, 1), (t.minute, 1), (t.second, 1))
        return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps})


def scene(width: int = 640, height: int = 480, seed: int = 0) -> Image.Image:
    """A photo-like test image: a gradient with a few coloured blocks (compresses like a photo)."""
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    tint = Image.new("RGB", (width, height), ((seed * 53) % 256, (seed * 97) % 256, (seed * 151) % 256))
    image = Image.blend(base, tint, 0.5)
    block = Image.new("RGB", (max(1, width // 4), max(1, height // 4)), ((seed * 31) % 256, 200, 40))
    image.paste(block, ((seed * 37) % max(1, width - block.width), (seed * 17) % max(1, height - block.height)))
    return image


def write_photo(path: Path, exif: Exif | None = None, image: Image.Image | None = None, fmt: str | None = None) -> Path:
    """Save ``image`` (default: a 640×480 scene) at ``path`` with ``exif``; format from the suffix."""
    image = image if image is not None else scene()
    kwargs: dict[str, object] = {}
    if exif is not None:
        kwargs["exif"] = exif.dump()
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = fmt or {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".heic": "HEIF",
                  ".tif": "TIFF", ".tiff": "TIFF"}[path.suffix.lower()]  # fmt: skip
    if fmt == "JPEG":
        kwargs["quality"] = 90
    image.save(path, fmt, **kwargs)
    return path


def png_bomb(path: Path, width: int = 50_000, height: int = 50_000) -> Path:
    """A tiny PNG whose header claims a gigantic image (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return path


def jpeg_bomb(path: Path, width: int = 60_000, height: int = 60_000) -> Path:
    """A small JPEG whose frame header (SOF0) claims a gigantic size."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    path.write_bytes(bytes(data))
    return path
