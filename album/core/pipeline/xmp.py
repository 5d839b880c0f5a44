"""Read what exifread does not: XMP (embedded and sidecars), IPTC and the dates in cameras' maker notes.

The library is pyexiv2 (Exiv2 0.28 bundled in its wheel). Measured here for Python 3.11 on Linux:
pyexiv2 installs 4.8 MB and imports in 32 ms; python-exiv2 (the other Exiv2 binding) installs 48 MB
and imports in 65 ms for the same C++ library; Pillow's XMP support needs defusedxml and reads neither
IPTC, nor maker notes, nor the structures (face regions) an XMP packet holds, which we would have to
walk by hand. Exiv2 is the reader digiKam and gThumb use: its XMP toolkit parses the packet (never a
regular expression over bytes), it reads XMP sidecar files as images of their own, and it knows the
maker notes of the big camera makers. exifread stays album's EXIF reader (it is proven on album's
corpus); this module only reads what exifread leaves.

pyexiv2 calls hold the GIL for their whole length, so reads from the decode threads take turns
inside Exiv2 (a read is a few milliseconds; the decode around it is far longer).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from album.core.pipeline.exif import NamedRegion, normalise_make, normalise_model, parse_datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    """What one source of metadata said about a photo; every field optional.

    ``source`` is one of "exif", "digitized", "modified", "xmp", "sidecar", "makernote", "takeout" or
    "file"; ``origin`` is the file it was read from (the photo itself, or a sidecar).
    """

    source: str
    origin: str
    taken_at: datetime | None = None
    tz_offset_min: int | None = None
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    keywords: tuple[str, ...] = ()
    title: str | None = None
    description: str | None = None
    rating: int | None = None
    label: str | None = None
    regions: tuple[NamedRegion, ...] = ()
    problems: tuple[str, ...] = field(default=())  # fields present but unreadable

    def said(self) -> dict[str, Any]:
        """The fields this source gave (JSON-ready), for ``album info``."""
        said: dict[str, Any] = {}
        for item in dataclasses.fields(self)[2:]:
            value = getattr(self, item.name)
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = [v.name if isinstance(v, NamedRegion) else v for v in value] or None
            if value is not None:
                said[item.name] = value
        return said

    @property
    def empty(self) -> bool:
        return not self.said()


@functools.cache
def _pyexiv2() -> Any:
    """Import pyexiv2 on first use, with Exiv2's own warnings muted (album logs what it drops)."""
    import pyexiv2

    pyexiv2.set_log_level(4)
    return pyexiv2


def read_blocks(data: bytes) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The XMP, IPTC and EXIF (with maker notes) Exiv2 finds in a file's bytes; empty for what it cannot read."""
    try:
        image = _pyexiv2().ImageData(data)
    except Exception as exc:  # a format Exiv2 does not know, or a damaged file: nothing more to read
        log.debug("Exiv2 cannot open the file: %s", exc)
        return {}, {}, {}
    blocks: list[dict[str, Any]] = []
    try:
        for read in (image.read_xmp, image.read_iptc, image.read_exif):
            try:
                blocks.append(read())
            except Exception as exc:  # one unreadable block costs that block
                log.debug("Exiv2 cannot read a block: %s", exc)
                blocks.append({})
    finally:
        image.close()
    return blocks[0], blocks[1], blocks[2]


def _text(value: Any) -> str | None:
    """A plain, language-alternative (``{'lang="x-default"': ...}``) or list value as one string."""
    if isinstance(value, dict):
        value = value.get('lang="x-default"') or next(iter(value.values()), None)
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [" ".join(v.split()) for v in items if isinstance(v, str) and v.strip()]


def xmp_datetime(text: str | None) -> tuple[datetime, int | None] | None:
    """An XMP date (``2019-06-01T10:11:12+02:00``, or a bare day ``2019-06-01``, read as its midnight)."""
    if not text:
        return None
    parsed = parse_datetime(text)
    if parsed is None and len(text.strip()) == 10:
        parsed = parse_datetime(text.strip() + " 00:00:00")
    return parsed


