"""People (album/core/people.py): clustering and every user correction, first on a real store with faces
of constructed embeddings (no face model needed), then on real photos with the real face models from
../shared/models: clustering quality, and corrections that survive re-clustering and re-indexing."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import numpy as np
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

# -- constructed faces ---------------------------------------------------------------------------------------
DIM = 8
SAME_PERSON = 0.3  # cosine distance, as a recogniser's same_person_distance
# Faces as (id, which direction of the embedding space, which small wobble): one direction per person.
CONSTRUCTED = [("anna1", 0, 0), ("anna2", 0, 1), ("anna3", 0, 2), ("anna4", 0, 3), ("ben1", 1, 0), ("ben2", 1, 1),
               ("ben3", 1, 2), ("carl1", 2, 0), ("carl2", 2, 1), ("lone", 5, 0)]  # fmt: skip


def embedding(direction: int, wobble: int) -> list[float]:
    """A unit vector along ``direction``, tilted a little (cosine distance ~0.02 between wobbles)."""
    vector = np.zeros(DIM)
    vector[direction] = 1.0
    vector[(direction + 3 + wobble) % DIM] += 0.15
    return list(vector / np.linalg.norm(vector))


def add_faces(store: Store, faces: FaceStore, specs: list[tuple[str, int, int]]) -> None:
    """One photo per face (``photo-<face>``), so each photo's person_ids shows its face's person."""
    store.upsert_photos([{"id": f"photo-{f}", "path": f"/p/{f}.jpg", "path_bytes": os.fsencode(f"/p/{f}.jpg"),
                          "tags": [], "person_ids": []} for f, _, _ in specs])  # fmt: skip
    rows = [{"id": f, "photo_id": f"photo-{f}", "bbox": [0.1, 0.1, 0.4, 0.5], "landmarks": [0.2] * 10, "score": 0.9,
             "embedding": embedding(d, w), "person_id": None, "assigned_by": None, "thumb": b"", "model": "test"}
            for f, d, w in specs]  # fmt: skip
    faces.replace_faces([f"photo-{f}" for f, _, _ in specs], rows)


@pytest.fixture
def faces(store: Store) -> FaceStore:
    faces = store.face_tables(DIM)
    add_faces(store, faces, CONSTRUCTED)
    return faces


def person(faces: FaceStore, face_id: str) -> str | None:
    (face,) = faces.faces_by_ids([face_id])
    return face.person_id


def photo_people(store: Store, face_id: str) -> tuple[str, ...]:
    photo = store.photo_by_path(f"/p/{face_id}.jpg")
    assert photo is not None
    return photo.person_ids


def test_cluster_makes_people_of_three_close_faces_and_leaves_the_rest_waiting(store: Store, faces: FaceStore) -> None:
    report = people_ops.cluster(faces, SAME_PERSON)
    assert (report.new_people, report.joined, report.waiting) == (2, 0, 3)  # carl has two faces: not yet a person
    anna, ben = person(faces, "anna1"), person(faces, "ben1")
    assert anna and ben and anna != ben
    assert {person(faces, f) for f in ("anna2", "anna3", "anna4")} == {anna}
    assert {person(faces, f) for f in ("ben2", "ben3")} == {ben}
    assert [person(faces, f) for f in ("carl1", "carl2", "lone")] == [None, None, None]
    assert photo_people(store, "anna3") == (anna,) and photo_people(store, "lone") == ()
    assert [(p.id, p.name, p.face_count) for p in people_ops.list_people(faces)] == [(anna, None, 4), (ben, None, 3)]
    again = people_ops.cluster(faces, SAME_PERSON)
    assert (again.new_people, again.joined, again.waiting) == (0, 0, 3)  # nothing moves on a second pass
    add_faces(store, faces, [("anna5", 0, 4), ("carl3", 2, 2)])
    third = people_ops.cluster(faces, SAME_PERSON)
    assert (third.joined, third.new_people, third.waiting) == (1, 1, 1)  # anna5 joins; carl's third face makes him
    assert person(faces, "anna5") == anna
    assert person(faces, "carl1") == person(faces, "carl3") not in (None, anna, ben)


def test_user_corrections_survive_a_new_clustering_pass(store: Store, faces: FaceStore) -> None:
    people_ops.cluster(faces, SAME_PERSON)
    anna, ben = person(faces, "anna1"), person(faces, "ben1")
    people_ops.not_this_person(faces, ["anna1"], SAME_PERSON)
    alone = person(faces, "anna1")  # like no one else: a new unnamed person of its own, at once
    assert alone not in (None, anna, ben) and ("anna1", anna) in faces.rejected()
    assert photo_people(store, "anna1") == (alone,)
    assert any(p.id == alone and p.name is None for p in people_ops.list_people(faces))
    split = people_ops.move_faces(faces, ["ben3"])  # a split: ben3 on a new person of its own
    assert split not in (anna, ben) and person(faces, "ben3") == split and photo_people(store, "ben3") == (split,)
    people_ops.cluster(faces, SAME_PERSON)
    assert person(faces, "anna1") == alone  # as close to Anna's faces as ever, but the user said no
    assert person(faces, "ben3") == split  # as close to Ben's, but the user put it there
    assert [f.assigned_by for f in faces.faces_by_ids(["ben3"])] == ["user"]


def test_merge_people_moves_faces_and_retargets_rejections(store: Store, faces: FaceStore) -> None:
    people_ops.cluster(faces, SAME_PERSON)
    anna, ben = person(faces, "anna1"), person(faces, "ben1")
    assert anna and ben
    faces.reject([("ben1", ben)])  # "not Ben"…
    faces.assign(["ben1"], None, "user")
    people_ops.merge_people(faces, anna, [ben, anna])  # …and Ben's other faces merged into Anna (anna itself ignored)
    assert {person(faces, f) for f in ("ben2", "ben3", "anna1")} == {anna}
    assert photo_people(store, "ben2") == (anna,)
    assert [p.id for p in faces.person_rows()] == [anna]
    assert ("ben1", anna) in faces.rejected()  # not Ben, so not the person Ben became either
    people_ops.cluster(faces, SAME_PERSON)
    assert person(faces, "ben1") is None  # its nearest faces are all on Anna now: without the retarget it would join


def test_name_face(store: Store, faces: FaceStore) -> None:
    people_ops.cluster(faces, SAME_PERSON)
    anna, ben = person(faces, "anna1"), person(faces, "ben1")
    assert anna and ben
    people_ops.name_person(faces, anna, "Anna")
    assert people_ops.name_face(faces, "lone", " anna ") == anna  # an existing name, any case: that person
    assert person(faces, "lone") == anna and photo_people(store, "lone") == (anna,)
    assert people_ops.name_face(faces, "ben2", "Ben") == ben  # an unnamed person the face is on gets the name
    assert person(faces, "ben2") == ben
    carl = people_ops.name_face(faces, "lone", "Carl")  # was on Anna: a new person, and "not Anna" remembered
    assert carl not in (anna, ben) and person(faces, "lone") == carl and ("lone", anna) in faces.rejected()
    assert people_ops.name_face(faces, "carl1", "carl") == carl
    assert [(p.name, p.face_count) for p in people_ops.list_people(faces)] == [("Anna", 4), ("Ben", 3), ("Carl", 2)]
    assert {k.name for k in people_ops.known_people(faces)} == {"Anna", "Ben", "Carl"}


# -- on real photos ------------------------------------------------------------------------------------------


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


@needs_face_data
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


@needs_face_data
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
    people_ops.not_this_person(faces, [rejected_face], analyzer.same_person_distance)
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


@needs_face_data
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


@needs_face_data
def test_naming_a_face(store: Store, paths: Paths, analyzer: FaceAnalyzer, photos_dir: Path) -> None:
    """What the viewer does when a face is clicked and named."""
    shutil.copy(SHARED_FACES / "group" / "two_people.jpg", photos_dir)
    step = index_faces(store, paths, analyzer, photos_dir)
    assert step.faces is not None
    shown = people_ops.faces_in_photo(step.faces, store.query_photos(None).to_pylist()[0]["id"])
    assert all(f.thumb and f.thumb.startswith(b"\xff\xd8") for f in shown)  # JPEGs for the viewer's people chips
    first, second = (f.id for f in shown)

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


@needs_face_data
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


def identities(store: Store, faces: FaceStore, person_id: str) -> list[str]:
    """The folder (the true person) of each face "Show Faces" lists for ``person_id``, in its order."""
    folders = {r["id"]: Path(r["path"]).parent.name for r in store.query_photos(None, ["id", "path"]).to_pylist()}
    return [folders[face.photo_id] for face, _distance in people_ops.faces_for_review(faces, person_id)]


@needs_face_data
def test_show_faces_puts_one_side_of_a_half_and_half_merge_first(
    store: Store, paths: Paths, analyzer: FaceAnalyzer, four_people: tuple[FaceStep, Path]
) -> None:
    """The report: a 50/50 merge of two people came out interleaved, "least alike first" meaning nothing."""
    step, library = four_people
    faces = step.faces
    assert faces is not None
    for first, second in (("Nicole_Kidman", "Hugo_Chavez"), ("Vladimir_Putin", "Gerry_Adams")):
        a, b = (person_of(store, faces, sorted((library / name).iterdir())[0]) for name in (first, second))
        assert a and b and a != b
        people_ops.merge_people(faces, a, [b])
        order = identities(store, faces, a)
        assert {first, second} <= set(order) and abs(order.count(first) - order.count(second)) <= 2  # about half each
        switches = sum(x != y for x, y in itertools.pairwise(order))
        assert switches == 1, order  # all of one person, then all of the other: no interleaving
        # a few wrong faces among many: those few first
        people_ops.not_this_person(faces, [f.id for f, _d in people_ops.faces_for_review(faces, a)
                                           if f.photo_id in photo_ids_in(store, library / order[0])][3:], 0.6)
        order = identities(store, faces, a)
        assert set(order[:3]) == {order[0]} != {order[-1]} and order.count(order[0]) == 3, order


def photo_ids_in(store: Store, folder: Path) -> set[str]:
    return {r["id"] for r in store.query_photos(None, ["id", "path"]).to_pylist() if Path(r["path"]).parent == folder}
