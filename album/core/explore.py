"""The explore map: the library's CLIP image vectors laid out in 2-D, in regions named by their tags and places.

Photos that look alike land near each other, so a person can wander through the library by what it shows
rather than by date. The layout is UMAP where ``umap-learn`` is installed (the ``album[explore]`` extra:
it pulls numba and llvmlite, ~210 MB, so it is not in the default install and is imported only here, when a
map is computed), else a PCA of the vectors (numpy's SVD: instant, but it keeps only the two broadest
directions of variation, so neighbouring classes overlap more).

A layout is kept in the cache folder, keyed by the model and the set of photos. Photos that arrive later
are placed at the mean position of their nearest neighbours (cosine, among the photos already laid out)
until more than :data:`REFRESH_FRACTION` of the map would be placed that way; then it is computed afresh.
Regions are k-means clusters of the 2-D layout (k chosen by silhouette), each named after the tags most
typical of it (frequent in it, rarer elsewhere) and its commonest place.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits  # (scikit-learn's own dependency)

log = logging.getLogger(__name__)

CACHE_VERSION = 1  # of the cached layout file; another version is recomputed, never misread
REFRESH_FRACTION = 0.2  # more new photos than this share of the laid-out ones: compute the layout again
NEIGHBOURS = 5  # a new photo's position: the mean of this many nearest laid-out photos
# ... among at most this many of them (a seeded sample): against all 90k laid-out photos, placing 10k new
# ones took 39 s, far longer than a fresh PCA layout (1.5 s); a photo's class is as near in a 10k sample.
PLACE_SAMPLE = 10_000
MAX_REGIONS = 16
SILHOUETTE_SAMPLE = 2000  # points k-means is fitted and judged on (silhouette is quadratic)
PCA_SAMPLE = 10_000  # rows the principal axes are fitted on; every row is then projected
MIN_UMAP_POINTS = 30  # below this UMAP's neighbour graph says little: PCA
TAG_SHARE = 0.3  # a tag names a region only if at least this share of its photos carry it
MIN_LIFT = 1.5  # ... and it is at least this much commoner there than in the library (not "sky" everywhere)
PLACE_SHARE = 0.5  # a place names a region if at least this share of its photos were taken there

ProgressFn = Callable[[int, int], None]
Translate = Callable[[str], str]  # an English tag key or place name -> its Chinese name


@dataclass(frozen=True)
class Region:
    """A cluster of the map: where its centre is, how many photos it holds and what describes them."""

    x: float
    y: float
    count: int
    tags: tuple[str, ...]  # tag keys, most typical first
    place: str | None
    label: str  # English: "red circle, red · Lisbon"
    label_zh: str  # Chinese, where names are known


@dataclass(frozen=True)
class ExplorePoints:
    """What the map shows of each photo besides its position (one entry per point, in map order)."""

    ids: list[str]
    paths: list[str]
    thumbs: list[str]  # content hashes: the cached thumbnail's name
    taken: np.ndarray  # POSIX seconds as the camera recorded them, NaN where unknown
    places: list[str | None]
    people: list[str | None]  # the first person in the photo, for colouring by person


@dataclass(frozen=True)
class ExploreMap:
    """The library's photos laid out in 2-D (``xy`` in [0, 1]², aspect kept), with their regions."""

    model_id: str
    method: str  # "umap" or "pca"
    points: ExplorePoints
    xy: np.ndarray  # (N, 2) float32
    region_of: np.ndarray  # (N,) index into ``regions``
    regions: tuple[Region, ...]
    placed: int  # photos placed by their neighbours since the last full layout

    def __len__(self) -> int:
        return len(self.points.ids)


class Cancelled(Exception):
    """The map was asked for and then no longer wanted."""


def umap_available() -> bool:
    """Whether the ``album[explore]`` extra is installed (without importing numba)."""
    import importlib.util

    return importlib.util.find_spec("umap") is not None