def xmp_coordinate(text: str | None, limit: float) -> float | None:
    """XMP's ``"48,51.504N"`` / ``"48,51,30.24N"`` (degrees, minutes[, seconds], reference) in degrees."""
    text = (text or "").strip()
    if len(text) < 2 or text[-1].upper() not in "NSEW":
        return None
    parts = [float(p) for p in text[:-1].split(",")]
    degrees = parts[0] + sum(p / 60**i for i, p in enumerate(parts[1:3], start=1))
    if not 0 <= degrees <= limit:
        raise ValueError(f"{text}: beyond ±{limit}°")
    return -degrees if text[-1].upper() in "SW" else degrees


def _ratio(text: str | None) -> float | None:
    if not text:
        return None
    num, _, den = text.partition("/")
    return float(num) / float(den or 1)


def stars(xmp: dict[str, Any]) -> int | None:
    """xmp:Rating (-1 rejected, 0–5), else MicrosoftPhoto:Rating (percent: 1, 25, 50, 75, 99) as stars."""
    rating = xmp.get("Xmp.xmp.Rating")
    if isinstance(rating, str) and rating.strip():
        return max(-1, min(5, round(float(rating))))
    percent = xmp.get("Xmp.MicrosoftPhoto.Rating")
    if isinstance(percent, str) and percent.strip():
        value = float(percent)
        return 0 if value <= 0 else min(5, round(value / 25) + 1)
    return None


def keywords(xmp: dict[str, Any], iptc: dict[str, Any]) -> tuple[str, ...]:
    """dc:subject, lr:hierarchicalSubject (each path and its leaf) and IPTC Keywords, first seen first."""
    found = _list(xmp.get("Xmp.dc.subject"))
    for path in _list(xmp.get("Xmp.lr.hierarchicalSubject")):
        leaf = path.split("|")[-1].strip()
        found += [leaf, path] if leaf != path else [path]
    found += _list(iptc.get("Iptc.Application2.Keywords"))
    seen: dict[str, str] = {}
    for word in found:
        seen.setdefault(word.casefold(), word)
    return tuple(seen.values())


def _items(xmp: dict[str, Any], prefix: str) -> dict[int, dict[str, str]]:
    """The members of an XMP array of structures, by index: ``prefix[3]/a:Name`` → ``{3: {"a:Name": ...}}``."""
    items: dict[int, dict[str, str]] = {}
    for key, value in xmp.items():
        if not key.startswith(prefix + "[") or not isinstance(value, str):
            continue
        index, _, rest = key[len(prefix) + 1 :].partition("]")
        if index.isdigit() and rest.startswith("/"):
            items.setdefault(int(index), {})[rest[1:]] = value
    return items


def _box(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float, float, float] | None:
    clipped = (max(0.0, x1), max(0.0, y1), min(1.0, x2), min(1.0, y2))
    return clipped if clipped[2] > clipped[0] and clipped[3] > clipped[1] else None


def regions(xmp: dict[str, Any]) -> tuple[NamedRegion, ...]:
    """Named face regions: MWG (``mwg-rs:Regions``: centre and size) and Microsoft (``MP:RegionInfo``:
    top-left corner and size), both as fractions of the photo."""
    found: list[NamedRegion] = []
    for item in _items(xmp, "Xmp.mwg-rs.Regions/mwg-rs:RegionList").values():
        name = (item.get("mwg-rs:Name") or "").strip()
        if not name or item.get("mwg-rs:Type", "Face") != "Face":
            continue
        try:
            x, y, w, h = (float(item[f"mwg-rs:Area/stArea:{k}"]) for k in "xywh")
        except (KeyError, ValueError):
            found.append(NamedRegion(name))
            continue
        found.append(NamedRegion(name, _box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)))
    for item in _items(xmp, "Xmp.MP.RegionInfo/MPRI:Regions").values():
        name = (item.get("MPReg:PersonDisplayName") or "").strip()
        if not name:
            continue
        try:
            x, y, w, h = (float(v) for v in item.get("MPReg:Rectangle", "").split(","))
        except ValueError:
            found.append(NamedRegion(name))
            continue
        found.append(NamedRegion(name, _box(x, y, x + w, y + h)))
    return tuple(dict.fromkeys(found))


