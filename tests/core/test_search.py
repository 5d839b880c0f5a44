"""The relevance cutoff of album/core/search.py on constructed scores and backgrounds: where a ranked list
of CLIP hits stops being relevant. (Ranking with a real model: test_semantic_search.py.)"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from album.core.search import MIN_BACKGROUND, RELATIVE_MIN, RELATIVE_WEAK, Z_MIN, Background, relevance_cutoff

QUERY = np.array([1.0, 0.0], dtype=np.float32)


def background(mean: float, sigma: float, count: int = 100) -> Background:
    """A library where a random photo scores ``mean`` ± ``sigma`` against QUERY."""
    return Background(np.array([mean, 0.0]), np.diag([sigma**2, 0.01]), count)


def scores(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)  # as the searcher builds them


def test_background_stats_are_what_random_photos_score() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal([0.3, 0.1, -0.2], [0.05, 0.2, 0.1], size=(5000, 3)).astype(np.float32)
    bg = Background(vectors.mean(axis=0), np.cov(vectors, rowvar=False), len(vectors))  # as the Searcher builds it
    query = np.array([0.6, 0.8, 0.0])
    mu, sigma = bg.stats(query)
    assert mu == pytest.approx(float(np.mean(vectors @ query)), abs=1e-4)
    assert sigma == pytest.approx(float(np.std(vectors @ query)), rel=1e-2)


def test_a_strong_best_hit_keeps_everything_halfway_to_it() -> None:
    bg = background(0.2, 0.05)  # best 0.8 is 12 σ above what a random photo scores
    found = scores(0.8, 0.6, 0.51, 0.49, 0.3, 0.21)  # halfway: 0.2 + 0.5 · 0.6 = 0.5
    assert relevance_cutoff(found, bg, QUERY) == 3
    assert (Z_MIN, RELATIVE_MIN) == (2.0, 0.5)  # what the numbers above assume


def test_a_weak_best_hit_keeps_only_hits_close_to_it() -> None:
    bg = background(0.2, 0.1)  # best 0.35 is 1.5 σ above random: a weak match
    found = scores(0.35, 0.34, 0.30, 0.25)  # 90 % of the way: 0.2 + 0.9 · 0.15 = 0.335
    assert relevance_cutoff(found, bg, QUERY) == 2
    assert RELATIVE_WEAK == 0.9  # what the numbers above assume
    strong = background(0.2, 0.05)  # the same scores over a tighter background are a strong match
    assert relevance_cutoff(found, strong, QUERY) == 3  # halfway: 0.275


def test_the_best_hit_is_always_kept() -> None:
    bg = background(0.2, 0.05)
    assert relevance_cutoff(scores(0.1, 0.09, 0.05), bg, QUERY) == 1  # all below what a random photo scores
    assert relevance_cutoff(scores(0.9), bg, QUERY) == 1


def test_without_enough_background_every_hit_is_kept() -> None:
    found = scores(0.8, 0.3, 0.1)
    assert relevance_cutoff(found, None, QUERY) == 3
    assert relevance_cutoff(found, background(0.2, 0.05, count=MIN_BACKGROUND - 1), QUERY) == 3
    assert relevance_cutoff(found, background(0.2, 0.05, count=MIN_BACKGROUND), QUERY) == 1
    assert relevance_cutoff(scores(), background(0.2, 0.05), QUERY) == 0


def test_a_degenerate_background_does_not_divide_by_zero() -> None:
    flat = Background(np.array([0.2, 0.0]), np.zeros((2, 2)), 100)  # every photo the same
    assert relevance_cutoff(scores(0.8, 0.6, 0.4), flat, QUERY) == 2


def test_background_is_kept_for_its_key_only(tmp_path) -> None:
    bg = background(0.2, 0.05, count=42)
    path = tmp_path / "cache" / "background.npz"
    bg.save(path, "clip-a@1 /lib 7")
    loaded = Background.load(path, "clip-a@1 /lib 7")
    assert loaded is not None and loaded.count == 42 and loaded.nonsense is None
    np.testing.assert_array_equal(loaded.cov, bg.cov)
    replace(bg, nonsense=(2.5, 36, 0.04)).save(path, "clip-a@1 /lib 7")  # what the first judged search adds
    again = Background.load(path, "clip-a@1 /lib 7")
    assert again is not None and again.nonsense == (2.5, 36, 0.04)
    assert Background.load(path, "clip-a@1 /lib 8") is None  # the library changed since
    path.write_bytes(b"not numpy")
    assert Background.load(path, "clip-a@1 /lib 7") is None
