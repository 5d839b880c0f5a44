"""Where the real model weights and face photos shared with this project live (``../shared``)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_MODELS = SHARED / "models"
SHARED_FACES = SHARED / "faces"
needs_face_data = pytest.mark.skipif(
    not (SHARED_MODELS / "faces" / "det_500m.onnx").is_file() or not (SHARED_FACES / "people").is_dir(),
    reason="needs ../shared/models and ../shared/faces",
)
