"""`album search "text"`, `album similar`, `album tags` through the CLI with the tiny trained model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import tinyclip
from conftest import run_album


def lines(result: subprocess.CompletedProcess[str]) -> list[dict]:  # type: ignore[type-arg]
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def classes(records: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [Path(r["path"]).stem.rsplit("_", 1)[0] for r in records]


@pytest.fixture
def indexed(models_dir: Path, photos_dir: Path) -> dict[str, list[Path]]:
    photos = tinyclip.write_photos(photos_dir, per_class=5)
    summary = lines(run_album("index", str(photos_dir), "--json"))[0]
    assert summary["added"] == 60
    assert not [u for u in summary["unavailable"] if u.startswith("clip")]  # (no face models here: faces skip)
    return photos


def test_text_search_in_english_and_chinese(indexed: dict[str, list[Path]]) -> None:
    english = lines(run_album("search", "a", "yellow", "square", "--json"))
    assert classes(english[:5]) == ["yellow_square"] * 5
    assert all(isinstance(r["score"], float) for r in english)
    chinese = lines(run_album("search", "绿色的三角形", "--json"))
    assert classes(chinese[:5]) == ["green_triangle"] * 5
    assert len(chinese) < 60


def test_similar_and_tags(indexed: dict[str, list[Path]]) -> None:
    example = indexed["blue circle"][3]
    similar = lines(run_album("similar", str(example), "--json", "--limit", "5"))
    assert similar[0]["path"] == str(example)
    assert len(similar) == 5 and similar[0]["score"] == pytest.approx(1.0, abs=1e-4)  # quality: test_semantic_search.py
    tags = {t["tag"]: t["count"] for t in lines(run_album("tags", "--json"))}
    assert tags.get("red_triangle", 0) >= 4
    tagged = lines(run_album("search", "--tag", "red_triangle", "--json"))
    assert set(classes(tagged)) == {"red_triangle"}


def test_missing_model_says_so_once_and_still_searches(album_home: Path, photos_dir: Path, models_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("ALBUM_CLIP_MODEL", "not-installed")
    tinyclip.write_photos(photos_dir, per_class=1)
    result = run_album("index", str(photos_dir))
    assert result.returncode == 0
    assert result.stderr.count("model 'not-installed' is not available") == 1
    assert "visual/model.onnx" in result.stderr
    search = run_album("search", "a red circle", "--json")
    assert search.returncode == 0
    assert search.stderr.count("semantic search is unavailable") == 1
    assert len(lines(search)) == 12
    monkeypatch.setenv("ALBUM_CLIP_MODEL", "tiny-shapes")  # now an installed model: it catches up
    again = run_album("index", str(photos_dir))
    assert "0 added" in again.stdout and "12 photos analysed by a model they had missed" in again.stdout


def test_a_model_installed_after_indexing_searches_by_filters_until_it_has_run(
    photos_dir: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Photos indexed while no CLIP model was there have no vectors (no vector column at all yet): a
    text search with the model now installed says so and lists the photos, it does not crash."""
    monkeypatch.setenv("ALBUM_CLIP_MODEL", "not-installed")
    tinyclip.write_photos(photos_dir, per_class=1)
    assert run_album("index", str(photos_dir)).returncode == 0
    monkeypatch.setenv("ALBUM_CLIP_MODEL", "tiny-shapes")
    search = run_album("search", "a red circle", "--json")
    assert search.returncode == 0 and "Traceback" not in search.stderr
    assert "no photo has been analysed by the CLIP model yet" in search.stderr
    assert len(lines(search)) == 12


def test_models_lists_known_and_hand_added_models(models_dir: Path) -> None:
    models = {m["name"]: m for m in lines(run_album("models", "--json"))}
    tiny = models["tiny-shapes"]
    assert (tiny["kind"], tiny["installed"], tiny["selected"]) == ("clip", True, True)
    assert tiny["folder"] == str(models_dir / "clip" / "tiny-shapes")
    default = models["xlm-roberta-base-ViT-B-32"]
    assert (default["installed"], default["selected"], default["multilingual"]) == (False, False, True)
    faces = next(m for m in models.values() if m["kind"] == "faces")
    assert (faces["name"], faces["installed"]) == ("buffalo_l", False)  # downloads on first use
    assert "non-commercial" in faces["licence"]


CONVERTER_ONLY = ("torch", "torchvision", "open_clip", "transformers", "sentencepiece", "onnxscript")

WITHOUT_TORCH = """
import contextlib, io, json, sys

class Missing:
    '''Any import of the converter's packages fails as on a machine without album[convert] (also for
    importlib.util.find_spec, which lancedb asks whether torch is there).'''
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
        return None

sys.meta_path.insert(0, Missing())
from album.cli import main

def run(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "--json"]) == 0, args
    return [json.loads(line) for line in out.getvalue().splitlines()]

result = {
    "index": run("index", PHOTOS)[0],
    "search": run("search", "a red circle"),
    "chinese": run("search", "蓝色的正方形"),
    "similar": run("similar", EXAMPLE, "--limit", "3"),
    "tags": run("tags"),
    "loaded": sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in BLOCKED}),
}
print(json.dumps(result))
"""


def test_semantic_features_run_without_torch(models_dir: Path, photos_dir: Path) -> None:
    """Index, text search (English and Chinese), similar-photo search and tags, in a process where torch,
    open_clip and the rest of the converter's packages cannot be imported: the results are still right."""
    photos = tinyclip.write_photos(photos_dir, per_class=3)
    example = photos["green triangle"][1]
    code = f"BLOCKED = {CONVERTER_ONLY!r}\nPHOTOS = {str(photos_dir)!r}\nEXAMPLE = {str(example)!r}\n" + WITHOUT_TORCH
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["index"]["added"] == 36
    assert not [u for u in result["index"]["unavailable"] if u.startswith("clip")], result["index"]
    assert classes(result["search"][:3]) == ["red_circle"] * 3
    assert classes(result["chinese"][:3]) == ["blue_square"] * 3
    assert result["similar"][0]["path"] == str(example) and classes(result["similar"]) == ["green_triangle"] * 3
    tags = {t["tag"]: t["count"] for t in result["tags"]}
    assert tags.get("red_circle", 0) >= 2 and tags.get("yellow_square", 0) >= 2, tags
    assert result["loaded"] == []
