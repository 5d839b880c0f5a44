"""``album models convert``: any open_clip model → a CLIP model folder album runs on ONNX Runtime alone.

The run time needs neither torch nor open_clip: a model is the folder :mod:`album.core.models.layout`
describes (Immich's layout). This module is the one place that imports torch and open_clip (lazily,
inside functions: they are the optional ``album[convert]`` extra). It loads the model through
open_clip, exports both towers with ``torch.onnx``, writes the tokenizer as a Hugging Face
``tokenizers`` file, and checks its own output against open_clip before installing it: tokenizer ids
must be equal and every probe vector of both towers must match torch to cosine ≥ :data:`MIN_COSINE`.
The folder is written under a staging name and renamed into place only when all of that passed, so a
failed conversion leaves nothing behind.

Exporter: torch.onnx's TorchScript exporter (``dynamo=False``) for both towers. Both exporters gave
vectors matching torch (cosine ≥ 0.99999) for ViT-B-32's towers and the XLM-RoBERTa text tower (torch
2.14.1, onnxscript 0.7.2), but TorchScript's was 3-5× faster on this 2-core machine (ViT-B-32 image
tower 34 s against 115 s, text tower 21 s against 103 s, under load; tiny XLM-RoBERTa text tower 1.0 s
against 8.9 s), and the dynamo exporter's text graph would not load in onnxruntime once its output was
named ("Duplicate definition of name"). One exporter for every tower keeps one path tested; whichever
runs, :func:`verify` decides whether the result is installed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from album.core.models import layout
from album.core.models.hub import check_reachable, endpoint
from album.core.models.registry import clip_folder, telemetry_off

log = logging.getLogger(__name__)

CLIP_CONFIG = "open_clip_config.json"  # the config of a model in open_clip's own layout, what this module reads

MIN_COSINE = 0.999
"""Every probe vector of a converted tower must match open_clip's to at least this cosine."""

INSTALL_HINT = "install album[convert] (torch and open-clip-torch) to convert models"
OPSET = 18
PROTOBUF_LIMIT = 2_000_000_000  # bytes: a larger tower keeps its weights in an external data file

ConvertProgress = Callable[[str], None]
"""``progress(step)`` as the conversion moves on ("loading", "image tower", ...)."""

PROBE_TEXTS = (
    "a photo of a dog",
    "A Red CIRCLE on a blue square, next to the sofa!",
    "红色的圆形",
    "有小狗的照片，在海边。",
    "birthday party 🎂🎉 with friends 👨‍👩‍👧",
    "it's 5 o'clock... (maybe?) — “quoted” text & more: 100% #1 @home",
    "Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ！",
    "  spaces\tand\nnewlines  ",
    " ".join(["a very long caption that goes on and on"] * 20),
)
"""English, Chinese, emoji, punctuation, odd widths and spaces, and a caption longer than any context."""


class ConverterMissing(Exception):
    """torch or open_clip is not installed: conversion is an optional extra."""


class ConversionFailed(Exception):
    """The source could not be loaded or exported, or the result does not match it. Meant for the user."""


@dataclass(frozen=True)
class _Source:
    """An open_clip model loaded for conversion."""

    model: Any
    preprocess: Any  # open_clip's image transform (PIL → CHW tensor)
    tokenizer: Any  # open_clip's tokenizer (texts → (N, context_length) int64 tensor)
    model_cfg: dict[str, Any]  # embed_dim, vision_cfg, text_cfg
    preprocess_cfg: dict[str, Any]
    hf_folder: Path | None  # the folder holding a Hugging Face text tower's tokenizer files


def require_converter() -> None:
    """Raises ConverterMissing when torch or open_clip cannot be imported."""
    try:
        import open_clip  # noqa: F401
        import torch  # noqa: F401
    except ImportError as exc:
        raise ConverterMissing(INSTALL_HINT) from exc


def default_name(source: str) -> str:
    """The model folder's name for ``source``: Immich's ``arch__tag`` for a named model, else the last
    part of the hub id or the folder's name."""
    if Path(source).is_dir():
        return Path(source).resolve().name
    if source.startswith("hf-hub:"):
        return source.rstrip("/").rsplit("/", 1)[-1]
    arch, _, tag = source.partition(":")
    return f"{arch}__{tag}" if tag else arch


