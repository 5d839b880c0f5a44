"""People: faces grouped into persons, and every correction a user can make.

Grouping is density-based (DBSCAN on cosine distance over a sparse neighbour graph, so 100k faces do
not need a 100k² matrix): a new person needs ``min_faces`` mutually close faces, which keeps stray
non-faces and one-off strangers out of the people list. It is incremental: faces already on a person
stay there; new faces join the nearest person within the recogniser's same-person distance (see
:func:`nearest_person`) or wait for the next pass. No pass ever undoes a user decision: faces the
user placed stay put, and a face is never put back on a person the user said it is not.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from album.core.people_history import PeopleAction, PeopleHistory, recording
from album.core.query import KnownPerson
from album.core.records import Face, Person

if TYPE_CHECKING:
    from scipy import sparse

    from album.core.store.faces import FaceRow, FaceStore, PersonRow

log = logging.getLogger(__name__)

MIN_FACES = 3  # faces needed before a group becomes a person (Immich's default)
NEIGHBOURS = 3  # a face joins the person most of its nearest recognised faces belong to
REVIEW_SAMPLE = 2000  # faces among which "Show Faces" looks for the most typical one
LINKAGE_MAX = 3000  # faces per cluster for average linkage (~70 MB of distances); bigger ones are split first


def nearest_person(
    embedding: np.ndarray, known: np.ndarray, known_people: Sequence[str], max_distance: float,
    forbidden: set[str] = frozenset(),  # type: ignore[assignment]
) -> str | None:  # fmt: skip
    """The person of the closest recognised faces, if within ``max_distance`` (cosine) and not forbidden.

    A majority among the NEIGHBOURS nearest faces (within the distance) decides, so one mislabelled
    face cannot pull strangers onto a person.
    """
    if len(known) == 0:
        return None
    distances = 1.0 - known @ embedding
    order = np.argsort(distances)[:NEIGHBOURS]
    votes = Counter(known_people[i] for i in order if distances[i] <= max_distance and known_people[i] not in forbidden)
    return votes.most_common(1)[0][0] if votes else None


def _neighbour_graph(matrix: np.ndarray, eps: float, chunk: int = 2048) -> sparse.csr_matrix:
    """Sparse cosine-distance graph of all pairs closer than ``eps``, built block by block."""
    from scipy import sparse  # only clustering needs scipy and scikit-learn (~2 s to import): not a search

    rows, cols, values = [], [], []
    for start in range(0, len(matrix), chunk):
        distances = 1.0 - matrix[start : start + chunk] @ matrix.T
        r, c = np.nonzero(distances <= eps)
        rows.append(r + start)
        cols.append(c)
        values.append(np.maximum(distances[r, c], 1e-9))  # explicit zeros would read as "no edge"
    n = len(matrix)
    return sparse.csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def _split(matrix: np.ndarray, members: np.ndarray, max_distance: float, density_eps: float) -> list[np.ndarray]:
    """Split a density cluster where it is only chained together.

    DBSCAN links two groups through a single close pair, which is how siblings (or a parent and a
    child) end up as one person. Average linkage inside the cluster keeps groups apart unless their
    faces are close on average. Average linkage needs memory quadratic in the cluster's size, so a
    cluster too big for it (a long chain through many people) is first re-clustered at a stricter
    density, recursively.
    """
    from sklearn.cluster import DBSCAN

    if len(members) < 4:
        return [members]
    if len(members) > LINKAGE_MAX:
        eps = density_eps * 0.85
        sub = matrix[members]
        labels = DBSCAN(eps=eps, min_samples=MIN_FACES, metric="precomputed").fit_predict(_neighbour_graph(sub, eps))
        groups = [members[labels == label] for label in sorted(set(labels) - {-1})]
        if len(groups) == 1 and len(groups[0]) == len(members) and eps < 0.05:
            return [members]  # cannot be split further: keep it rather than loop
        return [part for group in groups for part in _split(matrix, group, max_distance, eps)]
    return _linkage(matrix, members, max_distance)


def _linkage(matrix: np.ndarray, members: np.ndarray, max_distance: float) -> list[np.ndarray]:
    """``members`` (two or more) in groups whose faces are within ``max_distance`` on average."""
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=max_distance
    ).fit_predict(matrix[members])
    return [members[labels == label] for label in np.unique(labels)]


@dataclass
class ClusterReport:
    joined: int = 0  # unassigned faces that joined an existing person
    new_people: int = 0
    waiting: int = 0  # faces still unassigned


def cluster(faces: FaceStore, max_distance: float, min_faces: int = MIN_FACES) -> ClusterReport:
    """One clustering pass over the faces not on any person yet."""
    report = ClusterReport()
    rows, matrix = faces.embeddings()
    if not rows:
        return report
    rejected = faces.rejected()
    assigned = np.array([r.person_id is not None for r in rows])
    free = np.flatnonzero(~assigned)
    if len(free) == 0:
        return report
    known, known_people = matrix[assigned], [r.person_id for r in rows if r.person_id is not None]
    changes: dict[str, list[str]] = {}

    # 1. Free faces close to an existing person join it.
    still_free = []
    for i in free:
        forbidden = {p for f, p in rejected if f == rows[i].id}
        person = nearest_person(matrix[i], known, known_people, max_distance, forbidden)
        if person is None:
            still_free.append(i)
        else:
            changes.setdefault(person, []).append(rows[i].id)
            report.joined += 1

    # 2. Dense groups of the remaining faces become new people.
    if len(still_free) >= min_faces:
        # Imported only when there is a group to find: scikit-learn's import costs an index run 0.6 s.
        from sklearn.cluster import DBSCAN

        subset = matrix[still_free]
        graph = _neighbour_graph(subset, max_distance)
        labels = DBSCAN(eps=max_distance, min_samples=min_faces, metric="precomputed").fit_predict(graph)
        groups = [
            group
            for label in sorted(set(labels) - {-1})
            for group in _split(subset, np.flatnonzero(labels == label), max_distance, max_distance)
        ]
        groups = [g for g in groups if len(g) >= min_faces]
        for members, person in zip(groups, faces.new_people(len(groups)), strict=True):
            changes.setdefault(person, []).extend(rows[still_free[j]].id for j in members)
            report.new_people += 1
    report.waiting = len(free) - sum(len(v) for v in changes.values())
    faces.assign_many({face: person for person, face_ids in changes.items() for face in face_ids}, "auto")
    _refresh(faces, [f for ids in changes.values() for f in ids])
    return report


def _refresh(faces: FaceStore, face_ids: Sequence[str]) -> None:
    """Update photos.person_ids for the photos of these faces."""
    faces.refresh_photo_people(faces.photo_ids_of_faces(face_ids))


def _face(row: FaceRow, name: str | None = None) -> Face:
    return Face(row.id, row.photo_id, row.bbox, row.score, row.person_id, name)


def list_people(faces: FaceStore, include_hidden: bool = True, with_faces: bool = False) -> list[Person]:
    """Named people first (by name), then unnamed clusters (biggest first)."""
    by_person: dict[str, list[Face]] = {}
    for face in faces.recognised_faces():
        by_person.setdefault(face.person_id or "", []).append(_face(face))
    people = []
    for row in faces.person_rows():
        members = by_person.get(row.id, [])
        if not members or (row.hidden and not include_hidden):
            continue
        named = [dataclasses.replace(f, person_name=row.name) for f in members]
        cover = max(named, key=_quality)
        people.append(Person(
            row.id, row.name, len(members), len({m.photo_id for m in members}), row.hidden,
            row.is_me, cover.id, tuple(sorted(named, key=_quality, reverse=True)) if with_faces else (),
        ))  # fmt: skip
    return sorted(people, key=people_order)


def people_order(person: Person) -> tuple[bool, str, int, str]:
    """Named people first, by name, then by size (unnamed ones biggest first), then by id: an order
    that only changes where a person's name or size changes, so the people grid does not shuffle."""
    return person.name is None, (person.name or "").casefold(), -person.face_count, person.id


