"""The models offered on first run: what each gives, its files, size (estimated, then from the hub) and licence."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fakehub import FakeHub, serving

from album.core.models import catalog
from album.core.models.faces import PACK_REPO
from album.core.models.layout import CLIP_FILES, FACE_FILES
from album.core.models.registry import CLIP_MODELS, DEFAULT_CLIP_MODEL

CLIP_REPO = CLIP_MODELS[DEFAULT_CLIP_MODEL].hf_repo


def test_offers_before_any_download_say_what_each_gives_and_ask_for_the_face_licence(tmp_path: Path) -> None:
    clip, faces = catalog.offers(tmp_path, DEFAULT_CLIP_MODEL)
    assert (clip.kind, clip.name, clip.gives, clip.opt_in) == ("clip", DEFAULT_CLIP_MODEL, ("text search", "tags"), False)
    assert (faces.kind, faces.name, faces.gives, faces.opt_in) == ("faces", "buffalo_l", ("people",), True)
    assert "non-commercial" in faces.licence
    assert [f.path for f in clip.missing] == list(CLIP_FILES) and [f.path for f in faces.missing] == list(FACE_FILES)
    assert not clip.exact and clip.size == catalog.APPROX_SIZE[DEFAULT_CLIP_MODEL]
    assert faces.folder == tmp_path / "faces/buffalo_l"


def test_exact_sizes_come_from_the_hub_and_count_only_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clip_bytes = {name: bytes(100 + i) for i, name in enumerate(CLIP_FILES)}
    face_bytes = {name: bytes(2000 + i) for i, name in enumerate(FACE_FILES)}
    folder = tmp_path / "clip" / DEFAULT_CLIP_MODEL
    folder.mkdir(parents=True)
    (folder / "config.json").write_bytes(clip_bytes["config.json"])  # one file already there
    with serving(FakeHub({CLIP_REPO: clip_bytes, PACK_REPO: face_bytes})) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        clip, faces = catalog.with_hub_sizes(catalog.offers(tmp_path, DEFAULT_CLIP_MODEL))
    assert clip.exact and clip.size == sum(len(v) for k, v in clip_bytes.items() if k != "config.json")
    assert faces.exact and faces.size == sum(map(len, face_bytes.values()))


def test_offline_sizes_fail_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with serving(FakeHub()) as stopped:
        pass
    monkeypatch.setenv("HF_ENDPOINT", stopped.url)
    start = time.perf_counter()
    with pytest.raises(OSError):
        catalog.with_hub_sizes(catalog.offers(tmp_path, DEFAULT_CLIP_MODEL))
    assert time.perf_counter() - start < 1.0


def test_remove_deletes_a_model_folder_and_nothing_else(tmp_path: Path) -> None:
    models = tmp_path / "models"
    model = models / "clip" / "mine"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}")
    (model / "visual").mkdir()
    (model / "visual/model.onnx.partial").write_bytes(b"x")
    for outside in (models, models / "clip", tmp_path, tmp_path / "elsewhere"):
        with pytest.raises(ValueError):
            catalog.remove(outside, models)
    assert catalog.folder_size(model) == 3
    catalog.remove(model, models)
    assert not model.exists() and (models / "clip").is_dir()
