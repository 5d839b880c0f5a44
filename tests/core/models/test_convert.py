"""``album models convert``: open_clip models become ONNX model folders that compute what open_clip computes.

End to end with real torch, open_clip, onnxruntime and tokenizers: the tiny CLIP trained on shapes
(open_clip's own BPE tokenizer and text transformer) and a tiny CLIP with an XLM-RoBERTa text tower
(a Hugging Face tokenizer and model) are converted, then the ONNX towers are run on pictures and texts
the converter never probed and compared with open_clip.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import pytest
import tinyclip
import torch
from conftest import ROOT, run_album
from tinyxlmr import write_xlmr_model
from tokenizers import Tokenizer

from album.core.models import layout
from album.core.models.convert import MIN_COSINE, ConversionFailed, convert, cosines, load, verify

TEXTS = [
    "a green triangle",
    "A photo of a RED square!!",
    "一个黄色的三角形",
    "蓝色圆形的照片，很好看。",
    "sunset 🌅 over the sea 🌊",
    "dad's “new” car: 2 doors & 4 wheels?!",
    "Ｔｏｋｙｏ　２０２４",
    "\ttabs   and\n\nnew lines ",
    "words " * 60,
]
"""English, Chinese, emoji, punctuation, full-width forms, odd whitespace and a text longer than the context."""


def fresh_pictures(count: int = 12, seed: int = 4321) -> list[Any]:
    rng = random.Random(seed)
    return [tinyclip.draw(*tinyclip.CLASSES[i % len(tinyclip.CLASSES)], rng, 200, 150) for i in range(count)]


def onnx_vectors(folder: Path, pixels: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    image = ort.InferenceSession(str(folder / layout.VISUAL_MODEL), providers=["CPUExecutionProvider"])
    text = ort.InferenceSession(str(folder / layout.TEXTUAL_MODEL), providers=["CPUExecutionProvider"])
    assert [i.name for i in image.get_inputs()] == [layout.IMAGE_INPUT]
    assert [(i.name, i.type) for i in text.get_inputs()] == [(layout.TEXT_INPUT, "tensor(int32)")]
    image_vectors = image.run(None, {layout.IMAGE_INPUT: pixels})[0]
    return image_vectors, text.run(None, {layout.TEXT_INPUT: ids.astype(np.int32)})[0]


def assert_matches_open_clip(source: Path, folder: Path, texts: list[str]) -> None:
    """ONNX towers vs open_clip on fresh pictures and texts; tokenizer ids equal."""
    loaded = load(str(source))
    expected = loaded.tokenizer(texts).numpy()
    ids = np.array([e.ids for e in Tokenizer.from_file(str(folder / layout.TEXTUAL_TOKENIZER)).encode_batch(texts)])
    assert ids.tolist() == expected.tolist()
    pixels = torch.stack([loaded.preprocess(image) for image in fresh_pictures()])
    with torch.inference_mode():
        image_ref = loaded.model.encode_image(pixels).numpy()
        text_ref = loaded.model.encode_text(torch.from_numpy(expected)).numpy()
    image_out, text_out = onnx_vectors(folder, pixels.numpy(), ids)
    assert image_out.shape == image_ref.shape and text_out.shape == text_ref.shape  # any batch size runs
    assert cosines(image_out, image_ref).min() >= MIN_COSINE
    assert cosines(text_out, text_ref).min() >= MIN_COSINE


def test_tiny_clip_converts_to_the_model_folder_layout() -> None:
    folder = tinyclip.converted_model()
    for name in layout.CLIP_FILES:
        assert (folder / name).is_file(), name
    config = json.loads((folder / layout.CONFIG).read_text(encoding="utf-8"))
    assert {k: config[k] for k in ("embed_dim", "vision_cfg", "text_cfg")} == tinyclip.MODEL_CFG
    loaded = load(str(tinyclip.trained_model()))
    assert config["logit_scale"] == pytest.approx(float(loaded.model.logit_scale.detach().exp()))
    preprocess = json.loads((folder / layout.VISUAL_PREPROCESS).read_text(encoding="utf-8"))
    assert preprocess["size"] == [32, 32]
    assert {k: preprocess[k] for k in ("mean", "std", "interpolation", "resize_mode")} == {
        k: tinyclip.PREPROCESS_CFG[k] for k in ("mean", "std", "interpolation", "resize_mode")
    }
    assert json.loads((folder / layout.TEXTUAL_TOKENIZER_CONFIG).read_text(encoding="utf-8"))["pad_token"] == "!"
    assert (folder / tinyclip.VOCABULARY).is_file()  # the model's tags travel with it


def test_tiny_clip_towers_and_tokenizer_match_open_clip() -> None:
    assert_matches_open_clip(tinyclip.trained_model(), tinyclip.converted_model(), TEXTS)


def test_long_text_is_truncated_as_open_clip_does() -> None:
    tokenizer = Tokenizer.from_file(str(tinyclip.converted_model() / layout.TEXTUAL_TOKENIZER))
    ids = tokenizer.encode("a red circle " * 30).ids
    context = tinyclip.MODEL_CFG["text_cfg"]["context_length"]
    assert len(ids) == context and ids[0] == tokenizer.token_to_id("<start_of_text>")
    assert ids[-1] == tokenizer.token_to_id("<end_of_text>")
    short = tokenizer.encode("a red circle").ids  # <start_of_text> a red circle <end_of_text>, then open_clip's 0s
    assert short[4] == tokenizer.token_to_id("<end_of_text>") and short[5:] == [0] * (context - 5)


def test_xlm_roberta_text_tower_converts_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub_cache = tmp_path / "hf-cache"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # a fetch of "xlm-roberta-base" from the hub would fail
    monkeypatch.setenv("HF_HOME", str(hub_cache))
    source = tmp_path / "tiny-xlmr-open-clip"
    write_xlmr_model(source)
    folder = convert(str(source), tmp_path / "models")
    assert folder == tmp_path / "models" / "clip" / "tiny-xlmr-open-clip"
    assert json.loads((folder / layout.CONFIG).read_text(encoding="utf-8"))["text_cfg"]["hf_model_name"] == (
        "xlm-roberta-base"
    )
    assert json.loads((folder / layout.TEXTUAL_TOKENIZER_CONFIG).read_text(encoding="utf-8"))["pad_token"] == "<pad>"
    texts = ["a red circle", "红色的圆", "a dog on the sofa", "  blue   square  ", "蓝色的方块 🐶", "dog " * 40]
    assert_matches_open_clip(source, folder, texts)
    assert not hub_cache.exists()  # nothing was looked up in (or written to) the hub's cache


def test_converter_refuses_towers_that_do_not_match(tmp_path: Path) -> None:
    """The check before installing really compares: the tiny model's converted towers against the same
    architecture with other (untrained) weights fail it."""
    untrained = tmp_path / "untrained"
    untrained.mkdir()
    source = tinyclip.trained_model()
    shutil.copy2(source / "open_clip_config.json", untrained / "open_clip_config.json")
    import open_clip
    from safetensors.torch import save_file

    model = open_clip.create_model(f"local-dir:{untrained}", pretrained_text=False)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(untrained / "open_clip_model.safetensors"))
    with pytest.raises(ConversionFailed, match="does not match open_clip"):
        verify(load(str(untrained)), tinyclip.converted_model())


def test_converter_refuses_a_tokenizer_that_differs(tmp_path: Path) -> None:
    folder = tmp_path / "converted"
    shutil.copytree(tinyclip.converted_model(), folder)
    tokenizer = Tokenizer.from_file(str(folder / layout.TEXTUAL_TOKENIZER))
    tokenizer.normalizer = None  # no lower case, no whitespace or ftfy cleaning
    tokenizer.save(str(folder / layout.TEXTUAL_TOKENIZER))
    with pytest.raises(ConversionFailed, match="tokenizer does not match open_clip's"):
        verify(load(str(tinyclip.trained_model())), folder)


def test_damaged_source_gives_a_clear_error_and_no_folder(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(tinyclip.trained_model(), damaged)
    weights = damaged / "open_clip_model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    models = tmp_path / "models"
    with pytest.raises(ConversionFailed, match="damaged or incomplete"):
        convert(str(damaged), models, "broken")
    assert list((models / "clip").iterdir()) == []  # no model, no staging folder left behind

    with pytest.raises(ConversionFailed, match="not an open_clip model folder"):
        convert(str(tmp_path), models, "empty")
    (models / "clip" / "taken").mkdir()
    with pytest.raises(ConversionFailed, match="already exists"):
        convert(str(damaged), models, "taken")


@pytest.mark.parametrize("source", ["ViT-B-32:laion2b_s34b_b79k", "hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K"])
def test_named_model_offline_says_so(tmp_path: Path, source: str) -> None:
    with pytest.raises(ConversionFailed, match="not reachable"):
        convert(source, tmp_path / "models")
    assert list((tmp_path / "models" / "clip").iterdir()) == []


def test_named_model_needs_a_known_name_and_its_weights_tag(tmp_path: Path) -> None:
    with pytest.raises(ConversionFailed, match="neither a folder nor an open_clip model"):
        convert("ViT-Q-99:whatever", tmp_path / "models")
    with pytest.raises(ConversionFailed, match="laion2b_s34b_b79k"):  # a bare name would convert random weights
        convert("ViT-B-32", tmp_path / "models")


@pytest.mark.slow
def test_cli_converts_a_model_folder(tmp_path: Path) -> None:
    models = tmp_path / "models"
    env = {"ALBUM_HOME": str(tmp_path / "home"), "ALBUM_MODELS_DIR": str(models)}
    result = run_album("models", "convert", str(tinyclip.trained_model()), "--name", "shapes", "--json", env=env)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["name"] == "shapes" and Path(record["folder"]) == models / "clip" / "shapes"
    assert all((models / "clip" / "shapes" / name).is_file() for name in layout.CLIP_FILES)

    again = run_album("models", "convert", str(tinyclip.trained_model()), "--name", "shapes", env=env)
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr


BLOCK_TORCH = """import sys


class NotInstalled:  # as if torch and open_clip were not installed: their imports fail
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("torch", "open_clip"):
            raise ModuleNotFoundError(f"No module named {name!r}")


sys.meta_path.insert(0, NotInstalled())
"""


def test_cli_without_torch_says_what_to_install(tmp_path: Path) -> None:
    code = BLOCK_TORCH + "from album.cli import main\nraise SystemExit(main(['models', 'convert', 'ViT-B-32:x']))"
    env = {"ALBUM_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == "album: install album[convert] (torch and open-clip-torch) to convert models"


def test_other_commands_never_import_torch(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom album.cli import main\nmain(['models', '--json'])\n"
        "assert 'torch' not in sys.modules and 'open_clip' not in sys.modules, 'torch imported'"
    )
    env = {"ALBUM_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
