"""A tiny CLIP model trained here, on generated pictures of coloured shapes, for honest tests.

No pretrained CLIP weights can be downloaded on these machines, so the semantic path is proven with a
model that really learned something: 12 classes (4 colours × 3 shapes) with English and Chinese
captions. It is trained and saved with open_clip in its ``local-dir`` layout (``open_clip_config.json``
+ ``open_clip_model.safetensors``), then converted by ``album models convert``'s code into the ONNX
model folder album runs (:mod:`album.core.models.layout`), exactly as a user converts a model. Training
takes about two minutes on 2 cores, conversion a few seconds; both are cached by a hash of the code
that shapes them (this file's training; the converter's source).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import inspect
import json
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from album.core.models import convert as converter
from album.core.models import convert_tokenizer, layout
from album.core.models.clip import reduce_for_model

VOCABULARY = "album_tags.json"  # the model's own zero-shot tags, kept in its folder

COLOURS = {  # name: (rgb, chinese)
    "red": ((220, 30, 30), "红色"),
    "green": ((30, 170, 50), "绿色"),
    "blue": ((30, 60, 220), "蓝色"),
    "yellow": ((235, 210, 20), "黄色"),
}
SHAPES = {"circle": "圆形", "square": "正方形", "triangle": "三角形"}
CLASSES = [(c, s) for c in COLOURS for s in SHAPES]
EN_TEMPLATES = ["a {c} {s}", "a photo of a {c} {s}", "{c} {s}", "a picture with a {c} {s} in it"]
ZH_TEMPLATES = ["{c}的{s}", "一个{c}的{s}", "{c}{s}的照片", "有{c}{s}的图片"]

MODEL_CFG = {
    "embed_dim": 64,
    "vision_cfg": {"image_size": 32, "layers": 2, "width": 96, "patch_size": 8, "head_width": 32},
    "text_cfg": {"context_length": 24, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 1},
}
PREPROCESS_CFG = {"size": 32, "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25], "interpolation": "bicubic",
                  "resize_mode": "shortest"}  # fmt: skip
STEPS, BATCH, MAX_LR = 1500, 96, 2e-3
PHOTO_SIZE = (320, 240)  # training pictures have the size of the test photos


def caption(colour: str, shape: str, chinese: bool, rng: random.Random) -> str:
    if chinese:
        return rng.choice(ZH_TEMPLATES).format(c=COLOURS[colour][1], s=SHAPES[shape])
    return rng.choice(EN_TEMPLATES).format(c=colour, s=shape)


def draw(colour: str, shape: str, rng: random.Random, width: int = 96, height: int = 96) -> Image.Image:
    """One picture: a coloured shape on a random greyish, noisy background, near the centre."""
    grey = rng.randint(60, 200)
    tint = [max(0, min(255, grey + rng.randint(-25, 25))) for _ in range(3)]
    noise = np.random.default_rng(rng.randint(0, 2**31)).integers(-18, 18, (height, width, 3))
    image = Image.fromarray(np.clip(np.array(tint) + noise, 0, 255).astype(np.uint8))
    side = min(width, height)
    size = rng.uniform(0.35, 0.6) * side
    cx = width / 2 + rng.uniform(-0.12, 0.12) * side
    cy = height / 2 + rng.uniform(-0.12, 0.12) * side
    box = (cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2)
    rgb = tuple(max(0, min(255, v + rng.randint(-20, 20))) for v in COLOURS[colour][0])
    pen = ImageDraw.Draw(image)
    if shape == "circle":
        pen.ellipse(box, fill=rgb)
    elif shape == "square":
        pen.rectangle(box, fill=rgb)
    else:
        pen.polygon([(cx, box[1]), (box[0], box[3]), (box[2], box[3])], fill=rgb)
    return image


def cache_key() -> str:
    """Changes whenever anything that shapes the trained weights changes (data, captions, config, loop)."""
    constants = [COLOURS, SHAPES, EN_TEMPLATES, ZH_TEMPLATES, MODEL_CFG, PREPROCESS_CFG]
    constants += [STEPS, BATCH, MAX_LR, PHOTO_SIZE]
    parts = [json.dumps(constants), *(inspect.getsource(f) for f in (caption, draw, train, reduce_for_model))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def cache_root() -> Path:
    base = os.environ.get("ALBUM_TEST_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "album-tests")
    return Path(base)


@contextlib.contextmanager
def one_builder(folder: Path) -> Iterator[None]:
    """Held while ``folder`` is built: test runs that start together (several pytest processes, or CLI
    tests' subprocesses) wait for the first one's model instead of each training its own on the same cores."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(f"{folder.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def train(out_dir: Path, steps: int = STEPS, seed: int = 0) -> Path:
    """Train the tiny model and save it in open_clip's local-dir layout under ``out_dir``."""
    import open_clip
    import torch
    import torch.nn.functional as F
    from safetensors.torch import save_file

    torch.manual_seed(seed)
    rng = random.Random(seed)
    torch.set_num_threads(os.cpu_count() or 1)
    staging = out_dir.with_name(f"{out_dir.name}.partial-{os.getpid()}")  # concurrent trainers never collide
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / "open_clip_config.json").write_text(
        json.dumps({"model_cfg": MODEL_CFG, "preprocess_cfg": PREPROCESS_CFG}), encoding="utf-8"
    )
    model, _, preprocess = open_clip.create_model_and_transforms(f"local-dir:{staging}", pretrained_text=False)
    tokenizer = open_clip.get_tokenizer(f"local-dir:{staging}")

    # Pre-generate the training images once, through the model's own preprocessing.
    per_class = 160
    labels = torch.tensor([k for k in range(len(CLASSES)) for _ in range(per_class)])
    side = MODEL_CFG["vision_cfg"]["image_size"]
    # The same path album's encoder takes at indexing time: photo-sized picture, reduce, preprocess.
    images = torch.stack([preprocess(reduce_for_model(draw(*CLASSES[int(k)], rng, *PHOTO_SIZE), side)) for k in labels])

    optimizer = torch.optim.AdamW(model.parameters(), lr=MAX_LR, weight_decay=0.05)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=MAX_LR, total_steps=steps)
    model.train()
    for _step in range(steps):
        index = torch.randint(0, len(labels), (BATCH,))
        batch_labels = labels[index]
        texts = [caption(*CLASSES[int(k)], chinese=rng.random() < 0.5, rng=rng) for k in batch_labels]
        image_features = F.normalize(model.encode_image(images[index]), dim=-1)
        text_features = F.normalize(model.encode_text(tokenizer(texts)), dim=-1)
        logits = model.logit_scale.exp() * image_features @ text_features.T
        same = (batch_labels[:, None] == batch_labels[None, :]).float()
        targets = same / same.sum(dim=1, keepdim=True)  # soft targets: same-class pairs all count
        loss = (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        with torch.no_grad():
            model.logit_scale.clamp_(0, 4.6052)
    model.eval()
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(staging / "open_clip_model.safetensors"))
    vocabulary = [
        {"key": f"{c}_{s}", "en": f"a {c} {s}", "zh": f"{COLOURS[c][1]}的{SHAPES[s]}", "prompts": [f"a {c} {s}"]}
        for c, s in CLASSES
    ]
    (staging / "album_tags.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
    try:
        staging.rename(out_dir)
    except OSError:  # another process finished the same training first: keep its result
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir


def trained_model() -> Path:
    """The cached trained model folder, training it first if the cache does not have it."""
    folder = cache_root() / f"tinyclip-{cache_key()}"
    if not (folder / "open_clip_model.safetensors").is_file():
        with one_builder(folder):
            if not (folder / "open_clip_model.safetensors").is_file():  # not built while this one waited
                train(folder)
    return folder


def converted_key() -> str:
    """Changes with the trained weights and with the converter's code, so a converter change re-converts."""
    parts = [cache_key(), *(inspect.getsource(module) for module in (converter, convert_tokenizer, layout))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def converted_model() -> Path:
    """The cached ONNX model folder converted from :func:`trained_model`, converting it first if needed."""
    folder = cache_root() / f"tinyclip-onnx-{converted_key()}"
    if (folder / layout.VISUAL_MODEL).is_file():
        return folder
    source = trained_model()
    with one_builder(folder):
        if not (folder / layout.VISUAL_MODEL).is_file():  # not built while this one waited
            _convert(source, folder)
    return folder


def _convert(source: Path, folder: Path) -> None:
    models = cache_root() / f"{folder.name}.partial-{os.getpid()}"  # concurrent converters never collide
    shutil.rmtree(models, ignore_errors=True)
    try:
        converted = converter.convert(str(source), models, "tiny-shapes")
        shutil.copy2(source / VOCABULARY, converted / VOCABULARY)
        with contextlib.suppress(OSError):  # another process finished the same conversion first: keep its result
            converted.rename(folder)
    finally:
        shutil.rmtree(models, ignore_errors=True)


def install(models_dir: Path, key: str = "tiny-shapes") -> str:
    """Copy the converted model into ``models_dir/clip/<key>/`` as a user would place a model."""
    target = models_dir / "clip" / key
    shutil.copytree(converted_model(), target, dirs_exist_ok=True)
    return key


def write_photos(
    folder: Path, per_class: int = 5, seed: int = 1000, size: tuple[int, int] = PHOTO_SIZE
) -> dict[str, list[Path]]:
    """Photos the model never saw in training (other seeds), as JPEGs; returns paths per class name."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    result: dict[str, list[Path]] = {}
    for colour, shape in CLASSES:
        for i in range(per_class):
            path = folder / f"{colour}_{shape}_{i}.jpg"
            draw(colour, shape, rng, *size).save(path, "JPEG", quality=92)
            result.setdefault(f"{colour} {shape}", []).append(path)
    return result