def convert(source: str, models_dir: Path, name: str | None = None, progress: ConvertProgress | None = None) -> Path:
    """Convert ``source`` into ``models_dir/clip/<name>/`` and return that folder.

    Args:
        source: a local folder in open_clip's local-dir layout (``open_clip_config.json`` + weights), an
            open_clip model with its pretrained tag (``ViT-B-32:laion2b_s34b_b79k``) or an ``hf-hub:`` id.
        models_dir: the models directory (``Paths.models_dir``).
        name: the model's folder name (see :func:`default_name` when None).
        progress: told each step as it starts.

    Raises:
        ConverterMissing: torch or open_clip is not installed.
        ConversionFailed: the source cannot be loaded (missing, damaged, offline), exported, or the
            converted model does not match it; nothing is installed then.
    """
    name = name or default_name(source)
    target = clip_folder(models_dir, name)
    if target.exists():  # said before torch takes seconds to import
        raise ConversionFailed(f"{target} already exists; remove it or choose another name (--name)")
    require_converter()
    telemetry_off()
    step = progress or (lambda _step: None)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{name}.converting-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    started = time.perf_counter()
    try:
        step("loading")
        loaded = load(source)
        (staging / "visual").mkdir(parents=True)
        (staging / "textual").mkdir()
        step("writing the configuration and the tokenizer")
        _write_configs(loaded, staging)
        _write_tokenizer(loaded, staging)
        step("exporting the image tower")
        _export_image_tower(loaded, staging / layout.VISUAL_MODEL)
        step("exporting the text tower")
        _export_text_tower(loaded, staging / layout.TEXTUAL_MODEL)
        step("checking the converted model against open_clip")
        verify(loaded, staging)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("converted %s into %s in %.1f s", source, target, time.perf_counter() - started)
    return target


# -- loading -------------------------------------------------------------------------------------------


def _local_text_tower(folder: Path, text_cfg: dict[str, Any]) -> dict[str, Any]:
    """open_clip overrides that build a Hugging Face text tower (XLM-RoBERTa) from the folder's own
    ``config.json`` rather than fetching it by name from the hub: the model then loads offline."""
    if "hf_model_name" not in text_cfg or not (folder / "config.json").is_file():
        return {}
    return {"text_cfg": {**text_cfg, "hf_model_name": str(folder), "hf_model_pretrained": False}}


def load(source: str) -> _Source:
    """Load ``source`` (see :func:`convert`) with open_clip, for conversion or as the reference it is checked
    against.

    Raises:
        ConversionFailed: it cannot be loaded.
    """
    import open_clip

    folder = Path(source)
    if folder.is_dir():
        return _load_folder(folder)
    hub = source.startswith("hf-hub:")
    if not hub and (os.sep in source or source.startswith((".", "~"))):
        raise ConversionFailed(f"{source} is not a folder")
    arch, _, tag = (source, "", "") if hub else source.partition(":")
    if not hub and arch not in open_clip.list_models():
        raise ConversionFailed(f"{arch!r} is neither a folder nor an open_clip model name")
    if not hub and not tag:  # without its tag open_clip would build the model with random weights
        raise ConversionFailed(f"name the weights to convert as {arch}:TAG; open_clip knows "
                               + ", ".join(t for a, t in open_clip.list_pretrained() if a == arch))  # fmt: skip
    try:
        check_reachable(endpoint())  # open_clip downloads through huggingface_hub, which uses HF_ENDPOINT too
    except OSError as exc:
        raise ConversionFailed(
            f"cannot download {source}: {endpoint()} is not reachable ({exc}); download its open_clip files "
            "into a folder elsewhere and convert that folder"
        ) from exc
    try:
        model, _, preprocess = open_clip.create_model_and_transforms(arch, pretrained=tag or None, device="cpu")
        tokenizer = open_clip.get_tokenizer(arch)
        if hub:
            from open_clip.pretrained import download_pretrained_from_hf

            config = json.loads(Path(download_pretrained_from_hf(arch[7:], filename=CLIP_CONFIG)).read_text())
            model_cfg = config["model_cfg"]
        else:
            model_cfg = open_clip.get_model_config(arch)
    except Exception as exc:  # unknown names, network and hub errors: all mean "cannot get this model"
        raise ConversionFailed(f"cannot load {source} ({exc.__class__.__name__}: {exc})") from exc
    return _Source(model.eval(), preprocess, tokenizer, model_cfg, open_clip.get_model_preprocess_cfg(model), None)


