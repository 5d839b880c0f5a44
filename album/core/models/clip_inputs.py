"""What the two CLIP towers read: pixels prepared as open_clip prepares them, and token ids.

Both are driven by the model folder's own files (``visual/preprocess_cfg.json``,
``textual/tokenizer.json``, ``textual/tokenizer_config.json``, ``config.json``'s ``text_cfg``), never
by constants here, and both use only Pillow, numpy and ``tokenizers``: the vectors must equal what
open_clip computes in torch (tests/core/models/test_clip.py compares them), without torch.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

# open_clip's defaults when a preprocess config leaves a field out (OPENAI_DATASET_MEAN / _STD).
_DEFAULT_MEAN = (0.48145466, 0.4578275, 0.40821073)
_DEFAULT_STD = (0.26862954, 0.26130258, 0.27577711)
_INTERPOLATION = {"bicubic": Image.Resampling.BICUBIC, "bilinear": Image.Resampling.BILINEAR}


@dataclass(frozen=True)
class ImageTransform:
    """open_clip's inference transform (``image_transform(..., is_train=False)``) in Pillow + numpy.

    ``resize_mode`` is open_clip's: "shortest" resizes the shortest side to the input size and crops
    the centre, "squash" resizes to the input size ignoring the aspect ratio, "longest" resizes the
    longest side and pads the rest with ``fill``.
    """

    height: int
    width: int
    mean: tuple[float, ...] = _DEFAULT_MEAN
    std: tuple[float, ...] = _DEFAULT_STD
    interpolation: str = "bicubic"
    resize_mode: str = "shortest"
    fill: int = 0

    @classmethod
    def from_file(cls, path: Path) -> ImageTransform:
        cfg = json.loads(path.read_text(encoding="utf-8"))
        size = cfg["size"]
        height, width = (size, size) if isinstance(size, int) else (int(size[0]), int(size[-1]))
        interpolation = cfg.get("interpolation") or "bicubic"
        resize_mode = cfg.get("resize_mode") or "shortest"
        if resize_mode not in ("shortest", "squash", "longest"):
            raise ValueError(f"unknown resize_mode {resize_mode!r} in {path}")
        return cls(height, width, _triple(cfg.get("mean"), _DEFAULT_MEAN), _triple(cfg.get("std"), _DEFAULT_STD),
                   interpolation if interpolation in _INTERPOLATION else "bicubic",  # open_clip: "random" → bicubic
                   resize_mode, int(cfg.get("fill_color") or 0))  # fmt: skip

    @property
    def side(self) -> int:
        return max(self.height, self.width)

    def __call__(self, image: Image.Image) -> np.ndarray:
        """One image → CHW float32, normalised. Pure function of its input: safe in any thread."""
        image = self._resize(image.convert("RGB"))
        pixels = np.asarray(image, dtype=np.float32) / np.float32(255.0)
        normalised = (pixels - np.asarray(self.mean, np.float32)) / np.asarray(self.std, np.float32)
        return np.ascontiguousarray(normalised.transpose(2, 0, 1), dtype=np.float32)

    def _resize(self, image: Image.Image) -> Image.Image:
        resample = _INTERPOLATION[self.interpolation]
        w, h = image.size
        if self.resize_mode == "squash":
            return image.resize((self.width, self.height), resample)
        if self.resize_mode == "longest":  # open_clip ResizeKeepRatio(longest=1) + CenterCropOrPad
            ratio = max(h / self.height, w / self.width)
            image = image.resize((round(w / ratio), round(h / ratio)), resample)
        elif self.height == self.width:  # torchvision Resize(int): shortest side, the other truncated
            short, long = min(w, h), max(w, h)
            size = self.height, int(self.height * long / short)
            image = image.resize((size[0], size[1]) if w <= h else (size[1], size[0]), resample)
        else:  # open_clip ResizeKeepRatio(longest=0), which it builds without the configured interpolation
            ratio = min(h / self.height, w / self.width)
            image = image.resize((round(w / ratio), round(h / ratio)), Image.Resampling.BICUBIC)
        return _centre_crop_or_pad(image, self.height, self.width, self.fill)


def _triple(value: Any, default: tuple[float, ...]) -> tuple[float, ...]:
    if value is None:
        return default
    return tuple(float(v) for v in value) if isinstance(value, (list, tuple)) else (float(value),) * 3


def _centre_crop_or_pad(image: Image.Image, height: int, width: int, fill: int) -> Image.Image:
    """open_clip's ``center_crop_or_pad`` (torchvision's CenterCrop when no padding is needed)."""
    w, h = image.size
    if width > w or height > h:
        left, top = max(width - w, 0) // 2, max(height - h, 0) // 2
        padded = Image.new("RGB", (max(w, width), max(h, height)), (fill, fill, fill))
        padded.paste(image, (left, top))
        image, (w, h) = padded, padded.size
    top, left = round((h - height) / 2.0), round((w - width) / 2.0)
    return image.crop((left, top, left + width, top + height))


_WHITESPACE = re.compile(r"\s+")
_PUNCTUATION = str.maketrans("", "", string.punctuation)


class TextTokenizer:
    """The text tower's tokenizer: ``tokenizers`` reading the folder's ``tokenizer.json``, padded and
    truncated to the model's context length with its own pad token (as Immich feeds these models).

    Args:
        tokenizer_file: ``textual/tokenizer.json``.
        config_file: ``textual/tokenizer_config.json`` (its "pad_token").
        text_cfg: ``config.json``'s "text_cfg" (context_length, and tokenizer_kwargs.clean).
    """

    def __init__(self, tokenizer_file: Path, config_file: Path, text_cfg: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        pad_token = json.loads(config_file.read_text(encoding="utf-8"))["pad_token"]
        if isinstance(pad_token, dict):  # tokenizer_config.json may spell a token as an AddedToken record
            pad_token = pad_token["content"]
        self.context_length = int(text_cfg.get("context_length", 77))
        # SigLIP's tokenizer was trained on lower-case text without punctuation (open_clip's "canonicalize").
        self.canonicalize = (text_cfg.get("tokenizer_kwargs") or {}).get("clean") == "canonicalize"
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        pad_id = self._tokenizer.token_to_id(pad_token)
        if pad_id is None:
            raise ValueError(f"pad token {pad_token!r} is not in {tokenizer_file}")
        self._tokenizer.enable_padding(length=self.context_length, pad_id=pad_id, pad_token=pad_token)
        self._tokenizer.enable_truncation(max_length=self.context_length)

    def clean(self, text: str) -> str:
        text = _WHITESPACE.sub(" ", text).strip()
        return text.translate(_PUNCTUATION).lower() if self.canonicalize else text

    def __call__(self, texts: list[str]) -> np.ndarray:
        """Texts → int32 token ids, shape (N, context_length). ``tokenizers`` is thread-safe for this."""
        encodings = self._tokenizer.encode_batch([self.clean(t) for t in texts])
        return np.asarray([e.ids for e in encodings], dtype=np.int32).reshape(len(texts), self.context_length)