def read_xmp(xmp: dict[str, Any], iptc: dict[str, Any], source: str, origin: str) -> Reading:
    """One XMP packet (with the file's IPTC, if any) as a :class:`Reading`, field by field: a field that
    cannot be read is named in ``problems`` and the others are kept."""
    problems: list[str] = []

    def field_(name: str, read: Any) -> Any:
        try:
            return read()
        except Exception as exc:  # one bad field costs that field
            log.debug("leaving out the XMP %s field: %r", name, exc)
            problems.append(name)
            return None

    def date() -> tuple[datetime, int | None] | None:
        for key in ("Xmp.exif.DateTimeOriginal", "Xmp.photoshop.DateCreated", "Xmp.xmp.CreateDate"):
            parsed = xmp_datetime(_text(xmp.get(key)))
            if parsed is not None:
                return parsed
        return None

    when = field_("date", date)
    lat = field_("gps_latitude", lambda: xmp_coordinate(_text(xmp.get("Xmp.exif.GPSLatitude")), 90.0))
    lon = field_("gps_longitude", lambda: xmp_coordinate(_text(xmp.get("Xmp.exif.GPSLongitude")), 180.0))
    if lat is None or lon is None or (lat == 0.0 and lon == 0.0):
        lat = lon = None
    alt = field_("gps_altitude", lambda: _ratio(_text(xmp.get("Xmp.exif.GPSAltitude")))) if lat is not None else None
    if alt is not None and _text(xmp.get("Xmp.exif.GPSAltitudeRef")) == "1":
        alt = -alt
    raw_make = _text(xmp.get("Xmp.tiff.Make"))
    return Reading(
        source=source,
        origin=origin,
        taken_at=when[0] if when else None,
        tz_offset_min=when[1] if when else None,
        lat=lat,
        lon=lon,
        alt=alt,
        camera_make=normalise_make(raw_make),
        camera_model=normalise_model(_text(xmp.get("Xmp.tiff.Model")), raw_make),
        keywords=keywords(xmp, iptc),
        title=_text(xmp.get("Xmp.dc.title")) or _text(iptc.get("Iptc.Application2.ObjectName")),
        description=_text(xmp.get("Xmp.dc.description")) or _text(iptc.get("Iptc.Application2.Caption")),
        rating=field_("rating", lambda: stars(xmp)),
        label=_text(xmp.get("Xmp.xmp.Label")),
        regions=field_("regions", lambda: regions(xmp)) or (),
        problems=tuple(problems),
    )


def _bytes(text: str) -> list[int]:
    """Exiv2 prints an undefined-type value as its bytes in decimal (``"7 212 5 6"``)."""
    return [int(v) for v in text.split()]


def makernote_date(exif: dict[str, Any]) -> datetime | None:
    """The capture time older cameras keep in their maker notes, where exifread does not look.

    Pentax (and the Pentax-built Ricoh, Samsung and Asahi compacts) store the date as four bytes (year
    big-endian, month, day) and the time as three; a camera whose clock was never set leaves them
    zero, which is no date.
    """
    for group in ("Exif.Pentax", "Exif.PentaxDng"):
        date, time = exif.get(f"{group}.Date"), exif.get(f"{group}.Time")
        if not isinstance(date, str) or not isinstance(time, str):
            continue
        try:
            d, t = _bytes(date), _bytes(time)
            if len(d) == 4 and len(t) >= 3 and 1826 <= d[0] * 256 + d[1] <= 2200:
                return datetime(d[0] * 256 + d[1], d[2], d[3], t[0], t[1], t[2])
        except ValueError:
            log.debug("unreadable maker-note date %r %r", date, time)
    return None


def embedded_readings(data: bytes, origin: str) -> list[Reading]:
    """What a photo's own XMP/IPTC packet and maker notes say (exifread reads its EXIF)."""
    xmp, iptc, exif = read_blocks(data)
    found = [read_xmp(xmp, iptc, "xmp", origin)] if xmp or iptc else []
    taken = makernote_date(exif)
    if taken is not None:
        found.append(Reading("makernote", origin, taken_at=taken))
    return [r for r in found if not r.empty]


def sidecar_reading(data: bytes, origin: str) -> Reading:
    """What an XMP sidecar (``IMG_1234.xmp``, ``IMG_1234.JPG.xmp``) says; Exiv2 reads it as an image."""
    xmp, iptc, _exif = read_blocks(data)
    if not xmp and data.strip():
        return Reading("sidecar", origin, problems=("xmp",))
    return read_xmp(xmp, iptc, "sidecar", origin)
