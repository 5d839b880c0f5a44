"""Searching the library: a :class:`~album.core.query.Query` in, ranked :class:`SearchHit` records out.

Filters always run inside LanceDB as an SQL prefilter. With a text part (or an example photo) the
CLIP vector ranks the photos that pass the filters, and a relevance cutoff ends the list where the
matches end; without one, results come newest first.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np

from album.core.config import IndexSettings
from album.core.lazy_sequence import LazySequence
from album.core.models.clip import ClipEncoder
from album.core.models.registry import ModelUnavailable
from album.core.pipeline.media import decode, image_format, read_stable
from album.core.pipeline.scan import FileEntry
from album.core.query import Query, match_reasons
from album.core.records import Described, Photo, Reason, SearchHit, SearchResult, Similarity
from album.core.timeline import day_columns

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
# How far a best hit must stand above what meaningless texts reach on the same library not to be a weak
# match (see is_weak), in units of the spread of a meaningless text's scores over the library (σₙ).
# Measured with bench/weak_margin.py (the only trained CLIP here is the tiny shapes model of the tests):
# in a library of red and green shapes, the 12 queries for them ("a red circle", "绿色的正方形") stand
# +0.19…+0.31 σₙ out, the 12 for the absent blue and yellow shapes −0.52…−0.13, and 40 random letter
# and CJK strings −1.46…+0.36 (median −0.19). Every margin from −0.13 to +0.19 keeps all real queries
# and flags all absent ones; the best balanced accuracy (0.95) is at +0.18…+0.19, right at the weakest
# real query, so 0.15 keeps some room for real ones (0.92; it flags 78 % of the nonsense). The unit
# used to be the query's own σ, which a query that many photos match inflates (here a sixth of the
# library): every real query then came out weak (−0.22…−0.06 σ). With a real CLIP model, run the
# bench on a real library (--library, --present, --absent) before changing this.
WEAK_MARGIN = 0.15
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
    # The best hit's z for meaningless texts among the sampled photos, their number, and the unit of z
    # (see Searcher._nonsense_z and is_weak): measured with the text tower on the first judged search, then
    # kept with the rest (10 texts to encode: ~0.3 s of every `album search` otherwise).
    nonsense: tuple[float, int, float] | None = None

    def save(self, path: Path, key: str) -> None:
        """Written atomically; ``key`` says which model and library state it describes."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
        nonsense = np.array(self.nonsense if self.nonsense is not None else (np.nan, 0, 0), dtype=np.float64)
        np.savez(tmp, key=np.array(key), mean=self.mean, cov=self.cov, count=np.array(self.count), nonsense=nonsense)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, key: str) -> Background | None:
        """The statistics saved for ``key``, or None (none saved, another state, an unreadable file)."""
        try:
            with np.load(path) as saved:
                if str(saved["key"]) != key:
                    return None
                nonsense = saved["nonsense"] if "nonsense" in saved.files else np.array([np.nan])
                kept = None  # measured again when missing or from an album that kept no unit
                if len(nonsense) == 3 and not np.isnan(nonsense[0]):
                    kept = (float(nonsense[0]), int(nonsense[1]), float(nonsense[2]))
                return cls(saved["mean"], saved["cov"], int(saved["count"]), kept)
        except (OSError, ValueError, KeyError):
            return None

    def stats(self, query: np.ndarray) -> tuple[float, float]:
        return float(query @ self.mean), float(np.sqrt(max(float(query @ self.cov @ query), 1e-12)))


def chance_z(photos: int) -> float:
    """How many standard deviations above the mean the best of ``photos`` random photos scores by
    chance: the score one photo in ``photos`` exceeds (for a normal spread of scores)."""
    return NormalDist().inv_cdf(1 - 1 / (max(photos, 1) + 1))


