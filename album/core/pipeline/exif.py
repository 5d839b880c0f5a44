"""Read the metadata a photo carries: when, where, with what.

exifread does the parsing; this module turns its raw tags into trustworthy values. Cameras and phone
apps write a lot of broken EXIF (blank dates, ``0000:00:00``, 0/0 rationals, GPS refs missing,
makes padded with NULs), so every field is validated and a bad field is dropped on its own without
losing the rest of the photo's metadata.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import exifread
import pillow_heif
from PIL import Image

from album.core.records import Exposure

log = logging.getLogger(__name__)
T = TypeVar("T")


@functools.cache
def register_heif() -> None:
    """Teach Pillow HEIC/HEIF, once, when the first photo is read (not as a side effect of importing)."""
    pillow_heif.register_heif_opener()


class InvalidField(ValueError):
    """A metadata field that is present but impossible (a latitude of 91°, minutes past 60)."""


_DATETIME_RE = re.compile(
    r"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?"
    r"(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
# A full date and time followed by what no writer should write (a Photoshop-era "20:27:09.60:04:00"): the time
# is kept, the tail (an offset garbled past reading) is not.
_DATETIME_PREFIX_RE = re.compile(
    r"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?\D"
)
_OFFSET_RE = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")
_MAX_OFFSET_MIN = 14 * 60
# Corporate suffixes that make "NIKON CORPORATION" read like a camera brand again.
_MAKE_SUFFIXES = re.compile(
    r"[\s,]+(corporation|corp\.?|co\.?,?\s*ltd\.?|company|imaging|optical|digital solutions|"
    r"electronics|inc\.?|ltd\.?|gmbh|ag|s\.?a\.?|camera)\b.*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NamedRegion:
    """A face region a person named in another app (MWG, Microsoft People Tagging, a takeout's people).

    ``box`` is (x1, y1, x2, y2) as fractions of the photo; None when the source named the person
    without saying where (Google's takeouts).
    """

    name: str
    box: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class PhotoMeta:
    """The metadata of one photo, every field optional.

    ``taken_at`` is the wall-clock time the camera recorded (naive); ``tz_offset_min`` is its UTC
    offset when known, so the instant is ``taken_at - tz_offset``.
    """

    taken_at: datetime | None = None
    tz_offset_min: int | None = None
    date_source: str | None = None
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    lens: str | None = None
    orientation: int | None = None
    dropped: tuple[str, ...] = ()  # fields present in the file but unreadable or impossible, left out
    # What the user wrote in other apps (XMP, IPTC, takeouts): see album.core.pipeline.metadata.
    keywords: tuple[str, ...] = ()
    title: str | None = None
    description: str | None = None
    rating: int | None = None  # 0–5 stars, -1 rejected, None unrated
    label: str | None = None
    regions: tuple[NamedRegion, ...] = ()

    @property
    def camera(self) -> str | None:
        """Make and model as one display string, e.g. "Nikon D750"."""
        parts = [p for p in (self.camera_make, self.camera_model) if p]
        return " ".join(parts) or None


def _exifread(data: bytes) -> dict[str, Any]:
    if data.startswith(b"Exif\x00\x00"):
        data = data[6:]
    try:
        return dict(exifread.process_file(io.BytesIO(data), details=False, extract_thumbnail=False))
    except Exception as exc:  # exifread raises many kinds on garbage; metadata is optional
        log.debug("unreadable EXIF: %s", exc)
        return {}


def read_tags(data: bytes) -> dict[str, Any]:
    """Parse EXIF from a whole file (JPEG, TIFF/RAW, HEIC, PNG, WebP) or a bare TIFF/EXIF block.

    exifread misses the EXIF of some containers (e.g. HEIC from some writers, PNG eXIf chunks);
    Pillow (with pillow-heif) locates the block in those, and exifread then parses it.
    """
    register_heif()
    tags = _exifread(data)
    if tags or data.startswith((b"\xff\xd8", b"II*\x00", b"MM\x00*", b"Exif")):
        return tags
    try:
        with Image.open(io.BytesIO(data)) as container:
            block = container.info.get("exif")
    except Exception as exc:  # not an image Pillow knows: there is simply no EXIF to find
        log.debug("no EXIF container: %s", exc)
        return {}
    return _exifread(block) if block else {}


def _text(tags: dict[str, Any], key: str) -> str | None:
    tag = tags.get(key)
    if tag is None:
        return None
    values = tag.values
    if isinstance(values, bytes):
        values = values.decode("utf-8", "replace")
    if not isinstance(values, str):
        return None
    text = " ".join(values.replace("\x00", " ").split())
    return text or None


def _numbers(tags: dict[str, Any], key: str) -> list[Any]:
    tag = tags.get(key)
    values = getattr(tag, "values", None)
    return list(values) if isinstance(values, (list, tuple)) else []


def _ratio(value: Any) -> float | None:
    """A rational as a float; None for a zero denominator (except 0/0, which writers use for 0)."""
    num = getattr(value, "num", value)
    den = getattr(value, "den", 1)
    if den == 0:
        return 0.0 if num == 0 else None
    try:
        return float(num) / float(den)
    except (TypeError, ValueError):
        return None


def parse_offset(text: str | None) -> int | None:
    """``"+05:30"`` → 330 minutes; None for blanks and impossible offsets."""
    match = _OFFSET_RE.match(text or "")
    if not match:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or total > _MAX_OFFSET_MIN:
        return None
    return -total if sign == "-" else total


def parse_datetime(text: str | None, subsec: str | None = None) -> tuple[datetime, int | None] | None:
    """Parse an EXIF date (``"2023:07:15 18:30:00"`` and the variants writers produce).

    Returns the naive wall-clock time and an offset in minutes if the string carried one, or None
    for blank, zeroed or impossible dates.
    """
    match = _DATETIME_RE.match(text or "")
    prefix = None if match else _DATETIME_PREFIX_RE.match(text or "")
    if prefix:
        year, month, day, hour, minute, second, frac, zone = (*prefix.groups(), None)
    elif match:
        year, month, day, hour, minute, second, frac, zone = match.groups()
    else:
        return None
    digits = (subsec or "").strip() or frac or ""
    digits = digits if digits.isdigit() else ""
    try:
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if not 1826 <= value.year <= 2200:  # before the first photograph, or a garbage year
        return None
    if digits:
        value += timedelta(microseconds=int(digits[:6].ljust(6, "0")))
    offset = 0 if zone == "Z" else parse_offset(zone) if zone else None
    return value, offset


def _gps_coordinate(tags: dict[str, Any], key: str, ref_key: str, limit: float) -> float | None:
    parts = [_ratio(v) for v in _numbers(tags, key)]
    if not parts or None in parts:
        return None
    degrees, minutes, seconds = (float(p or 0.0) for p in [*parts, 0.0, 0.0][:3])
    if not (0 <= minutes <= 60 and 0 <= seconds <= 60):  # 60 happens: writers round 59.9999 up
        raise InvalidField(f"{key}: {degrees}° {minutes}′ {seconds}″")
    value = abs(degrees) + minutes / 60 + seconds / 3600
    ref = (_text(tags, ref_key) or "").upper()[:1]
    if ref in {"S", "W"} or (not ref and degrees < 0):
        value = -value
    if abs(value) > limit:
        raise InvalidField(f"{key}: {value}° is beyond ±{limit}°")
    return value


def _gps_offset(tags: dict[str, Any], local: datetime) -> int | None:
    """Derive the UTC offset from the GPS clock (always UTC), rounded to 15 minutes."""
    date = _text(tags, "GPS GPSDate")
    times = [_ratio(v) for v in _numbers(tags, "GPS GPSTimeStamp")]
    if not date or len(times) != 3 or any(t is None for t in times):
        return None
    parsed = parse_datetime(f"{date} 00:00:00")
    if parsed is None:
        return None
    hours, minutes, seconds = (float(t) for t in times if t is not None)
    utc = parsed[0] + timedelta(hours=hours, minutes=minutes, seconds=seconds)
    offset = round((local - utc).total_seconds() / 900) * 15
    return offset if abs(offset) <= _MAX_OFFSET_MIN else None


def _taken_at(tags: dict[str, Any]) -> tuple[datetime | None, int | None, str | None]:
    for source, date_key, subsec_key, offset_key in (
        ("exif", "EXIF DateTimeOriginal", "EXIF SubSecTimeOriginal", "EXIF OffsetTimeOriginal"),
        ("digitized", "EXIF DateTimeDigitized", "EXIF SubSecTimeDigitized", "EXIF OffsetTimeDigitized"),
        ("modified", "Image DateTime", "EXIF SubSecTime", "EXIF OffsetTime"),
    ):
        parsed = parse_datetime(_text(tags, date_key), _text(tags, subsec_key))
        if parsed is None:
            continue
        local, offset = parsed
        if offset is None:
            offset = parse_offset(_text(tags, offset_key))
        return local, offset, source
    return None, None, None


def normalise_make(make: str | None) -> str | None:
    """``"NIKON CORPORATION"`` → ``"Nikon"``, ``"OLYMPUS IMAGING CORP."`` → ``"Olympus"``."""
    if not make:
        return None
    make = _MAKE_SUFFIXES.sub("", make).strip(" ,.") or make
    if make.isupper() and len(make) > 3:  # keep acronyms such as LG, HTC, DJI
        make = make.title()
    return make


def normalise_model(model: str | None, make: str | None) -> str | None:
    """Drop the make from the front of the model so "Canon" + "Canon EOS R5" shows as "Canon EOS R5"."""
    if not model:
        return None
    if make:
        brand = make.split()[0]
        if model.lower().startswith(brand.lower() + " "):
            model = model[len(brand) + 1 :].strip()
    return model or None


def photo_meta(tags: dict[str, Any]) -> PhotoMeta:
    """Turn raw exifread tags into a validated :class:`PhotoMeta`, field by field.

    Each field is read and checked on its own: one that raises or holds an impossible value (a GPS
    clock hour of 4294967295, a latitude of 91°) is left out and named in ``dropped``; the photo and
    its other fields are kept.
    """
    dropped: list[str] = []

    def field(name: str, read: Callable[[], T]) -> T | None:
        try:
            return read()
        except Exception as exc:  # one bad field costs that field, never the photo
            log.debug("leaving out the %s field: %r", name, exc)
            dropped.append(name)
            return None

    taken_at, offset, source = field("date", lambda: _taken_at(tags)) or (None, None, None)
    if taken_at is not None and offset is None:
        local = taken_at
        offset = field("gps_time", lambda: _gps_offset(tags, local))
    lat = field("gps_latitude", lambda: _gps_coordinate(tags, "GPS GPSLatitude", "GPS GPSLatitudeRef", 90.0))
    lon = field("gps_longitude", lambda: _gps_coordinate(tags, "GPS GPSLongitude", "GPS GPSLongitudeRef", 180.0))
    if lat is None or lon is None or (lat == 0.0 and lon == 0.0):  # 0,0 is "no fix", not a place
        lat = lon = None
    alt = field("gps_altitude", lambda: _altitude(tags)) if lat is not None else None
    raw_make = field("camera_make", lambda: _text(tags, "Image Make"))
    make = normalise_make(raw_make)
    model = field("camera_model", lambda: normalise_model(_text(tags, "Image Model"), raw_make or make))
    return PhotoMeta(
        taken_at=taken_at,
        tz_offset_min=offset,
        date_source=source,
        lat=lat,
        lon=lon,
        alt=alt,
        camera_make=make,
        camera_model=model,
        lens=field("lens", lambda: _text(tags, "EXIF LensModel")),
        orientation=field("orientation", lambda: _orientation(tags)),
        dropped=tuple(dropped),
    )


def photo_exposure(tags: dict[str, Any]) -> Exposure:
    """Focal length, aperture, shutter time and ISO from raw exifread tags; an impossible or unreadable
    value (a 0/0 aperture, a negative time) is left out on its own, as in :func:`photo_meta`."""

    def positive(key: str) -> float | None:
        values = _numbers(tags, key)
        value = _ratio(values[0]) if values else None
        return value if value is not None and 0 < value < 1e6 else None

    focal_35mm = positive("EXIF FocalLengthIn35mmFilm")
    iso = positive("EXIF ISOSpeedRatings")
    return Exposure(
        focal_mm=positive("EXIF FocalLength"),
        focal_35mm_mm=round(focal_35mm) if focal_35mm else None,
        f_number=positive("EXIF FNumber"),
        exposure_s=positive("EXIF ExposureTime"),
        iso=round(iso) if iso else None,
    )


def read_exposure(path: str) -> Exposure:
    """The exposure a photo's file records; empty when the file cannot be read (an unplugged drive)."""
    try:
        with open(path, "rb") as file:
            tags = read_tags(file.read(EXPOSURE_HEAD_BYTES))
            if not tags:  # EXIF further in (a HEIC whose metadata box comes last): the whole file after all
                file.seek(0)
                tags = read_tags(file.read())
    except OSError as exc:
        log.debug("no exposure for %s: %s", path, exc)
        return Exposure()
    return photo_exposure(tags)


EXPOSURE_HEAD_BYTES = 1 << 20
"""How much of a file is read first for its exposure: a JPEG's EXIF is in its first 64 kB (one APP1 segment),
a TIFF-based raw's in its first IFDs; a 60 MB raw is not read whole to show four numbers."""


def _altitude(tags: dict[str, Any]) -> float | None:
    altitudes = [_ratio(v) for v in _numbers(tags, "GPS GPSAltitude")]
    if not altitudes or altitudes[0] is None:
        return None
    if abs(altitudes[0]) >= 100_000:
        raise InvalidField(f"GPS GPSAltitude: {altitudes[0]} m")
    ref = _numbers(tags, "GPS GPSAltitudeRef")
    return -altitudes[0] if ref and ref[0] == 1 else altitudes[0]


def _orientation(tags: dict[str, Any]) -> int | None:
    values = _numbers(tags, "Image Orientation")
    if not values:
        return None
    if not (isinstance(values[0], int) and 1 <= values[0] <= 8):
        raise InvalidField(f"Image Orientation: {values[0]!r}")
    return values[0]


def with_file_time(meta: PhotoMeta, mtime_ns: int) -> PhotoMeta:
    """Fall back to the file's modification time (flagged as such) when EXIF has no date."""
    if meta.taken_at is not None:
        return meta
    local = datetime.fromtimestamp(mtime_ns / 1e9).astimezone()
    offset = local.utcoffset()
    return dataclasses.replace(
        meta,
        taken_at=local.replace(tzinfo=None),
        tz_offset_min=int(offset.total_seconds() // 60) if offset is not None else None,
        date_source="file",
    )
