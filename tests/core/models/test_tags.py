"""Zero-shot tagging: the background label takes the probability of photos the vocabulary does not cover."""

from __future__ import annotations

import numpy as np

from album.core.models.tags import BACKGROUND, VOCABULARY, Tagger, load_vocabulary


def unit(vector: list[float]) -> np.ndarray:
    array = np.array(vector, dtype=np.float32)
    return array / np.linalg.norm(array)


TAGS = (*VOCABULARY[:3], BACKGROUND)  # dog, cat, bird, background
LABELS = np.eye(4, dtype=np.float32)  # one direction per label


def test_a_photo_nearer_to_a_generic_photo_than_to_any_tag_gets_none() -> None:
    tagger = Tagger(TAGS, LABELS, logit_scale=100.0)
    dog = unit([0.5, 0.1, 0.1, 0.3])
    keyboard = unit([0.30, 0.28, 0.27, 0.5])  # unlike every tag, most like "a photo"
    assert [t.key for t in tagger.score(np.stack([dog]))[0]] == ["dog"]
    assert tagger.score(np.stack([keyboard])) == [[]]
    without_background = Tagger(TAGS[:3], LABELS[:3, :], logit_scale=100.0)
    assert [t.key for t in without_background.score(np.stack([keyboard]))[0]] == ["dog"]  # what it prevents


def test_curated_vocabulary_brings_the_background_label() -> None:
    assert load_vocabulary(None)[-1] == BACKGROUND
    assert BACKGROUND not in VOCABULARY  # never a tag to search, list or complete
