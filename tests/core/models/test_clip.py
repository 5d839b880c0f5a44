"""CLIP model folders: a Hugging Face text tower loads from the folder alone (offline), and a known model
missing its tokenizer files says exactly which files to put where."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from album.core.models.clip import ClipEncoder
from album.core.models.registry import CLIP_MODELS, DEFAULT_CLIP_MODEL, ModelUnavailable, clip_folder, clip_models

WORDS = "a red circle blue square dog on the sofa 红色的圆 蓝色的方块"


def write_xlmr_model(folder: Path) -> None:
    """A tiny CLIP with an XLM-RoBERTa text tower, laid out as the default model is: open_clip's config
    names the tower "xlm-roberta-base" (a hub id), its config.json and tokenizer sit next to the weights."""
    import open_clip
    import torch
    from safetensors.torch import save_file
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, XLMRobertaConfig

    folder.mkdir(parents=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.train_from_iterator([WORDS], trainers.WordLevelTrainer(special_tokens=specials))
    PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                            unk_token="<unk>", mask_token="<mask>").save_pretrained(folder)  # fmt: skip
    XLMRobertaConfig(vocab_size=tokenizer.get_vocab_size(), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=80, pad_token_id=1).save_pretrained(folder)  # fmt: skip
    text_cfg = {"hf_model_name": "xlm-roberta-base", "hf_tokenizer_name": "xlm-roberta-base",
                "hf_pooler_type": "mean_pooler", "context_length": 16}  # fmt: skip
    vision_cfg = {"image_size": 32, "layers": 1, "width": 32, "head_width": 16, "patch_size": 8}
    config = {"model_cfg": {"embed_dim": 16, "vision_cfg": vision_cfg, "text_cfg": text_cfg}, "preprocess_cfg": {}}
    (folder / "open_clip_config.json").write_text(json.dumps(config), encoding="utf-8")
    torch.manual_seed(0)
    local = {**text_cfg, "hf_model_name": str(folder), "hf_model_pretrained": False}
    model = open_clip.CustomTextCLIP(embed_dim=16, vision_cfg=vision_cfg, text_cfg=local)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "open_clip_model.safetensors"))


def test_hugging_face_text_tower_loads_from_the_model_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub_cache = tmp_path / "hf-cache"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # a fetch of "xlm-roberta-base" from the hub would fail
    monkeypatch.setenv("HF_HOME", str(hub_cache))
    models = tmp_path / "models"
    write_xlmr_model(clip_folder(models, "tiny-xlmr"))
    encoder = ClipEncoder(models, "tiny-xlmr", threads=1, allow_download=False, backend="torch")
    vectors = encoder.encode_texts(["a red circle", "红色的圆", "a dog on the sofa"])
    assert vectors.shape == (3, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors[0], vectors[2])  # the tokenizer and tower really read the words
    assert not hub_cache.exists()  # nothing was looked up in (or written to) the hub's cache


def test_default_model_without_its_tokenizer_names_the_missing_files(tmp_path: Path) -> None:
    folder = clip_folder(tmp_path, DEFAULT_CLIP_MODEL)
    folder.mkdir(parents=True)
    (folder / "open_clip_config.json").write_text("{}", encoding="utf-8")
    (folder / CLIP_MODELS[DEFAULT_CLIP_MODEL].weights).write_bytes(b"weights")
    with pytest.raises(ModelUnavailable) as error:
        ClipEncoder(tmp_path, DEFAULT_CLIP_MODEL, allow_download=False).load()
    assert error.value.files == ["config.json", "tokenizer.json", "tokenizer_config.json", "sentencepiece.bpe.model"]
    assert str(folder) in str(error.value) and "tokenizer.json" in str(error.value)
    default = next(m for m in clip_models(tmp_path) if m.name == DEFAULT_CLIP_MODEL)
    assert not default.installed