def _load_folder(folder: Path) -> _Source:
    import open_clip

    try:
        config = json.loads((folder / CLIP_CONFIG).read_text(encoding="utf-8"))
        model_cfg = config["model_cfg"]
    except (OSError, ValueError, KeyError) as exc:
        raise ConversionFailed(f"{folder} is not an open_clip model folder: {CLIP_CONFIG} is missing or unreadable "
                               f"({exc.__class__.__name__}: {exc})") from exc  # fmt: skip
    overrides = _local_text_tower(folder, model_cfg.get("text_cfg", {}))
    try:
        model, _, preprocess = open_clip.create_model_and_transforms(
            f"local-dir:{folder}", device="cpu", weights_only=True, pretrained_text=False, **overrides
        )
        tokenizer = open_clip.get_tokenizer(f"local-dir:{folder}")
    except Exception as exc:  # a damaged or truncated weights file raises whatever its format's reader does
        raise ConversionFailed(f"cannot load the model in {folder} ({exc.__class__.__name__}: {exc}); "
                               "its files may be damaged or incomplete") from exc  # fmt: skip
    hf_folder = folder if overrides else None
    return _Source(model.eval(), preprocess, tokenizer, model_cfg, open_clip.get_model_preprocess_cfg(model), hf_folder)


# -- writing -------------------------------------------------------------------------------------------


def _write_json(path: Path, value: dict[str, Any]) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_configs(loaded: _Source, staging: Path) -> None:
    logit_scale = float(loaded.model.logit_scale.exp().item())
    keys = ("embed_dim", "vision_cfg", "text_cfg")
    config: dict[str, Any] = {key: loaded.model_cfg[key] for key in keys if key in loaded.model_cfg}
    _write_json(staging / layout.CONFIG, {**config, "logit_scale": logit_scale})
    cfg = loaded.preprocess_cfg
    size = cfg.get("size", 224)
    preprocess = {
        "size": list(size) if isinstance(size, (tuple, list)) else [size, size],
        "mode": cfg.get("mode", "RGB"),
        "mean": list(cfg.get("mean", (0.48145466, 0.4578275, 0.40821073))),
        "std": list(cfg.get("std", (0.26862954, 0.26130258, 0.27577711))),
        "interpolation": cfg.get("interpolation", "bicubic"),
        "resize_mode": cfg.get("resize_mode", "shortest"),
        "fill_color": cfg.get("fill_color", 0),
    }
    _write_json(staging / layout.VISUAL_PREPROCESS, preprocess)


def _write_tokenizer(loaded: _Source, staging: Path) -> None:
    from album.core.models.convert_tokenizer import hf_tokenizer, simple_tokenizer

    context_length = int(loaded.tokenizer.context_length)
    if hasattr(loaded.tokenizer, "tokenizer"):  # open_clip's HFTokenizer wraps a transformers tokenizer
        tokenizer, pad_token = hf_tokenizer(loaded.tokenizer.tokenizer, context_length)
    else:
        tokenizer, pad_token = simple_tokenizer(loaded.tokenizer, context_length)
    tokenizer.save(str(staging / layout.TEXTUAL_TOKENIZER))
    _write_json(staging / layout.TEXTUAL_TOKENIZER_CONFIG, {"pad_token": pad_token, "model_max_length": context_length})


