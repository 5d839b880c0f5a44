"""Named face regions other apps wrote (MWG, Microsoft People Tagging) name the faces album detects in them,
as user decisions, on real face photos from ../shared/faces and the real face models."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from shared_data import SHARED_FACES, needs_face_data

from album.core import people as people_ops
from album.core.config import IndexSettings, Paths
from album.core.models.faces import FaceAnalyzer
from album.core.pipeline.exif import NamedRegion
from album.core.pipeline.indexer import Indexer
from album.core.pipeline.steps.faces import FaceStep
from album.core.regions import match_regions, name_regions
from album.core.store.db import Store
from album.core.store.faces import FaceRow

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="needs exiftool (packaging/debian-deps.sh)")


def face(face_id: str, box: tuple[float, float, float, float], by: str | None = None) -> FaceRow:
    return FaceRow(face_id, "p", box, 0.9, None, by)


def test_each_region_names_the_face_it_covers_most() -> None:
    faces = [face("left", (0.1, 0.1, 0.3, 0.4)), face("right", (0.6, 0.1, 0.8, 0.4))]
    regions = [NamedRegion("Ann", (0.05, 0.05, 0.35, 0.45)), NamedRegion("Bob", (0.55, 0.0, 0.9, 0.5)),
               NamedRegion("Nobody", (0.4, 0.8, 0.5, 0.9)), NamedRegion("Unplaced")]  # fmt: skip
    assert sorted(match_regions(regions, faces)) == [("left", "Ann"), ("right", "Bob")]
    assert match_regions([NamedRegion("Half", (0.19, 0.1, 0.5, 0.4))], faces) == [("left", "Half")]  # over half inside
    assert match_regions([NamedRegion("Sliver", (0.25, 0.1, 0.5, 0.4))], faces) == []  # a quarter is not the face


@pytest.fixture
def analyzer(face_models: Path) -> FaceAnalyzer:
    return FaceAnalyzer(Paths.from_env().models_dir, threads=2, allow_download=False)


def regions_args(boxes: list[tuple[float, float, float, float]], width: int, height: int) -> list[str]:
    """exiftool arguments: an MWG region named Ana Lima over the first box, a Microsoft region named Bo Chen
    over the second, and an MWG region over the top edge, where no face is, named "Nobody Here"."""
    (ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2) = boxes
    return [
        f"-XMP-mwg-rs:RegionInfo={{AppliedToDimensions={{W={width},H={height},Unit=pixel}},RegionList=["
        f"{{Name=Ana Lima,Type=Face,Area={{X={(ax1 + ax2) / 2},Y={(ay1 + ay2) / 2},W={ax2 - ax1 + 0.02},"
        f"H={ay2 - ay1 + 0.02},Unit=normalized}}}},"
        f"{{Name=Nobody Here,Type=Face,Area={{X=0.5,Y=0.03,W=0.04,H=0.04,Unit=normalized}}}}]}}",
        f"-XMP-MP:RegionInfoMP={{Regions=[{{PersonDisplayName=Bo Chen,Rectangle={bx1 - 0.01}|, {by1 - 0.01}|, "
        f"{bx2 - bx1 + 0.02}|, {by2 - by1 + 0.02}}}]}}",  # "|,": a comma inside an exiftool structure
    ]


@needs_face_data
def test_named_regions_name_the_faces_in_them(store: Store, paths: Paths, analyzer: FaceAnalyzer,
                                              photos_dir: Path) -> None:  # fmt: skip
    source = SHARED_FACES / "group" / "knn_examples_test_obama_and_biden.jpg"
    photo = photos_dir / "obama_biden.jpg"
    shutil.copy(source, photo)
    with Image.open(photo) as image:
        width, height = image.size
        analyzer.load()
        found = analyzer.analyze(image.convert("RGB"))
    assert len(found) >= 2
    largest = sorted(found, key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]), reverse=True)[:2]
    boxes = [tuple(float(v) for v in f.bbox) for f in sorted(largest, key=lambda f: f.bbox[0])]
    subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", *regions_args(boxes, width, height), str(photo)],
                   check=True)  # fmt: skip
    written = subprocess.run(["exiftool", "-s3", "-RegionName", "-RegionPersonDisplayName", str(photo)],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "Ana Lima, Nobody Here" in written and "Bo Chen" in written

    step = FaceStep(analyzer)

    def on_regions(regions: dict[str, tuple[NamedRegion, ...]]) -> None:
        assert step.faces is not None
        name_regions(step.faces, regions)

    indexer = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=8), steps=[step], on_regions=on_regions)
    report = indexer.run([str(photos_dir)])
    assert report.unavailable == [] and report.failed == 0
    assert step.faces is not None
    people = {p.name: p for p in people_ops.list_people(step.faces, with_faces=True)}
    assert set(people) == {"Ana Lima", "Bo Chen"}
    assert all(f.person_name == p.name for p in people.values() for f in p.faces)
    faces = step.faces.faces_of_photo(store.photo_by_path(str(photo)).id)  # type: ignore[union-attr]
    named_faces = sorted((f for f in faces if f.assigned_by == "user"), key=lambda f: f.bbox[0])
    assert len(named_faces) == 2 and len(faces) == len(found)  # a user decision each: clustering keeps it
    assert [v for f in named_faces for v in f.bbox] == pytest.approx([v for b in boxes for v in b], abs=0.01)
    by_left = named_faces
    assert by_left[0].person_id == people["Ana Lima"].id and by_left[1].person_id == people["Bo Chen"].id
    people_ops.cluster(step.faces, analyzer.same_person_distance)
    assert {f.person_id for f in step.faces.faces_by_ids([f.id for f in by_left])} == {p.id for p in people.values()}
    photo_row = store.photo_by_path(str(photo))
    assert photo_row is not None and set(photo_row.person_ids) >= {p.id for p in people.values()}
    named = dict(store.named_regions(photo_row.id))
    assert set(named) == {"Ana Lima", "Nobody Here", "Bo Chen"}  # the faceless region is kept for the viewer
    assert named["Nobody Here"] == pytest.approx((0.48, 0.01, 0.52, 0.05), abs=1e-4)

    # The user moves Bo Chen's face elsewhere in album; a later re-read of the metadata does not undo it.
    people_ops.move_faces(step.faces, [by_left[1].id], None)
    moved_to = step.faces.faces_by_ids([by_left[1].id])[0].person_id
    (photos_dir / "obama_biden.jpg.xmp").write_text("")  # a new (empty) sidecar: the metadata is read again
    assert indexer.run([str(photos_dir)]).reread == 1
    assert step.faces.faces_by_ids([by_left[1].id])[0].person_id == moved_to
