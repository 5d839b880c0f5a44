"""ONNX Runtime sessions for the CLIP towers, and their int8 copies: the same vectors, faster, smaller.

Indexing spends most of its time in the image tower's forward pass. The tower's weights quantised to
int8 (onnxruntime's ``quantize_dynamic``: int8 weights, activations quantised on the fly) run ViT-B/32
about twice as fast as fp32 on this project's 2-core test machine (bench/clip_index.py). The text
tower of the default model (XLM-RoBERTa, > 1 GB in fp32) shrinks to a quarter. Convolutions stay
fp32: ORT's ConvInteger is a naive kernel, and the ViT patch embedding in int8 took a quarter of the
tower's time (25 CPU ms a photo against 18 with it in fp32; the patch embedding is 5 % of the FLOPs).

A copy is built once per model and tower, from the model folder's own ONNX file, into album's cache
directory, then checked against the fp32 file on probes (photo-like images; English and Chinese
texts): it is used only if every probe's vector matches fp32 to cosine ≥ MIN_COSINE and (unless the
caller waives it) it is faster. The verdict is saved next to it, so a model that fails is never
rebuilt. Search compares int8 and fp32 vectors of one model freely: at cosine ≥ 0.99 the ranking
differences are below what the model itself can tell apart.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from album.core.models.registry import telemetry_off

log = logging.getLogger(__name__)

MIN_COSINE = 0.99
INT8_RECIPES = {"visual": 2, "textual": 1}
"""How each tower's int8 copy is built; a copy of another recipe is rebuilt. 2: convolutions stay fp32 (only
image towers have any, so a text tower's copy, over 1 GB to quantise for the default model, stays at 1)."""
CHUNK = 16
"""Rows a tower runs at once: the indexer's batch of 64 photos spills ViT-B/32's activations out of a core's
L2 cache (int8, 2 threads: 18.6 CPU ms a photo in one run of 64, 15.9 in runs of 16, 15.4 in runs of 8)."""
QUANTISED_OPS = ("MatMul", "Attention", "LSTM", "Gather", "Transpose", "EmbedLayerNormalization")
"""What ``quantize_dynamic`` quantises by default but Conv (see above)."""
PROBES = 16
PROBE_TEXTS = (
    "a dog on the beach", "two children playing in the snow", "a birthday cake with candles", "a red car",
    "sunset over the mountains", "a receipt", "my grandmother in her garden", "fireworks over the city at night",
    "海边的小狗", "雪地里玩耍的两个孩子", "生日蛋糕", "一辆红色的汽车",
    "山上的日落", "收据", "花园里的奶奶", "城市夜晚的烟花",
)  # fmt: skip
"""Probe queries, English and Chinese: what album's users type."""


@dataclass(frozen=True)
class Verdict:
    """How an int8 copy compared with its fp32 original on the probes."""

    min_cosine: float
    fp32_seconds: float
    int8_seconds: float
    recipe: int = 1  # verdicts written before INT8_RECIPES existed were of recipe 1

    def usable(self, require_faster: bool = True) -> bool:
        faster = self.int8_seconds < self.fp32_seconds
        return self.min_cosine >= MIN_COSINE and (faster or not require_faster)


class Tower:
    """One ONNX tower on onnxruntime's CPU provider: ``encode`` feeds its single input a batch.

    Args:
        path: the tower's ONNX file.
        threads: intra-op threads.
        verdict: how its int8 copy compared (None: this is the fp32 original).
        optimised: a folder to keep the tower's optimised graph in. Optimising the graph is most of what
            opening a session costs (the int8 ViT-B-32 text tower: ~2 of ~4 s on a loaded 2-core machine);
            the graph ORT optimised once is then opened instead and optimises again in a fraction of that.
            It is kept at the extended level, which ORT says is portable; the hardware-specific layout
            passes run on every open, as they do on the original.
    """

    def __init__(self, path: Path, threads: int, verdict: Verdict | None = None, optimised: Path | None = None) -> None:
        telemetry_off()
        import onnxruntime as ort

        self.path = path
        self.verdict = verdict
        kept = _optimised_file(path, optimised, ort.__version__) if optimised is not None else None
        if kept is not None and kept.is_file():
            self.session = _session(kept, threads)
        elif kept is not None:
            self.session = _session_keeping_optimised(path, threads, kept)
        else:
            self.session = _session(path, threads)
        self.input = self.session.get_inputs()[0].name

    @property
    def precision(self) -> str:
        return "fp32" if self.verdict is None else "int8"

    def encode(self, batch: np.ndarray) -> np.ndarray:
        """The tower's output for ``batch``, run CHUNK rows at a time."""
        parts = [self.session.run(None, {self.input: batch[start : start + CHUNK]})[0]
                 for start in range(0, max(len(batch), 1), CHUNK)]  # fmt: skip
        return np.concatenate(parts).astype(np.float32, copy=False)


