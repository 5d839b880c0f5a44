"""Semantic search end to end with a CLIP model that really learned (tests/tinyclip.py): index
generated photos the model never saw, then search by English and Chinese text and by example."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import numpy as np
import onnx
import pyarrow as pa
import pytest
import tinyclip
from PIL import Image

from album.core.config import IndexSettings, Paths
from album.core.models.clip import ClipEncoder
from album.core.models.clip_onnx import INT8_RECIPES
from album.core.models.registry import ModelUnavailable
from album.core.pipeline.indexer import Indexer, IndexProgress
from album.core.pipeline.steps.clip import ClipStep
from album.core.query import Query
from album.core.records import Described, Similarity
from album.core.search import Searcher
from album.core.store.db import PHOTOS_SCHEMA, SCHEMA_VERSION, VECTOR_COLUMN, Store

CLASSES = [f"{c} {s}" for c, s in tinyclip.CLASSES]


@pytest.fixture
def shapes(photos_dir: Path) -> dict[str, list[Path]]:
    photos = tinyclip.write_photos(photos_dir, per_class=5)
    for paths in photos.values():  # the first 3 of each class in 2020, the others in 2021
        for i, path in enumerate(paths):
            stamp = datetime(2020 if i < 3 else 2021, 6, 1 + i).timestamp()
            os.utime(path, (stamp, stamp))
    return photos


@pytest.fixture(params=["fp32", "int8"])
def encoder(request: pytest.FixtureRequest, models_dir: Path, paths: Paths) -> ClipEncoder:
    """The tiny model with its image tower on the fp32 ONNX file, and on its int8 copy: every
    search-quality test here must hold for both."""
    encoder = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend=request.param,
                          cache_dir=paths.cache_dir / "clip")  # fmt: skip
    encoder.prepare_image_tower()
    assert encoder.image_backend == f"onnxruntime-{request.param}"
    return encoder


@pytest.fixture
def indexed(store: Store, paths: Paths, encoder: ClipEncoder, shapes: dict[str, list[Path]]) -> Indexer:
    indexer = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=16), steps=[ClipStep(encoder)])
    report = indexer.run([str(next(iter(shapes.values()))[0].parent)])
    assert (report.added, report.failed, report.unavailable) == (60, 0, [])
    return indexer


def class_of(path: str) -> str:
    colour, shape, _i = Path(path).stem.split("_")
    return f"{colour} {shape}"


def test_vectors_are_stored_normalised_with_model_id(store: Store, encoder: ClipEncoder, indexed: Indexer) -> None:
    rows = store.query_photos(None).to_pylist()
    assert {r["clip_model"] for r in rows} == {encoder.model_id}
    norms = [np.linalg.norm(r[VECTOR_COLUMN]) for r in rows]
    assert np.allclose(norms, 1.0, atol=1e-4)


@pytest.mark.parametrize("chinese", [False, True], ids=["english", "chinese"])
def test_text_search_recall_at_5(store: Store, encoder: ClipEncoder, indexed: Indexer, chinese: bool) -> None:
    searcher = Searcher(store, encoder)
    for colour, shape in tinyclip.CLASSES:
        zh_colour, zh_shape = tinyclip.COLOURS[colour][1], tinyclip.SHAPES[shape]
        text = f"有{zh_colour}{zh_shape}的照片" if chinese else f"a photo of a {colour} {shape}"
        hits = searcher.search(Query(text=text)).hits
        top5 = [class_of(h.photo.path) for h in hits[:5]]
        assert top5 == [f"{colour} {shape}"] * 5, (text, top5)


def test_cutoff_keeps_the_matches_and_drops_the_rest(store: Store, encoder: ClipEncoder, indexed: Indexer) -> None:
    searcher = Searcher(store, encoder)
    for text in ("a blue triangle", "黄色的圆形"):
        hits = searcher.search(Query(text=text)).hits
        assert 5 <= len(hits) < 20, (text, len(hits))
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
        assert hits[0].reasons[0] == Similarity(hits[0].score)  # type: ignore[arg-type]


def test_filters_apply_inside_the_vector_search(store: Store, encoder: ClipEncoder, indexed: Indexer) -> None:
    searcher = Searcher(store, encoder)
    hits = searcher.search(Query(text="a green square", date_from=datetime(2021, 1, 1).date())).hits
    assert [class_of(h.photo.path) for h in hits[:2]] == ["green square"] * 2
    assert all(h.photo.taken_at and h.photo.taken_at.year == 2021 for h in hits)


def test_similar_photo_first_then_same_class(store: Store, encoder: ClipEncoder, indexed: Indexer,
                                             shapes: dict[str, list[Path]]) -> None:  # fmt: skip
    """Every photo finds itself first; the next four are of its class (precision over all 60 photos)."""
    searcher = Searcher(store, encoder)
    same = 0
    for name, paths in shapes.items():
        for example in paths:
            hits = searcher.similar(str(example)).hits
            assert hits[0].photo.path == str(example)
            assert hits[0].score == pytest.approx(1.0, abs=1e-4)
            same += sum(class_of(h.photo.path) == name for h in hits[1:5])
    assert same / (60 * 4) >= 0.9


def test_similar_to_a_photo_outside_the_library(store: Store, encoder: ClipEncoder, indexed: Indexer,
                                                tmp_path: Path) -> None:  # fmt: skip
    outside = tinyclip.write_photos(tmp_path / "elsewhere", per_class=1, seed=777)["green triangle"][0]
    hits = Searcher(store, encoder).similar(str(outside)).hits
    assert [class_of(h.photo.path) for h in hits[:5]] == ["green triangle"] * 5


def test_zero_shot_tags_are_precise(store: Store, indexed: Indexer) -> None:
    rows = store.query_photos(None).to_pylist()
    correct = sum(1 for r in rows if r["tags"] and r["tags"][0] == class_of(r["path"]).replace(" ", "_"))
    wrong = sum(1 for r in rows for t in r["tags"] if t != class_of(r["path"]).replace(" ", "_"))
    assert correct >= 57 and wrong <= 3, (correct, wrong)
    assert all(len(r["tags"]) == len(r["tag_scores"]) for r in rows)
    counts = dict(store.tag_counts())
    assert sum(counts.values()) == correct + wrong
    tagged = Searcher(store, None).search(Query(tags=("red_circle",))).hits
    assert {class_of(h.photo.path) for h in tagged} == {"red circle"}


def test_rename_keeps_the_vector(store: Store, indexed: Indexer, shapes: dict[str, list[Path]]) -> None:
    old = shapes["red square"][0]
    before = store.get_photo_by_path(str(old))
    new = old.with_name("renamed.jpg")
    old.rename(new)
    report = indexed.run([str(old.parent)])
    assert (report.moved, report.decoded) == (1, 0)
    after = store.get_photo_by_path(str(new))
    assert after is not None and before is not None
    assert after[VECTOR_COLUMN] == before[VECTOR_COLUMN] and after["tags"] == before["tags"]


def test_model_change_reencodes_and_never_mixes(store: Store, paths: Paths, models_dir: Path, indexed: Indexer,
                                                shapes: dict[str, list[Path]]) -> None:  # fmt: skip
    shutil.copytree(models_dir / "clip" / "tiny-shapes", models_dir / "clip" / "tiny-shapes-v2")
    other = ClipEncoder(models_dir, "tiny-shapes-v2", allow_download=False)
    folder = str(next(iter(shapes.values()))[0].parent)
    report = Indexer(store, paths.thumbs_dir, steps=[ClipStep(other)]).run([folder])
    assert (report.refreshed, report.added) == (60, 0)
    assert {r["clip_model"] for r in store.query_photos(None).to_pylist()} == {other.model_id}
    assert Indexer(store, paths.thumbs_dir, steps=[ClipStep(other)]).run([folder]).refreshed == 0


def test_missing_model_is_a_clear_error_and_metadata_search_still_works(
    store: Store, paths: Paths, shapes: dict[str, list[Path]]
) -> None:
    encoder = ClipEncoder(paths.models_dir, "no-such-model", allow_download=False)
    folder = str(next(iter(shapes.values()))[0].parent)
    report = Indexer(store, paths.thumbs_dir, steps=[ClipStep(encoder)]).run([folder])
    assert report.added == 60
    assert len(report.unavailable) == 1
    message = report.unavailable[0]
    assert "no-such-model" in message and "config.json" in message and "visual/model.onnx" in message
    assert str(paths.models_dir / "clip" / "no-such-model") in message
    result = Searcher(store, encoder).search(Query(text="a red circle", date_from=datetime(2021, 1, 1).date()))
    assert result.notice and "semantic search is unavailable" in result.notice
    assert len(result.hits) == 24 and all(h.photo.taken_at and h.photo.taken_at.year == 2021 for h in result.hits)
    with pytest.raises(ModelUnavailable):
        encoder.load()


def test_schema_1_library_is_migrated(paths: Paths) -> None:
    """A library written by schema 1 (before semantic search) opens and gains the new columns."""
    import lancedb

    v1_fields = [f for f in PHOTOS_SCHEMA if f.name not in ("clip_model", "tag_scores", "faces_model", "face_count")]
    db = lancedb.connect(str(paths.db_dir))
    db.create_table("photos", schema=pa.schema(v1_fields))
    meta = db.create_table(
        "meta", schema=pa.schema([pa.field("key", pa.string(), False), pa.field("value", pa.string())])
    )
    meta.add([{"key": "schema_version", "value": "1"}])
    store = Store(paths.db_dir)
    assert store.schema_version == SCHEMA_VERSION
    assert {"clip_model", "tag_scores", "faces_model", "face_count"} <= set(store.photos.schema.names)


def test_int8_towers_are_built_once_checked_and_reused(models_dir: Path, paths: Paths) -> None:
    cache = paths.cache_dir / "clip"
    first = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    vector = first.encode_texts(["a red circle"])
    assert not list(cache.rglob("*.int8.onnx"))  # text search alone builds no int8 copy
    kept = list(cache.rglob("textual.fp32.opt-*.onnx"))  # only the graph ORT optimised, opened from then on
    assert len(kept) == 1
    reopened = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    np.testing.assert_allclose(reopened.encode_texts(["a red circle"]), vector, atol=1e-5)
    assert list(cache.rglob("textual.fp32.opt-*.onnx")) == kept
    first.prepare_image_tower()
    first.prepare_text_tower()
    built = next(cache.rglob("visual.int8.onnx"))
    for tower in ("visual", "textual"):  # both measured against their fp32 files on the probes
        verdict = json.loads((built.parent / f"{tower}.verdict.json").read_text())
        assert verdict["min_cosine"] >= 0.99, (tower, verdict)
    stamp = built.stat().st_mtime_ns
    again = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    again.prepare_image_tower()
    again.prepare_text_tower()
    assert again.image_backend == "onnxruntime-int8" and built.stat().st_mtime_ns == stamp  # not rebuilt
    ops = {node.op_type for node in onnx.load(built).graph.node}
    assert "Conv" in ops and "ConvInteger" not in ops and "MatMulInteger" in ops  # patch embedding stays fp32
    photos = [Image.new("RGB", (96, 64), colour) for colour in ("red", "navy", "yellow")]
    vectors = again.encode_images([again.preprocess(p) for p in photos])
    texts = again.encode_texts(["a red circle", "蓝色的正方形"])
    assert again.text_backend == "onnxruntime-int8"
    reference = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="fp32", cache_dir=cache)
    expected = reference.encode_images([reference.preprocess(p) for p in photos])
    assert reference.image_backend == "onnxruntime-fp32"
    assert np.all((vectors * expected).sum(axis=1) >= 0.99)
    assert np.all((texts * reference.encode_texts(["a red circle", "蓝色的正方形"])).sum(axis=1) >= 0.99)


def test_an_int8_copy_of_an_older_recipe_is_rebuilt(models_dir: Path, paths: Paths) -> None:
    """Copies built before convolutions were left in fp32 (verdicts without a recipe) are built again."""
    cache = paths.cache_dir / "clip"
    first = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    first.prepare_image_tower()
    verdict_file = next(cache.rglob("visual.verdict.json"))
    verdict = json.loads(verdict_file.read_text())
    del verdict["recipe"]
    verdict_file.write_text(json.dumps(verdict))
    (verdict_file.parent / "visual.int8.onnx").write_bytes(b"a copy of the old recipe")
    again = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    again.prepare_image_tower()
    assert again.image_backend == "onnxruntime-int8"
    assert json.loads(verdict_file.read_text())["recipe"] == INT8_RECIPES["visual"]
    assert onnx.load(verdict_file.parent / "visual.int8.onnx").graph.node  # the copy was built again
    text_verdict = verdict_file.parent / "textual.verdict.json"
    again.prepare_text_tower()
    old = json.loads(text_verdict.read_text())
    del old["recipe"]  # a text tower's copy of recipe 1 is still current: nothing changed for text towers
    text_verdict.write_text(json.dumps(old))
    stamp = text_verdict.stat().st_mtime_ns
    third = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    third.prepare_text_tower()
    third.encode_texts(["a red circle"])
    assert third.text_backend == "onnxruntime-int8" and text_verdict.stat().st_mtime_ns == stamp


def test_a_failed_verdict_is_kept_and_fp32_runs(models_dir: Path, paths: Paths) -> None:
    """A copy that does not match fp32 is deleted and never rebuilt: its verdict alone stays."""
    cache = paths.cache_dir / "clip"
    encoder = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    encoder.load()
    folder = cache / encoder.model_id.replace("@", "-")
    folder.mkdir(parents=True)
    (folder / "visual.verdict.json").write_text(
        json.dumps({"min_cosine": 0.9, "fp32_seconds": 1, "int8_seconds": 0.5, "recipe": INT8_RECIPES["visual"]})
    )
    encoder.prepare_image_tower()
    assert encoder.image_backend == "onnxruntime-fp32" and not (folder / "visual.int8.onnx").exists()


def test_an_accurate_int8_text_tower_runs_even_if_it_measured_slower(models_dir: Path, paths: Paths) -> None:
    """The speed condition of the "auto" backend is the image tower's (indexing throughput); the text tower's
    int8 copy is used whenever it matches fp32: a third of the memory, opened faster."""
    cache = paths.cache_dir / "clip"
    first = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8", cache_dir=cache)
    first.prepare_image_tower()
    first.prepare_text_tower()
    for verdict in cache.rglob("*.verdict.json"):  # both copies measured slower than fp32
        tower = verdict.name.split(".")[0]
        verdict.write_text(json.dumps({"min_cosine": 0.999, "fp32_seconds": 0.5, "int8_seconds": 1.0,
                                       "recipe": INT8_RECIPES[tower]}))  # fmt: skip
    auto = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="auto", cache_dir=cache)
    auto.encode_texts(["a red circle"])
    auto.encode_images([np.zeros((3, auto.input_side, auto.input_side), np.float32)])
    assert (auto.text_backend, auto.image_backend) == ("onnxruntime-int8", "onnxruntime-fp32")


def test_tag_prompt_vectors_are_cached_and_load_without_the_text_tower(
    store: Store, paths: Paths, models_dir: Path, shapes: dict[str, list[Path]]
) -> None:
    cache = paths.cache_dir / "clip"
    first = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, cache_dir=cache)
    ClipStep(first).start(store)
    assert len(list(cache.rglob("texts-*.npy"))) == 1
    (models_dir / "clip" / "tiny-shapes" / "textual" / "tokenizer.json").write_text("damaged")
    again = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, cache_dir=cache)
    step = ClipStep(again)
    step.start(store)  # the tags' vectors come from the cache: the (now unusable) text tower is not opened
    assert again.text_backend == ""
    photo = Image.open(shapes["red circle"][0]).convert("RGB")
    result = step.run(["p"], [again.preprocess(photo)])[0]
    assert result is not None and result.tags[:1] == ["red_circle"]
    with pytest.raises(ModelUnavailable, match=r"textual/tokenizer\.json"):
        again.encode_texts(["a red circle"])


def test_models_load_and_the_int8_tower_is_ready_before_photos_are_decoded(
    store: Store, paths: Paths, models_dir: Path, shapes: dict[str, list[Path]]
) -> None:
    encoder = ClipEncoder(models_dir, "tiny-shapes", threads=2, allow_download=False, backend="int8",
                          cache_dir=paths.cache_dir / "clip")  # fmt: skip
    seen: list[tuple[str, str]] = []

    def progress(p: IndexProgress) -> None:
        if not seen or seen[-1][0] != p.phase:
            seen.append((p.phase, encoder.image_backend))

    folder = str(next(iter(shapes.values()))[0].parent)
    Indexer(store, paths.thumbs_dir, steps=[ClipStep(encoder)]).run([folder], progress=progress)
    assert [phase for phase, _ in seen][:3] == ["scanning", "loading models", "indexing"]
    assert dict(seen)["indexing"] == "onnxruntime-int8"  # built while "loading models", not in the first batch


def test_what_the_user_wrote_comes_before_clips_ranking(store: Store, encoder: ClipEncoder, indexed: Indexer,
                                                        shapes: dict[str, list[Path]]) -> None:  # fmt: skip
    """A red circle captioned "Ben's 5th birthday" in another app: CLIP cannot know whose birthday a shape is,
    the caption can. It comes first, with why; CLIP's own matches follow; a text no one wrote is CLIP's alone."""
    captioned = store.photo_by_path(str(shapes["red circle"][0]))
    assert captioned is not None
    store.update_photo_fields([{"id": captioned.id, "title": "Ben's 5th birthday", "keywords": ["Blue Square"]}])
    store.ensure_indexes()
    searcher = Searcher(store, encoder)
    hits = searcher.search(Query(text="Ben's 5th birthday")).hits
    assert hits[0].photo.id == captioned.id and hits[0].reasons == (Described("Ben's 5th birthday"),)
    assert hits[0].photo.title == "Ben's 5th birthday"
    hits = searcher.search(Query(text="blue square")).hits  # the user's keyword, and what CLIP sees
    assert hits[0].photo.id == captioned.id
    assert [class_of(h.photo.path) for h in hits[1:6]] == ["blue square"] * 5
    assert len({h.photo.id for h in hits}) == len(hits)  # the captioned photo once
    hits = searcher.search(Query(text="a green triangle")).hits
    assert all(isinstance(h.reasons[0], Similarity) for h in hits)
