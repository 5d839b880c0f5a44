"""People (album/core/people.py) on real photos with the real face models from ../shared/models:
clustering quality, and corrections that survive re-clustering and re-indexing."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from PIL import Image
from shared_data import SHARED_FACES, needs_face_data

from album.core import people as people_ops
from album.core.config import IndexSettings, Paths
from album.core.models.faces import FaceAnalyzer
from album.core.pipeline.indexer import Indexer
from album.core.pipeline.steps.faces import FaceStep
from album.core.query import Query
from album.core.search import Searcher
from album.core.store.db import Store
from album.core.store.faces import FaceStore

pytestmark = needs_face_data


@pytest.fixture
def analyzer(face_models: Path) -> FaceAnalyzer:
    return FaceAnalyzer(Paths.from_env().models_dir, threads=2, allow_download=False)


def index_faces(store: Store, paths: Paths, analyzer: FaceAnalyzer, *roots: Path) -> FaceStep:
    step = FaceStep(analyzer)
    report = Indexer(store, paths.thumbs_dir, IndexSettings(batch_size=16), steps=[step]).run([str(r) for r in roots])
    assert report.unavailable == [] and report.failed == 0
    assert step.faces is not None
    people_ops.cluster(step.faces, analyzer.same_person_distance)
    return step


def test_people_cluster_on_real_photos(store: Store, paths: Paths, analyzer: FaceAnalyzer) -> None:
    """All 46 people folders plus 60 one-off strangers: pairwise precision and recall of the grouping."""
    step = index_faces(store, paths, analyzer, SHARED_FACES / "people", SHARED_FACES / "singles")
    assert step.faces is not None
    photos = {r["id"]: Path(r["path"]) for r in store.query_photos(None, ["id", "path"]).to_pylist()}
    largest: dict[str, dict] = {}  # type: ignore[type-arg]
    for face in step.faces.face_rows(None, ["photo_id", "person_id", "bbox"]):
        area = (face["bbox"][2] - face["bbox"][0]) * (face["bbox"][3] - face["bbox"][1])
        if face["photo_id"] not in largest or area > largest[face["photo_id"]]["area"]:
            largest[face["photo_id"]] = {**face, "area": area}
    truth = {pid: p.parent.name if p.parent.name != "singles" else p.name for pid, p in photos.items()}
    pairs = list(itertools.combinations(largest.values(), 2))
    same_true = [truth[a["photo_id"]] == truth[b["photo_id"]] for a, b in pairs]
    same_pred = [a["person_id"] is not None and a["person_id"] == b["person_id"] for a, b in pairs]
    true_positive = sum(t and p for t, p in zip(same_true, same_pred, strict=True))
    assert true_positive / sum(same_pred) >= 0.85  # precision: different people are not merged
    assert true_positive / sum(same_true) >= 0.9  # recall: one person's photos end up together
    singles = [f for f in largest.values() if photos[f["photo_id"]].parent.name == "singles"]
    assert sum(f["person_id"] is not None for f in singles) <= 3  # strangers seen once stay out


@pytest.fixture
def four_people(store: Store, paths: Paths, analyzer: FaceAnalyzer, tmp_path: Path) -> tuple[FaceStep, Path]:
    library = tmp_path / "library"
    for name in ("Hugo_Chavez", "Nicole_Kidman", "Vladimir_Putin", "Gerry_Adams"):
        shutil.copytree(SHARED_FACES / "people" / name, library / name)
    return index_faces(store, paths, analyzer, library), library


def person_of(store: Store, faces: FaceStore, photo: Path) -> str | None:
    """The person of the photo's largest face (news photos show bystanders too)."""
    row = store.get_photo_by_path(str(photo))
    assert row is not None
    rows = faces.face_rows(f"photo_id = '{row['id']}'", ["person_id", "bbox"])
    largest = max(rows, key=lambda f: (f["bbox"][2] - f["bbox"][0]) * (f["bbox"][3] - f["bbox"][1]))
    return largest["person_id"]


