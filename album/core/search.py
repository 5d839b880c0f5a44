"""Searching the library: a :class:`~album.core.query.Query` in, ranked photo records out.

Filters always run inside LanceDB as an SQL prefilter. With a text part (or an example photo) the
CLIP vector ranks the photos that pass the filters, and a relevance cutoff ends the list where the
matches end; without one, results come newest first.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np

from album.core.config import IndexSettings
from album.core.models.clip import ClipEncoder
from album.core.models.registry import ModelUnavailable
from album.core.pipeline.media import decode, image_format, read_stable
from album.core.pipeline.scan import FileEntry
from album.core.query import Query, describe
from album.core.store.db import VECTOR_COLUMN, Store, sql_string
from album.core.store.filters import to_where

log = logging.getLogger(__name__)

# The fields of the JSON photo record: a contract for scripts (see README "JSON output").
RECORD_FIELDS = (
    "path", "taken_at", "date_source", "lat", "lon", "alt", "place", "region", "country", "camera_make",
    "camera_model", "lens", "width", "height", "orientation", "format", "size", "content_hash", "id", "tags",
)  # fmt: skip
MAX_CANDIDATES = 1000  # vector hits examined per search before the cutoff
# Relevance cutoff (see `relevance_cutoff`): keep hits at least RELATIVE_MIN of the way from what a random
# photo scores to the best hit; when the best hit is itself not Z_MIN standard deviations above random
# (a weak match), keep only hits within RELATIVE_WEAK of the way, i.e. close to the best.
Z_MIN = 2.0
RELATIVE_MIN = 0.5
RELATIVE_WEAK = 0.9
MIN_BACKGROUND = 8  # fewer encoded photos than this: too few to estimate what "random" scores


def iso_taken_at(taken_at: datetime | None, offset_min: int | None) -> str | None:
    """ISO 8601 local time as the camera recorded it, with ``+HH:MM`` when the offset is known."""
    if taken_at is None:
        return None
    if offset_min is not None:
        taken_at = taken_at.replace(tzinfo=timezone(timedelta(minutes=offset_min)))
    return taken_at.isoformat()


def photo_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as the stable, JSON-ready photo record."""
    record = {key: row.get(key) for key in RECORD_FIELDS}
    record["taken_at"] = iso_taken_at(row.get("taken_at"), row.get("tz_offset_min"))
    record["tags"] = list(row.get("tags") or [])
    return record


@dataclass
class SearchResult:
    """Ranked records (each with ``score`` and ``why``) and, if semantic search was not possible, why not."""

    records: list[dict[str, Any]] = field(default_factory=list)
    notice: str | None = None


@dataclass(frozen=True)
class Background:
    """Mean and covariance of a model's image vectors: what a query scores against a random photo.

    For a query vector q, a random library photo scores on average q·mean with variance qᵀ·cov·q,
    so both come from two small matrices instead of scoring the whole library per search.
    """

    mean: np.ndarray
    cov: np.ndarray
    count: int

    def stats(self, query: np.ndarray) -> tuple[float, float]:
        return float(query @ self.mean), float(np.sqrt(max(float(query @ self.cov @ query), 1e-12)))


def relevance_cutoff(scores: np.ndarray, background: Background | None, query: np.ndarray) -> int:
    """How many of the (descending) ``scores`` are relevant.

    One fixed similarity threshold does not work: CLIP scores shift with the query's wording, the
    model and the library. So the bar is set per query between two measured points: μ, what a random
    photo of this library scores for this query (:class:`Background`), and the best hit. A hit must be
    at least RELATIVE_MIN of the way from μ to the best. How sure the best hit is decides how strict
    that is: if it is not Z_MIN standard deviations above μ, the query matches nothing well and only
    hits close to the best (RELATIVE_WEAK of the way) are kept — a few best guesses, never the library
    in random order. The spread σ only judges the best hit, not the others, because a query that many
    photos match (a beach-heavy library, "beach") inflates σ itself. The best hit is always kept.
    """
    if len(scores) == 0:
        return 0
    if background is None or background.count < MIN_BACKGROUND:
        return len(scores)
    mu, sigma = background.stats(query)
    best = float(scores[0])
    share = RELATIVE_MIN if (best - mu) / sigma >= Z_MIN else RELATIVE_WEAK
    threshold = mu + share * (best - mu)
    return max(1, int(np.searchsorted(-scores, -threshold, side="right")))


