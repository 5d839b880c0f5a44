"""CLIP image and text encoders on ONNX Runtime alone (no torch in the app or the CLI).

A model is a folder in the layout of :mod:`album.core.models.layout`. The encoder is created cheaply
and reads that folder lazily: :meth:`ClipEncoder.load` reads only the small config files and
fingerprints the weights; each tower's session opens on its first use, so text search never waits
for the image tower (nor for building its int8 copy), and tags whose prompt vectors are cached need
no text tower at all. Preprocessing and tokenising come from the model's own files
(:mod:`album.core.models.clip_inputs`). Vectors are L2-normalised: cosine similarity is a dot product.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import numpy as np
from PIL import Image

from album.core.config import SHORT_SIDE_SHARE
from album.core.models import layout
from album.core.models.clip_inputs import ImageTransform, TextTokenizer
from album.core.models.clip_onnx import (
    PROBE_TEXTS,
    Tower,
    Verdict,
    has_verdict,
    int8_tower,
    probe_images,
    saved_int8,
)
from album.core.models.registry import DownloadProgress, ModelUnavailable, ensure_clip_files

log = logging.getLogger(__name__)

BACKENDS = {"auto": (True, True), "int8": (True, False), "fp32": (False, False)}
"""backend → (try an int8 copy, require it to be faster than fp32). Settings files written before
album ran on ONNX Runtime alone say "onnx" (int8 without the speed condition) or "torch" (fp32)."""
_LEGACY_BACKENDS = {"onnx": "int8", "torch": "fp32"}


def fingerprint(folder: Path, samples: int = 16, chunk: int = 1 << 16) -> str:
    """A short hash that changes when either tower's weights change, cheap even for a 1.4 GB file: the
    configs, each ONNX file's size and ``samples`` chunks spread over it (first and last included)."""
    digest = hashlib.blake2b(digest_size=4)
    digest.update((folder / layout.CONFIG).read_bytes())
    for name in (layout.VISUAL_MODEL, layout.TEXTUAL_MODEL):
        path = folder / name
        size = path.stat().st_size
        digest.update(f"{name}:{size}".encode())
        with open(path, "rb") as fh:
            for offset in sorted({size * i // (samples - 1) for i in range(samples)}):
                fh.seek(max(0, min(offset, size - chunk)))
                digest.update(fh.read(chunk))
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
        threads: ONNX Runtime intra-op threads per tower; defaults to the number of cores.
        allow_download: fetch missing files on first use.
        backend: "auto" (each tower's int8 copy where it matches fp32 and is faster, see
            :mod:`album.core.models.clip_onnx`), "int8" (the same without the speed condition) or "fp32".
        cache_dir: where int8 copies and cached prompt vectors are kept (album's cache dir); None keeps
            nothing, so both towers run fp32 and prompts are encoded every time.
    """

    def __init__(self, models_dir: Path, key: str, threads: int | None = None, allow_download: bool = True,
                 backend: str = "auto", cache_dir: Path | None = None) -> None:  # fmt: skip
        backend = _LEGACY_BACKENDS.get(backend, backend)
        if backend not in BACKENDS:
            raise ValueError(f"unknown CLIP backend {backend!r} (expected one of {', '.join(BACKENDS)})")
        self.models_dir = models_dir
        self.key = key
        self.backend = backend
        self.cache_dir = cache_dir
        self.threads = threads or os.cpu_count() or 1
        self.allow_download = allow_download
        self._lock = threading.Lock()  # finding the model; each tower has its own, so neither waits for the other
        self._image_lock = threading.Lock()
        self._text_lock = threading.Lock()
        self._folder: Path | None = None
        self._transform: ImageTransform | None = None
        self._text_cfg: dict[str, object] = {}
        self._image: Tower | None = None
        self._text: Tower | None = None
        self._tokenizer: TextTokenizer | None = None
        self._logit_scale = 100.0
        self.model_id = ""
        self.dim = 0

    @property
    def loaded(self) -> bool:
        return self._folder is not None

    @property
    def text_ready(self) -> bool:
        """Whether a text encodes without opening the text tower first."""
        return self._text is not None

    def load(self, progress: DownloadProgress | None = None) -> None:
        """Find (downloading first if needed) the model and read its configs; no tower is opened yet.
        Safe to call repeatedly and from threads.

        Raises:
            ModelUnavailable: files missing and not downloadable, or unreadable.
        """
        if self._folder is not None:
            return
        with self._lock:
            if self._folder is not None:
                return
            folder = ensure_clip_files(self.models_dir, self.key, self.allow_download, progress)
            with self._failing_soft(folder, layout.CONFIG):
                config = json.loads((folder / layout.CONFIG).read_text(encoding="utf-8"))
                self.dim = int(config["embed_dim"])
                self._text_cfg = dict(config.get("text_cfg") or {})
                self._logit_scale = float(config.get("logit_scale") or 100.0)
            with self._failing_soft(folder, layout.VISUAL_PREPROCESS):
                self._transform = ImageTransform.from_file(folder / layout.VISUAL_PREPROCESS)
            with self._failing_soft(folder, layout.VISUAL_MODEL, layout.TEXTUAL_MODEL):
                self.model_id = f"{self.key}@{fingerprint(folder)}"
            self._folder = folder
            log.info("found CLIP model %s (%d-d)", self.model_id, self.dim)

    def prepare_image_tower(self) -> None:
        """Open the image tower, choosing fp32 or its int8 copy and building that copy on a model's first
        use (about 20 s for ViT-B/32). Called by the indexing step and before encoding images, never by
        text search, which so never waits for it.

        Raises:
            ModelUnavailable: the tower's file cannot be loaded.
        """
        self.load()
        with self._image_lock:
            if self._image is None:
                self._image = self._open(layout.VISUAL_MODEL, self._image_probes)
                log.info("image tower of %s runs on %s", self.model_id, self.image_backend)

    def prepare_text_tower(self) -> None:
        """Build and check the text tower's int8 copy if this model has no verdict on it yet (once per
        model; the indexing step calls this, so a search never pays for the build). Does nothing once
        decided: the tower then opens on the first text to encode.

        Raises:
            ModelUnavailable: the tower's file or its tokenizer cannot be loaded.
        """
        self.load()
        if not BACKENDS[self.backend][0] or self.cache_dir is None:
            return
        assert self._folder is not None
        with self._text_lock:
            if not has_verdict(self._folder / layout.TEXTUAL_MODEL, self._cache_folder()):
                self._text = self._open(layout.TEXTUAL_MODEL, self._text_probes)
                log.info("text tower of %s runs on %s", self.model_id, self.text_backend)

    @property
    def input_side(self) -> int:
        """The image tower's input size in pixels (224 for ViT-B/32)."""
        self.load()
        assert self._transform is not None
        return self._transform.side

    @property
    def decode_size(self) -> int:
        """How big (long side) a decoded photo should be for this model: enough that a 16:9 photo's short
        side still covers the model's input (399 px for ViT-B/32), so the model's own resize shrinks, as it
        does from the full photo. A JPEG's draft decode lands between this and twice it: an 8 MP photo
        (3264 px) decodes at 1/8 (408 px), not 1/4 (816 px) as it did from twice the input side."""
        return math.ceil(self.input_side / SHORT_SIDE_SHARE)

    @property
    def image_backend(self) -> str:
        """What runs the image tower: "onnxruntime-int8" or "onnxruntime-fp32" ("" before it opens)."""
        return f"onnxruntime-{self._image.precision}" if self._image is not None else ""

    @property
    def text_backend(self) -> str:
        """What runs the text tower: "onnxruntime-int8" or "onnxruntime-fp32" ("" before it opens)."""
        return f"onnxruntime-{self._text.precision}" if self._text is not None else ""

    @property
    def int8_verdict(self) -> Verdict | None:
        """How the int8 image tower in use compared with fp32 (None: fp32 runs the image tower)."""
        return self._image.verdict if self._image is not None else None

    @property
    def text_int8_verdict(self) -> Verdict | None:
        return self._text.verdict if self._text is not None else None

    def preprocess(self, image: Image.Image) -> np.ndarray:
        """The model's own preprocessing of one RGB image → CHW float32. Thread-safe."""
        self.load()
        assert self._transform is not None
        return self._transform(reduce_for_model(image, self.input_side))

    def encode_images(self, images: list[np.ndarray]) -> np.ndarray:
        """Preprocessed images → L2-normalised vectors, shape (N, dim), float32."""
        self.prepare_image_tower()
        if not images:
            return np.zeros((0, self.dim), np.float32)
        assert self._image is not None
        return _normalise(self._image.encode(np.stack(images).astype(np.float32, copy=False)))

    def open_text_tower(self) -> None:
        """Open the text tower for searches: the int8 copy if one was decided on before, else fp32
        (a search never builds a copy). Safe to call repeatedly and from threads.

        Raises:
            ModelUnavailable: files missing and not downloadable, or unreadable.
        """
        self.load()
        with self._text_lock:
            if self._text is None:
                self._text = self._open(layout.TEXTUAL_MODEL, None)

    def encode_texts(self, texts: list[str]) -> np.ndarray:
        """Texts → L2-normalised vectors, shape (N, dim), float32."""
        self.open_text_tower()
        assert self._text is not None and self._tokenizer is not None
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _normalise(self._text.encode(self._tokenizer(texts)))

    def encode_texts_cached(self, texts: list[str]) -> np.ndarray:
        """:meth:`encode_texts`, kept in the cache dir per model and list of texts: the tag prompts,
        encoded on every indexing run before (~2.4 s), then load from a file without the text tower."""
        self.load()
        if self.cache_dir is None:
            return self.encode_texts(texts)
        key = hashlib.blake2b(json.dumps(texts, ensure_ascii=False).encode(), digest_size=8).hexdigest()
        path = self._cache_folder() / f"texts-{key}.npy"
        try:
            vectors = np.load(path)
            if vectors.shape == (len(texts), self.dim):
                return vectors.astype(np.float32, copy=False)
        except (OSError, ValueError):
            pass  # not cached yet (or a damaged file): encode again
        vectors = self.encode_texts(texts)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
        np.save(tmp, vectors)
        os.replace(tmp, path)
        return vectors

    @property
    def logit_scale(self) -> float:
        """The model's learned temperature (config.json "logit_scale"), to turn similarities into tag
        probabilities; 100 when absent, the value of released CLIP models."""
        self.load()
        return self._logit_scale

    def cache_file(self, name: str) -> Path | None:
        """Where to keep a file derived from this exact model (None without a cache dir)."""
        self.load()
        return self._cache_folder() / name if self.cache_dir is not None else None

    # -- internals --------------------------------------------------------------------------------
    def _cache_folder(self) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / self.model_id.replace("@", "-")

    def _open(self, name: str, probes: Callable[[], np.ndarray] | None) -> Tower:
        """The tower ``name``: its int8 copy when the backend wants one and (``probes`` given: after
        building and checking it if needed; None: only if already decided) it passed, else fp32.
        Called with the tower's lock held."""
        assert self._folder is not None
        fp32_path = self._folder / name
        wants_int8, require_faster = BACKENDS[self.backend]
        # The text tower encodes a query at a time, where either copy answers in well under 0.2 s; its int8 copy
        # takes a third of the memory (ViT-B-32: +124 MB against +308 MB) and opens faster, so accuracy alone
        # decides (on a busy machine the speed verdict, a few probe runs, comes out either way).
        require_faster = require_faster and name == layout.VISUAL_MODEL
        if name == layout.TEXTUAL_MODEL and self._tokenizer is None:
            files = (layout.TEXTUAL_TOKENIZER, layout.TEXTUAL_TOKENIZER_CONFIG)
            with self._failing_soft(self._folder, *files):
                self._tokenizer = TextTokenizer(self._folder / files[0], self._folder / files[1], self._text_cfg)
        with self._failing_soft(self._folder, name):
            optimised = self._cache_folder() if self.cache_dir is not None else None
            if wants_int8 and self.cache_dir is not None:
                saved = saved_int8(fp32_path, self._cache_folder(), self.threads, require_faster)
                if saved is not None or probes is None:
                    return saved or Tower(fp32_path, self.threads, optimised=optimised)
            fp32 = Tower(fp32_path, self.threads, optimised=optimised)
        if not wants_int8 or self.cache_dir is None or probes is None:
            return fp32
        try:
            return int8_tower(fp32, probes(), self._cache_folder(), self.threads, require_faster) or fp32
        except Exception as exc:  # a graph the quantiser cannot handle: fp32 does the work
            log.warning("no int8 copy of %s for %s (%s); using fp32", name, self.model_id, exc)
            return fp32

    def _image_probes(self) -> np.ndarray:
        return np.stack([self.preprocess(image) for image in probe_images()])

    def _text_probes(self) -> np.ndarray:
        assert self._tokenizer is not None
        return self._tokenizer(list(PROBE_TEXTS))

    def _failing_soft(self, folder: Path, *names: str) -> AbstractContextManager[None]:
        return _failing_soft(self.key, folder, names)


@contextmanager
def _failing_soft(key: str, folder: Path, names: tuple[str, ...]) -> Iterator[None]:
    """Turns any error reading a model file into :class:`ModelUnavailable` naming that file: a damaged
    or truncated file raises whatever its reader does, and must cost only the CLIP features."""
    try:
        yield
    except ModelUnavailable:
        raise
    except Exception as exc:
        reason = f"{' or '.join(names)} cannot be loaded ({exc.__class__.__name__}: {exc}); it may be damaged"
        raise ModelUnavailable(key, list(names), folder, reason) from exc


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