def _session(path: Path, threads: int, keep_as: Path | None = None) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Idle ORT threads spin by default, burning the cores the decode threads need while indexing.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if keep_as is not None:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(keep_as)
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _session_keeping_optimised(path: Path, threads: int, kept: Path) -> Any:
    """A session on ``path`` that writes its optimised graph to ``kept`` (atomically, older ones of the
    same tower removed), then the session on that graph; a cache that cannot be written is only slower."""
    partial = kept.with_name(f"{kept.stem}.{os.getpid()}.tmp")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        _session(path, threads, keep_as=partial)
        for old in kept.parent.glob(f"{kept.name.split('.opt-')[0]}.opt-*.onnx"):
            old.unlink(missing_ok=True)
        os.replace(partial, kept)
        return _session(kept, threads)
    except Exception as exc:  # ORT raises its own types for a file it cannot write
        log.info("optimised graph of %s not kept in %s: %s", path, kept.parent, exc)
        partial.unlink(missing_ok=True)
        return _session(path, threads)


def _optimised_file(path: Path, folder: Path, ort_version: str) -> Path:
    """Where the optimised graph of the tower file ``path`` is kept: named after the tower and a digest of
    the file's identity and the ORT version, so a new model file or a new ORT never opens a stale graph."""
    try:
        stat = path.stat()
    except OSError:
        return folder / "missing.onnx"  # the session that follows says the file is missing
    identity = f"{path.resolve()} {stat.st_size} {stat.st_mtime_ns} {ort_version}"
    tower = path.stem if path.name != "model.onnx" else f"{path.parent.name}.fp32"  # textual.int8, textual.fp32
    return folder / f"{tower}.opt-{hashlib.sha256(identity.encode()).hexdigest()[:12]}.onnx"


def saved_int8(fp32: Path, folder: Path, threads: int, require_faster: bool = True) -> Tower | None:
    """The int8 copy of ``fp32`` already built in ``folder`` if its verdict says use it; never builds."""
    path, _verdict_path = _files(fp32, folder)
    verdict = _current_verdict(fp32, folder)
    if verdict is None or not path.is_file():
        return None
    return Tower(path, threads, verdict, optimised=folder) if verdict.usable(require_faster) else None


def has_verdict(fp32: Path, folder: Path) -> bool:
    """Whether the int8 copy of ``fp32`` was built by this recipe and judged in ``folder`` already."""
    return _current_verdict(fp32, folder) is not None