def _quality(face: Face) -> float:
    """Cover-face quality: a confident detection of a large face."""
    x1, y1, x2, y2 = face.bbox
    return face.score * float(np.sqrt(max(x2 - x1, 0) * max(y2 - y1, 0)))


def name_person(faces: FaceStore, person_id: str, name: str, history: PeopleHistory | None = None) -> None:
    with recording(faces, history, PeopleAction.NAME, (), [person_id]):
        faces.set_person_name(person_id, name.strip() or None)


def merge_people(faces: FaceStore, target: str, sources: Sequence[str], history: PeopleHistory | None = None) -> None:
    """Move every face of ``sources`` to ``target`` (as user decisions) and delete the sources."""
    sources = [s for s in dict.fromkeys(sources) if s != target]
    moved = {s: [f.id for f in faces.faces_of_person(s)] for s in sources}
    with recording(faces, history, PeopleAction.MERGE, [f for ids in moved.values() for f in ids], [target, *sources]):
        for source, face_ids in moved.items():
            faces.assign(face_ids, target, "user")
            faces.retarget_rejections(source, target)
            _refresh(faces, face_ids)
        faces.delete_people(sources)


def move_faces(
    faces: FaceStore, face_ids: Sequence[str], person_id: str | None = None, history: PeopleHistory | None = None
) -> str:
    """Put faces on ``person_id`` (a new person if None: a split). Returns the person id."""
    with recording(faces, history, PeopleAction.MOVE, face_ids, [person_id] if person_id else []):
        target = person_id or faces.new_person()
        faces.assign(face_ids, target, "user")
        _refresh(faces, face_ids)
    return target


