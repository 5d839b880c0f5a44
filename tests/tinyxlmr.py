"""A tiny CLIP with a Hugging Face XLM-RoBERTa text tower, laid out as the multilingual default model is.

A copy of ``write_xlmr_model`` in tests/core/models/test_clip.py (owned by the CLIP encoder's tests,
which this module must not edit); once both sides are merged, that test can import it from here.
"""

from __future__ import annotations

import json
from pathlib import Path

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
