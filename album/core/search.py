"""Searching the library: a :class:`~album.core.query.Query` in, ranked :class:`SearchHit` records out.

Filters always run inside LanceDB as an SQL prefilter. With a text part (or an example photo) the
CLIP vector ranks the photos that pass the filters, and a relevance cutoff ends the list where the
matches end; without one, results come newest first.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING, overload

import numpy as np

from album.core.config import IndexSettings
from album.core.models.clip import ClipEncoder
from album.core.models.registry import ModelUnavailable
from album.core.pipeline.media import decode, image_format, read_stable
from album.core.pipeline.scan import FileEntry
from album.core.query import Query, match_reasons
from album.core.records import Photo, Reason, SearchHit, SearchResult, Similarity

if TYPE_CHECKING:
    from album.core.store.db import Store

log = logging.getLogger(__name__)

MAX_CANDIDATES = 1000  # vector hits examined per search before the cutoff
# Relevance cutoff (see `relevance_cutoff`): keep hits at least RELATIVE_MIN of the way from what a random
# photo scores to the best hit; when the best hit is itself not Z_MIN standard deviations above random
# (a weak match), keep only hits within RELATIVE_WEAK of the way, i.e. close to the best.
Z_MIN = 2.0
RELATIVE_MIN = 0.5
RELATIVE_WEAK = 0.9
MIN_BACKGROUND = 8  # fewer encoded photos than this: too few to estimate what "random" scores
# Photos drawn at random to estimate the background: for a query q the estimate of qᵀ·cov·q from n
# samples is off by about √(2/n), 2 % at 4,096, whatever the library's size.
BACKGROUND_SAMPLE = 4096
WEAK_MARGIN = 0.15  # σ a best hit must beat meaningless texts by, not to be a weak match (see is_weak)
# Texts that mean nothing in any language, the model's own measure of a weak match (see is_weak).
NONSENSE = ("wvrt glumph", "kdjf wpoe qmzt", "zzyq vrrk", "plonk vexu qat", "mbwq ytrs",
            "grelb snoof", "qwpx jjkz", "vorn thlak", "扌氵亻 丨乚", "囗彳 丶亅")  # fmt: skip


@dataclass(frozen=True)
class Background:
    """Mean and covariance of a model's image vectors: what a query scores against a random photo.

    For a query vector q, a random library photo scores on average q·mean with variance qᵀ·cov·q,
    so both come from two small matrices instead of scoring the whole library per search.
    """

    mean: np.ndarray
    cov: np.ndarray
    count: int

    def save(self, path: Path, key: str) -> None:
        """Written atomically; ``key`` says which model and library state it describes."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, key=np.array(key), mean=self.mean, cov=self.cov, count=np.array(self.count))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, key: str) -> Background | None:
        """The statistics saved for ``key``, or None (none saved, another state, an unreadable file)."""
        try:
            with np.load(path) as saved:
                if str(saved["key"]) != key:
                    return None
                return cls(saved["mean"], saved["cov"], int(saved["count"]))
        except (OSError, ValueError, KeyError):
            return None

    def stats(self, query: np.ndarray) -> tuple[float, float]:
        return float(query @ self.mean), float(np.sqrt(max(float(query @ self.cov @ query), 1e-12)))


def chance_z(photos: int) -> float:
    """How many standard deviations above the mean the best of ``photos`` random photos scores by
    chance: the score one photo in ``photos`` exceeds (for a normal spread of scores)."""
    return NormalDist().inv_cdf(1 - 1 / (max(photos, 1) + 1))


def is_weak(best_z: float, nonsense_z: float, photos: int, sampled: int) -> bool:
    """Whether the best hit of a ranked search is a weak match, to say so above the results.

    ``best_z``: how far the best hit is above what a random photo of the library scores for this
    query, in standard deviations (:class:`Background`), among ``photos`` candidates. No fixed bar
    on that works: how far a best hit lands by chance grows with the number of photos (1.9 σ among
    36, 2.7 among 300, 3.7 among 10,000: :func:`chance_z`) and depends on the model and on how varied
    the library is (a library of twelve kinds of photo puts a real match only ~2.2 σ out). So the bar
    is measured with the model itself on this library: ``nonsense_z`` is the best hit's z for a text
    that means nothing (the median over :data:`NONSENSE`) among ``sampled`` random photos of the
    library, corrected by :func:`chance_z` for the ``photos`` actually searched (fewer behind a
    filter, more in a big library). A query whose best hit does not beat nonsense by WEAK_MARGIN σ
    is weak: nothing stands out for it ("xqzvbnm flurb", or "a giraffe" in a library without one).
    """
    bar = nonsense_z - (chance_z(sampled) - chance_z(photos))
    return best_z < bar + WEAK_MARGIN


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