def _tower(model: Any, text: bool) -> Any:
    """What an ONNX file computes: preprocessed NCHW images, or int32 token ids (open_clip takes int64),
    → unnormalised vectors."""
    import torch

    class Tower(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.model.encode_text(x.to(torch.int64)) if text else self.model.encode_image(x)

    return Tower().eval()


def _export(tower: Any, example: Any, path: Path, input_name: str) -> None:
    import torch

    external = sum(p.numel() * p.element_size() for p in tower.parameters()) > PROTOBUF_LIMIT
    try:
        with warnings.catch_warnings():
            # Tracing warns about Python control flow and advanced indexing; verify() checks the result itself.
            warnings.simplefilter("ignore")
            torch.onnx.export(
                tower, (example,), str(path), input_names=[input_name], output_names=["embedding"],
                dynamic_axes={input_name: {0: "batch"}, "embedding": {0: "batch"}}, opset_version=OPSET,
                dynamo=False, external_data=external,
            )  # fmt: skip
    except Exception as exc:  # an architecture torch.onnx cannot export: say which tower
        raise ConversionFailed(f"torch.onnx cannot export {path.parent.name} tower ({exc.__class__.__name__}: "
                               f"{str(exc)[:300]})") from exc  # fmt: skip


def _export_image_tower(loaded: _Source, path: Path) -> None:
    import torch

    images = torch.stack([loaded.preprocess(image) for image in probe_images(2)])
    _export(_tower(loaded.model, text=False), images, path, layout.IMAGE_INPUT)


def _export_text_tower(loaded: _Source, path: Path) -> None:
    import torch

    ids = loaded.tokenizer(["a photo of a dog", "红色的圆"]).to(torch.int32)
    _export(_tower(loaded.model, text=True), ids, path, layout.TEXT_INPUT)


# -- checking ------------------------------------------------------------------------------------------


def probe_images(count: int = 8, size: int = 256) -> list[Any]:
    """Deterministic photo-like pictures: smooth colour fields with shapes and noise."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(11)
    images = []
    for _ in range(count):
        field = (rng.random((4, 4, 3)) * 255).astype(np.uint8)
        image = Image.fromarray(field).resize((size, size * 3 // 4), Image.Resampling.BICUBIC)
        pen = ImageDraw.Draw(image)
        for _shape in range(3):
            x, y = (int(v) for v in rng.integers(0, size, 2))
            r = int(rng.integers(size // 12, size // 4))
            colour = tuple(int(c) for c in rng.integers(0, 256, 3))
            (pen.ellipse if rng.random() < 0.5 else pen.rectangle)((x - r, y - r, x + r, y + r), fill=colour)
        noise = rng.normal(0, 6, (image.height, image.width, 3))
        images.append(Image.fromarray(np.clip(np.asarray(image) + noise, 0, 255).astype(np.uint8)))
    return images


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity of two (N, D) arrays."""
    return np.asarray((a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-12))


def _session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def verify(
    loaded: _Source, folder: Path, images: list[Any] | None = None, texts: tuple[str, ...] = PROBE_TEXTS
) -> None:
    """Check a converted folder against the open_clip model it came from.

    Raises:
        ConversionFailed: a tokenizer id differs, or a probe vector's cosine to torch's is below MIN_COSINE.
    """
    import torch
    from tokenizers import Tokenizer

    expected = loaded.tokenizer(list(texts)).numpy()
    encoded = Tokenizer.from_file(str(folder / layout.TEXTUAL_TOKENIZER)).encode_batch(list(texts))
    ids = np.array([e.ids for e in encoded], dtype=np.int64)
    if ids.shape != expected.shape or not (ids == expected).all():
        bad = next(t for t, a, b in zip(texts, ids, expected, strict=False) if list(a) != list(b))
        raise ConversionFailed(f"the converted tokenizer does not match open_clip's on {bad!r}")
    pixels = torch.stack([loaded.preprocess(image) for image in images or probe_images()])
    with torch.inference_mode():
        image_ref = loaded.model.encode_image(pixels).float().numpy()
        text_ref = loaded.model.encode_text(torch.from_numpy(expected)).float().numpy()
    image_out = _session(folder / layout.VISUAL_MODEL).run(None, {layout.IMAGE_INPUT: pixels.numpy()})[0]
    text_out = _session(folder / layout.TEXTUAL_MODEL).run(None, {layout.TEXT_INPUT: ids.astype(np.int32)})[0]
    for tower, out, ref in (("image", image_out, image_ref), ("text", text_out, text_ref)):
        worst = float(cosines(np.asarray(out, np.float32), ref).min())
        log.info("%s tower: lowest cosine to open_clip %.6f over %d probes", tower, worst, len(ref))
        if not worst >= MIN_COSINE:
            raise ConversionFailed(f"the converted {tower} tower does not match open_clip (cosine {worst:.4f} "
                                   f"< {MIN_COSINE}); not installed")  # fmt: skip
