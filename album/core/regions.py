"""Named face regions from other apps become people: the best possible start for the people view.

digiKam, Lightroom, Picasa, Windows Photo Gallery and Apple write a box and a name for each person they
were told about (MWG regions, Microsoft People Tagging). A face album detects inside such a box gets
that name as if the user had typed it in album (:func:`album.core.people.name_face`): it creates or
joins the person of that name, counts as a user decision, and clustering and recognition respect it.
A face the user already placed in album is left alone: what they decided here is newer than the
other app's tag. Regions in which no face was detected stay on the photo (``region_names``) for the
viewer to show.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from album.core.people import name_face
from album.core.pipeline.exif import NamedRegion

if TYPE_CHECKING:
    from album.core.store.faces import FaceRow, FaceStore

log = logging.getLogger(__name__)

MIN_COVER = 0.5  # share of the detected face's box that must lie inside the region


def _cover(face: tuple[float, float, float, float], region: tuple[float, float, float, float]) -> float:
    """How much of ``face`` lies inside ``region`` (0–1)."""
    width = min(face[2], region[2]) - max(face[0], region[0])
    height = min(face[3], region[3]) - max(face[1], region[1])
    area = (face[2] - face[0]) * (face[3] - face[1])
    return max(0.0, width) * max(0.0, height) / area if area > 0 else 0.0


def match_regions(regions: Sequence[NamedRegion], faces: Sequence[FaceRow]) -> list[tuple[str, str]]:
    """(face id, name) for each named region holding a detected face: the best-covered pairs first, one
    face per region and one region per face; a region over two faces names the one it covers most."""
    pairs = sorted(
        ((_cover(face.bbox, region.box), face.id, i) for face in faces for i, region in enumerate(regions)
         if region.box is not None),
        reverse=True,
    )  # fmt: skip
    used_faces: set[str] = set()
    used_regions: set[int] = set()
    matched = []
    for cover, face_id, i in pairs:
        if cover < MIN_COVER or face_id in used_faces or i in used_regions:
            continue
        used_faces.add(face_id)
        used_regions.add(i)
        matched.append((face_id, regions[i].name))
    return matched


def name_regions(faces: FaceStore, regions: Mapping[str, Sequence[NamedRegion]]) -> int:
    """Give the faces detected in named regions their names (``regions``: by photo id); returns how many
    faces were named. Faces the user already placed, or already on a person of that name, are kept."""
    named = 0
    people = {p.id: (p.name or "").strip().casefold() for p in faces.person_rows()}
    for photo_id, photo_regions in regions.items():
        rows = faces.faces_of_photo(photo_id)
        by_id = {row.id: row for row in rows}
        for face_id, name in match_regions(photo_regions, rows):
            face = by_id[face_id]
            if face.assigned_by == "user" or people.get(face.person_id or "") == name.strip().casefold():
                continue
            person = name_face(faces, face_id, name)
            people[person] = name.strip().casefold()
            named += 1
    if named:
        log.info("named %d faces from the regions other apps wrote", named)
    return named
