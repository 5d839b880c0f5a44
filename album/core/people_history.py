"""Undo and redo of people edits, for real: each edit keeps what it changed as it was, and undoing
writes that back to the library.

An edit does not know how to reverse itself (a merge deletes people, "not this person" re-groups
faces into people that did not exist): instead, before it runs, :func:`recording` captures the part
of the library it may change — its faces' people, its people's rows and the "not this person"
corrections about either — and notes the people it created. Restoring that state is the undo, and
the state the undo overwrote is the redo, so both directions are one operation (:func:`restore`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from album.core.store.faces import FaceStore, PersonRow

UNDO_LIMIT = 100  # edits kept; each holds only the rows it touched


class PeopleAction(StrEnum):
    """What a people edit did, for an "Undo …" menu entry."""

    NAME = "name"  # named a person
    NAME_FACE = "name_face"  # named one face (in the viewer)
    MERGE = "merge"
    HIDE = "hide"
    NOT_THIS_PERSON = "not_this_person"
    ME = "me"  # "this is me"
    MOVE = "move"  # faces put on another person, or split off


@dataclass(frozen=True)
class PeopleState:
    """A part of the people tables as it was.

    ``people`` maps a person id to its row, or to None for a person that did not exist (one the
    edit created). ``rejections`` holds every "face F is not person P" pair whose face or person is
    in scope.
    """

    faces: dict[str, tuple[str | None, str | None]]  # face id → (person id, assigned_by)
    people: dict[str, PersonRow | None]
    rejections: frozenset[tuple[str, str]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PeopleEdit:
    """One edit: what it was, and the state to restore to undo (or redo) it."""

    action: PeopleAction
    state: PeopleState


def capture(faces: FaceStore, face_ids: Iterable[str], person_ids: Iterable[str]) -> PeopleState:
    """The current state of these faces and people (and the corrections about them)."""
    face_set, person_set = set(face_ids), set(person_ids)
    rows = {r.id: r for r in faces.person_rows()}
    return PeopleState(
        {f.id: (f.person_id, f.assigned_by) for f in faces.faces_by_ids(sorted(face_set))},
        {p: rows.get(p) for p in person_set},
        frozenset((f, p) for f, p in faces.rejected() if f in face_set or p in person_set),
    )


def restore(faces: FaceStore, state: PeopleState) -> PeopleState:
    """Write ``state`` back; returns the state it replaced (restoring that one reverses this)."""
    current = capture(faces, state.faces, state.people)
    existing = {p for p, row in current.people.items() if row is not None}
    wanted = [row for row in state.people.values() if row is not None]
    faces.insert_people([row for row in wanted if row.id not in existing])
    for row in wanted:
        if row.id in existing and row != current.people[row.id]:
            faces.set_person_row(row)
    by_assigner: dict[str | None, dict[str, str | None]] = {}
    for face_id, (person_id, by) in state.faces.items():
        if current.faces.get(face_id) != (person_id, by):
            by_assigner.setdefault(by, {})[face_id] = person_id
    for by, people in by_assigner.items():
        faces.assign_many(people, by)
    gone = [p for p, row in state.people.items() if row is None and p in existing]
    strays = [f.id for p in gone for f in faces.faces_of_person(p) if f.id not in state.faces]
    faces.assign(strays, None, None)  # joined a person after the edit: waiting again rather than on nobody
    faces.delete_people(gone)
    faces.unreject(sorted(current.rejections - state.rejections))
    faces.reject(sorted(state.rejections - current.rejections))
    faces.refresh_photo_people(faces.photo_ids_of_faces([*state.faces, *strays]))
    return current


@contextmanager
def recording(
    faces: FaceStore, history: PeopleHistory | None, action: PeopleAction,
    face_ids: Iterable[str], person_ids: Iterable[str],
) -> Iterator[None]:  # fmt: skip
    """Record the edit made inside the block on ``history`` (nothing if None): the state of the faces
    and people it may change, captured before, and every person it created."""
    if history is None:
        yield
        return
    before_ids = {r.id for r in faces.person_rows()}
    state = capture(faces, face_ids, person_ids)
    yield
    created = {r.id for r in faces.person_rows()} - before_ids
    history.push(PeopleEdit(action, replace(state, people={**state.people, **dict.fromkeys(created)})))


class PeopleHistory:
    """The undo and redo stacks of one open library's people edits (in memory, like an editor's).

    Thread-safe: the GUI runs edits and undos in workers.
    """

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._undo: list[PeopleEdit] = []
        self._redo: list[PeopleEdit] = []
        self._limit = limit
        self._lock = threading.Lock()

    def push(self, edit: PeopleEdit) -> None:
        """A new edit: it can be undone, and what was undone before can no longer be redone."""
        with self._lock:
            self._undo = [*self._undo, edit][-self._limit :]
            self._redo.clear()

    @property
    def undo_action(self) -> PeopleAction | None:
        """What :meth:`undo` would undo."""
        return self._undo[-1].action if self._undo else None

    @property
    def redo_action(self) -> PeopleAction | None:
        return self._redo[-1].action if self._redo else None

    def undo(self, faces: FaceStore) -> PeopleAction | None:
        """Undo the last edit in the library; returns what it was (None if there was nothing to undo)."""
        return self._step(faces, self._undo, self._redo)

    def redo(self, faces: FaceStore) -> PeopleAction | None:
        """Do the last undone edit again; returns what it was (None if there was nothing to redo)."""
        return self._step(faces, self._redo, self._undo)

    def _step(self, faces: FaceStore, source: list[PeopleEdit], target: list[PeopleEdit]) -> PeopleAction | None:
        with self._lock:
            if not source:
                return None
            edit = source[-1]
            target.append(PeopleEdit(edit.action, restore(faces, edit.state)))
            source.pop()  # only once restored: a failed write (a full disk) leaves the edit to try again
            return edit.action

    def clear(self) -> None:
        """Forget every edit (after an index run re-grouped faces, old states no longer fit)."""
        with self._lock:
            self._undo.clear()
            self._redo.clear()
