"""Duplicates and bursts: which photos of a library are one picture, and which copy to keep.

Three kinds of group, from what the indexer already stored (nothing is decoded again):

- **exact**: the same content hash (the same bytes under two names);
- **similar**: resized, re-encoded or lightly edited copies: perceptual hashes a few bits apart, or CLIP
  vectors of the same model nearly parallel;
- **burst**: one camera, seconds apart (camera-recorded times), and alike in hash or vector; at the same
  second a looser hash suffices, which also catches a crop or an edit that kept its EXIF.

Two photos that both carry GPS positions more than :data:`FAR_KM` apart are never one picture, however alike
they look: a copy keeps its EXIF, and so does a crop or an edit (a plain wall or sky photographed in Kyoto and
in Paris hashed a few bits apart).

Comparing every pair is 5·10⁹ pairs at 100k photos, so candidate pairs come from blocking: each key
(content hash, the perceptual hash under several bit rotations, a 64-bit random-hyperplane signature of
the CLIP vector under several rotations, the camera and time) is sorted and only near neighbours in that
order are compared (Charikar's sorted-permutation search for Hamming neighbours). Every step is a numpy
operation over all photos at once; the groups are the connected components of the pairs that pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from album.core.records import FILE_TIME_SOURCES, DuplicateGroup
from album.core.store.db import PHOTO_COLUMNS, Store, photo_from_row
from album.core.store.rows import VECTOR_COLUMN

PHASH_NEAR = 6  # bits of 64: copies measure 0–2 (resize, JPEG q40, +30% brightness); unrelated LFW faces ≥ 8
CLIP_NEAR = 0.95  # cosine of two photos' CLIP vectors that only copies reach
BURST_SECONDS = 10
BURST_PHASH = 18  # a burst frame moves a little: looser than a copy, with the same camera seconds apart
BURST_CLIP = 0.90
MOMENT_PHASH = 26  # the same camera and second: a crop (~20–24 bits for 10% off each side) or an edit
# Two vectors at cosine c differ in 64·acos(c)/π signature bits on average: ~9 at BURST_CLIP, ~6 at CLIP_NEAR;
# a pair further apart than this is not compared (the bound is ~3 standard deviations above BURST_CLIP's).
SIGNATURE_BITS = 20
WINDOW = 4  # neighbours compared in each sorted order
ROTATIONS = 8  # rotations of each 64-bit key (by 8 bits)
FAR_KM = 5.0  # GPS positions this far apart are two places (a copy's are equal; phone fixes drift by metres)
EARTH_KM = 6371.0
SIGNATURE_SEED = 19  # the random hyperplanes are the same every run, so a run's groups are reproducible

# The columns grouping reads (besides the CLIP vector column, when the library has one).
COLUMNS = ["id", "content_hash", "phash", "sharpness", "width", "height", "size", "taken_at", "date_source",
           "camera", "lat", "lon",
           "keywords", "title", "description", "clip_model", "duplicate_review", "path"]  # fmt: skip


# What the keeper suggestion weighs (see _suggest).
_WEIGHED = ["width", "height", "size", "sharpness", "lat", "camera", "keywords", "title", "description", "path"]
# A file name that says it is a copy ("party (copy).jpg", "IMG_1 - Copy.jpg", "photo(2).jpg", "照片 副本.jpg"):
# between copies nothing else tells apart, the one without such a name is suggested.
_COPY_NAME = re.compile(r"copy|kopie|copie|副本|\(\d+\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundGroup:
    """A group as row numbers of the table it was found in, the suggested keeper first."""

    kind: str
    rows: tuple[int, ...]
    reasons: tuple[str, ...]


@dataclass
class _Facts:
    """The columns grouping compares, as numpy arrays (one entry per photo)."""

    hashes: np.ndarray  # content hash codes (int)
    phash: np.ndarray  # uint64
    has_phash: np.ndarray  # bool
    seconds: np.ndarray  # int64 camera-recorded time in seconds
    dated: np.ndarray  # bool: the camera recorded the time
    camera: np.ndarray  # int codes, -1: unknown
    vectors: np.ndarray | None  # (N, D) float32 unit vectors, zero rows for photos without one
    has_vector: np.ndarray  # bool
    signatures: np.ndarray | None  # uint64 random-hyperplane bits of each vector (see _signatures)
    lat: np.ndarray  # float64 radians, NaN: no GPS position
    lon: np.ndarray  # float64 radians, NaN: no GPS position


def find_groups(table: pa.Table, vector_column: str | None = None, model_id: str | None = None,
                exact_only: bool = False) -> list[FoundGroup]:  # fmt: skip
    """The duplicate groups among ``table``'s rows (:data:`COLUMNS`, plus ``vector_column`` holding
    ``model_id``'s vectors), largest first; a group whose photos the user all reviewed is left out.
    """
    if table.num_rows < 2:
        return []
    facts = _facts(table, vector_column, model_id)
    left, right = _candidates(facts, exact_only)
    keep, strength = _same_picture(facts, left, right, exact_only)
    labels = _components(facts, left[keep], right[keep], strength[keep])
    n = table.num_rows
    order = np.argsort(labels, kind="stable")
    starts = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1]])
    sizes = np.diff(np.r_[starts, n])
    reviewed = ~pc.is_null(table.column("duplicate_review")).to_numpy(zero_copy_only=False)
    spans = [order[start : start + size] for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True)]
    members: list[list[int]] = [rows.tolist() for rows in spans if not reviewed[rows].all()]
    grouped = sorted(r for rows in members for r in rows)
    # One read of what the suggestion weighs for every grouped photo (one per group took 3 s at 100k).
    weighed = table.select(_WEIGHED).take(pa.array(grouped, pa.int64())).to_pylist()
    facts_of = dict(zip(grouped, weighed, strict=True))
    groups = [_suggest(facts, rows, [facts_of[r] for r in rows]) for rows in members]
    groups.sort(key=lambda g: (-len(g.rows), g.rows[0]))
    return groups


def _codes(column: pa.ChunkedArray) -> np.ndarray:
    """Integer codes of a string column's values, -1 for null."""
    encoded = pc.dictionary_encode(column.combine_chunks()).indices
    return pc.fill_null(encoded, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _facts(table: pa.Table, vector_column: str | None, model_id: str | None) -> _Facts:
    phash = table.column("phash").combine_chunks()
    taken = pc.cast(table.column("taken_at"), pa.timestamp("s"), safe=False)  # to the second
    dated = pc.and_(pc.is_valid(taken), pc.invert(pc.is_in(table.column("date_source"),
                                                            pa.array(sorted(FILE_TIME_SOURCES)))))  # fmt: skip
    vectors, has_vector = None, np.zeros(table.num_rows, bool)
    if vector_column is not None and model_id is not None and vector_column in table.column_names:
        has_vector = pc.fill_null(pc.equal(table.column("clip_model"), model_id), False).to_numpy(zero_copy_only=False)
        column = table.column(vector_column).combine_chunks()
        dim = column.type.list_size
        flat = column.flatten().to_numpy(zero_copy_only=False)
        full = np.zeros((table.num_rows, dim), np.float32)
        full[column.is_valid().to_numpy(zero_copy_only=False)] = flat.reshape(-1, dim)
        full[~has_vector] = 0
        full /= np.maximum(np.linalg.norm(full, axis=1, keepdims=True), 1e-12)  # in place: 200 MB at 100k
        vectors = full
    signatures = _signatures(vectors) if vectors is not None else None
    return _Facts(
        hashes=_codes(table.column("content_hash")),
        phash=pc.fill_null(phash, 0).to_numpy(zero_copy_only=False).view(np.uint64),
        has_phash=phash.is_valid().to_numpy(zero_copy_only=False),
        seconds=pc.fill_null(pc.cast(taken, pa.int64()), 0).to_numpy(zero_copy_only=False),
        dated=pc.fill_null(dated, False).to_numpy(zero_copy_only=False),
        camera=_codes(table.column("camera")),
        vectors=vectors,
        has_vector=has_vector,
        signatures=signatures,
        lat=np.radians(_floats(table.column("lat"))),
        lon=np.radians(_floats(table.column("lon"))),
    )


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    """A numeric column as float64, NaN for null."""
    return pc.fill_null(pc.cast(column, pa.float64()), float("nan")).to_numpy(zero_copy_only=False)


def _components(facts: _Facts, left: np.ndarray, right: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """Each photo's group label: the connected components of the pairs that passed, except where photos
    without a GPS position bridge two places (a copy without EXIF of a Kyoto photo is also like a Paris one):
    such a component is joined again pair by pair, the most alike (``strength``) first, never letting a group
    hold photos more than :data:`FAR_KM` from its first placed photo."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(facts.hashes)
    graph = coo_matrix((np.ones(len(left), np.int8), (left, right)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    placed = np.flatnonzero(~np.isnan(facts.lat))
    group = labels[placed]
    first_placed = np.full(labels.max() + 1, -1, np.int64)
    groups, first = np.unique(group, return_index=True)
    first_placed[groups] = placed[first]
    spread = np.unique(group[_far_apart(facts, placed, first_placed[group])])
    if not len(spread):
        return labels
    edges = np.flatnonzero(np.isin(labels[left], spread))
    edges = edges[np.argsort(-strength[edges], kind="stable")]
    placed_set = set(placed.tolist())
    parent: dict[int, int] = {}
    anchor: dict[int, int] = {}  # a root's first placed photo (-1: none yet)

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in zip(left[edges].tolist(), right[edges].tolist(), strict=True):
        a, b = root(a), root(b)
        here = anchor.get(a, a if a in placed_set else -1)
        there = anchor.get(b, b if b in placed_set else -1)
        if a == b or (here >= 0 and there >= 0 and _far_apart(facts, np.array([here]), np.array([there]))[0]):
            continue
        parent[b] = a
        anchor[a] = here if here >= 0 else there
    members = np.flatnonzero(np.isin(labels, spread))
    labels = labels.copy()
    labels[members] = labels.max() + 1 + np.array([root(int(m)) for m in members])
    return labels


def _far_apart(facts: _Facts, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Which pairs both carry GPS positions more than :data:`FAR_KM` apart (haversine; a pair with a
    missing position is never far apart)."""
    lat1, lat2 = facts.lat[left], facts.lat[right]
    across = np.cos(lat1) * np.cos(lat2) * np.sin((facts.lon[right] - facts.lon[left]) / 2) ** 2
    half = np.sin((lat2 - lat1) / 2) ** 2 + across
    with np.errstate(invalid="ignore"):  # NaN for a pair without positions compares False
        return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(half, 1.0))) > FAR_KM


