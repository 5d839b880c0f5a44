"""Verified model downloads from a hub (a fake one on 127.0.0.1), manifests and the check on load."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakehub import FakeHub, git_oid, serving
from shared_data import SHARED_MODELS

from album.core.models import hub
from album.core.models.faces import PACK_REPO, FaceAnalyzer, ensure_face_models, find_face_models
from album.core.models.hub import DownloadCancelled, HubSource
from album.core.models.manifest import MANIFEST, check_folder, read_manifest, write_manifest
from album.core.models.registry import (
    CLIP_MODELS,
    DEFAULT_CLIP_MODEL,
    ModelUnavailable,
    clip_sources,
    ensure_clip_files,
    ensure_model_files,
)
from album.core.models.verify import verify_models

FACES = SHARED_MODELS / "faces"
needs_faces = pytest.mark.skipif(not (FACES / "det_500m.onnx").is_file(), reason="needs ../shared/models")
CLIP_REPO = "immich-app/tiny-clip"
CLIP_FILES = {"config.json": b'{"embed_dim": 8}\n', "visual/model.onnx": bytes(range(256)) * 64}


def leftovers(folder: Path) -> list[Path]:
    """Anything a download left besides verified files: partial files."""
    return [p for p in folder.rglob("*") if p.name.endswith(".partial")]


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    repos = {CLIP_REPO: dict(CLIP_FILES)}
    if FACES.is_dir():
        repos[PACK_REPO] = {"detection/model.onnx": (FACES / "det_500m.onnx").read_bytes(),
                            "recognition/model.onnx": (FACES / "mobilefacenet_rgb255.onnx").read_bytes(),
                            "README.md": b"buffalo_l for Immich\n"}  # fmt: skip
    with serving(FakeHub(repos)) as served:
        monkeypatch.setenv("HF_ENDPOINT", served.url)
        yield served


def fetch_clip(folder: Path, progress: object = None) -> None:
    sources = [HubSource(CLIP_REPO, name) for name in CLIP_FILES]
    ensure_model_files("tiny-clip", folder, sources, True, progress)  # type: ignore[arg-type]


def test_the_endpoint_is_hf_endpoint_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert hub.endpoint() == "https://huggingface.co"
    monkeypatch.setenv("HF_ENDPOINT", "https://hf-mirror.com/")
    assert hub.endpoint() == "https://hf-mirror.com"
    assert hub.resolve_url("a/b", "main", "visual/model.onnx") == "https://hf-mirror.com/a/b/resolve/main/visual/model.onnx"


def test_the_listing_has_sizes_and_checksums_across_pages(fake_hub: FakeHub) -> None:
    fake_hub.page_size = 1  # one entry per page: the listing must follow the Link headers
    listing = hub.list_files(CLIP_REPO)
    assert set(listing) == set(CLIP_FILES)  # the "visual" directory entry is not a file
    weights, config = listing["visual/model.onnx"], listing["config.json"]
    assert weights.size == len(CLIP_FILES["visual/model.onnx"]) and weights.sha256 is not None
    assert config.sha256 is None and config.git_oid == git_oid(CLIP_FILES["config.json"])


def test_a_clean_download_puts_verified_files_and_a_manifest_in_place(fake_hub: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "tiny-clip"
    seen: list[tuple[str, int, int]] = []
    fetch_clip(folder, lambda name, done, total: seen.append((name, done, total)))
    for name, data in CLIP_FILES.items():
        assert (folder / name).read_bytes() == data
    assert ("visual/model.onnx", len(CLIP_FILES["visual/model.onnx"]), len(CLIP_FILES["visual/model.onnx"])) in seen
    records = read_manifest(folder)
    assert records is not None and set(records) == set(CLIP_FILES)
    entry = records["visual/model.onnx"]
    assert (entry.repo, entry.revision, entry.size) == (CLIP_REPO, "main", len(CLIP_FILES["visual/model.onnx"]))
    assert entry.mtime_ns == (folder / "visual/model.onnx").stat().st_mtime_ns
    assert leftovers(folder) == []
    requests = len(fake_hub.requests)
    fetch_clip(folder)  # in place and unchanged: no request at all
    assert len(fake_hub.requests) == requests


@needs_faces
def test_face_models_come_from_the_buffalo_l_repository_and_load(fake_hub: FakeHub, tmp_path: Path) -> None:
    models = tmp_path / "models"
    detector, recogniser = ensure_face_models(models)
    assert detector == models / "faces/buffalo_l/detection/model.onnx"
    assert recogniser == models / "faces/buffalo_l/recognition/model.onnx"
    assert find_face_models(models) == (detector, recogniser)
    assert set(read_manifest(models / "faces/buffalo_l") or {}) == {"detection/model.onnx", "recognition/model.onnx"}
    analyzer = FaceAnalyzer(models, allow_download=False)
    analyzer.load()
    assert analyzer.model_id.startswith("det_10g+w600k_r50@")  # the pack's files under their insightface names
    assert analyzer.embedding_dim() == 128  # what was served (MobileFaceNet) is what loads


def test_a_transfer_cut_short_twice_names_the_file_and_the_next_try_resumes(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    weights = CLIP_FILES["visual/model.onnx"]
    fake_hub.cut["visual/model.onnx"] = 2  # half, then half of the rest
    folder = tmp_path / "tiny-clip"
    with pytest.raises(ModelUnavailable, match=r"download of visual/model.onnx stopped after"):
        fetch_clip(folder)
    assert not (folder / "visual/model.onnx").exists()
    assert "visual/model.onnx" not in (read_manifest(folder) or {})
    [partial] = leftovers(folder)
    assert partial.read_bytes() == weights[: len(weights) * 3 // 4]  # what arrived, kept for the next try
    fetch_clip(folder)
    assert (folder / "visual/model.onnx").read_bytes() == weights
    assert fake_hub.ranges == [f"bytes={len(weights) // 2}-", f"bytes={len(weights) * 3 // 4}-"]
    assert leftovers(folder) == []


def test_a_cancelled_download_keeps_its_bytes_and_resumes_with_a_range_request(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    weights = os.urandom(3 << 20)  # several of the 1 MiB blocks between which a download can stop
    fake_hub.repos[CLIP_REPO]["visual/model.onnx"] = weights
    folder = tmp_path / "tiny-clip"
    cancel = threading.Event()
    seen: list[int] = []

    def progress(name: str, done: int, total: int) -> None:
        seen.append(done)
        if done >= 1 << 20:
            cancel.set()

    with pytest.raises(DownloadCancelled):
        hub.fetch(CLIP_REPO, "main", ["visual/model.onnx"], folder, progress, cancel=cancel)
    [partial] = leftovers(folder)
    kept = partial.stat().st_size
    assert 0 < kept < len(weights) and partial.read_bytes() == weights[:kept]
    seen.clear()
    hub.fetch(CLIP_REPO, "main", ["visual/model.onnx"], folder, lambda _n, done, _t: seen.append(done))
    assert fake_hub.ranges == [f"bytes={kept}-"]
    assert seen[0] > kept and seen[-1] == len(weights)  # progress counts the kept bytes
    assert (folder / "visual/model.onnx").read_bytes() == weights
    assert (read_manifest(folder) or {})["visual/model.onnx"].sha256 == hashlib.sha256(weights).hexdigest()


def test_a_server_that_ignores_ranges_sends_the_file_again_from_the_start(fake_hub: FakeHub, tmp_path: Path) -> None:
    weights = CLIP_FILES["visual/model.onnx"]
    folder = tmp_path / "tiny-clip"
    (folder / "visual").mkdir(parents=True)
    (folder / "visual/model.onnx.partial").write_bytes(weights[:5000])
    fake_hub.ignore_range = True
    hub.fetch(CLIP_REPO, "main", ["visual/model.onnx"], folder, None)
    assert fake_hub.ranges == ["bytes=5000-"]
    assert (folder / "visual/model.onnx").read_bytes() == weights


def test_a_partial_file_of_other_bytes_fails_the_checksum_and_is_downloaded_afresh(
    fake_hub: FakeHub, tmp_path: Path
) -> None:
    weights = CLIP_FILES["visual/model.onnx"]
    folder = tmp_path / "tiny-clip"
    (folder / "visual").mkdir(parents=True)
    (folder / "visual/model.onnx.partial").write_bytes(b"\xff" * 5000)  # left by another revision
    hub.fetch(CLIP_REPO, "main", ["visual/model.onnx"], folder, None)
    assert fake_hub.ranges == ["bytes=5000-"]  # resumed, failed the check, then the retry started afresh
    assert (folder / "visual/model.onnx").read_bytes() == weights
    assert leftovers(folder) == []


def test_a_transfer_cut_short_once_is_retried(fake_hub: FakeHub, tmp_path: Path) -> None:
    fake_hub.cut["visual/model.onnx"] = 1
    folder = tmp_path / "tiny-clip"
    fetch_clip(folder)
    assert (folder / "visual/model.onnx").read_bytes() == CLIP_FILES["visual/model.onnx"]
    assert sum("/cdn/" in r for r in fake_hub.requests) == 2


@pytest.mark.parametrize("name", ["visual/model.onnx", "config.json"])  # SHA-256 of an LFS file; git blob id
def test_a_file_that_is_not_the_listed_one_is_not_kept(fake_hub: FakeHub, tmp_path: Path, name: str) -> None:
    fake_hub.wrong_sha256.add(name)
    folder = tmp_path / "tiny-clip"
    with pytest.raises(ModelUnavailable, match=rf"{name} is not the expected file") as caught:
        fetch_clip(folder)
    assert name in caught.value.files and caught.value.folder == folder
    assert not (folder / name).exists() and leftovers(folder) == []


def test_offline_is_a_clear_error_in_milliseconds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with serving(FakeHub()) as stopped:
        pass  # a port nobody listens on any more
    monkeypatch.setenv("HF_ENDPOINT", stopped.url)
    start = time.perf_counter()
    with pytest.raises(ModelUnavailable) as caught:
        ensure_face_models(tmp_path / "models")
    assert time.perf_counter() - start < 1.0
    message = str(caught.value)
    assert "cannot reach" in message and "detection/model.onnx" in message
    assert str(tmp_path / "models/faces/buffalo_l") in message


def test_a_changed_file_is_found_on_load_and_downloaded_again(fake_hub: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "tiny-clip"
    fetch_clip(folder)
    weights = folder / "visual/model.onnx"
    data = bytearray(weights.read_bytes())
    data[100] ^= 0xFF  # same size, one byte different, a later mtime: a damaged file
    weights.write_bytes(bytes(data))
    assert check_folder(folder).broken == ("visual/model.onnx",)
    with pytest.raises(ModelUnavailable, match=r"visual/model\.onnx changed since album verified it"):
        ensure_model_files("tiny-clip", folder, [], allow_download=False)
    ensure_model_files("tiny-clip", folder, [])  # the manifest says where it came from
    assert weights.read_bytes() == CLIP_FILES["visual/model.onnx"]
    assert check_folder(folder).ok


def test_a_truncated_file_is_found_on_load(fake_hub: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "tiny-clip"
    fetch_clip(folder)
    weights = folder / "visual/model.onnx"
    with open(weights, "r+b") as f:  # a full disk or a half-finished copy: shorter
        f.truncate(1000)
    os.utime(weights, ns=(0, (read_manifest(folder) or {})["visual/model.onnx"].mtime_ns))  # same mtime
    assert check_folder(folder).broken == ("visual/model.onnx",)


def test_a_touched_file_with_the_same_bytes_is_fine_and_its_mtime_recorded(fake_hub: FakeHub, tmp_path: Path) -> None:
    folder = tmp_path / "tiny-clip"
    fetch_clip(folder)
    weights = folder / "visual/model.onnx"
    later = weights.stat().st_mtime_ns + 5_000_000_000
    os.utime(weights, ns=(later, later))
    assert check_folder(folder).ok
    assert (read_manifest(folder) or {})["visual/model.onnx"].mtime_ns == later


@needs_faces
def test_a_folder_placed_by_hand_is_accepted_and_recorded_once_loaded(tmp_path: Path) -> None:
    models = tmp_path / "models"
    (models / "faces").mkdir(parents=True)
    for name in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
        (models / "faces" / name).write_bytes((FACES / name).read_bytes())
    assert check_folder(models / "faces").has_manifest is False
    analyzer = FaceAnalyzer(models, allow_download=False)  # no hub needed: there is nothing to fetch
    analyzer.load()
    records = read_manifest(models / "faces")
    assert records is not None and set(records) == {"det_500m.onnx", "mobilefacenet_rgb255.onnx"}
    assert records["det_500m.onnx"].repo is None


def test_a_read_only_folder_without_a_manifest_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    folder.chmod(0o555)
    try:
        assert write_manifest(folder) == {}  # cannot be saved: logged, not raised
        assert not (folder / MANIFEST).exists()
        assert check_folder(folder).ok
    finally:
        folder.chmod(0o755)


def test_a_manifest_of_a_newer_album_or_leading_outside_is_not_used(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"version": 99, "files": {"x": {}}}))
    assert read_manifest(tmp_path) is None
    assert check_folder(tmp_path).has_manifest is False
    entry = {"size": 1, "mtime_ns": 1, "sha256": "0" * 64, "repo": "a/b", "revision": "main"}
    (tmp_path / MANIFEST).write_text(json.dumps({"version": 1, "files": {"../../x": entry}}))
    assert read_manifest(tmp_path) is None


@needs_faces
def test_verify_compares_with_the_manifest_and_the_hub(fake_hub: FakeHub, tmp_path: Path) -> None:
    models = tmp_path / "models"
    ensure_face_models(models)
    [check] = verify_models(models, "faces")
    assert (check.name, check.state, check.broken) == ("buffalo_l", "ok", ())
    # The hub now lists another file than the one recorded: the manifest agrees with the disk, the hub does not.
    fake_hub.wrong_sha256.add("recognition/model.onnx")
    [check] = verify_models(models)
    assert (check.state, check.broken) == ("broken", ("recognition/model.onnx",))
    fake_hub.wrong_sha256.clear()
    (models / "faces/buffalo_l/detection/model.onnx").unlink()
    [check] = verify_models(models, repair=True)
    assert (check.state, check.repaired) == ("ok", ("detection/model.onnx",))


def test_a_known_clip_model_is_downloaded_through_its_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """ensure_clip_files fetches every file of the model's sources (bytes only: nothing loads them here)."""
    spec = CLIP_MODELS[DEFAULT_CLIP_MODEL]
    sources = clip_sources(spec)
    repos: dict[str, dict[str, bytes]] = {}
    for i, source in enumerate(sources):
        repos.setdefault(source.repo, {})[source.path] = f"file {i}\n".encode() * (1 + 300 * (i % 2))
    with serving(FakeHub(repos)) as served:
        monkeypatch.setenv("HF_ENDPOINT", served.url)
        folder = ensure_clip_files(tmp_path, DEFAULT_CLIP_MODEL)
        assert {p: (folder / p).read_bytes() for p in repos[sources[0].repo]} == repos[sources[0].repo]
        assert set(read_manifest(folder) or {}) == {s.path for s in sources}
        assert [(c.kind, c.state) for c in verify_models(tmp_path, DEFAULT_CLIP_MODEL)] == [("clip", "ok")]


def test_an_unknown_repository_is_named(fake_hub: FakeHub, tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match=r"cannot list immich-app/nothing \(revision main\).*404"):
        ensure_model_files("nothing", tmp_path, [HubSource("immich-app/nothing", "config.json")])