class UnrankedHits(Sequence[SearchHit]):
    """Hits in date order, over photos that are built as they are read (a whole library, unfiltered)."""

    def __init__(self, photos: Sequence[Photo], reasons: tuple[Reason, ...]) -> None:
        self._photos = photos
        self._reasons = reasons

    def __len__(self) -> int:
        return len(self._photos)

    @overload
    def __getitem__(self, index: int) -> SearchHit: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchHit]: ...
    def __getitem__(self, index: int | slice) -> SearchHit | list[SearchHit]:
        if isinstance(index, slice):
            return [SearchHit(photo, None, self._reasons) for photo in self._photos[index]]
        return SearchHit(self._photos[index], None, self._reasons)

    def __iter__(self) -> Iterator[SearchHit]:
        return (SearchHit(photo, None, self._reasons) for photo in self._photos)

    def aspect_ratios(self) -> np.ndarray:
        """Each photo's width / height (NaN where unknown), without building the records where possible."""
        fast = getattr(self._photos, "aspect_ratios", None)  # a store's rows answer from their columns
        if fast is not None:
            return np.asarray(fast(), dtype=np.float64)
        return np.array([photo.aspect_ratio or np.nan for photo in self._photos], dtype=np.float64)

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same hits, as the list it stands for would be."""
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable-list semantics: not hashable


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
        self._nonsense: tuple[tuple[str, int], tuple[float, int]] | None = None

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
            return self._ranked(photo, query, limit, judge=False)
        vector = self.store.stored_vector(photo, self._model_id())
        if vector is None:  # a photo from outside the library (e.g. dropped on the search bar), or not encoded yet
            vector = self._encode_file(photo)
        return self._ranked(vector, query, limit, judge=False)

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
        return SearchResult(UnrankedHits(self.store.photos_matching(query, limit), match_reasons(query)))

    def _ranked(self, vector: np.ndarray, query: Query, limit: int | None, judge: bool = True) -> SearchResult:
        """Photos passing the filters ranked by ``vector``, cut where relevance drops; ``judge``: say
        whether the match is weak (a text's; photos are compared with a photo, not judged)."""
        model_id = self._model_id()
        candidates = min(limit or MAX_CANDIDATES, MAX_CANDIDATES)
        found = self.store.nearest(vector, query, model_id, candidates)
        if not found and not self.store.model_vector_count(model_id):
            result = self._by_date(query, limit)
            result.notice = ("no photo has been analysed by the CLIP model yet (`album index` does that), "
                             "showing photos by their filters only")  # fmt: skip
            return result
        scores = np.array([score for _photo, score in found], dtype=np.float32)
        background = self._background_for(model_id)
        keep = relevance_cutoff(scores, background, vector)
        filters = match_reasons(query)
        hits = [
            SearchHit(photo, round(score, 4), (Similarity(round(score, 4)), *filters)) for photo, score in found[:keep]
        ]
        weak = False
        if judge and len(scores) and background is not None and background.count >= MIN_BACKGROUND:
            mu, sigma = background.stats(vector)
            photos = len(scores) if len(scores) < candidates else self.store.model_vector_count(model_id)
            nonsense_z, sampled = self._nonsense_z(model_id, background)
            weak = is_weak((float(scores[0]) - mu) / sigma, nonsense_z, photos, sampled)
        return SearchResult(hits, weak=weak)

    def _nonsense_z(self, model_id: str, background: Background) -> tuple[float, int]:
        """How far above a random photo the best photo scores for a meaningless text, in standard
        deviations (the median over :data:`NONSENSE`: a few hit something by chance, as random CJK
        strokes hit 红), among a random sample of the library's photos (the background's own draw), and
        that sample's size. Drawn again when the photos change: ~0.2 s, once per library state."""
        version = self.store.data_version
        if self._nonsense is None or self._nonsense[0] != (model_id, version):
            assert self.encoder is not None
            vectors = self.store.sample_vectors(model_id, BACKGROUND_SAMPLE, seed=version)
            found = [0.0]
            if len(vectors):
                found = []
                for text in self.encoder.encode_texts(list(NONSENSE)):
                    mu, sigma = background.stats(text)
                    found.append((float((vectors @ text).max()) - mu) / sigma)
            self._nonsense = ((model_id, version), (float(np.median(found)), len(vectors)))
        return self._nonsense[1]

    def _background_for(self, model_id: str) -> Background | None:
        """Background statistics from a random sample of the library's vectors, drawn again only when the
        photos table changed, and kept in the model's cache folder for the next process (the app's
        first search, every ``album search``)."""
        version = self.store.data_version
        if self._background is not None and self._background[0] == (model_id, version):
            return self._background[1]
        key = f"{model_id} {self.store.db_dir} {version}"
        path = self.encoder.cache_file("background.npz") if self.encoder is not None else None
        background = Background.load(path, key) if path is not None else None
        if background is None:
            vectors = self.store.sample_vectors(model_id, BACKGROUND_SAMPLE, seed=version)
            if len(vectors) >= MIN_BACKGROUND:
                background = Background(vectors.mean(axis=0), np.cov(vectors, rowvar=False), len(vectors))
                if path is not None:
                    try:
                        background.save(path, key)
                    except OSError as exc:  # a read-only cache: computed again next time
                        log.info("cannot keep the search statistics in %s: %s", path, exc)
        self._background = ((model_id, version), background)
        return background
