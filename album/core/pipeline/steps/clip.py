"""The CLIP step of the indexing pipeline: image vectors and zero-shot tags for every photo.

It works on the reduced image the pipeline already decoded: preprocessing (resize, crop, normalise)
runs in the decode threads, the batched forward pass runs in the writer thread, so decoding of the
next photos overlaps inference and both cores stay busy.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from album.core.models.clip import ClipEncoder
from album.core.models.registry import clip_folder
from album.core.models.stamp import files_stamp
from album.core.models.tags import Tag, Tagger, load_vocabulary
from album.core.pipeline.media import LoadedPhoto
from album.core.pipeline.results import ClipResult, PhotoUpdate, StepResult

if TYPE_CHECKING:
    from album.core.store.db import Store

log = logging.getLogger(__name__)


class ClipStep:
    """Encodes photos with ``encoder`` and tags them; the pipeline drives it (see ``Indexer``)."""

    name = "clip"
    result_type: type[StepResult] = ClipResult

    def __init__(
        self, encoder: ClipEncoder, vocabulary: Sequence[Tag] | None = None, min_tag_probability: float = 0.3
    ) -> None:
        self.encoder = encoder
        # The library passes its model's vocabulary (the one its searches parse tags with); by default
        # it is the one of the model's folder, or album's curated list.
        self.vocabulary = tuple(vocabulary or load_vocabulary(clip_folder(encoder.models_dir, encoder.key)))
        self.min_tag_probability = min_tag_probability
        self._tagger: Tagger | None = None
        self._store: Store | None = None
        self._frames: dict[str, list[tuple[float, list[float]]]] = {}  # the batch's keyframes, by video

    def start(self, store: Store) -> None:
        """Load the model (may raise ModelUnavailable) and make room for its vectors.

        The image tower is prepared here too (its int8 copy is built on a model's first run, ~20 s for
        ViT-B/32), so that wait shows as loading models rather than as a stalled first batch. The text
        tower's int8 copy is decided here as well, so a search never builds one. The tag prompts'
        vectors come from the cache after a model's first run: the text tower is not loaded for them.
        """
        self._store = store
        self.encoder.prepare_image_tower()
        self.encoder.prepare_text_tower()
        store.ensure_vector_column(self.encoder.dim)
        tags = self.vocabulary
        prompts = [p for tag in tags for p in tag.prompts]
        prompt_vectors = self.encoder.encode_texts_cached(prompts)
        tag_vectors, start = [], 0
        for tag in tags:
            mean = prompt_vectors[start : start + len(tag.prompts)].mean(axis=0)
            tag_vectors.append(mean / max(float((mean**2).sum() ** 0.5), 1e-12))
            start += len(tag.prompts)
        self._tagger = Tagger(tags, np.stack(tag_vectors), self.encoder.logit_scale, self.min_tag_probability)

    def files_stamp(self) -> str | None:
        return files_stamp(clip_folder(self.encoder.models_dir, self.encoder.key))

    def decode_size(self) -> int:
        return self.encoder.decode_size

    def model_id(self) -> str:
        """Photos not processed by the current model (or not at all) are pending for this step."""
        return self.encoder.model_id

    def prepare(self, photo: LoadedPhoto) -> Any:
        """Runs in a decode thread: the model's own preprocessing of the reduced image, or of a video's
        keyframes (with their seconds; the poster when none was kept)."""
        if photo.kind != "video":
            return self.encoder.preprocess(photo.image)
        frames = [(f.time, f.image) for f in photo.frames] or [(0.0, photo.image)]
        return VideoInput(tuple(t for t, _image in frames), [self.encoder.preprocess(image) for _t, image in frames])

    def run(self, photo_ids: list[str], prepared: list[Any]) -> list[ClipResult | None]:
        """Runs batched in the writer thread: vectors and tags for each prepared photo. A video's
        keyframes go through the model in the same batch; its own vector is their normalised mean
        (what "similar" and the tags see), the frames are written by :meth:`commit`."""
        assert self._tagger is not None, "start() first"
        if not prepared:
            return []
        inputs = [p for item in prepared for p in (item.inputs if isinstance(item, VideoInput) else [item])]
        encoded = self.encoder.encode_images(inputs)
        vectors, start = [], 0
        for photo_id, item in zip(photo_ids, prepared, strict=True):
            if not isinstance(item, VideoInput):
                vectors.append(encoded[start])
                start += 1
                continue
            frames = encoded[start : start + len(item.inputs)]
            start += len(item.inputs)
            self._frames[photo_id] = [(t, v.tolist()) for t, v in zip(item.times, frames, strict=True)]
            mean = frames.mean(axis=0)
            vectors.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
        model_id = self.encoder.model_id
        return [
            ClipResult(model_id, vector.tolist(), [t.key for t in tags], [t.score for t in tags])
            for vector, tags in zip(vectors, self._tagger.score(np.stack(vectors)), strict=True)
        ]

    def commit(self) -> list[PhotoUpdate]:
        """Once the batch's photos are written: their videos' keyframe vectors (the photos' own vectors
        and tags are written with them)."""
        if self._frames and self._store is not None:
            frames, self._frames = self._frames, {}
            self._store.save_frames(frames, self.encoder.model_id)
        return []


@dataclass(frozen=True)
class VideoInput:
    """A video's keyframes, preprocessed for the model, and their seconds."""

    times: tuple[float, ...]
    inputs: list[Any]
