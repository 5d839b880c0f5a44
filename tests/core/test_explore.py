"""The explore map (issue 20): a library of 12 classes of generated shapes, indexed with the tiny CLIP that
learned them (tests/tinyclip.py), comes out as separated regions named after their tags; new photos are
placed by their neighbours without a new layout; ``album explore --json`` prints regions and points."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import tinyclip

from album import cli
from album.core import explore
from album.core.library import Library, Paths
from album.core.records import DuplicateGroup

PER_CLASS = 6  # 72 photos


def class_of(path: str) -> str:
    colour, shape, _i = Path(path).stem.split("_")
    return f"{colour}_{shape}"


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory, tiny_clip_folder: Path) -> Iterator[tuple[Library, Path]]:
    """One library of shapes for the whole module (indexing is the slow part), with the tiny model."""
    home = tmp_path_factory.mktemp("explore") / "album-home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALBUM_HOME", str(home))
        patch.setenv("ALBUM_MODELS_DIR", str(home / "models"))
        patch.setenv("ALBUM_CLIP_MODEL", tinyclip.install(home / "models"))
        folder = home.parent / "Photos"
        tinyclip.write_photos(folder, per_class=PER_CLASS)
        library = Library(Paths.from_env())
        assert library.index([str(folder)]).added == PER_CLASS * len(tinyclip.CLASSES)
        yield library, folder


def test_classes_come_out_as_separated_named_regions(shapes: tuple[Library, Path]) -> None:
    library, _folder = shapes
    found = library.explore("pca")
    classes = [class_of(p) for p in found.points.paths]
    assert len(found) == PER_CLASS * len(tinyclip.CLASSES) and found.method == "pca"
    assert found.xy.min() >= 0 and found.xy.max() <= 1
    purity = explore.neighbour_purity(found.xy, classes)
    shuffled = explore.neighbour_purity(np.random.default_rng(0).random(found.xy.shape), classes)
    # Measured 0.81 with the tiny CLIP (2026-11-27); a random layout: ~1/12.
    assert shuffled < 0.25 < 0.7 < purity, (purity, shuffled)
    assert 2 <= len(found.regions) <= explore.MAX_REGIONS
    assert sum(r.count for r in found.regions) == len(found)
    for index, region in enumerate(found.regions):  # each name is the tag of the region's commonest class
        members = [classes[i] for i in np.flatnonzero(found.region_of == index)]
        commonest, count = Counter(members).most_common(1)[0]
        if count >= explore.TAG_SHARE * len(members):
            assert region.tags and commonest in region.tags, (region, Counter(members))
            colour, shape = commonest.split("_")
            assert f"a {colour} {shape}" in region.label
            assert f"{tinyclip.COLOURS[colour][1]}的{tinyclip.SHAPES[shape]}" in region.label_zh


def test_new_photos_are_placed_by_their_neighbours(shapes: tuple[Library, Path], tmp_path: Path) -> None:
    library, folder = shapes
    before = library.explore("pca")
    where = dict(zip(before.points.ids, before.xy.tolist(), strict=True))
    extra = tinyclip.write_photos(tmp_path / "more", per_class=1, seed=4242)["red circle"][0]
    added = folder / "red_circle_new.jpg"
    added.write_bytes(extra.read_bytes())
    try:
        library.index([str(folder)])
        after = library.explore()  # "auto" keeps the cached layout's method
        assert after.method == "pca" and after.placed == 1 and len(after) == len(before) + 1
        for photo_id, xy in zip(after.points.ids, after.xy.tolist(), strict=True):
            if photo_id in where:
                assert xy == pytest.approx(where[photo_id], abs=1e-6)  # nobody else moved
        new = after.points.paths.index(str(added))
        distance = np.linalg.norm(after.xy - after.xy[new], axis=1)
        nearest = [class_of(after.points.paths[i]) for i in np.argsort(distance)[1:4]]
        assert nearest.count("red_circle") >= 2, nearest
    finally:
        added.unlink()
        library.index([str(folder)])


def test_a_damaged_cache_is_computed_again(shapes: tuple[Library, Path]) -> None:
    library, _folder = shapes
    first = library.explore("pca")
    cached = explore.cache_file(library.paths.cache_dir, first.model_id)
    cached.write_bytes(b"not a layout")
    again = library.explore("pca")
    assert again.placed == 0 and np.allclose(again.xy, first.xy)  # PCA is deterministic
    assert explore.load_cached(cached, first.model_id) is not None  # and kept again


def test_place_by_neighbours_is_their_weighted_mean() -> None:
    known = np.eye(4, dtype=np.float32)
    xy = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], np.float32)
    new = np.array([[1, 1, 0, 0]], np.float32) / np.sqrt(2)
    assert explore.place_by_neighbours(new, known, xy, k=2)[0] == pytest.approx([0.5, 0])


def test_cli_explore_json(shapes: tuple[Library, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explore", "--json", "--method", "pca"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    regions = [line for line in lines if "region" in line and "label" in line]
    points = [line for line in lines if "path" in line]
    assert len(points) == PER_CLASS * len(tinyclip.CLASSES) and regions
    assert {p["region"] for p in points} == set(range(len(regions)))
    assert all(0 <= p["x"] <= 1 and 0 <= p["y"] <= 1 for p in points)
    assert any(r["label_zh"] and any("\u4e00" <= ch <= "\u9fff" for ch in r["label_zh"]) for r in regions)


def test_copies_set_aside_stay_off_the_map(shapes: tuple[Library, Path]) -> None:
    """(Last in the module: the copy comes back as a photo placed by its neighbours.)"""
    library, _folder = shapes
    before = library.explore("pca")
    keep, extra = library.photos_with_ids(before.points.ids[:2])
    group = DuplicateGroup("similar", (keep, extra), ())
    library.keep_duplicate(group, keep.id)
    try:
        after = library.explore()
        assert extra.id not in after.points.ids and len(after) == len(before) - 1
        assert keep.id in after.points.ids
    finally:
        library.not_duplicates(group)
    assert extra.id in library.explore().points.ids
