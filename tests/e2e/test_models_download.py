"""`album models download / remove / list` end to end against a hub on 127.0.0.1 (HF_ENDPOINT): sizes
before the download, the face models' licence asked first, a partial file resumed, removal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import album_in_process
from fakehub import FakeHub, serving

from album.core.models.faces import OPENCV_PACK, PACK_REPO, PACKS
from album.core.models.layout import FACE_FILES
from album.core.models.registry import CLIP_MODELS, DEFAULT_CLIP_MODEL

CLIP_REPO = CLIP_MODELS[DEFAULT_CLIP_MODEL].hf_repo
FACE_BYTES = {name: bytes([i]) * (5000 + i) for i, name in enumerate(FACE_FILES)}  # bytes only: nothing loads them
PAIR_BYTES = {s.repo: {s.path: bytes([9 + i]) * (3000 + i)} for i, s in enumerate(PACKS[OPENCV_PACK].sources)}


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    with serving(FakeHub({PACK_REPO: dict(FACE_BYTES), CLIP_REPO: {}, **PAIR_BYTES})) as served:
        monkeypatch.setenv("HF_ENDPOINT", served.url)  # the CLI subprocesses inherit it
        yield served


def listed(name: str) -> dict[str, object]:
    result = album_in_process("models", "--json")
    assert result.returncode == 0, result.stderr
    return next(m for m in map(json.loads, result.stdout.splitlines()) if m["name"] == name)


def test_face_models_need_the_licence_agreed_then_download_resume_and_remove(
    album_home: Path, fake_hub: FakeHub
) -> None:
    before = listed("buffalo_l")
    assert before["installed"] is False and before["size"] == 191_000_000  # the estimate, before any download

    refused = album_in_process("models", "download", "faces")
    assert refused.returncode == 2
    assert "non-commercial research use only" in refused.stderr and "--accept-licence" in refused.stderr
    assert f"album models download {OPENCV_PACK}" in refused.stderr  # the way without the restriction
    assert fake_hub.requests == []  # nothing fetched without the user's agreement

    folder = album_home / "models/faces/buffalo_l"
    detector = FACE_FILES[0]
    (folder / detector).parent.mkdir(parents=True)
    (folder / f"{detector}.partial").write_bytes(FACE_BYTES[detector][:3000])  # an earlier, stopped download
    result = album_in_process("models", "download", "faces", "--accept-licence")
    assert result.returncode == 0, result.stderr
    assert "buffalo_l: installed" in result.stdout
    assert "licence: insightface model zoo: non-commercial research use only" in result.stderr
    assert fake_hub.ranges == ["bytes=3000-"]  # resumed where it stopped
    assert {name: (folder / name).read_bytes() for name in FACE_FILES} == FACE_BYTES

    after = listed("buffalo_l")
    assert after["installed"] is True and after["size"] == sum(map(len, FACE_BYTES.values())) + len(
        (folder / ".album-manifest.json").read_bytes()
    )
    assert album_in_process("models", "verify", "faces").returncode == 0

    removed = album_in_process("models", "remove", "faces")
    assert removed.returncode == 0, removed.stderr
    assert not folder.exists() and listed("buffalo_l")["installed"] is False
    assert album_in_process("models", "remove", "faces").returncode == 2  # nothing left to remove: said, no traceback


def test_the_licence_clean_pair_downloads_without_an_agreement_and_is_then_the_one_used(
    album_home: Path, fake_hub: FakeHub
) -> None:
    before = listed(OPENCV_PACK)
    assert before["installed"] is False and before["size"] == 39_000_000 and before["selected"] is False
    assert "MIT" in str(before["licence"]) and listed("buffalo_l")["selected"] is True  # what first use would fetch
    result = album_in_process("models", "download", OPENCV_PACK)
    assert result.returncode == 0, result.stderr
    assert f"{OPENCV_PACK}: installed" in result.stdout
    folder = album_home / "models/faces" / OPENCV_PACK
    assert {s.repo: {s.path: (folder / s.path).read_bytes()} for s in PACKS[OPENCV_PACK].sources} == PAIR_BYTES
    assert listed(OPENCV_PACK)["installed"] is True and listed(OPENCV_PACK)["selected"] is True
    assert listed("buffalo_l")["installed"] is False and listed("buffalo_l")["selected"] is False
    assert not any(PACK_REPO in r for r in fake_hub.requests)
    assert album_in_process("models", "verify", OPENCV_PACK).returncode == 0
    from album.core.config import Paths, Settings

    assert Settings.load(Paths.from_env()).face_licence_accepted is False  # no licence to agree to

    # Both packs installed: buffalo_l, the more accurate, is used; removing it goes back to the pair.
    assert album_in_process("models", "download", "faces", "--accept-licence").returncode == 0
    assert listed("buffalo_l")["selected"] is True and listed(OPENCV_PACK)["selected"] is False
    assert listed(OPENCV_PACK)["note"] == "not used while buffalo_l is installed"
    assert album_in_process("models", "remove", "buffalo_l").returncode == 0
    assert listed(OPENCV_PACK)["selected"] is True
    assert album_in_process("models", "remove", OPENCV_PACK).returncode == 0
    assert not folder.exists()


def test_a_download_offline_names_the_files_and_the_folder(album_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with serving(FakeHub()) as stopped:
        pass  # a port nobody listens on any more
    result = album_in_process("models", "download", "clip", env={"HF_ENDPOINT": stopped.url})
    assert result.returncode == 2
    assert "cannot reach" in result.stderr and "visual/model.onnx" in result.stderr
    assert str(album_home / "models/clip" / DEFAULT_CLIP_MODEL) in result.stderr


def test_the_face_models_download_on_first_use_only_once_their_licence_was_accepted(
    album_home: Path, fake_hub: FakeHub
) -> None:
    from album.core.config import Paths, Settings
    from album.core.library import Library, ModelUnavailable

    library = Library(Paths.from_env())
    with pytest.raises(ModelUnavailable, match="downloads are switched off"):
        library._analyzer.load()  # what indexing does first: not without the user's agreement
    assert not any(PACK_REPO in r for r in fake_hub.requests)
    library.download_model("faces")  # a front end asked (welcome dialog, Settings, --accept-licence)
    assert Settings.load(library.paths).face_licence_accepted is True
    assert Library(Paths.from_env())._analyzer.allow_download is True  # later starts may repair them
