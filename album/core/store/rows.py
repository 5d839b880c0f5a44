"""The one place where the pipeline's typed records become rows of the library's tables.

The pipeline hands the store :mod:`album.core.pipeline.results` records; this module says which
columns each goes to, what resetting a step's results writes, and in which column a step records the
model that processed a photo.
"""

from __future__ import annotations

import os
from typing import Any

from album.core.pipeline.exif import PhotoMeta
from album.core.pipeline.results import (
    ClipResult,
    FacesResult,
    NewFace,
    PhotoFacts,
    PhotoUpdate,
    PlaceNames,
    StepResult,
)
from album.core.pipeline.scan import FileEntry, display_path

VECTOR_COLUMN = "clip_vector"  # added on first use with the CLIP model's dimension

# Per step result: the column recording which model processed a photo (null: not yet).
MARKERS: dict[type[StepResult], str] = {ClipResult: "clip_model", FacesResult: "faces_model"}
# The lists every photo has, empty until a step fills them.
RESET: dict[str, Any] = {"tags": [], "tag_scores": [], "person_ids": []}
# Per step result: what a photo whose content changed has until the step runs on it again.
CLEARED: dict[type[StepResult], dict[str, Any]] = {
    ClipResult: {"clip_model": None, VECTOR_COLUMN: None, "tags": [], "tag_scores": []},
    FacesResult: {"faces_model": None, "face_count": None, "person_ids": []},
}


def location_columns(entry: FileEntry) -> dict[str, Any]:
    path_bytes = entry.path_bytes
    return {
        "path": display_path(path_bytes),
        "path_bytes": path_bytes,
        "folder": display_path(os.path.dirname(path_bytes)),
        "size": entry.size,
        "mtime_ns": entry.mtime_ns,
        "sidecars": entry.sidecar_stamp,
    }


def facts_columns(facts: PhotoFacts) -> dict[str, Any]:
    return {
        "content_hash": facts.content_hash,
        "format": facts.format,
        "width": facts.width,
        "height": facts.height,
        **meta_columns(facts.meta),
        "indexed_at": facts.indexed_at,
        "average_colour": facts.average_colour,
        "phash": facts.phash,
        "sharpness": facts.sharpness,
        "kind": facts.kind,
        "duration": facts.duration,
    }


def meta_columns(meta: PhotoMeta) -> dict[str, Any]:
    """What the photo's metadata (every source merged) fills in."""
    nan = float("nan")
    return {
        "taken_at": meta.taken_at,
        "tz_offset_min": meta.tz_offset_min,
        "date_source": meta.date_source,
        "lat": meta.lat,
        "lon": meta.lon,
        "alt": meta.alt,
        "camera_make": meta.camera_make,
        "camera_model": meta.camera_model,
        "camera": meta.camera,
        "lens": meta.lens,
        "orientation": meta.orientation,
        "dropped_fields": list(meta.dropped),
        "keywords": list(meta.keywords),
        "title": meta.title,
        "description": meta.description,
        "rating": meta.rating,
        "label": meta.label,
        "region_names": [r.name for r in meta.regions],
        "region_boxes": [v for r in meta.regions for v in (r.box or (nan, nan, nan, nan))],
    }


def place_columns(places: PlaceNames) -> dict[str, Any]:
    return {"place": places.place, "country": places.country, "region": places.region}


def result_columns(result: StepResult) -> dict[str, Any]:
    if isinstance(result, ClipResult):
        return {
            "clip_model": result.model_id,
            VECTOR_COLUMN: result.vector,
            "tags": result.tags,
            "tag_scores": result.tag_scores,
        }
    return {"faces_model": result.model_id, "face_count": result.face_count, "person_ids": result.person_ids}


def photo_columns(update: PhotoUpdate) -> dict[str, Any]:
    """The columns ``update`` sets (always with ``id``)."""
    row: dict[str, Any] = {}
    if update.reset is not None:
        row.update(RESET)
        for kind in update.reset:
            row.update(CLEARED[kind])
    if update.entry is not None:
        row.update(location_columns(update.entry))
    if update.facts is not None:
        row.update(facts_columns(update.facts))
    if update.meta is not None:
        row.update(meta_columns(update.meta))
    if update.places is not None:
        row.update(place_columns(update.places))
    row["id"] = update.id
    for result in update.results:
        row.update(result_columns(result))
    return row


def face_columns(face: NewFace) -> dict[str, Any]:
    return {
        "id": face.id, "photo_id": face.photo_id, "bbox": face.bbox, "landmarks": face.landmarks,
        "score": face.score, "embedding": face.embedding, "person_id": face.person_id,
        "assigned_by": face.assigned_by, "thumb": face.thumb, "model": face.model,
    }  # fmt: skip
