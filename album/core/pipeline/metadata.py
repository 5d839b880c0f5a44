"""Every date, place, camera and name a photo carries, from every source, with one precedence.

Sources, read one by one (each a :class:`~album.core.pipeline.xmp.Reading`): the file's EXIF
(exifread), its embedded XMP and IPTC, its maker notes, an XMP sidecar and a Google Takeout JSON
(:mod:`album.core.pipeline.sidecars` finds those). The first source in each order below that says
something wins:

- date: sidecar > EXIF original > XMP > takeout > EXIF digitised > maker note > EXIF modified > file
  time. A sidecar is what the user's editor wrote, so where it gives a date it has the last word
  (that is how a corrected date reaches album without touching the photo). The maker-note date is
  the camera's own clock, used where the EXIF has none (older compacts): it ranks below the EXIF
  digitised date as exiftool's CreateDate does, and above the "modified" date software rewrites.
- position: sidecar > EXIF > XMP > takeout; camera: sidecar > EXIF > XMP.
- title, description, rating, label: sidecar > XMP (with IPTC) > takeout; keywords are the union.
- named face regions: those of the first of sidecar, XMP and takeout that has any.

``date_source`` records which source the date came from, and :func:`read_metadata` returns every
reading, so ``album info`` can show what each source said.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass

from album.core.pipeline.exif import PhotoMeta, photo_meta, read_tags, with_file_time
from album.core.pipeline.scan import FileEntry, discover
from album.core.pipeline.sidecars import Sidecar
from album.core.pipeline.takeout import takeout_reading
from album.core.pipeline.xmp import Reading, embedded_readings, sidecar_reading

log = logging.getLogger(__name__)

DATE_ORDER = ("sidecar", "exif", "xmp", "takeout", "digitized", "makernote", "modified")
PLACE_ORDER = ("sidecar", "exif", "xmp", "takeout")
CAMERA_ORDER = ("sidecar", "exif", "xmp")
TEXT_ORDER = ("sidecar", "xmp", "takeout")
MAX_SIDECAR_BYTES = 16 * 1024 * 1024  # an XMP or JSON sidecar is kilobytes; anything larger is not one


@dataclass(frozen=True)
class Metadata:
    """A photo's merged metadata and what each source said."""

    meta: PhotoMeta
    readings: tuple[Reading, ...]


def exif_readings(meta: PhotoMeta, origin: str) -> list[Reading]:
    """The EXIF as readings: "exif" (position, camera, and the original date), and the digitised or
    modified date as a reading of its own, since those rank below the other sources' original dates."""
    date = Reading(meta.date_source or "exif", origin, taken_at=meta.taken_at, tz_offset_min=meta.tz_offset_min)
    main = Reading(
        "exif", origin, lat=meta.lat, lon=meta.lon, alt=meta.alt, camera_make=meta.camera_make,
        camera_model=meta.camera_model, problems=meta.dropped,
    )
    if date.source == "exif":
        main = dataclasses.replace(main, taken_at=date.taken_at, tz_offset_min=date.tz_offset_min)
    return [r for r in (main, date if date.source != "exif" else None) if r is not None and not r.empty]


def _read_sidecar(sidecar: Sidecar) -> Reading | None:
    try:
        if os.stat(sidecar.path).st_size > MAX_SIDECAR_BYTES:
            return Reading(sidecar.kind, sidecar.path, problems=("too_large",))
        with open(sidecar.path, "rb") as fh:
            data = fh.read()
    except OSError as exc:  # gone or unreadable since the scan: the photo is read without it
        log.debug("cannot read sidecar %r: %s", sidecar.path, exc)
        return None
    return sidecar_reading(data, sidecar.path) if sidecar.kind == "xmp" else takeout_reading(data, sidecar.path)


def _first(readings: list[Reading], order: tuple[str, ...], has: str) -> Reading | None:
    by_source = {r.source: r for r in reversed(readings) if getattr(r, has) not in (None, ())}
    return next((by_source[s] for s in order if s in by_source), None)


def merge(exif: PhotoMeta, readings: list[Reading]) -> PhotoMeta:
    """One :class:`PhotoMeta` from every source's reading, by the precedence in the module docstring."""
    date = _first(readings, DATE_ORDER, "taken_at")
    place = _first(readings, PLACE_ORDER, "lat")
    camera = _first(readings, CAMERA_ORDER, "camera_make") or _first(readings, CAMERA_ORDER, "camera_model")

    def text(name: str) -> str | int | None:
        reading = _first(readings, TEXT_ORDER, name)
        return getattr(reading, name) if reading else None

    keywords: dict[str, str] = {}
    for source in TEXT_ORDER:
        for reading in readings:
            if reading.source == source:
                for word in reading.keywords:
                    keywords.setdefault(word.casefold(), word)
    regions = _first(readings, TEXT_ORDER, "regions")
    dropped = list(exif.dropped) + [f"{r.source}:{p}" for r in readings if r.source != "exif" for p in r.problems]
    rating, title, description, label = text("rating"), text("title"), text("description"), text("label")
    return dataclasses.replace(
        exif,
        taken_at=date.taken_at if date else None,
        tz_offset_min=date.tz_offset_min if date else None,
        date_source=date.source if date else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        alt=place.alt if place else None,
        camera_make=camera.camera_make if camera else None,
        camera_model=camera.camera_model if camera else None,
        dropped=tuple(dropped),
        keywords=tuple(keywords.values()),
        title=title if isinstance(title, str) else None,
        description=description if isinstance(description, str) else None,
        rating=rating if isinstance(rating, int) else None,
        label=label if isinstance(label, str) else None,
        regions=regions.regions if regions else (),
    )


def read_metadata(data: bytes, entry: FileEntry) -> Metadata:
    """Read every source of ``entry``'s metadata (its bytes ``data`` and its sidecars) and merge them."""
    exif = photo_meta(read_tags(data))
    readings = exif_readings(exif, entry.path) + embedded_readings(data, entry.path)
    readings += [r for r in map(_read_sidecar, entry.sidecars) if r is not None and not r.empty]
    meta = with_file_time(merge(exif, readings), entry.mtime_ns)
    if meta.date_source == "file":
        readings.append(Reading("file", entry.path, taken_at=meta.taken_at, tz_offset_min=meta.tz_offset_min))
    return Metadata(meta, tuple(readings))


def sources_of(path: str, max_bytes: int) -> tuple[Reading, ...]:
    """What each source of the photo at ``path`` says, read now from the file and its sidecars."""
    found = discover([path]).files
    if not found or found[0].size > max_bytes:
        return ()
    with open(found[0].path, "rb") as fh:
        data = fh.read()
    return read_metadata(data, found[0]).readings