# -- layout ---------------------------------------------------------------------------------------
def normalised(xy: np.ndarray) -> np.ndarray:
    """``xy`` moved and scaled into [0, 1]² with its aspect kept (centred on the shorter axis)."""
    if len(xy) == 0:
        return xy.astype(np.float32)
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = float(max((high - low).max(), 1e-9))
    out = (xy - low) / span
    out += (1.0 - (high - low) / span) / 2
    return out.astype(np.float32)


def pca_layout(vectors: np.ndarray, seed: int = 0) -> np.ndarray:
    """The vectors projected on their two principal axes: the top eigenvectors of the covariance of a
    sample (dim × dim, so a 100k library costs one 512 × 512 eigendecomposition and one projection)."""
    if len(vectors) < 3:
        return np.zeros((len(vectors), 2), np.float32) + 0.5
    rng = np.random.default_rng(seed)
    sample = vectors if len(vectors) <= PCA_SAMPLE else vectors[rng.choice(len(vectors), PCA_SAMPLE, replace=False)]
    # One BLAS thread: on a machine busy with other work (the indexer, other programs) OpenBLAS's threads
    # wait for each other: 12 s for 10k vectors with 2 threads against 1.6 s with one (bench/explore.py).
    with threadpool_limits(1):
        mean = sample.mean(axis=0)
        centred = (sample - mean).astype(np.float64)
        _values, axes = np.linalg.eigh(centred.T @ centred)  # ascending: the last two are the principal axes
        return np.asarray((vectors - mean) @ axes[:, :-3:-1], np.float32)


def umap_layout(vectors: np.ndarray, seed: int | None = None) -> np.ndarray:
    """UMAP's 2-D embedding of the vectors, by cosine distance (the ``album[explore]`` extra)."""
    import umap  # ~210 MB with numba: imported only when a map is computed

    reducer = umap.UMAP(n_neighbors=min(15, len(vectors) - 1), min_dist=0.1, metric="cosine", random_state=seed,
                        n_jobs=1 if seed is not None else min(2, os.cpu_count() or 1))  # fmt: skip
    return np.asarray(reducer.fit_transform(vectors), np.float32)


def choose_method(method: str, count: int) -> str:
    if method == "auto":
        return "umap" if count >= MIN_UMAP_POINTS and umap_available() else "pca"
    if method not in ("umap", "pca"):
        raise ValueError(f"unknown layout method {method!r} (auto, umap or pca)")
    return method


def layout(vectors: np.ndarray, method: str = "auto", seed: int | None = 0) -> tuple[np.ndarray, str]:
    """The vectors in 2-D, normalised into [0, 1]², and the method that laid them out."""
    chosen = choose_method(method, len(vectors))
    if chosen == "umap" and len(vectors) >= MIN_UMAP_POINTS:
        return normalised(umap_layout(vectors, seed)), chosen
    return normalised(pca_layout(vectors)), "pca"