def _current_verdict(fp32: Path, folder: Path) -> Verdict | None:
    """The saved verdict on the int8 copy of ``fp32``, unless there is none or it judged another recipe's."""
    try:
        verdict = Verdict(**json.loads(_files(fp32, folder)[1].read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return verdict if verdict.recipe == _recipe(fp32) else None


def _recipe(fp32: Path) -> int:
    return INT8_RECIPES.get(fp32.parent.name, max(INT8_RECIPES.values()))


def int8_tower(fp32: Tower, probes: np.ndarray, folder: Path, threads: int,
               require_faster: bool = True) -> Tower | None:  # fmt: skip
    """The int8 copy of ``fp32`` cached in ``folder`` (built and checked there on first use), or None
    when it is not accurate or not faster (the reason is logged).

    Args:
        fp32: the original tower's session.
        probes: a batch of its input (preprocessed images, or token ids).
        folder: the cache folder of this exact model (its id in the name).
        threads: intra-op threads for the session.
        require_faster: use it only if it beat fp32 on the probes (else accuracy alone decides).
    """
    path, verdict_path = _files(fp32.path, folder)
    if _current_verdict(fp32.path, folder) is not None:
        return saved_int8(fp32.path, folder, threads, require_faster)
    folder.mkdir(parents=True, exist_ok=True)
    _quantise(fp32.path, path)
    tower = Tower(path, threads, optimised=folder)
    verdict = tower.verdict = _compare(fp32, tower, probes)
    tmp = verdict_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(verdict)), encoding="utf-8")
    os.replace(tmp, verdict_path)
    usable = verdict.usable(require_faster)
    log.info("int8 copy of %s: min cosine %.4f, %.3f s vs fp32 %.3f s for %d probes → %s", fp32.path,
             verdict.min_cosine, verdict.int8_seconds, verdict.fp32_seconds, len(probes),
             "usable" if usable else "not used")  # fmt: skip
    if verdict.min_cosine < MIN_COSINE:
        path.unlink(missing_ok=True)  # never usable: the verdict alone says not to try again
    return tower if usable else None


def _files(fp32: Path, folder: Path) -> tuple[Path, Path]:
    tower = fp32.parent.name  # "visual" or "textual"
    return folder / f"{tower}.int8.onnx", folder / f"{tower}.verdict.json"


def _quantise(fp32: Path, path: Path) -> None:
    """fp32 ONNX → int8 weights, written atomically."""
    telemetry_off()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = path.with_suffix(".tmp")
    advice = _DropQuantizeAdvice()
    logging.getLogger().addFilter(advice)
    try:
        # Weights of a > 2 GB model would need external data; CLIP towers album ships are below that.
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, op_types_to_quantize=list(QUANTISED_OPS))
        os.replace(tmp, path)
    finally:
        logging.getLogger().removeFilter(advice)
        tmp.unlink(missing_ok=True)


class _DropQuantizeAdvice(logging.Filter):
    """quantize_dynamic logs on the root logger: every tensor it leaves alone (INFO, dozens per tower)
    and advice to run its shape pre-processing, which fails on ViT graphs; hush both."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING and "pre-processing before quantization" not in record.getMessage()


def _compare(fp32: Tower, int8: Tower, probes: np.ndarray) -> Verdict:
    """Cosine of int8 vs fp32 vectors on every probe, and the faster of two timed runs of each."""
    reference = fp32.encode(probes)
    vectors = int8.encode(probes)
    cosines = (vectors * reference).sum(1) / (
        np.linalg.norm(vectors, axis=1) * np.linalg.norm(reference, axis=1) + 1e-12
    )
    fp32_seconds = _best_time(lambda: fp32.encode(probes))
    int8_seconds = _best_time(lambda: int8.encode(probes))
    return Verdict(round(float(cosines.min()), 5), round(fp32_seconds, 4), round(int8_seconds, 4), _recipe(fp32.path))


def _best_time(run: Callable[[], Any], repeats: int = 2) -> float:
    run()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def probe_images(count: int = PROBES, size: int = 320) -> list[Image.Image]:
    """Deterministic photo-like test images: smooth colour fields with shapes, edges and noise."""
    rng = np.random.default_rng(7)
    images = []
    for _ in range(count):
        field = rng.random((4, 4, 3)) * 255
        image = Image.fromarray(field.astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC)
        draw = ImageDraw.Draw(image)
        for _shape in range(3):
            x, y = rng.integers(0, size, 2)
            r = int(rng.integers(size // 12, size // 4))
            colour = tuple(int(c) for c in rng.integers(0, 256, 3))
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x - r, y - r, x + r, y + r), fill=colour)
        noise = rng.normal(0, 6, (size, size, 3))
        images.append(Image.fromarray(np.clip(np.asarray(image) + noise, 0, 255).astype(np.uint8)))
    return images