def not_this_person(
    faces: FaceStore, face_ids: Sequence[str], max_distance: float, history: PeopleHistory | None = None
) -> None:
    """Take faces off their person, remember that they are not that person, and group them again at
    once: each joins the person it is close to (not the one it left), forms a new person with other
    waiting faces, or, failing both, a new unnamed person with the faces taken off with it that look
    alike. So the faces stay in People, ready to be named, instead of vanishing until the next index
    run; and naming one names its group, not a person of one photo.
    """
    pairs = [(f.id, f.person_id) for f in faces.faces_by_ids(face_ids) if f.person_id]
    waiting = [f.id for f in faces.free_faces()]  # a pass may put them on people too
    with recording(faces, history, PeopleAction.NOT_THIS_PERSON, [*face_ids, *waiting], {p for _f, p in pairs}):
        faces.reject(pairs)
        faces.assign(face_ids, None, "user")
        cluster(faces, max_distance)
        rows, matrix = faces.embeddings_of([f.id for f in faces.faces_by_ids(face_ids) if f.person_id is None])
        groups = _groups(matrix, max_distance)
        people = faces.new_people(len(groups))
        faces.assign_many({rows[i].id: person for group, person in zip(groups, people, strict=True)
                           for i in group}, "auto")  # fmt: skip
        _refresh(faces, face_ids)


def _groups(matrix: np.ndarray, max_distance: float) -> list[np.ndarray]:
    """Indices of ``matrix``'s rows in groups of alike faces (average linkage), however small."""
    members = np.arange(len(matrix))
    if len(matrix) < 2:
        return [members] if len(matrix) else []
    return _split(matrix, members, max_distance, max_distance) if len(matrix) >= 4 else _linkage(matrix, members,
                                                                                                  max_distance)


def faces_for_review(faces: FaceStore, person_id: str) -> list[tuple[Face, float]]:
    """A person's faces (with their thumbnails) and each one's distance from the person's typical
    face, least like it first, so the faces that are probably someone else lead the list where the
    user looks first.

    The typical face is the mean of the core around the medoid (the face most like all the others),
    not the mean of all faces: a mean sits between the two people of a wrong merge, where every face
    is about as far, and the order interleaves them. The medoid lies within one of them (the
    majority, or the tighter of two halves), so every face of the other comes first.
    """
    rows, matrix = faces.person_embeddings(person_id)
    if not rows:
        return []
    distances = typical_distances(matrix)
    thumbs = {f.id: (f.thumb, f.bbox) for f in faces.faces_of_person(person_id, thumbs=True)}
    review = []
    for row, distance in zip(rows, distances, strict=True):
        thumb, bbox = thumbs.get(row.id, (b"", (0.0, 0.0, 0.0, 0.0)))
        face = dataclasses.replace(_face(row), bbox=bbox, thumb=thumb)
        review.append((face, float(distance)))
    return sorted(review, key=lambda fd: -fd[1])


