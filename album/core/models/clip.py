"""CLIP image and text encoders (open_clip on torch, CPU).

The encoder is created cheaply and loads its weights lazily on first use, so the app can start, and
the CLI can run metadata-only commands, without paying for torch. Preprocessing (size, crop, mean,
std, interpolation) comes from the model's own open_clip config, never from constants here.
Vectors are L2-normalised, so cosine similarity is a dot product.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from album.core.models.clip_onnx import OnnxImageTower, Verdict, probe_images
from album.core.models.registry import (
    CLIP_CONFIG,
    CLIP_WEIGHTS,
    DownloadProgress,
    ModelUnavailable,
    ensure_clip_files,
    telemetry_off,
)

log = logging.getLogger(__name__)


def _local_text_tower(folder: Path) -> dict[str, Any]:
    """open_clip overrides that build a Hugging Face text tower (XLM-RoBERTa) from the model folder's
    own ``config.json`` rather than fetching it by name from the hub: the model then loads offline."""
    text_cfg = json.loads((folder / CLIP_CONFIG).read_text(encoding="utf-8")).get("model_cfg", {}).get("text_cfg", {})
    if "hf_model_name" not in text_cfg or not (folder / "config.json").is_file():
        return {}
    return {"text_cfg": {**text_cfg, "hf_model_name": str(folder), "hf_model_pretrained": False}}


def _fingerprint(folder: Path) -> str:
    """A short hash of the weights file, so vectors from retrained weights are never mixed up."""
    weights = next(folder / w for w in CLIP_WEIGHTS if (folder / w).is_file())
    digest = hashlib.blake2b(digest_size=4)
    with open(weights, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def reduce_for_model(image: Image.Image, model_side: int | tuple[int, int]) -> Image.Image:
    """Box-reduce a large image to about twice the model's input size before its own resize.

    The model's bicubic resize then costs half as much (measured: 21 → 12 ms for a 1536×1024 photo
    to ViT-B/32's 224 px) and still sees twice the detail it keeps.
    """
    side = model_side if isinstance(model_side, int) else max(model_side)
    factor = min(image.size) // (2 * side)
    return image.reduce(factor) if factor >= 2 else image


class ClipEncoder:
    """One CLIP model: ``preprocess`` (thread-safe, runs in decode workers) and batched encoders.

    Args:
        models_dir: the models directory (``Paths.models_dir``).
        key: the model's name (see :data:`album.core.models.registry.CLIP_MODELS`, or any folder under
            ``models_dir/clip/``).
        threads: torch intra-op threads; defaults to the number of cores.
        allow_download: fetch missing weights on first use.
        backend: the image tower's runtime: "auto" (an int8 ONNX Runtime copy when it matches torch
            and is faster, see :mod:`album.core.models.clip_onnx`), "onnx" (the same, without the speed
            condition) or "torch".
        onnx_cache: where int8 copies are built and kept (album's cache dir); None means torch only.
    """

    def __init__(self, models_dir: Path, key: str, threads: int | None = None, allow_download: bool = True,
                 backend: str = "auto", onnx_cache: Path | None = None) -> None:  # fmt: skip
        self.models_dir = models_dir
        self.key = key
        self.backend = backend
        self.onnx_cache = onnx_cache
        self._tower: OnnxImageTower | None = None
        self._tower_checked = False
        self.threads = threads or os.cpu_count() or 1
        self.allow_download = allow_download
        self._lock = threading.Lock()
        self._model: Any = None
        self._preprocess: Any = None
        self._tokenizer: Any = None
        self.model_id = ""
        self.dim = 0

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self, progress: DownloadProgress | None = None) -> None:
        """Load (downloading first if needed) the weights. Safe to call repeatedly and from threads.

        Raises:
            ModelUnavailable: weights missing and not downloadable, or unreadable.
        """
        telemetry_off()  # before open_clip, transformers and huggingface_hub are imported
        with self._lock:
            if self._model is not None:
                return
            folder = ensure_clip_files(self.models_dir, self.key, self.allow_download, progress)
            import open_clip
            import torch

            torch.set_num_threads(self.threads)
            try:
                model, _, preprocess = open_clip.create_model_and_transforms(
                    f"local-dir:{folder}",
                    device="cpu",
                    weights_only=True,
                    pretrained_text=False,
                    **_local_text_tower(folder),
                )
                tokenizer = open_clip.get_tokenizer(f"local-dir:{folder}")
            except Exception as exc:  # a damaged or truncated weights file raises whatever its format's reader does
                reason = f"its files cannot be loaded ({exc.__class__.__name__}: {exc}); they may be damaged"
                raise ModelUnavailable(self.key, [str(folder)], folder, reason) from exc
            model.eval()
            with torch.inference_mode():
                probe = model.encode_text(tokenizer(["probe"]))
            self.dim = int(probe.shape[-1])
            self.model_id = f"{self.key}@{_fingerprint(folder)}"
            self._model, self._preprocess, self._tokenizer = model, preprocess, tokenizer
            log.info("loaded CLIP model %s (%d-d)", self.model_id, self.dim)

    def prepare_image_tower(self) -> None:
        """Choose what runs the image tower, building the int8 copy on a model's first use (about 23 s
        for ViT-B/32). Called by the indexing step and before encoding images, never by text search,
        which so never waits for it."""
        self.load()
        with self._lock:
            if not self._tower_checked:
                self._tower = self._int8_tower()
                self._tower_checked = True
                log.info("image tower of %s runs on %s", self.model_id, self.image_backend)

    @property
    def input_side(self) -> int:
        """The image tower's input size in pixels (224 for ViT-B/32)."""
        self.load()
        size = self._model.visual.image_size
        return int(size if isinstance(size, int) else max(size))

    @property
    def decode_size(self) -> int:
        """How big a decoded photo should be for this model: twice its input side, the detail
        :func:`reduce_for_model` keeps (448 px for ViT-B/32)."""
        return 2 * self.input_side

    @property
    def image_backend(self) -> str:
        """What runs the image tower: "onnxruntime-int8" or "torch-fp32"."""
        return "onnxruntime-int8" if self._tower is not None else "torch-fp32"

    @property
    def int8_verdict(self) -> Verdict | None:
        """How the int8 image tower in use compared with torch (None: torch runs the image tower)."""
        return self._tower.verdict if self._tower is not None else None

    def _int8_tower(self) -> OnnxImageTower | None:
        if self.backend == "torch" or self.onnx_cache is None:
            return None
        import torch

        probes = torch.stack([self._preprocess(image) for image in probe_images()])
        folder = self.onnx_cache / self.model_id.replace("@", "-")
        try:
            tower = OnnxImageTower.for_model(self._model.visual, probes, folder, self.threads,
                                             require_faster=self.backend != "onnx")  # fmt: skip
        except Exception as exc:  # an architecture the exporter cannot handle: torch does the work
            log.warning("no int8 image tower for %s (%s); using torch", self.model_id, exc)
            return None
        if tower is None and self.backend == "onnx":
            log.warning("the int8 image tower of %s is not accurate or not faster; using torch", self.model_id)
        return tower

    def preprocess(self, image: Image.Image) -> Any:
        """The model's own preprocessing of one RGB image → a CHW float tensor. Thread-safe."""
        self.load()
        return self._preprocess(reduce_for_model(image, self.input_side))

    def encode_images(self, tensors: list[Any]) -> np.ndarray:
        """Preprocessed images → L2-normalised vectors, shape (N, dim), float32."""
        import torch

        self.prepare_image_tower()
        if not tensors:
            return np.zeros((0, self.dim), np.float32)
        batch = torch.stack(tensors)
        if self._tower is not None:
            return self._normalise(self._tower.encode(batch.numpy()))
        with torch.inference_mode():
            vectors = self._model.encode_image(batch)
        return self._normalise(vectors)

    def encode_texts(self, texts: list[str]) -> np.ndarray:
        """Texts → L2-normalised vectors, shape (N, dim), float32."""
        import torch

        self.load()
        with torch.inference_mode():
            vectors = self._model.encode_text(self._tokenizer(texts))
        return self._normalise(vectors)

    @property
    def logit_scale(self) -> float:
        """The model's learned temperature, used to turn similarities into tag probabilities."""
        self.load()
        return float(self._model.logit_scale.exp().item())

    @staticmethod
    def _normalise(vectors: Any) -> np.ndarray:
        array = vectors if isinstance(vectors, np.ndarray) else vectors.float().numpy()
        norms = np.linalg.norm(array, axis=1, keepdims=True)
        return (array / np.maximum(norms, 1e-12)).astype(np.float32)
