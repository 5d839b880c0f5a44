"""An int8 ONNX Runtime copy of a CLIP image tower: the same vectors, about twice as fast on a CPU.

Indexing spends most of its time in the image tower's forward pass. ONNX Runtime with the tower's
weights quantised to int8 (dynamic quantisation: int8 weights, activations quantised on the fly) runs
ViT-B/32 about 2.7× faster than torch fp32 on this project's 2-core test machine (bench/clip_index.py).

The copy is built once per model (torch.onnx's export, then onnxruntime's ``quantize_dynamic``) into
album's cache directory, then checked against torch fp32 on probe images: it is used only if every
probe's vector matches torch's to cosine ≥ MIN_COSINE and it is faster. The verdict is saved next to
it, so a model that fails is not rebuilt on every run. Search compares int8 and fp32 vectors of one
model freely: at cosine ≥ 0.99 the ranking differences are below what the model itself can tell apart.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from album.core.models.registry import telemetry_off

log = logging.getLogger(__name__)

MIN_COSINE = 0.99
PROBES = 16
ONNX_FILE = "visual.int8.onnx"
VERDICT_FILE = "verdict.json"


@dataclass(frozen=True)
class Verdict:
    """How the int8 copy compared with torch fp32 on the probe images."""

    min_cosine: float
    torch_seconds: float
    onnx_seconds: float

    def usable(self, require_faster: bool = True) -> bool:
        faster = self.onnx_seconds < self.torch_seconds
        return self.min_cosine >= MIN_COSINE and (faster or not require_faster)


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


class OnnxImageTower:
    """Runs the int8 image tower; ``encode`` takes a preprocessed NCHW float32 batch."""

    def __init__(self, path: Path, threads: int, verdict: Verdict) -> None:
        telemetry_off()
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle ORT threads spin by default, burning the cores the decode threads need while indexing.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        self.verdict = verdict

    def encode(self, batch: np.ndarray) -> np.ndarray:
        return np.asarray(self.session.run(None, {self.input: batch})[0], dtype=np.float32)

    @classmethod
    def for_model(cls, visual: Any, probes: Any, folder: Path, threads: int,
                  require_faster: bool = True) -> OnnxImageTower | None:  # fmt: skip
        """The int8 tower cached in ``folder`` (built and checked there on first use), or None when it
        is not accurate or not faster than torch (the reason is logged).

        Args:
            visual: the torch image tower (``model.visual``).
            probes: preprocessed probe images, an NCHW torch tensor.
            folder: the cache folder of this exact model (its id in the name).
            threads: intra-op threads for the session.
            require_faster: use it only if it beat torch on the probes (else accuracy alone decides).
        """
        path, verdict_path = folder / ONNX_FILE, folder / VERDICT_FILE
        if verdict_path.is_file():
            verdict = Verdict(**json.loads(verdict_path.read_text(encoding="utf-8")))
            if not verdict.usable(require_faster) or not path.is_file():
                return None
            return cls(path, threads, verdict)
        folder.mkdir(parents=True, exist_ok=True)
        _export_int8(visual, probes, path)
        tower = cls(path, threads, Verdict(0.0, 0.0, 0.0))
        verdict = _compare(visual, tower, probes)
        tmp = verdict_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(verdict)), encoding="utf-8")
        os.replace(tmp, verdict_path)
        log.info("int8 image tower: min cosine %.4f, %.3f s vs torch %.3f s for %d probes → %s",
                 verdict.min_cosine, verdict.onnx_seconds, verdict.torch_seconds, len(probes),
                 "usable" if verdict.usable(require_faster) else "not used")  # fmt: skip
        if not verdict.usable(require_faster):
            return None
        tower.verdict = verdict
        return tower


def _export_int8(visual: Any, probes: Any, path: Path) -> None:
    """torch → ONNX (fp32, batch dimension dynamic) → int8 weights, written atomically."""
    import torch

    telemetry_off()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = path.with_suffix(".fp32.tmp")
    int8 = path.with_suffix(".int8.tmp")
    try:
        batch = torch.export.Dim("batch", min=1, max=4096)
        torch.onnx.export(visual, (probes[:2],), str(fp32), input_names=["pixels"], output_names=["embedding"],
                          dynamic_shapes=({0: batch},), dynamo=True, external_data=False, verbose=False)  # fmt: skip
        advice = _DropQuantizeAdvice()
        logging.getLogger().addFilter(advice)
        try:
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
        finally:
            logging.getLogger().removeFilter(advice)
        os.replace(int8, path)
    finally:
        fp32.unlink(missing_ok=True)
        int8.unlink(missing_ok=True)


class _DropQuantizeAdvice(logging.Filter):
    """quantize_dynamic advises running its shape pre-processing, which fails on ViT graphs; hush that."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def _compare(visual: Any, tower: OnnxImageTower, probes: Any) -> Verdict:
    """Cosine of int8 vs fp32 vectors on every probe, and the faster of two timed runs of each."""
    import torch

    batch = probes.numpy()
    with torch.inference_mode():
        reference = visual(probes).float().numpy()
        torch_seconds = _best_time(lambda: visual(probes))
    vectors = tower.encode(batch)
    onnx_seconds = _best_time(lambda: tower.encode(batch))
    cosines = (vectors * reference).sum(1) / (
        np.linalg.norm(vectors, axis=1) * np.linalg.norm(reference, axis=1) + 1e-12
    )
    return Verdict(round(float(cosines.min()), 5), round(torch_seconds, 4), round(onnx_seconds, 4))


def _best_time(run: Any, repeats: int = 2) -> float:
    run()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best
