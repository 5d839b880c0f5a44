"""ArcFace-style face recognition on onnxruntime: aligned crops in, one embedding per face out.

What insightface's ``ArcFaceONNX`` adds around the ONNX graph is the input normalisation
``(pixel - mean) / std`` on RGB 0..255; album takes mean and std from the model's
:class:`~album.core.models.faces.FaceModelSpec`, or, for a model it has no values for, reads the
graph's first nodes the way insightface decides (:func:`graph_normalises_input`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

ARCFACE_MEAN = 127.5  # what insightface feeds a recogniser that does not normalise its own input
ARCFACE_STD = 127.5


def recogniser_shape(session: Any) -> int | None:
    """The crop size of a recogniser graph (square NCHW input, one (N, D) output), or None if it is not one."""
    inputs, outputs = session.get_inputs(), session.get_outputs()
    if len(inputs) != 1 or len(outputs) != 1 or len(inputs[0].shape) != 4 or len(outputs[0].shape) != 2:
        return None
    height, width = inputs[0].shape[2:]
    if not isinstance(height, int) or height != width or height < 112 or height % 16:
        return None  # insightface's ArcFace router asks the same: square, >= 112, a multiple of 16
    return height


class Recogniser:
    """One recogniser session.

    Args:
        session: an onnxruntime InferenceSession of a recogniser graph (see :func:`recogniser_shape`).
        mean, std: input normalisation, ``(pixel - mean) / std`` on RGB 0..255.
    """

    def __init__(self, session: Any, mean: float, std: float) -> None:
        size = recogniser_shape(session)
        if size is None:
            raise ValueError("not a recogniser graph: one square image input, one (N, D) output")
        self.session = session
        self.size = size
        self.mean = mean
        self.std = std
        self._input = session.get_inputs()[0].name
        batch = session.get_inputs()[0].shape[0]
        self._batch = batch if isinstance(batch, int) else 0  # 0: any batch size

    def embed(self, crops: list[Image.Image]) -> np.ndarray:
        """(N, D) raw embeddings of aligned RGB crops of ``size``×``size`` (not normalised)."""
        pixels = np.stack([np.asarray(crop.convert("RGB"), np.float32) for crop in crops])
        blob = np.ascontiguousarray(((pixels - self.mean) / self.std).transpose(0, 3, 1, 2))
        step = self._batch or len(blob)
        parts = [self.session.run(None, {self._input: blob[i : i + step]})[0] for i in range(0, len(blob), step)]
        return np.concatenate(parts).astype(np.float32)


def graph_normalises_input(path: Path) -> bool:
    """Whether the ONNX graph's first 8 nodes include a Sub and a Mul (names starting ``Sub``/``_minus`` and
    ``Mul``/``_mul``): insightface's test for a model that normalises its own input (MXNet exports, album's
    ``mobilefacenet_rgb255``), which then takes raw RGB 0..255 (mean 0, std 1).

    onnxruntime does not show a graph's nodes, so the ``onnx`` package reads them (without the weights
    kept outside the file; only models album has no settings for get here).
    """
    import onnx

    names = [node.name for node in onnx.load(str(path), load_external_data=False).graph.node[:8]]
    has_sub = any(n.startswith(("Sub", "_minus")) for n in names)
    has_mul = any(n.startswith(("Mul", "_mul")) for n in names)
    return has_sub and has_mul
