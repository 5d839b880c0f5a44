"""Compare every date album reads in a folder with what exiftool reads there, and print the agreement.

    python bench/dates_vs_exiftool.py FOLDER... [--show N]

For each photo album finds (with its sidecars), album's date and its source (``date_source``) are
read as indexing reads them, and exiftool is asked, once for all files, for the dates of the file that
source is (the photo, or its XMP sidecar). Two figures:

- **headline**: photos where exiftool has a ``DateTimeOriginal`` or ``CreateDate`` (EXIF first, then
  XMP, as exiftool prefers them): how many get the same wall-clock time from album (to the second);
- **per source**: album's date against exiftool's reading of the same tag (EXIF DateTimeOriginal,
  XMP date, sidecar, Pentax maker note, EXIF CreateDate/ModifyDate); takeout JSON and file times have
  no exiftool tag to compare with and are counted apart.

Needs exiftool (``apt-get install libimage-exiftool-perl``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime

from album.core.pipeline.exif import photo_meta, read_tags
from album.core.pipeline.metadata import read_metadata
from album.core.pipeline.scan import discover
from album.core.pipeline.xmp import xmp_datetime

TAGS = ["-DateTimeOriginal", "-CreateDate", "-DateCreated", "-ModifyDate", "-Pentax:Date", "-Pentax:Time"]
HEADLINE = ["ExifIFD:DateTimeOriginal", "XMP-exif:DateTimeOriginal", "ExifIFD:CreateDate", "XMP-xmp:CreateDate"]
XMP_KEYS = ["XMP-exif:DateTimeOriginal", "XMP-photoshop:DateCreated", "XMP-xmp:CreateDate"]
BY_SOURCE = {"exif": ["ExifIFD:DateTimeOriginal"], "digitized": ["ExifIFD:CreateDate"], "modified": ["IFD0:ModifyDate"],
             "xmp": XMP_KEYS, "sidecar": XMP_KEYS}  # fmt: skip


def exiftool_dates(files: list[str]) -> dict[str, dict[str, str]]:
    """exiftool's date tags of every file, keyed by path (one exiftool run over an argument file)."""
    if not files:
        return {}
    with tempfile.NamedTemporaryFile("w", suffix=".args", delete=False) as args:
        args.write("\n".join(files))
    try:
        out = subprocess.run(["exiftool", "-j", "-a", "-G1", "-q", "-q", *TAGS, "-@", args.name],
                             capture_output=True, text=True, check=False).stdout  # fmt: skip
    finally:
        os.unlink(args.name)
    return {os.path.abspath(r["SourceFile"]): r for r in json.loads(out or "[]")}


def as_time(value: object) -> datetime | None:
    """An exiftool date as naive wall-clock time to the second (offset and subseconds dropped)."""
    if not isinstance(value, str):
        return None
    parsed = xmp_datetime(value)
    return parsed[0].replace(microsecond=0) if parsed else None


def pentax(tags: dict[str, str]) -> datetime | None:
    date, time = tags.get("Pentax:Date"), tags.get("Pentax:Time")
    return as_time(f"{date} {time}") if date and time else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--show", type=int, default=10, help="disagreements to list")
    args = parser.parse_args()

    ours: dict[str, tuple[datetime | None, str | None, str]] = {}  # path → (date, source, file exiftool reads)
    failed = 0
    seconds = {"album (every source)": 0.0, "EXIF alone (exifread)": 0.0}
    for entry in discover(args.folders).files:
        try:
            with open(entry.path, "rb") as fh:
                data = fh.read()
        except OSError:
            failed += 1
            continue
        started = time.perf_counter()
        meta = read_metadata(data, entry).meta
        seconds["album (every source)"] += time.perf_counter() - started
        started = time.perf_counter()
        photo_meta(read_tags(data))
        seconds["EXIF alone (exifread)"] += time.perf_counter() - started
        read_from = next((s.path for s in entry.sidecars if s.kind == "xmp"), entry.path)
        taken = meta.taken_at.replace(microsecond=0) if meta.taken_at else None
        ours[entry.path] = (taken, meta.date_source, read_from if meta.date_source == "sidecar" else entry.path)
    theirs = exiftool_dates(sorted({f for _t, _s, f in ours.values()}))

    headline = Counter[str]()
    per_source: dict[str, Counter[str]] = {}
    wrong: list[str] = []
    for path, (taken, source, read_from) in sorted(ours.items()):
        tags = theirs.get(os.path.abspath(read_from), {})
        first = next((as_time(tags[k]) for k in HEADLINE if as_time(tags.get(k)) is not None), None)
        if first is not None:
            same = taken == first
            headline["same" if same else "different"] += 1
            if not same:
                wrong.append(f"  {path}: album {taken} ({source}), exiftool {first}")
        counts = per_source.setdefault(source or "none", Counter())
        if source == "makernote":
            expected = pentax(tags)
        else:
            expected = next((as_time(tags[k]) for k in BY_SOURCE.get(source or "", []) if as_time(tags.get(k))), None)
        if source in ("takeout", "file") or source not in (*BY_SOURCE, "makernote"):
            counts["no exiftool tag"] += 1
        else:
            counts["same" if taken == expected else "different"] += 1

    print(f"{' '.join(args.folders)}: {len(ours)} photos, {failed} unreadable")
    total = headline["same"] + headline["different"]
    share = f"{100 * headline['same'] / total:.1f} %" if total else "n/a"
    print(f"headline: exiftool has DateTimeOriginal/CreateDate for {total} photos; album agrees on "
          f"{headline['same']} ({share}), differs on {headline['different']}")  # fmt: skip
    for source, counts in sorted(per_source.items()):
        print(f"  {source:>10}: " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items())))
    for what, spent in seconds.items():
        print(f"time to read the metadata, {what}: {1000 * spent / max(1, len(ours)):.2f} ms a photo")
    if wrong:
        print(f"disagreements (first {args.show}):")
        print("\n".join(wrong[: args.show]))
    return 0 if not headline["different"] else 1


if __name__ == "__main__":
    sys.exit(main())
