"""Conversion time and output size of ``album models convert`` for ViT-B-32 with random weights.

No pretrained weights can be downloaded here, and neither are needed to measure the converter: a random
ViT-B-32 has the same architecture, so the same export time and file sizes (fp32). The model is saved in
open_clip's local-dir layout, as a user's downloaded model would be, then converted as the CLI does.

``--arch xlm-roberta-base-ViT-B-32`` builds the multilingual default the same way. Its text tower needs
xlm-roberta-base's config.json and tokenizer, which cannot be downloaded here: the config is written
from xlm-roberta-base's published sizes (250,002 tokens, 12 layers of 768, 514 positions), so the tower
has its real size, and a small stand-in word-level tokenizer replaces the SentencePiece one (the
tokenizer file's size is then not the real one; the towers' are).

    python bench/convert.py [--arch ViT-B-32 | --arch xlm-roberta-base-ViT-B-32] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path

from album.core.models import layout
from album.core.models.convert import convert


def write_random_model(arch: str, folder: Path) -> None:
    """``arch`` with random weights, in open_clip's local-dir layout (config + safetensors)."""
    import open_clip
    import torch
    from safetensors.torch import save_file

    torch.manual_seed(0)
    folder.mkdir(parents=True)
    text_cfg = open_clip.get_model_config(arch)["text_cfg"]
    if "hf_model_name" in text_cfg:
        write_xlm_roberta_base(folder)
        model = open_clip.create_model(arch, text_cfg={**text_cfg, "hf_model_name": str(folder),
                                                       "hf_model_pretrained": False})  # fmt: skip
    else:
        model = open_clip.create_model(arch)
    preprocess_cfg = open_clip.get_model_preprocess_cfg(model)
    config = {"model_cfg": open_clip.get_model_config(arch), "preprocess_cfg": preprocess_cfg}
    (folder / "open_clip_config.json").write_text(json.dumps(config), encoding="utf-8")
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(folder / "open_clip_model.safetensors"))


def write_xlm_roberta_base(folder: Path) -> None:
    """xlm-roberta-base's config.json (its published sizes) and a stand-in tokenizer, written offline."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, XLMRobertaConfig

    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    tokenizer.train_from_iterator(["a photo of a dog 有小狗的照片"], trainers.WordLevelTrainer(special_tokens=specials))
    PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                            unk_token="<unk>", mask_token="<mask>").save_pretrained(folder)  # fmt: skip
    XLMRobertaConfig(vocab_size=250002, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                     intermediate_size=3072, max_position_embeddings=514, type_vocab_size=1, pad_token_id=1,
                     bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5).save_pretrained(folder)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", default="ViT-B-32")
    parser.add_argument("--keep", type=Path, help="write into this folder and keep the result")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("album").setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        source = root / f"{args.arch}-random"
        write_random_model(args.arch, source)
        weights = (source / "open_clip_model.safetensors").stat().st_size
        started = time.perf_counter()
        folder = convert(str(source), root / "models", progress=lambda step: print(f"  {step}…", flush=True))
        seconds = time.perf_counter() - started
        print(f"{args.arch} (random weights, {weights / 1e6:.0f} MB of safetensors) converted in {seconds:.1f} s")
        for name in (layout.VISUAL_MODEL, layout.TEXTUAL_MODEL, layout.TEXTUAL_TOKENIZER):
            print(f"  {name:<24} {(folder / name).stat().st_size / 1e6:8.1f} MB")


if __name__ == "__main__":
    main()