def _neighbours(keys: np.ndarray, valid: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of valid rows at most ``window`` apart when sorted by ``keys`` (1-d, or rows of columns
    sorted lexicographically, first column last as ``np.lexsort`` takes them)."""
    rows = np.flatnonzero(valid)
    order = rows[np.lexsort(keys[:, rows]) if keys.ndim == 2 else np.argsort(keys[rows], kind="stable")]
    order = order.astype(np.int32)  # millions of pairs at 100k photos: half the memory of int64
    pairs = [(order[:-k], order[k:]) for k in range(1, min(window, len(order) - 1) + 1)]
    if not pairs:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    return np.concatenate([a for a, _b in pairs]), np.concatenate([b for _a, b in pairs])


def _rotations(keys: np.ndarray, valid: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Neighbour pairs in the order of each rotation of 64-bit keys: keys a few bits apart share a long
    prefix in at least one rotation, so they sort close together there."""
    found = []
    for r in range(ROTATIONS):
        shift = np.uint64(8 * r)
        rotated = (keys << shift) | (keys >> np.uint64(64 - 8 * r)) if r else keys
        found.append(_neighbours(rotated, valid, WINDOW))
    return found


def _signatures(vectors: np.ndarray) -> np.ndarray:
    """64 random-hyperplane bits per vector: nearly parallel vectors differ in few bits."""
    planes = np.random.default_rng(SIGNATURE_SEED).standard_normal((vectors.shape[1], 64)).astype(np.float32)
    bits = (vectors @ planes > 0).astype(np.uint64)
    return (bits << np.arange(64, dtype=np.uint64)).sum(axis=1, dtype=np.uint64)


def _candidates(facts: _Facts, exact_only: bool) -> tuple[np.ndarray, np.ndarray]:
    everyone = facts.hashes >= 0
    found = [_neighbours(facts.hashes, everyone, 1)]  # equal keys sort in one run: a chain links them all
    if not exact_only:
        found += _rotations(facts.phash, facts.has_phash)
        if facts.signatures is not None and facts.has_vector.any():
            found += _rotations(facts.signatures, facts.has_vector)
        camera_time = np.stack([facts.seconds, facts.camera])
        found.append(_neighbours(camera_time, facts.dated & (facts.camera >= 0), WINDOW))
    left = np.concatenate([a for a, _b in found])
    right = np.concatenate([b for _a, b in found])
    low, high = np.minimum(left, right).astype(np.int64), np.maximum(left, right)
    keys = np.sort(low * (len(facts.hashes) + 1) + high)  # sorted, not np.unique: its hashing took 3 s at 10k
    unique = keys[np.r_[True, keys[1:] != keys[:-1]]]
    return (unique // (len(facts.hashes) + 1)).astype(np.int32), (unique % (len(facts.hashes) + 1)).astype(np.int32)


def _same_picture(facts: _Facts, left: np.ndarray, right: np.ndarray,
                  exact_only: bool) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Which candidate pairs are one picture (or one moment), and how alike each pair is (exact copies
    first, then the fewest hash bits apart and the nearest vectors)."""
    exact = (facts.hashes[left] == facts.hashes[right]) & (facts.hashes[left] >= 0)
    if exact_only:
        return exact, exact.astype(np.float32)
    both_hashed = facts.has_phash[left] & facts.has_phash[right]
    bits = np.where(both_hashed, _popcount(facts.phash[left] ^ facts.phash[right]), 64)
    cosine = np.zeros(len(left), np.float32)
    if facts.vectors is not None and facts.signatures is not None:
        # Only pairs whose signatures are close enough to reach BURST_CLIP have their vectors read (most
        # candidates are just neighbours in some order): reading 512 floats for each of millions of pairs
        # took 10 s and 2 GB at 10k photos.
        close = _popcount(facts.signatures[left] ^ facts.signatures[right]) <= SIGNATURE_BITS
        with_vectors = np.flatnonzero(close & facts.has_vector[left] & facts.has_vector[right])
        for chunk in np.array_split(with_vectors, max(1, len(with_vectors) // 8192)):  # small gathers
            cosine[chunk] = np.einsum("ij,ij->i", facts.vectors[left[chunk]], facts.vectors[right[chunk]])
    one_camera = facts.dated[left] & facts.dated[right] & (facts.camera[left] == facts.camera[right]) \
        & (facts.camera[left] >= 0)  # fmt: skip
    apart = np.abs(facts.seconds[left] - facts.seconds[right])
    burst = one_camera & (apart <= BURST_SECONDS) & ((bits <= BURST_PHASH) | (cosine >= BURST_CLIP))
    moment = one_camera & (apart == 0) & (bits <= MOMENT_PHASH)
    alike = ((bits <= PHASH_NEAR) | (cosine >= CLIP_NEAR) | burst | moment) & ~exact
    checked = np.flatnonzero(alike)  # distances only for the pairs that would join (millions are candidates)
    alike[checked] = ~_far_apart(facts, left[checked], right[checked])
    return exact | alike, np.where(exact, 2.0, cosine - bits / 64).astype(np.float32)


_BITS_IN_BYTE = np.array([bin(b).count("1") for b in range(256)], np.uint8)


def _popcount(values: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (numpy 1.26 has no ``bitwise_count``)."""
    return _BITS_IN_BYTE[values.view(np.uint8)].reshape(-1, 8).sum(axis=1, dtype=np.int64)


def _kind(facts: _Facts, rows: list[int]) -> str:
    if len(set(facts.hashes[rows].tolist())) == 1:
        return "exact"
    one_camera = facts.dated[rows].all() and len(set(facts.camera[rows].tolist())) == 1
    return "burst" if one_camera and len(set(facts.seconds[rows].tolist())) > 1 else "similar"


def _metadata(row: dict[str, object], dated: bool) -> int:
    """How much of what the user cares about a photo carries: a camera date, GPS, camera, their own words."""
    return sum([dated, row["lat"] is not None, bool(row["camera"]), bool(row["keywords"]), bool(row["title"]),
                bool(row["description"])])  # fmt: skip


def _suggest(facts: _Facts, rows: list[int], data: list[dict[str, Any]]) -> FoundGroup:
    """The group with the copy to keep first: the largest, then the most metadata, then (a burst) the
    sharpest or (copies of one shot) the biggest file, the least re-encoded; then one whose name does not
    say it is a copy, the shortest name, the first path.
    ``data``: the :data:`_WEIGHED` columns of each row."""
    kind = _kind(facts, rows)
    pixels = [(d["width"] or 0) * (d["height"] or 0) for d in data]
    meta = [_metadata(d, bool(facts.dated[r])) for d, r in zip(data, rows, strict=True)]
    sharp = [d["sharpness"] or 0.0 for d in data]
    size = [d["size"] or 0 for d in data]
    detail = sharp if kind == "burst" else size
    stems = [PurePath(d["path"]).stem for d in data]
    named = [(bool(_COPY_NAME.search(stem)), len(stem), d["path"]) for stem, d in zip(stems, data, strict=True)]
    ranked = sorted(range(len(rows)), key=lambda i: (-pixels[i], -meta[i], -detail[i], named[i]))
    best = ranked[0]
    # Why this copy rather than the others, leaving out its byte-identical twins (which nothing tells apart).
    others = [i for i in ranked[1:] if facts.hashes[rows[i]] != facts.hashes[rows[best]]]
    reasons = []
    if others and all(pixels[best] > pixels[i] for i in others):
        reasons.append("largest")
    if others and kind == "burst" and all(sharp[best] > sharp[i] for i in others):
        reasons.append("sharpest")
    if data[best]["lat"] is not None and any(data[i]["lat"] is None for i in others):
        reasons.append("gps")
    if others and all(meta[best] > meta[i] for i in others):
        reasons.append("metadata")
    if not reasons and others and all(size[best] > size[i] for i in others):
        reasons.append("quality")
    return FoundGroup(kind, tuple(rows[i] for i in ranked), tuple(reasons or ["first"]))


def find_duplicates(store: Store, exact_only: bool = False) -> list[DuplicateGroup]:
    """The library's duplicate groups (see :func:`find_groups`); the CLIP vectors compared are those of the
    model that made most of them (vectors of two models are never compared)."""
    table = store.duplicate_candidates(COLUMNS)
    models = pc.value_counts(table.column("clip_model").combine_chunks().drop_null()).to_pylist()
    model_id = max(models, key=lambda m: m["counts"])["values"] if models else None
    found = find_groups(table, VECTOR_COLUMN, model_id, exact_only)
    rows = sorted({r for g in found for r in g.rows})
    records = table.select(PHOTO_COLUMNS).take(pa.array(rows, pa.int64())).to_pylist()  # not the vectors
    photos = dict(zip(rows, (photo_from_row(r) for r in records), strict=True))
    return [DuplicateGroup(g.kind, tuple(photos[r] for r in g.rows), g.reasons) for g in found]
