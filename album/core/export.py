"""Export photos to a folder: the originals as they are, or resized JPEGs with or without their metadata.

Exporting only reads the photos and only writes into the destination, and never replaces a file there:
a name already taken gets " (2)", " (3)"… The originals are copied with their dates (``shutil.copy2``);
a resized copy is the upright picture at most ``long_edge`` pixels wide or high, and keeps the file's
EXIF (orientation reset, since the pixels are upright now), XMP and colour profile unless asked to
strip them. Stripping drops EXIF and XMP (dates, GPS, camera, names) and keeps only the colour profile,
which says how to show the colours and nothing about the photo.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from album.core.config import IndexSettings
from album.core.pipeline.exif import register_heif
from album.core.pipeline.media import PhotoError, decode

log = logging.getLogger(__name__)

ExportProgress = Callable[[int, int], None]
ORIENTATION_TAG = 0x0112


@dataclass(frozen=True)
class ExportOptions:
    """How to export: ``long_edge`` None copies the originals; a number writes JPEGs that size."""

    long_edge: int | None = None
    strip_metadata: bool = False
    quality: int = 90


@dataclass
class ExportReport:
    """What an export wrote (in order), what failed and why, and whether it was cancelled."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def free_name(folder: Path, name: str, taken: set[str]) -> Path:
    """``folder/name``, or ``name (2)``… when a file (or an earlier photo of this export) has that name."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while candidate.casefold() in taken or (folder / candidate).exists():
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.casefold())
    return folder / candidate


def resized_jpeg(source: Path, target: Path, fmt: str, options: ExportOptions) -> None:
    """Write ``source`` upright and at most ``options.long_edge`` pixels across as a JPEG at ``target``."""
    edge = options.long_edge or 0
    data = source.read_bytes()
    image, _size = decode(data, fmt, IndexSettings(decode_size=edge))
    image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    extra: dict[str, object] = {}
    if fmt != "raw":
        register_heif()
        with Image.open(source) as original:
            if original.info.get("icc_profile"):
                extra["icc_profile"] = original.info["icc_profile"]
            if not options.strip_metadata:
                exif = original.getexif()
                if ORIENTATION_TAG in exif:
                    exif[ORIENTATION_TAG] = 1
                extra["exif"] = exif.tobytes()
                xmp = original.info.get("xmp") or original.info.get("XML:com.adobe.xmp")
                if xmp:
                    extra["xmp"] = xmp.encode() if isinstance(xmp, str) else xmp
    image.save(target, "JPEG", quality=options.quality, optimize=True, **extra)


def export_photos(
    photos: Sequence[tuple[str, str | None]],
    dest: Path,
    options: ExportOptions,
    progress: ExportProgress | None = None,
    cancel: threading.Event | None = None,
) -> ExportReport:
    """Export photos, given as (path, format), into ``dest`` (created if needed), in order.

    A photo that cannot be read is reported and skipped; cancelling stops between photos and keeps
    what was written.
    """
    dest.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    taken: set[str] = set()
    for done, (path, fmt) in enumerate(photos):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        source = Path(path)
        try:
            if options.long_edge is None:
                target = free_name(dest, source.name, taken)
                shutil.copy2(source, target)
            else:
                target = free_name(dest, source.stem + ".jpg", taken)
                resized_jpeg(source, target, fmt or "", options)
            report.written.append(target)
        except (OSError, PhotoError, ValueError) as exc:
            log.warning("could not export %s: %s", path, exc)
            report.failed.append((path, str(exc)))
        if progress is not None:
            progress(done + 1, len(photos))
    return report
