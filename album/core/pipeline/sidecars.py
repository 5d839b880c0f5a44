"""Find the files next to a photo that describe it: XMP sidecars and Google Takeout JSON.

Editors write XMP sidecars in two styles: digiKam and darktable append ``.xmp`` to the whole name
(``IMG_1234.JPG.xmp``), Lightroom and Capture One replace the extension (``IMG_1234.xmp``). Google
Takeout writes ``IMG_1234.jpg.json``, since 2024 ``IMG_1234.jpg.supplemental-metadata.json``; it cuts
the JSON's name (before ``.json``) to 46 characters, or 47 in some exports, so a long name keeps a
truncated ``...supplemental-met.json`` or loses part of its extension; a second photo of the same
name, ``IMG_1234(1).jpg``, gets ``IMG_1234.jpg(1).json``, and an edited copy ``IMG_1234-edited.jpg``
shares the original's JSON.

The sidecars a scan found are part of the photo's identity for change detection: their names, sizes
and times make a stamp, and a photo whose stamp changed has its metadata read again.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass

XMP_EXTS = (".xmp", ".XMP", ".Xmp")
SIDECAR_EXTS = {".xmp", ".json"}
TAKEOUT_LIMITS = (46, 47)  # the lengths Google cuts a JSON's name (before ".json") to
SUPPLEMENTAL = ".supplemental-metadata"
EDITED_SUFFIXES = ("-edited", "-bearbeitet", "-modifié", "-editado", "-modificato", "-bewerkt")


@dataclass(frozen=True)
class Sidecar:
    """A file describing a photo: ``kind`` is "xmp" or "takeout"."""

    path: str
    kind: str
    size: int
    mtime_ns: int


def _numbered(name: str) -> tuple[str, str]:
    """``IMG_1234(1).jpg`` → (``IMG_1234.jpg``, ``(1)``); a name without a copy number → (name, "")."""
    stem, ext = os.path.splitext(name)
    if stem.endswith(")") and "(" in stem:
        base, _, number = stem[:-1].rpartition("(")
        if number.isdigit() and base:
            return base + ext, f"({number})"
    return name, ""


def _unedited(name: str) -> str:
    stem, ext = os.path.splitext(name)
    for suffix in EDITED_SUFFIXES:
        if stem.endswith(suffix):
            return stem[: -len(suffix)] + ext
    return name


def xmp_names(name: str) -> list[str]:
    """The sidecar names an XMP-writing editor gives photo ``name``, the whole-name style first."""
    stem = os.path.splitext(name)[0]
    return [base + ext for base in (name, stem) for ext in XMP_EXTS]


def takeout_names(name: str, present: Collection[str]) -> list[str]:
    """The Takeout JSON names among ``present`` that belong to photo ``name``, the most specific first."""
    base, number = _numbered(_unedited(name))
    full = base + SUPPLEMENTAL
    shortest = min(len(base), *TAKEOUT_LIMITS)
    wanted = [base + number + ".json"]
    # The supplemental name, whole or cut anywhere (Google cuts it to fit), numbered after the cut.
    wanted += [full[:cut] + number + ".json" for cut in range(len(full), shortest - 1, -1)]
    wanted.append(os.path.splitext(base)[0] + number + ".json")
    return [n for n in dict.fromkeys(wanted) if n in present]


def find_sidecars(folder: str, name: str, listing: dict[str, tuple[int, int]]) -> tuple[Sidecar, ...]:
    """Photo ``name``'s sidecars among ``listing`` (the folder's sidecar-like files: name → (size, mtime_ns)).

    At most one of each kind: the XMP of the whole-name style wins over the replaced-extension one
    (digiKam writes the first, and a folder holding both usually holds ``IMG_1234.JPG`` and
    ``IMG_1234.CR2`` sharing the second).
    """
    found: list[Sidecar] = []
    xmp = next((n for n in xmp_names(name) if n in listing), None)
    if xmp is not None:
        found.append(Sidecar(os.path.join(folder, xmp), "xmp", *listing[xmp]))
    takeout = takeout_names(name, listing)
    if takeout:
        found.append(Sidecar(os.path.join(folder, takeout[0]), "takeout", *listing[takeout[0]]))
    return tuple(found)


def sidecar_stamp(sidecars: tuple[Sidecar, ...]) -> str:
    """The sidecars' names, sizes and times as one string ("" for none): a change means "read again"."""
    return ";".join(f"{os.path.basename(s.path)}:{s.size}:{s.mtime_ns}" for s in sidecars)


def is_sidecar_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SIDECAR_EXTS


def listing_of(folder: str) -> dict[str, tuple[int, int]]:
    """The sidecar-like files of one folder (for a photo given on its own, outside a folder walk)."""
    found: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if is_sidecar_name(entry.name) and entry.is_file():
                    st = entry.stat()
                    found[entry.name] = (st.st_size, st.st_mtime_ns)
    except OSError:
        pass
    return found