def weak_excess(best_z: float, nonsense_z: float, photos: int, sampled: int) -> float:
    """How far the best hit of a ranked search stands above what a text that means nothing reaches on
    the same library: what :func:`is_weak` holds against WEAK_MARGIN.

    ``best_z``: how far the best hit is above what a random photo of the library scores for this
    query (:class:`Background`), among ``photos`` candidates, in σₙ: the spread of a meaningless
    text's scores over the library (a model-and-library unit that, unlike the query's own spread,
    does not grow with how many photos the query matches; see WEAK_MARGIN). No fixed bar
    on that works: how far a best hit lands by chance grows with the number of photos (1.9 σ among
    36, 2.7 among 300, 3.7 among 10,000: :func:`chance_z`) and depends on the model and on how varied
    the library is (a library of twelve kinds of photo puts a real match only ~2.2 σ out). So the bar
    is measured with the model itself on this library: ``nonsense_z`` is the best hit's z for a text
    that means nothing (the median over :data:`NONSENSE`) among ``sampled`` random photos of the
    library, corrected by :func:`chance_z` for the ``photos`` actually searched (fewer behind a
    filter, more in a big library).
    """
    bar = nonsense_z - (chance_z(sampled) - chance_z(photos))
    return best_z - bar


def is_weak(best_z: float, nonsense_z: float, photos: int, sampled: int) -> bool:
    """Whether the best hit of a ranked search is a weak match, to say so above the results: it does
    not beat meaningless texts by WEAK_MARGIN σₙ (:func:`weak_excess`), so nothing stands out for it
    ("xqzvbnm flurb", or "a giraffe" in a library without one)."""
    return weak_excess(best_z, nonsense_z, photos, sampled) < WEAK_MARGIN


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


class UnrankedHits(LazySequence[SearchHit]):
    """Hits in date order, over photos that are built as they are read (a whole library, unfiltered)."""

    def __init__(self, photos: Sequence[Photo], reasons: tuple[Reason, ...]) -> None:
        self._photos = photos
        self._reasons = reasons

    def __len__(self) -> int:
        return len(self._photos)

    def _item(self, position: int) -> SearchHit:
        return SearchHit(self._photos[position], None, self._reasons)

    def __iter__(self) -> Iterator[SearchHit]:
        return (SearchHit(photo, None, self._reasons) for photo in self._photos)  # the photos' own chunks

    def aspect_ratios(self) -> np.ndarray:
        """Each photo's width / height (NaN where unknown), without building the records where possible."""
        fast = getattr(self._photos, "aspect_ratios", None)  # a store's rows answer from their columns
        if fast is not None:
            return np.asarray(fast(), dtype=np.float64)
        return np.array([photo.aspect_ratio or np.nan for photo in self._photos], dtype=np.float64)

    def video_count(self) -> int:
        """How many of the photos are videos, from the store's column where possible."""
        fast = getattr(self._photos, "video_count", None)
        if fast is not None:
            return int(fast())
        return sum(photo.kind == "video" for photo in self._photos)

    def timeline_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """Each photo's day and town code (:func:`album.core.timeline.sections`), from the columns where possible."""
        fast = getattr(self._photos, "timeline_columns", None)
        if fast is not None:
            return fast()  # type: ignore[no-any-return]
        return day_columns((photo.taken_at for photo in self._photos), (photo.place for photo in self._photos))


