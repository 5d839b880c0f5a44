"""The models offered on first run: what each gives, its files, size (estimated, then from the hub) and licence."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fakehub import FakeHub, serving

from album.core.models import catalog
from album.core.models.faces import OPENCV_PACK, PACK_REPO, PACKS, SFACE, YUNET, find_face_models
from album.core.models.layout import CLIP_FILES, FACE_FILES
from album.core.models.registry import CLIP_MODELS, DEFAULT_CLIP_MODEL

CLIP_REPO = CLIP_MODELS[DEFAULT_CLIP_MODEL].hf_repo


def test_offers_before_any_download_say_what_each_gives_and_ask_for_the_face_licence(tmp_path: Path) -> None:
    clip, pair, faces = catalog.offers(tmp_path, DEFAULT_CLIP_MODEL)
    assert (clip.kind, clip.name, clip.gives, clip.opt_in) == ("clip", DEFAULT_CLIP_MODEL, ("text search", "tags"), False)
    assert (pair.kind, pair.name, pair.gives, pair.opt_in) == ("faces", OPENCV_PACK, ("people",), False)
    assert "MIT" in pair.licence and "Apache-2.0" in pair.licence
    assert [(s.repo, s.path) for s in pair.sources] == [
        ("opencv/face_detection_yunet", "face_detection_yunet_2023mar.onnx"),
        ("opencv/face_recognition_sface", "face_recognition_sface_2021dec.onnx"),
    ]
    assert pair.folder == tmp_path / "faces" / OPENCV_PACK and pair.size == catalog.APPROX_SIZE[OPENCV_PACK]
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
    pair_repos = {s.repo: {s.path: bytes(1500 + i)} for i, s in enumerate(PACKS[OPENCV_PACK].sources)}
    folder = tmp_path / "clip" / DEFAULT_CLIP_MODEL
    folder.mkdir(parents=True)
    (folder / "config.json").write_bytes(clip_bytes["config.json"])  # one file already there
    with serving(FakeHub({CLIP_REPO: clip_bytes, PACK_REPO: face_bytes, **pair_repos})) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        clip, pair, faces = catalog.with_hub_sizes(catalog.offers(tmp_path, DEFAULT_CLIP_MODEL))
    assert pair.exact and pair.size == 1500 + 1501
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


def test_one_installed_face_pack_is_enough_and_buffalo_l_wins_when_both_are(tmp_path: Path) -> None:
    """Which pack runs is decided by rank: buffalo_l (the more accurate) over the pair, whichever came first."""
    pair_folder, pack_folder = tmp_path / "faces" / OPENCV_PACK, tmp_path / "faces/buffalo_l"
    for path in (pair_folder / YUNET, pair_folder / SFACE):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")  # choosing reads names only
    found = catalog.offers(tmp_path, DEFAULT_CLIP_MODEL)
    assert [(o.name, o.installed) for o in found] == [(DEFAULT_CLIP_MODEL, False), (OPENCV_PACK, True), ("buffalo_l", False)]
    assert [o.name for o in catalog.still_missing(found)] == [DEFAULT_CLIP_MODEL]  # people need one pack
    assert find_face_models(tmp_path) == (pair_folder / YUNET, pair_folder / SFACE)
    for name in FACE_FILES:
        (pack_folder / name).parent.mkdir(parents=True, exist_ok=True)
        (pack_folder / name).write_bytes(b"x")
    assert find_face_models(tmp_path) == (pack_folder / FACE_FILES[0], pack_folder / FACE_FILES[1])
    assert all(o.installed for o in catalog.offers(tmp_path, DEFAULT_CLIP_MODEL) if o.kind == "faces")


def test_face_models_placed_by_hand_stand_in_for_the_default_pack_only(tmp_path: Path) -> None:
    (tmp_path / "faces").mkdir()
    for name in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
        (tmp_path / "faces" / name).write_bytes(b"x")
    _clip, pair, faces = catalog.offers(tmp_path, DEFAULT_CLIP_MODEL)
    assert faces.installed and faces.folder == tmp_path / "faces"  # nothing to offer: people already work
    assert not pair.installed and catalog.still_missing([pair, faces]) == []