def typical_distances(matrix: np.ndarray, sample: int = REVIEW_SAMPLE) -> np.ndarray:
    """Each face's cosine distance from the typical face: the mean of the half of the faces nearest
    the medoid (see :func:`faces_for_review`). The medoid is found among at most ``sample`` faces,
    so a person with 50,000 faces costs a 2,000² product, not a 50,000² one."""
    rng = np.random.default_rng(0)
    pool = matrix if len(matrix) <= sample else matrix[rng.choice(len(matrix), sample, replace=False)]
    similarity = pool @ pool.T
    medoid = pool[int(np.argmax(similarity.sum(axis=1)))]
    to_medoid = matrix @ medoid
    core = matrix[to_medoid >= np.median(to_medoid)]
    centre = core.mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    return np.asarray(1.0 - matrix @ centre)


def hide_people(
    faces: FaceStore, person_ids: Sequence[str], hidden: bool = True, history: PeopleHistory | None = None
) -> None:
    with recording(faces, history, PeopleAction.HIDE, (), person_ids):
        for person_id in person_ids:
            faces.set_person_hidden(person_id, hidden)


def set_me(faces: FaceStore, person_id: str, history: PeopleHistory | None = None) -> None:
    """Mark one person as the user ("me" / "我" in searches); any previous "me" is unmarked."""
    before = [row.id for row in faces.person_rows() if row.is_me and row.id != person_id]
    with recording(faces, history, PeopleAction.ME, (), [person_id, *before]):
        for other in before:
            faces.set_person_is_me(other, False)
        faces.set_person_is_me(person_id, True)


def known_people(faces: FaceStore) -> list[KnownPerson]:
    """The named people, for the query parser (hidden ones too: hiding is about the people list)."""
    return [KnownPerson(r.id, r.name, r.is_me) for r in faces.person_rows() if r.name]


def faces_in_photo(faces: FaceStore, photo_id: str) -> list[Face]:
    """Every face of one photo with its person's name and its thumbnail, for the viewer (its people chips)."""
    names = {r.id: r.name for r in faces.person_rows()}
    rows = faces.faces_of_photo(photo_id)
    thumbs = faces.thumbs([f.id for f in rows])
    return [dataclasses.replace(_face(f, names.get(f.person_id or "")), thumb=thumbs.get(f.id)) for f in rows]


def name_face(faces: FaceStore, face_id: str, name: str, history: PeopleHistory | None = None) -> str:
    """The user says this face is ``name``; returns the person it is now on.

    An existing person of that name gets the face (and if the face was on someone else, that is
    remembered as "not them"); an unnamed person the face is on gets the name; otherwise the face
    starts a new person with that name.
    """
    wanted = name.strip().casefold()
    current = faces.faces_by_ids([face_id])
    current_person = current[0].person_id if current else None
    people = faces.person_rows()
    named = next((p for p in people if p.name and p.name.strip().casefold() == wanted), None)
    scope = [p for p in (current_person, named.id if named else None) if p]
    with recording(faces, history, PeopleAction.NAME_FACE, [face_id], scope):
        return _name_face(faces, face_id, name, current_person, named, people)


def _name_face(
    faces: FaceStore, face_id: str, name: str, current_person: str | None, named: PersonRow | None,
    people: Sequence[PersonRow],
) -> str:  # fmt: skip
    if named is not None:
        if current_person and current_person != named.id:
            faces.reject([(face_id, current_person)])
        return move_faces(faces, [face_id], named.id)
    unnamed = next((p for p in people if p.id == current_person and not p.name), None)
    if unnamed is not None:
        name_person(faces, unnamed.id, name)
        return unnamed.id
    if current_person:
        faces.reject([(face_id, current_person)])
    person = move_faces(faces, [face_id], None)
    name_person(faces, person, name)
    return person