def with_written(result: SearchResult, written: Sequence[Photo], query: Query, limit: int | None) -> SearchResult:
    """``result`` with the photos whose written words match the query first (each once), each with the
    similarity CLIP gave it where CLIP ranked it; a search that matched what the user wrote is not weak."""
    if not written:
        return result
    # Unranked hits (no photo encoded yet) are every photo of the filters by date: the written matches
    # are the answer then, and the library is not read into records to list the rest.
    ranked = [] if isinstance(result.hits, UnrankedHits) else list(result.hits)
    scores = {hit.photo.id: hit.score for hit in ranked}
    filters = match_reasons(query)
    hits = [SearchHit(photo, scores.get(photo.id), (Described(query.text), *filters)) for photo in written]
    shown = {photo.id for photo in written}
    hits += [hit for hit in ranked if hit.photo.id not in shown]
    return SearchResult(hits[:limit] if limit is not None else hits, result.notice, weak=False)


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
        """Photos matching every filter of ``query``, ranked by its text when it has one: first the photos
        whose title, caption or keywords hold its words (what the user wrote knows what CLIP cannot: whose
        birthday it was), then the photos CLIP ranks."""
        if not query.text.strip():
            return self._by_date(query, limit)
        written = self.store.written_matches(query.text, query, min(limit or MAX_CANDIDATES, MAX_CANDIDATES))
        try:
            return with_written(self._ranked(self._text_vector(query.text), query, limit), written, query, limit)
        except ModelUnavailable as exc:
            notice = f"semantic search is unavailable, showing photos by their filters only: {exc}"
        result = with_written(SearchResult([]), written, query, limit) if written else self._by_date(query, limit)
        result.notice = notice
        return result

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
        scores = np.array([score for _photo, score, _time in found], dtype=np.float32)
        background = self._background_for(model_id)
        keep = relevance_cutoff(scores, background, vector)
        filters = match_reasons(query)
        hits = [
            SearchHit(photo, round(score, 4), (Similarity(round(score, 4)), *filters), second)
            for photo, score, second in found[:keep]
        ]
        weak = False
        if judge and len(scores) and background is not None and background.count >= MIN_BACKGROUND:
            mu, _sigma = background.stats(vector)
            photos = len(scores) if len(scores) < candidates else self.store.model_vector_count(model_id)
            nonsense_z, sampled, nonsense_sigma = self._nonsense_z(model_id, background)
            weak = is_weak((float(scores[0]) - mu) / nonsense_sigma, nonsense_z, photos, sampled)
        return SearchResult(hits, weak=weak)

    def _nonsense_z(self, model_id: str, background: Background) -> tuple[float, int, float]:
        """How far above a random photo the best photo scores for a meaningless text (the median over
        :data:`NONSENSE`: a few hit something by chance, as random CJK strokes hit 红), among a random
        sample of the library's photos (the background's own draw), that sample's size, and the unit
        both are measured in: the spread of a meaningless text's scores over the library (the median σ
        of :data:`NONSENSE`; see WEAK_MARGIN for why not the query's own). Measured once per library
        state (~0.3 s) and kept with the background."""
        if background.nonsense is None:
            assert self.encoder is not None
            vectors = self.store.sample_vectors(model_id, BACKGROUND_SAMPLE, seed=self.store.data_version)
            texts = self.encoder.encode_texts(list(NONSENSE))
            stats = [background.stats(text) for text in texts]
            unit = float(np.median([sigma for _mu, sigma in stats]))
            best = [0.0]
            if len(vectors):
                best = [(float((vectors @ t).max()) - mu) / unit for t, (mu, _s) in zip(texts, stats, strict=True)]
            background = replace(background, nonsense=(float(np.median(best)), len(vectors), unit))
            self._keep_background(model_id, background)
        assert background.nonsense is not None
        return background.nonsense

    def _background_for(self, model_id: str) -> Background | None:
        """Background statistics from a random sample of the library's vectors, drawn again only when the
        photos table changed, and kept in the model's cache folder for the next process (the app's
        first search, every ``album search``)."""
        version = self.store.data_version
        if self._background is not None and self._background[0] == (model_id, version):
            return self._background[1]
        path, key = self._background_file(model_id)
        background = Background.load(path, key) if path is not None else None
        if background is None:
            vectors = self.store.sample_vectors(model_id, BACKGROUND_SAMPLE, seed=version)
            if len(vectors) >= MIN_BACKGROUND:
                background = Background(vectors.mean(axis=0), np.cov(vectors, rowvar=False), len(vectors))
                self._keep_background(model_id, background)
        self._background = ((model_id, version), background)
        return background

    def _background_file(self, model_id: str) -> tuple[Path | None, str]:
        """Where the background of this model and library state is kept, and its key."""
        key = f"{model_id} {self.store.db_dir} {self.store.data_version}"
        return (self.encoder.cache_file("background.npz") if self.encoder is not None else None), key

    def _keep_background(self, model_id: str, background: Background) -> None:
        """Use ``background`` for this library state, and keep it in the cache for the next process."""
        self._background = ((model_id, self.store.data_version), background)
        path, key = self._background_file(model_id)
        if path is not None:
            try:
                background.save(path, key)
            except OSError as exc:  # a read-only cache: computed again next time
                log.info("cannot keep the search statistics in %s: %s", path, exc)
