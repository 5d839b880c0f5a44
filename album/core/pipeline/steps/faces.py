"""The faces step of the indexing pipeline: detect, embed, and recognise known people.

Detection and embedding run in the decode threads on the reduced image already in memory (one ONNX
session pair per thread, one intra-op thread each, so two decode threads keep two cores busy). The
writer thread stores the faces and puts each on the person its nearest recognised faces belong to;
the rest wait for the next clustering pass (:func:`album.core.people.cluster`).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

import numpy as np

from album.core.models.faces import Face, FaceAnalyzer
from album.core.models.stamp import files_stamp
from album.core.people import nearest_person
from album.core.pipeline.media import LoadedPhoto
from album.core.pipeline.results import FacesResult, NewFace, PhotoUpdate, StepResult

if TYPE_CHECKING:
    from album.core.store.db import Store
    from album.core.store.faces import FaceStore

log = logging.getLogger(__name__)

# The long side faces are cut from (the detector itself runs at 640). 1000, not 1024: a 12 MP photo (4000
# or 4032 px wide, the commonest size from phones and cameras) then decodes at 1/4 scale, 1000–1008 px, not
# at 1/2, 2000 px: a quarter of the pixels to convert and resize (~5 ms less per photo), 2 % less detail.
FACE_DECODE_SIZE = 1000


class FaceStep:
    """Finds the faces of each photo; see :class:`album.core.pipeline.indexer.PhotoStep`."""

    name = "faces"
    result_type: type[StepResult] = FacesResult

    def __init__(self, analyzer: FaceAnalyzer) -> None:
        self.analyzer = analyzer
        self.faces: FaceStore | None = None
        self._known = np.zeros((0, 1), np.float32)
        self._known_people: list[str] = []
        self._pending: tuple[list[str], list[NewFace], list[PhotoUpdate]] | None = None

    def decode_size(self) -> int:
        """The detector runs at 640 px; faces in group photos keep their detail from a 1000 px image."""
        return FACE_DECODE_SIZE

    def start(self, store: Store) -> None:
        """Load the models (may raise ModelUnavailable) and the recognised faces to match against."""
        self.analyzer.load()
        dim = self.analyzer.embedding_dim()
        self.faces = store.face_tables(dim)
        rows, matrix = self.faces.recognised_embeddings()
        self._known, self._known_people = matrix, [r.person_id or "" for r in rows]

    def files_stamp(self) -> str | None:
        return files_stamp(self.analyzer.models_dir / "faces")

    def model_id(self) -> str:
        """Photos not processed by the current model (or not at all) are pending for this step."""
        return self.analyzer.model_id

    def prepare(self, photo: LoadedPhoto) -> list[Face]:
        """The faces of the photo, or of a video's poster and keyframes (boxes are fractions of the frame
        each face was found in)."""
        images = [photo.image, *(frame.image for frame in photo.frames)]
        return [face for image in images for face in self.analyzer.analyze(image)]

    def run(self, photo_ids: list[str], prepared: list[list[Face]]) -> list[FacesResult | None]:
        """Match the batch's faces to people; they are written by :meth:`commit`, after their photos."""
        rows: list[NewFace] = []
        results: list[PhotoUpdate] = []
        for photo_id, faces in zip(photo_ids, prepared, strict=True):
            people = set()
            for face in faces:
                person = nearest_person(
                    face.embedding, self._known, self._known_people, self.analyzer.same_person_distance
                )
                if person:
                    people.add(person)
                rows.append(NewFace(
                    uuid.uuid4().hex, photo_id, list(face.bbox), [v for point in face.landmarks for v in point],
                    face.score, face.embedding.tolist(), person, "auto" if person else None, face.thumb,
                    self.analyzer.model_id,
                ))  # fmt: skip
            result = FacesResult(self.analyzer.model_id, len(faces), sorted(people))
            results.append(PhotoUpdate(photo_id, results=(result,)))
        self._pending = (photo_ids, rows, results)
        return [None for _ in photo_ids]

    def commit(self) -> list[PhotoUpdate]:
        """Write the batch's faces (replacing any older ones), then mark the photos done."""
        assert self.faces is not None, "start() first"
        if self._pending is None:
            return []
        photo_ids, rows, results = self._pending
        self._pending = None
        self.faces.save_faces(photo_ids, rows)
        return results
