"""`album models verify` end to end: face models downloaded from a hub on 127.0.0.1 (HF_ENDPOINT), one of
them damaged on disk, found by verify (exit 1), put right by `verify --repair`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import album_in_process
from fakehub import FakeHub, serving
from shared_data import SHARED_MODELS

from album.core.config import Paths
from album.core.library import Library

FACES = SHARED_MODELS / "faces"
pytestmark = pytest.mark.skipif(not (FACES / "det_500m.onnx").is_file(), reason="needs ../shared/models")


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    files = {"detection/model.onnx": (FACES / "det_500m.onnx").read_bytes(),
             "recognition/model.onnx": (FACES / "mobilefacenet_rgb255.onnx").read_bytes()}  # fmt: skip
    with serving(FakeHub({"immich-app/buffalo_l": files})) as served:
        monkeypatch.setenv("HF_ENDPOINT", served.url)  # the CLI subprocesses inherit it
        yield served


def test_a_file_damaged_after_install_is_reported_and_repaired(album_home: Path, fake_hub: FakeHub) -> None:
    library = Library(Paths.from_env())
    library.download_model("faces")  # as the settings dialog's Download button does
    recogniser = library.paths.models_dir / "faces/buffalo_l/recognition/model.onnx"
    good = recogniser.read_bytes()

    result = album_in_process("models", "verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["ok", "faces", "buffalo_l"]

    with open(recogniser, "r+b") as f:  # one flipped byte in the middle, size unchanged
        f.seek(len(good) // 2)
        f.write(bytes([good[len(good) // 2] ^ 0xFF]))
    result = album_in_process("models", "verify", "faces", "--json")
    assert result.returncode == 1
    [line] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (line["name"], line["state"], line["broken"]) == ("buffalo_l", "broken", ["recognition/model.onnx"])

    result = album_in_process("models", "verify")
    assert result.returncode == 1
    assert "recognition/model.onnx is damaged" in result.stdout and "--repair" in result.stderr

    result = album_in_process("models", "verify", "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "downloaded again: recognition/model.onnx" in result.stdout
    assert recogniser.read_bytes() == good
    assert [check.state for check in library.verify_models("buffalo_l")] == ["ok"]


def test_verify_without_the_hub_checks_against_the_manifest(album_home: Path, fake_hub: FakeHub) -> None:
    library = Library(Paths.from_env())
    library.download_model("faces")
    (library.paths.models_dir / "faces/buffalo_l/detection/model.onnx").unlink()
    with serving(FakeHub()) as stopped:
        pass
    result = album_in_process("models", "verify", env={"HF_ENDPOINT": stopped.url})
    assert result.returncode == 1
    assert "detection/model.onnx is missing" in result.stdout and "not compared with the hub" in result.stdout
    result = album_in_process("models", "verify", "--repair", env={"HF_ENDPOINT": stopped.url})
    assert result.returncode == 1 and "repair failed" in result.stdout


def test_verify_names_an_unknown_model(album_home: Path) -> None:
    result = album_in_process("models", "verify", "no-such-model")
    assert result.returncode == 2 and "no installed model called 'no-such-model'" in result.stderr
