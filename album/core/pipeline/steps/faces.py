"""The faces step of the indexing pipeline: detect, embed, and recognise known people.

Detection and embedding run in the decode threads on the reduced image already in memory (one ONNX
session pair per thread, one intra-op thread each, so two decode threads keep two cores busy). The
writer thread stores the faces and puts each on the person its nearest recognised faces belong to;
the rest wait for the next clustering pass (:func:`album.core.people.cluster`).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

import numpy as np

from album.core.models.faces import Face, FaceAnalyzer
from album.core.people import nearest_person
from album.core.pipeline.media import LoadedPhoto

if TYPE_CHECKING:
    from album.core.store.db import Store
    from album.core.store.faces import FaceStore

log = logging.getLogger(__name__)

FACE_DECODE_SIZE = 1024


class FaceStep:
    """Finds the faces of each photo; see :class:`album.core.pipeline.indexer.PhotoStep`."""

    name = "faces"

    def __init__(self, analyzer: FaceAnalyzer) -> None:
        self.analyzer = analyzer
        self.faces: FaceStore | None = None
        self._known = np.zeros((0, 1), np.float32)
        self._known_people: list[str] = []
        self._pending: tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]] | None = None

    def decode_size(self) -> int:
        """The detector runs at 640 px; faces in group photos keep their detail from a 1024 px image."""
        return FACE_DECODE_SIZE

    def start(self, store: Store) -> None:
        """Load the models (may raise ModelUnavailable) and the recognised faces to match against."""
        self.analyzer.load()
        dim = self.analyzer.embedding_dim()
        self.faces = store.face_tables(dim)
        rows, matrix = self.faces.recognised_embeddings()
        self._known, self._known_people = matrix, [r["person_id"] for r in rows]

    def marker(self) -> tuple[str, str]:
        """Photos not processed by the current model (or not at all) are pending for this step."""
        return "faces_model", self.analyzer.model_id

    @staticmethod
    def cleared() -> dict[str, Any]:
        return {"faces_model": None, "face_count": None, "person_ids": []}

    def prepare(self, photo: LoadedPhoto) -> list[Face]:
        return self.analyzer.analyze(photo.image)

    def run(self, photo_ids: list[str], prepared: list[list[Face]]) -> list[dict[str, Any]]:
        """Match the batch's faces to people; they are written by :meth:`commit`, after their photos."""
        rows, results = [], []
        for photo_id, faces in zip(photo_ids, prepared, strict=True):
            people = set()
            for face in faces:
                person = nearest_person(
                    face.embedding, self._known, self._known_people, self.analyzer.same_person_distance
                )
                if person:
                    people.add(person)
                rows.append({
                    "id": uuid.uuid4().hex, "photo_id": photo_id, "bbox": list(face.bbox),
                    "landmarks": [v for point in face.landmarks for v in point], "score": face.score,
                    "embedding": face.embedding.tolist(), "person_id": person,
                    "assigned_by": "auto" if person else None, "thumb": face.thumb, "model": self.analyzer.model_id,
                })  # fmt: skip
            results.append({"id": photo_id, "faces_model": self.analyzer.model_id, "face_count": len(faces),
                            "person_ids": sorted(people)})  # fmt: skip
        self._pending = (photo_ids, rows, results)
        return [{} for _ in photo_ids]

    def commit(self) -> list[dict[str, Any]]:
        """Write the batch's faces (replacing any older ones), then mark the photos done."""
        assert self.faces is not None, "start() first"
        if self._pending is None:
            return []
        photo_ids, rows, results = self._pending
        self._pending = None
        self.faces.replace_faces(photo_ids, rows)
        return results
