"""The model folder format album reads: the layout Immich publishes for open_clip models.

A CLIP model is a folder holding both towers as ONNX files, with everything needed to feed them::

    config.json                     embed_dim, vision_cfg, text_cfg (open_clip's model config);
                                    album also reads an optional "logit_scale" (the learned temperature,
                                    100 for released CLIP models when absent)
    visual/model.onnx               input "image": NCHW float32, preprocessed; output: the image vector
    visual/preprocess_cfg.json      size, mean, std, interpolation, resize_mode (open_clip's names)
    textual/model.onnx              input "text": int32 token ids (N, context_length); output: the text vector
    textual/tokenizer.json          a Hugging Face `tokenizers` file
    textual/tokenizer_config.json   at least "pad_token"

Models downloaded from the hub (``immich-app/<name>``) and models written by ``album models convert``
have exactly this layout, so both load through the same code. Face models follow Immich's
``buffalo_l`` repository: ``detection/model.onnx`` and ``recognition/model.onnx``.
"""

from __future__ import annotations

CONFIG = "config.json"
VISUAL_MODEL = "visual/model.onnx"
VISUAL_PREPROCESS = "visual/preprocess_cfg.json"
TEXTUAL_MODEL = "textual/model.onnx"
TEXTUAL_TOKENIZER = "textual/tokenizer.json"
TEXTUAL_TOKENIZER_CONFIG = "textual/tokenizer_config.json"

CLIP_FILES = (CONFIG, VISUAL_PREPROCESS, TEXTUAL_TOKENIZER_CONFIG, TEXTUAL_TOKENIZER, TEXTUAL_MODEL, VISUAL_MODEL)
"""Every file of a CLIP model folder, small ones first (the download order)."""

IMAGE_INPUT = "image"
TEXT_INPUT = "text"

FACE_DETECTOR = "detection/model.onnx"
FACE_RECOGNISER = "recognition/model.onnx"
FACE_FILES = (FACE_DETECTOR, FACE_RECOGNISER)