class Searcher:
    """Runs searches against one store with one (lazily loaded) CLIP encoder; used by CLI and GUI.

    Args:
        store: the library.
        encoder: the CLIP model, or None to search by metadata only.
    """

    def __init__(self, store: Store, encoder: ClipEncoder | None) -> None:
        self.store = store
        self.encoder = encoder
        self._background: tuple[tuple[str, int], Background | None] | None = None

    def search(self, query: Query, limit: int | None = None) -> SearchResult:
        """Photos matching every filter of ``query``, ranked by its text when it has one."""
        if query.text.strip():
            notice = None
            try:
                return self._ranked(self._text_vector(query.text), query, limit)
            except ModelUnavailable as exc:
                notice = f"semantic search is unavailable, showing photos by their filters only: {exc}"
            result = self._by_date(query, limit)
            result.notice = notice
            return result
        return self._by_date(query, limit)

    def similar(self, photo: str | np.ndarray, query: Query | None = None, limit: int | None = None) -> SearchResult:
        """Photos like ``photo`` (a library path, or a vector of the current model), the photo itself first."""
        query = query or Query()
        if isinstance(photo, np.ndarray):
            return self._ranked(photo, query, limit)
        row = self.store.get_photo_by_path(photo)
        if row is not None and row.get(VECTOR_COLUMN) is not None and row["clip_model"] == self._model_id():
            vector = np.asarray(row[VECTOR_COLUMN], np.float32)
        else:  # a photo from outside the library (e.g. dropped on the search bar), or not encoded yet
            vector = self._encode_file(photo)
        return self._ranked(vector, query, limit)

    # -- internals --------------------------------------------------------------------------------
    def _model_id(self) -> str:
        if self.encoder is None:
            raise ModelUnavailable("CLIP", [], self.store.db_dir, "no CLIP model is configured")
        self.encoder.load()
        return self.encoder.model_id

    def _encode_file(self, path: str) -> np.ndarray:
        """Encode an image file with the pipeline's own read + reduced decode.

        Raises:
            PhotoError: the file cannot be read or decoded.
        """
        self._model_id()
        assert self.encoder is not None
        stat = os.stat(path)
        settings = IndexSettings(decode_size=self.encoder.decode_size)  # as the indexing step decodes
        _entry, data = read_stable(FileEntry(path, stat.st_size, stat.st_mtime_ns), settings.max_file_bytes)
        image, _size = decode(data, image_format(data, path), settings)
        return self.encoder.encode_images([self.encoder.preprocess(image)])[0]

    def _text_vector(self, text: str) -> np.ndarray:
        self._model_id()
        assert self.encoder is not None
        return self.encoder.encode_texts([text])[0]

    def _by_date(self, query: Query, limit: int | None) -> SearchResult:
        table = self.store.query_photos(to_where(query), limit=limit)
        why = describe(query)
        return SearchResult([{**photo_record(r), "score": None, "why": why} for r in table.to_pylist()])

    def _ranked(self, vector: np.ndarray, query: Query, limit: int | None) -> SearchResult:
        where = to_where(query)
        model_id = self._model_id()
        model_filter = f"clip_model = {sql_string(model_id)}"
        full_where = f"({where}) AND {model_filter}" if where else model_filter
        candidates = min(limit or MAX_CANDIDATES, MAX_CANDIDATES)
        rows = self.store.vector_search(vector, full_where, candidates)
        scores = np.array([1.0 - r["_distance"] for r in rows], dtype=np.float32)
        keep = relevance_cutoff(scores, self._background_for(model_id), vector)
        filters = describe(query)
        records = [
            {**photo_record(r), "score": round(float(s), 4), "why": [f"similarity {s:.2f}", *filters]}
            for r, s in zip(rows[:keep], scores[:keep], strict=True)
        ]
        return SearchResult(records)

    def _background_for(self, model_id: str) -> Background | None:
        """Background statistics, recomputed only when the photos table changed."""
        key = (model_id, int(self.store.photos.version))
        if self._background is None or self._background[0] != key:
            vectors = self.store.vectors(f"clip_model = {sql_string(model_id)}")
            background = None
            if len(vectors) >= MIN_BACKGROUND:
                background = Background(vectors.mean(axis=0), np.cov(vectors, rowvar=False), len(vectors))
            self._background = (key, background)
        return self._background[1]
