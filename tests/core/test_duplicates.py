"""Duplicates and bursts on real face photos and their real copies, resizes, re-encodes, crops and bursts,
indexed through the real pipeline into a real LanceDB library; then review and the trash."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif
from PIL import Image, ImageFilter
from shared_data import SHARED_FACES

from album.core.library import Library, Paths, Query, Settings
from album.core.records import DuplicateGroup

pytestmark = pytest.mark.skipif(not (SHARED_FACES / "singles").is_dir(), reason="needs ../shared/faces")

OBAMA = SHARED_FACES / "people" / "Barack_Obama" / "knn_examples_test_obama1.jpg"  # 1480×832
GROUP = SHARED_FACES / "group" / "t1.jpg"  # 1280×886, six people
TWO = SHARED_FACES / "group" / "two_people.jpg"
KIT = SHARED_FACES / "people" / "Kit_Harington" / "knn_examples_train_kit_harington_john1.jpeg"
VIEW = SHARED_FACES / "noface" / "view.jpg"  # a landscape, "photographed" in three cities below
SINGLES = sorted((SHARED_FACES / "singles").iterdir())[:16]  # 16 different people
CAMERA = Exif(taken=datetime(2024, 7, 6, 14, 30, 0), make="Canon", model="EOS R6")


def _save(image: Image.Image, path: Path, exif: Exif | None = None, quality: int = 95) -> Path:
    extra = {"exif": exif.dump()} if exif is not None else {}
    image.convert("RGB").save(path, "JPEG", quality=quality, **extra)
    return path


def _at(second: int, lat: float | None = None) -> Exif:
    return Exif(taken=CAMERA.taken.replace(second=second), make=CAMERA.make, model=CAMERA.model,  # type: ignore[union-attr]
                lat=lat, lon=2.35 if lat is not None else None)  # fmt: skip


def _tenth_off(image: Image.Image) -> tuple[int, int, int, int]:
    """A crop box leaving a tenth off each side."""
    return image.width // 10, image.height // 10, image.width * 9 // 10, image.height * 9 // 10


def _photos(folder: Path) -> dict[str, Path]:
    """The originals, their copies, and sixteen unrelated people (two shot by the same camera seconds apart)."""
    group, two, kit = (Image.open(p).convert("RGB") for p in (GROUP, TWO, KIT))
    width, height = two.size
    made = {
        "obama.jpg": Path(shutil.copy(OBAMA, folder / "obama.jpg")),
        "obama copy.jpg": Path(shutil.copy(OBAMA, folder / "obama copy.jpg")),
        "group.jpg": _save(group, folder / "group.jpg", _at(0, lat=48.85)),
        "group small.jpg": _save(group.resize((640, 443)), folder / "group small.jpg"),
        "group q40.jpg": _save(group, folder / "group q40.jpg", quality=40),
        "kit.jpg": _save(kit, folder / "kit.jpg", _at(10)),
        "kit crop.jpg": _save(kit.crop(_tenth_off(kit)), folder / "kit crop.jpg", _at(10)),
        "burst 1.jpg": _save(two.filter(ImageFilter.GaussianBlur(3)), folder / "burst 1.jpg", _at(40)),
        "burst 2.jpg": _save(two.crop((8, 0, width, height)).resize(two.size), folder / "burst 2.jpg", _at(42)),
    }
    view = Image.open(VIEW).convert("RGB")
    # One picture carrying three cities' GPS positions: not copies of each other, whatever the hashes say;
    # a resize whose position drifted by a kilometre is still a copy.
    for name, (lat, lon), size in [("view kyoto.jpg", (35.0116, 135.7681), 1.0),
                                   ("view new york.jpg", (40.7128, -74.0060), 0.8),
                                   ("view paris.jpg", (48.8566, 2.3522), 0.9),
                                   ("view paris near.jpg", (48.8656, 2.3522), 0.6)]:  # fmt: skip
        resized = view.resize((int(view.width * size), int(view.height * size)))
        made[name] = _save(resized, folder / name, Exif(lat=lat, lon=lon))
    made["view no gps.jpg"] = _save(view.resize((view.width // 2, view.height // 2)), folder / "view no gps.jpg")
    for n, single in enumerate(SINGLES):
        made[single.name] = _save(Image.open(single), folder / single.name, _at(50 + 3 * n) if n < 2 else None)
    return made


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, dict[str, Path]]]:
    root = tmp_path_factory.mktemp("duplicates")
    folder = root / "Photos"
    folder.mkdir()
    made = _photos(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALBUM_HOME", str(root / "home"))
        patch.delenv("ALBUM_MODELS_DIR", raising=False)
        library = Library(Paths.from_env(), Settings(allow_downloads=False))
        library.index([str(folder)])
        yield library, made


def _names(group: DuplicateGroup) -> list[str]:
    return [Path(p.path).name for p in group.photos]


def _group_of(groups: list[DuplicateGroup], name: str) -> DuplicateGroup:
    return next(g for g in groups if name in _names(g))


def test_groups_copies_resizes_reencodes_crops_and_bursts(indexed: tuple[Library, dict[str, Path]]) -> None:
    library, _made = indexed
    groups = library.duplicates()
    found = sorted(sorted(_names(g)) for g in groups if not _names(g)[0].startswith("view"))
    assert found == sorted([
        ["obama copy.jpg", "obama.jpg"],
        ["group q40.jpg", "group small.jpg", "group.jpg"],
        ["kit crop.jpg", "kit.jpg"],
        ["burst 1.jpg", "burst 2.jpg"],
    ]), "no group joins different people's photos, and every copy is found"  # fmt: skip

    exact = _group_of(groups, "obama.jpg")
    assert exact.kind == "exact" and exact.reasons == ("first",)
    assert _names(exact)[0] == "obama.jpg"  # not the one named a copy
    copies = _group_of(groups, "group.jpg")
    assert copies.kind == "similar" and _names(copies)[0] == "group.jpg"  # full size, GPS, the best quality
    assert set(copies.reasons) >= {"gps", "metadata"}
    assert _names(_group_of(groups, "kit.jpg"))[0] == "kit.jpg"
    assert "largest" in _group_of(groups, "kit.jpg").reasons
    burst = _group_of(groups, "burst 1.jpg")
    assert burst.kind == "burst" and _names(burst)[0] == "burst 2.jpg" and burst.reasons == ("sharpest",)


def test_copies_carrying_gps_positions_far_apart_are_never_one_group(indexed: tuple[Library, dict[str, Path]]) -> None:
    library, _made = indexed
    views = [sorted(_names(g)) for g in library.duplicates() if _names(g)[0].startswith("view")]
    city = {"kyoto": "Kyoto", "new york": "New York", "paris": "Paris", "paris near": "Paris"}  # 1 km apart
    for names in views:
        assert len({city[n[5:-4]] for n in names if n != "view no gps.jpg"}) == 1, f"two cities in {names}"
    assert any({"view paris.jpg", "view paris near.jpg"} <= set(names) for names in views), "a copy 1 km off"
    assert any("view no gps.jpg" in names for names in views), "the copy without a position joins one place"


def test_exact_only(indexed: tuple[Library, dict[str, Path]]) -> None:
    library, _made = indexed
    assert [sorted(_names(g)) for g in library.duplicates(exact_only=True)] == [["obama copy.jpg", "obama.jpg"]]


def test_copies_set_aside_leave_the_places_map(indexed: tuple[Library, dict[str, Path]]) -> None:
    library, made = indexed
    group = _group_of(library.duplicates(), "group.jpg")
    with_gps = next(p for p in group.photos if p.path == str(made["group.jpg"]))
    assert with_gps.id in library.map_points().ids
    keep = next(p for p in group.photos if p.path == str(made["group small.jpg"]))
    library.keep_duplicate(group, keep.id)
    try:
        assert with_gps.id not in library.map_points().ids
    finally:
        library.not_duplicates(group)  # (the module's library is shared)


@pytest.fixture
def small(paths: Paths, photos_dir: Path, trash_folder: Path) -> Library:
    """A library of a photo, its exact copy and a resize, with the system trash in a temp folder."""
    shutil.copy(OBAMA, photos_dir / "a.jpg")
    shutil.copy(OBAMA, photos_dir / "b.jpg")
    buffer = io.BytesIO()
    Image.open(OBAMA).resize((740, 416)).save(buffer, "JPEG", quality=90)
    (photos_dir / "c.jpg").write_bytes(buffer.getvalue())
    library = Library(paths, Settings(allow_downloads=False))
    library.index([str(photos_dir)])
    return library


def _shown(library: Library) -> list[str]:
    return sorted(Path(h.photo.path).name for h in library.search(Query()).hits)


def test_review_hides_extras_and_not_duplicates_is_remembered(small: Library, photos_dir: Path) -> None:
    (group,) = small.duplicates()
    keep = next(p for p in group.photos if p.path.endswith("c.jpg"))
    small.keep_duplicate(group, keep.id)
    assert _shown(small) == ["c.jpg"], "the set-aside copies leave the photos (inside the query)"
    assert small.stats().photos == 1, "and the count the sidebar and `album stats` show"
    assert small.duplicates() == []
    assert sorted(p.name for p in photos_dir.iterdir()) == ["a.jpg", "b.jpg", "c.jpg"], "no file is touched"

    shutil.copy(OBAMA, photos_dir / "d.jpg")
    small.index([str(photos_dir)])
    (again,) = small.duplicates()  # a new copy of a kept photo is a new question
    assert sorted(_names(again)) == ["c.jpg", "d.jpg"]
    small.not_duplicates(again)
    assert small.duplicates() == []
    assert Library(small.paths, Settings(allow_downloads=False)).duplicates() == [], "remembered in the library"


def test_trash_moves_files_to_the_trash_and_forgets_them(small: Library, photos_dir: Path, trash_folder: Path) -> None:
    (group,) = small.duplicates()
    report = small.trash(group.extras)
    trash = trash_folder.parent
    assert sorted(Path(p).name for p in report.trashed) == sorted(_names(group)[1:]) and not report.failed
    assert sorted(p.name for p in (trash / "files").iterdir()) == sorted(_names(group)[1:])
    assert sorted(p.name for p in photos_dir.iterdir()) == [_names(group)[0]]
    assert _shown(small) == [_names(group)[0]] and small.duplicates() == []
    assert os.listdir(trash / "info"), "the trash knows where to put them back"
