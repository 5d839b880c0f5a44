"""Random-weight CLIP models for benchmarks, made as a user makes a model: open_clip's own folder
(``open_clip_config.json`` + safetensors), then ``album models convert``'s code into album's layout.

Speed does not depend on the weights, so a random ViT-B-32 measures what the default model costs;
search benchmarks use a tiny one with album's usual 512-d vectors.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any


def install(models_dir: Path, key: str, model_cfg: dict[str, Any] | str) -> str:
    """Write a random-weight open_clip model (an architecture name, or a ``model_cfg``) and convert it
    into ``models_dir/clip/<key>/``; returns ``key``."""
    import open_clip
    from safetensors.torch import save_file

    from album.core.models.convert import convert

    cfg = open_clip.get_model_config(model_cfg) if isinstance(model_cfg, str) else model_cfg
    source = Path(tempfile.mkdtemp(prefix="album-random-clip-")) / key
    try:
        source.mkdir()
        (source / "open_clip_config.json").write_text(json.dumps({"model_cfg": cfg, "preprocess_cfg": {}}))
        logging.disable(logging.WARNING)  # open_clip warns that the weights are random: here they are meant to be
        try:
            model = open_clip.create_model(f"local-dir:{source}", pretrained_text=False)
        finally:
            logging.disable(logging.NOTSET)
        weights = {k: v.contiguous() for k, v in model.state_dict().items()}
        save_file(weights, str(source / "open_clip_model.safetensors"))
        convert(str(source), models_dir, key)
    finally:
        shutil.rmtree(source.parent, ignore_errors=True)
    return key