def test_corrections_survive_reclustering_and_reindexing(
    store: Store, paths: Paths, analyzer: FaceAnalyzer, four_people: tuple[FaceStep, Path]
) -> None:
    step, library = four_people
    faces = step.faces
    assert faces is not None
    people = people_ops.list_people(faces)
    assert all(p.name is None for p in people)
    folder_people = {person_of(store, faces, sorted(d.iterdir())[0]) for d in library.iterdir()}
    assert len(folder_people) == 4 and None not in folder_people  # LFW photos also show a few bystanders
    kidman_photos = sorted((library / "Nicole_Kidman").iterdir())
    kidman = person_of(store, faces, kidman_photos[0])
    assert kidman is not None
    people_ops.name_person(faces, kidman, "Nicole")
    nicole_photos = len(Searcher(store, None).search(Query(person_ids=(kidman,))).hits)
    assert nicole_photos >= 6
    # "not this person" on one of her faces, and a merge of two other people
    rejected_photo = kidman_photos[1]
    rejected_row = store.get_photo_by_path(str(rejected_photo))
    assert rejected_row is not None
    rejected_face = max(
        faces.face_rows(f"photo_id = '{rejected_row['id']}'", ["id", "bbox"]),
        key=lambda f: (f["bbox"][2] - f["bbox"][0]) * (f["bbox"][3] - f["bbox"][1]),
    )["id"]
    people_ops.not_this_person(faces, [rejected_face])
    putin = person_of(store, faces, next((library / "Vladimir_Putin").iterdir()))
    adams = person_of(store, faces, next((library / "Gerry_Adams").iterdir()))
    assert putin and adams and putin != adams
    people_ops.merge_people(faces, putin, [adams])

    def check() -> None:
        assert person_of(store, faces, rejected_photo) != kidman
        assert {p.name for p in people_ops.list_people(faces)} >= {"Nicole"}
        assert person_of(store, faces, next((library / "Gerry_Adams").iterdir())) == putin
        nicole = Searcher(store, None).search(Query(person_ids=(kidman,))).hits
        assert rejected_photo not in {Path(h.photo.path) for h in nicole}
        assert len(nicole) == nicole_photos - 1

    check()
    people_ops.cluster(faces, analyzer.same_person_distance)
    check()
    # re-index: unchanged photos keep everything; a renamed photo keeps its faces and names
    renamed = kidman_photos[2].with_name("renamed.jpg")
    kidman_photos[2].rename(renamed)
    before = len(faces.face_rows())
    report = Indexer(store, paths.thumbs_dir, steps=[FaceStep(analyzer)]).run([str(library)])
    assert (report.moved, report.decoded) == (1, 0)
    assert len(faces.face_rows()) == before  # no face detected twice
    assert person_of(store, faces, renamed) == kidman
    people_ops.cluster(faces, analyzer.same_person_distance)
    check()


def test_new_photo_of_a_known_person_joins_them(
    store: Store, paths: Paths, analyzer: FaceAnalyzer, four_people: tuple[FaceStep, Path]
) -> None:
    step, library = four_people
    assert step.faces is not None
    chavez = person_of(store, step.faces, next((library / "Hugo_Chavez").iterdir()))
    extra = sorted((library / "Hugo_Chavez").iterdir())[0]
    copy = library / "new" / "chavez_again.jpg"
    copy.parent.mkdir()
    Image.open(extra).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(copy)  # new content, same person
    Indexer(store, paths.thumbs_dir, steps=[FaceStep(analyzer)]).run([str(library)])
    assert person_of(store, step.faces, copy) == chavez


def test_naming_a_face(store: Store, paths: Paths, analyzer: FaceAnalyzer, photos_dir: Path) -> None:
    """What the viewer does when a face is clicked and named."""
    shutil.copy(SHARED_FACES / "group" / "two_people.jpg", photos_dir)
    step = index_faces(store, paths, analyzer, photos_dir)
    assert step.faces is not None
    first, second = (f.id for f in people_ops.faces_in_photo(step.faces, store.query_photos(None).to_pylist()[0]["id"]))

    def name_of(face_id: str) -> str | None:
        photo_id = store.query_photos(None).to_pylist()[0]["id"]
        return next(f.person_name for f in people_ops.faces_in_photo(step.faces, photo_id) if f.id == face_id)

    anna = people_ops.name_face(step.faces, first, "Anna")  # a face on nobody starts a person
    assert name_of(first) == "Anna"
    assert people_ops.name_face(step.faces, second, "anna ") == anna  # an existing name gets the face
    ben = people_ops.name_face(step.faces, second, "Ben")  # corrected: leaves Anna, remembered as not her
    assert ben != anna and name_of(second) == "Ben"
    assert (second, anna) in step.faces.rejected()
    assert {p.name for p in people_ops.list_people(step.faces)} == {"Anna", "Ben"}


def test_deleted_photos_take_their_faces_along(
    store: Store, paths: Paths, analyzer: FaceAnalyzer, four_people: tuple[FaceStep, Path]
) -> None:
    step, library = four_people
    assert step.faces is not None
    kidman = sorted((library / "Nicole_Kidman").iterdir())
    person = person_of(store, step.faces, kidman[0])
    before = next(p for p in people_ops.list_people(step.faces) if p.id == person)
    kidman[0].unlink()
    Indexer(store, paths.thumbs_dir, steps=[FaceStep(analyzer)]).run([str(library)])
    row_ids = {r["id"] for r in store.query_photos(None, ["id"]).to_pylist()}
    assert {f["photo_id"] for f in step.faces.face_rows(None, ["photo_id"])} <= row_ids  # no orphaned faces
    after = next(p for p in people_ops.list_people(step.faces) if p.id == person)
    assert after.photo_count == before.photo_count - 1
