"""What the pipeline hands the store: typed records, never rows.

The pipeline knows what it found (a file, its metadata, a step's results); the store alone knows the
columns these go to (:mod:`album.core.store.rows` maps them). So a column renamed or added changes
the store, not the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from album.core.pipeline.exif import PhotoMeta
from album.core.pipeline.scan import FileEntry


@dataclass(frozen=True)
class PlaceNames:
    """Where a photo was taken, by name (offline reverse geocoding); ``region`` is "" when none was found."""

    place: str | None
    country: str | None
    region: str


@dataclass(frozen=True)
class PhotoFacts:
    """What a photo's file says about it: its content, size and metadata (no id, no step results)."""

    content_hash: str
    format: str
    width: int
    height: int
    meta: PhotoMeta
    indexed_at: datetime
    average_colour: int | None = None  # 0xRRGGBB of the upright image
    phash: int | None = None  # perceptual hash, signed 64-bit (pipeline/fingerprint.py)
    sharpness: float | None = None  # variance of the Laplacian at a fixed size
    kind: str = "photo"  # "photo", "video" or "live"
    duration: float | None = None  # a video's seconds


@dataclass(frozen=True)
class ClipResult:
    """The CLIP step's results for one photo: its vector and zero-shot tags with their scores."""

    model_id: str
    vector: list[float]
    tags: list[str]
    tag_scores: list[float]


@dataclass(frozen=True)
class FacesResult:
    """The faces step's results for one photo: how many faces, and the people recognised among them."""

    model_id: str
    face_count: int
    person_ids: list[str]


StepResult = ClipResult | FacesResult


@dataclass(frozen=True)
class NewFace:
    """A face the faces step found, to be stored with its photo."""

    id: str
    photo_id: str
    bbox: list[float]  # fractions of the upright photo
    landmarks: list[float]  # five (x, y) points, flattened
    score: float
    embedding: list[float]
    person_id: str | None  # recognised as a known person
    assigned_by: str | None  # "auto" when recognised
    thumb: bytes  # JPEG of the aligned face
    model: str


@dataclass(frozen=True)
class FailedFile:
    """A file that could not be indexed, and why (``kind``: see :class:`album.core.pipeline.media.PhotoError`)."""

    entry: FileEntry
    kind: str
    reason: str


@dataclass(frozen=True)
class PhotoUpdate:
    """What to write about one photo: every part given is written, the others are kept.

    Args:
        id: the photo.
        entry: where its file is, with the size and mtime it had when read.
        facts: what the file says (see :class:`PhotoFacts`).
        places: the place names of its position.
        results: steps' results.
        reset: when not None, the photo's content is new: the store resets every step's results (those of
            these result types, and the lists every photo has) before writing the rest.
        meta: the photo's metadata read again (a sidecar changed; the content did not).
    """

    id: str
    entry: FileEntry | None = None
    facts: PhotoFacts | None = None
    places: PlaceNames | None = None
    results: tuple[StepResult, ...] = ()
    reset: tuple[type[StepResult], ...] | None = None
    meta: PhotoMeta | None = None
