"""Zero-shot tags: score every photo against a curated vocabulary with the CLIP model already loaded.

A tag is kept only when the model is fairly sure (its softmax probability among all labels is high),
so a photo gets a few precise tags rather than many vague ones; tags are searchable (``tag:dog``) and
listable (``album tags``). A model folder may ship its own ``album_tags.json`` vocabulary (a list of
``{"key", "en", "zh", "prompts"}``), e.g. a specialised or self-trained model.

A softmax over the vocabulary alone always hands its mass to some label, so a photo of something the
vocabulary lacks (a keyboard, a face) would get the least unlikely tag. The curated vocabulary has
one more label, :data:`BACKGROUND` ("a photo", "a photo of something"): a photo that matches no tag
better than it matches a generic photo gives its probability to that label, which is never stored.
A model's own vocabulary can include it with the key ``_background``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

TAGS_FILE = "album_tags.json"


@dataclass(frozen=True)
class Tag:
    """One label: a stable key, display names in English and Chinese, and the prompts CLIP reads."""

    key: str
    en: str
    zh: str
    prompts: tuple[str, ...]


def _tag(key: str, en: str, zh: str, *extra: str) -> Tag:
    return Tag(key, en, zh, (f"a photo of {en}", *extra))


# Objects, scenes and events people search their photos for. Prompts in English: every supported model
# reads English, and the multilingual ones map Chinese queries to the same place in the vector space.
VOCABULARY: tuple[Tag, ...] = (
    _tag("dog", "a dog", "狗", "a photo of a puppy"),
    _tag("cat", "a cat", "猫", "a photo of a kitten"),
    _tag("bird", "a bird", "鸟"),
    _tag("horse", "a horse", "马"),
    _tag("beach", "a beach", "海滩", "a photo of people at the seaside"),
    _tag("sea", "the sea", "大海", "a photo of the ocean"),
    _tag("mountain", "mountains", "山", "a photo of a mountain landscape"),
    _tag("lake", "a lake", "湖"),
    _tag("forest", "a forest", "森林"),
    _tag("snow", "snow", "雪", "a photo of a snowy landscape"),
    _tag("sunset", "a sunset", "日落", "a photo of a sunrise"),
    _tag("night", "a city at night", "夜景"),
    _tag("city", "a city street", "城市", "a photo of buildings in a city"),
    _tag("flowers", "flowers", "花"),
    _tag("food", "food", "美食", "a photo of a meal on a plate"),
    _tag("cake", "a birthday cake", "蛋糕"),
    _tag("baby", "a baby", "婴儿"),
    _tag("child", "a child playing", "孩子"),
    _tag("group", "a group of people", "合影", "a group photo"),
    _tag("selfie", "a selfie", "自拍"),
    _tag("wedding", "a wedding", "婚礼"),
    _tag("party", "a party", "聚会"),
    _tag("fireworks", "fireworks", "烟花"),
    _tag("christmas_tree", "a christmas tree", "圣诞树"),
    _tag("car", "a car", "汽车"),
    _tag("bicycle", "a bicycle", "自行车"),
    _tag("train", "a train", "火车"),
    _tag("airplane", "an airplane", "飞机"),
    _tag("boat", "a boat", "船"),
    _tag("document", "a document", "文件", "a photo of a page of text"),
    _tag("receipt", "a receipt", "收据"),
    _tag("screenshot", "a screenshot", "截图", "a screenshot of a phone screen"),
    _tag("whiteboard", "a whiteboard", "白板"),
    _tag("sports", "people playing sports", "运动"),
    _tag("swimming_pool", "a swimming pool", "游泳池"),
    _tag("garden", "a garden", "花园"),
    _tag("indoor", "a room interior", "室内"),
    _tag("museum", "a museum", "博物馆"),
    _tag("temple", "a temple", "寺庙"),
    _tag("bridge", "a bridge", "桥"),
)


BACKGROUND_KEY = "_background"
BACKGROUND = Tag(BACKGROUND_KEY, "something else", "其他",
                 ("a photo", "a photo of something", "a photo of an everyday object"))  # fmt: skip


DEFAULT_VOCABULARY = (*VOCABULARY, BACKGROUND)  # what a model without its own vocabulary is scored against


def display_name(key: str, chinese: bool = False) -> str:
    """A tag's name for people: its English or Chinese label (a model's own tags show their key)."""
    tag = next((t for t in VOCABULARY if t.key == key), None)
    if tag is None:
        return key.replace("_", " ")
    return tag.zh if chinese else tag.en


def load_vocabulary(model_folder: Path | None) -> tuple[Tag, ...]:
    """The model folder's own vocabulary if it ships one, else album's curated list (with BACKGROUND)."""
    path = model_folder / TAGS_FILE if model_folder else None
    if path is None or not path.is_file():
        return DEFAULT_VOCABULARY
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Tag(i["key"], i["en"], i["zh"], tuple(i["prompts"])) for i in items)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring unreadable %s: %s", path, exc)
        return DEFAULT_VOCABULARY


@dataclass(frozen=True)
class TagScore:
    key: str
    score: float  # probability among all labels of the vocabulary


class Tagger:
    """Scores image vectors against the vocabulary's prompt vectors (mean of each tag's prompts).

    Args:
        tags: the vocabulary.
        tag_vectors: (len(tags), dim) L2-normalised text vectors.
        logit_scale: the model's temperature (CLIP's learned ``logit_scale.exp()``).
        min_probability: keep a tag only if the softmax over all labels (BACKGROUND included) gives
            it at least this much.
        max_tags: at most this many tags per photo.
    """

    def __init__(
        self,
        tags: tuple[Tag, ...],
        tag_vectors: np.ndarray,
        logit_scale: float,
        min_probability: float = 0.3,
        max_tags: int = 3,
    ) -> None:
        self.tags = tags
        self.tag_vectors = tag_vectors
        self.logit_scale = logit_scale
        self.min_probability = min_probability
        self.max_tags = max_tags

    def score(self, image_vectors: np.ndarray) -> list[list[TagScore]]:
        """For each image vector, its confident tags, most probable first."""
        logits = self.logit_scale * image_vectors @ self.tag_vectors.T
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        result = []
        for row in probs:
            order = np.argsort(-row)[: self.max_tags]
            keep = [i for i in order if row[i] >= self.min_probability and self.tags[i].key != BACKGROUND_KEY]
            result.append([TagScore(self.tags[i].key, float(row[i])) for i in keep])
        return result