def place_by_neighbours(new: np.ndarray, known: np.ndarray, known_xy: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """Positions for ``new`` vectors: the similarity-weighted mean position of their ``k`` most similar
    ``known`` vectors (all unit length: the dot product is the cosine), among a sample of
    :data:`PLACE_SAMPLE` of a large library."""
    if len(known) > PLACE_SAMPLE:
        sample = np.sort(np.random.default_rng(0).choice(len(known), PLACE_SAMPLE, replace=False))
        known, known_xy = known[sample], known_xy[sample]
    k = min(k, len(known))
    out = np.empty((len(new), 2), np.float32)
    for start in range(0, len(new), 256):  # 256 × 100k similarities at a time: 100 MB at most
        with threadpool_limits(1):  # see pca_layout
            block = new[start : start + 256] @ known.T
        nearest = np.argpartition(-block, k - 1, axis=1)[:, :k]
        weights = np.maximum(np.take_along_axis(block, nearest, axis=1), 1e-3)
        out[start : start + 256] = (known_xy[nearest] * weights[..., None]).sum(axis=1) / weights.sum(axis=1)[:, None]
    return out


def neighbour_purity(xy: np.ndarray, classes: Sequence[str], k: int = 5) -> float:
    """The mean share of each point's ``k`` nearest 2-D neighbours that are of its class: how well a layout
    keeps classes together (a random layout of 12 even classes scores ~1/12)."""
    from sklearn.neighbors import NearestNeighbors

    labels = np.asarray(classes)
    _d, nearest = NearestNeighbors(n_neighbors=k + 1).fit(xy).kneighbors(xy)
    return float((labels[nearest[:, 1:]] == labels[:, None]).mean())


# -- regions --------------------------------------------------------------------------------------
def cluster(xy: np.ndarray, seed: int = 0) -> np.ndarray:
    """Each point's region: k-means of the layout, k (2..MAX_REGIONS) the one with the best silhouette,
    fitted and judged on a sample of a large library (the centres of 2,000 points are those of 100k)."""
    if len(xy) < 8:
        return np.zeros(len(xy), np.int32)
    with threadpool_limits(1):  # see pca_layout
        return _cluster(xy, seed)


def _cluster(xy: np.ndarray, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(seed)
    sample = xy[rng.choice(len(xy), min(len(xy), SILHOUETTE_SAMPLE), replace=False)]
    best: tuple[float, KMeans] | None = None
    for k in range(2, min(MAX_REGIONS, len(xy) // 4) + 1):
        fitted = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(sample)
        if len(set(fitted.labels_.tolist())) < 2:
            continue
        score = float(silhouette_score(sample, fitted.labels_))
        if best is None or score > best[0]:
            best = (score, fitted)
    return best[1].predict(xy).astype(np.int32) if best is not None else np.zeros(len(xy), np.int32)


def typical_tags(member_tags: Sequence[Sequence[str]], everyone: Counter[str], total: int, top: int = 2) -> list[str]:
    """The tags most typical of a region: frequent in it and rarer elsewhere (share × log of the lift)."""
    counts = Counter(t for tags in member_tags for t in set(tags))
    size = max(len(member_tags), 1)
    scored = []
    for tag, n in counts.items():
        share = n / size
        lift = share / (everyone[tag] / total)
        if share >= TAG_SHARE and lift >= MIN_LIFT:
            scored.append((share * math.log(lift), share, tag))
    return [tag for _score, _share, tag in sorted(scored, key=lambda s: (-s[0], -s[1], s[2]))[:top]]


def name_regions(xy: np.ndarray, region_of: np.ndarray, tags: Sequence[Sequence[str]], places: Sequence[str | None],
                 tag_en: Translate, tag_zh: Translate, place_zh: Translate) -> tuple[Region, ...]:  # fmt: skip
    """Each region's centre, size and name (its typical tags, then its commonest place if most are there)."""
    everyone = Counter(t for photo_tags in tags for t in set(photo_tags))
    regions = []
    for index in range(int(region_of.max()) + 1 if len(region_of) else 0):
        members = np.flatnonzero(region_of == index)
        typical = typical_tags([tags[i] for i in members.tolist()], everyone, len(tags))
        found = Counter(p for p in (places[i] for i in members.tolist()) if p).most_common(1)
        place = found[0][0] if found and found[0][1] >= PLACE_SHARE * len(members) else None
        english = ", ".join(tag_en(t) for t in typical)
        chinese = "、".join(tag_zh(t) for t in typical)
        if place:
            english = f"{english} · {place}" if english else place
            chinese = f"{chinese} · {place_zh(place)}" if chinese else place_zh(place)
        centre = xy[members].mean(axis=0) if len(members) else np.zeros(2)
        regions.append(Region(float(centre[0]), float(centre[1]), len(members), tuple(typical), place,
                              english, chinese))  # fmt: skip
    return tuple(regions)


# -- the map of a library -------------------------------------------------------------------------
@dataclass(frozen=True)
class Rows:
    """The photos with a vector of one model, as read from the store."""

    points: ExplorePoints
    vectors: np.ndarray  # (N, dim) float32, unit length
    tags: list[list[str]]


def cache_file(cache_dir: Path, model_id: str) -> Path:
    return cache_dir / "explore" / f"{hashlib.sha256(model_id.encode()).hexdigest()[:16]}.npz"


def load_cached(path: Path, model_id: str) -> tuple[list[str], np.ndarray, str, int] | None:
    """A kept layout of this model: (ids, xy, method, photos placed since), or None (absent, stale, damaged)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["version"]) != CACHE_VERSION or str(data["model_id"]) != model_id:
                return None
            return [str(i) for i in data["ids"]], np.asarray(data["xy"], np.float32), str(data["method"]), \
                int(data["placed"])  # fmt: skip
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        if path.exists():
            log.warning("explore layout cache %s unreadable (%s): computing it again", path, error)
        return None


def save_cached(path: Path, model_id: str, ids: Sequence[str], xy: np.ndarray, method: str, placed: int) -> None:
    """Write the layout beside the old one, then replace it: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.partial.npz")
    np.savez(partial, version=CACHE_VERSION, model_id=model_id, ids=np.asarray(ids, dtype=str), xy=xy,
             method=method, placed=placed)  # fmt: skip
    os.replace(partial, path)


def positions(rows: Rows, cached: tuple[list[str], np.ndarray, str, int] | None, method: str
              ) -> tuple[np.ndarray, str, int]:  # fmt: skip
    """The layout of ``rows``: the cached one (new photos placed by their neighbours) while few are new,
    else computed afresh. Returns (xy, method, photos placed since the last full layout)."""
    ids = rows.points.ids
    if cached is not None and (method == "auto" or method == cached[2]):
        old_ids, old_xy, old_method, old_placed = cached
        where = {photo_id: n for n, photo_id in enumerate(old_ids)}
        kept = np.array([where.get(i, -1) for i in ids])
        new = np.flatnonzero(kept < 0)
        known = np.flatnonzero(kept >= 0)
        if len(known) >= NEIGHBOURS and old_placed + len(new) <= REFRESH_FRACTION * len(ids):
            xy = np.empty((len(ids), 2), np.float32)
            xy[known] = old_xy[kept[known]]
            if len(new):
                xy[new] = place_by_neighbours(rows.vectors[new], rows.vectors[known], xy[known])
            return xy, old_method, old_placed + len(new)
    xy, chosen = layout(rows.vectors, method)
    return xy, chosen, 0


def explore_map(rows: Rows, model_id: str, cache_dir: Path, tag_en: Translate, tag_zh: Translate,
                place_zh: Translate, method: str = "auto", progress: ProgressFn | None = None,
                cancel: threading.Event | None = None) -> ExploreMap:  # fmt: skip
    """The map of ``rows`` (see the module's docstring), its layout kept in ``cache_dir``.

    Args:
        method: "auto" (UMAP if installed, else PCA), "umap" or "pca"; a cached layout of another method is
            recomputed unless ``method`` is "auto".
        progress: called with (step, 3) as the layout and the regions are done.
        cancel: set to stop between steps (raises :class:`Cancelled`).
    """
    report = progress or (lambda _done, _total: None)

    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled

    path = cache_file(cache_dir, model_id)
    report(0, 3)
    cached = load_cached(path, model_id)
    xy, chosen, placed = positions(rows, cached, method)
    if cached is None or cached[0] != rows.points.ids or cached[2] != chosen:
        save_cached(path, model_id, rows.points.ids, xy, chosen, placed)
    check()
    report(1, 3)
    region_of = cluster(xy)
    check()
    report(2, 3)
    regions = name_regions(xy, region_of, rows.tags, rows.points.places, tag_en, tag_zh, place_zh)
    report(3, 3)
    return ExploreMap(model_id, chosen, rows.points, xy, region_of, regions, placed)
