"""Undo and redo of people edits (album/core/people_history.py), through the Library the front ends use:
every edit undone and redone for real in the library's tables, on faces of constructed embeddings."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_people import CONSTRUCTED, SAME_PERSON, add_faces, person, photo_people

from album.core import people as people_ops
from album.core.library import Library, Paths, PeopleAction, Settings
from album.core.store.faces import FaceStore


@pytest.fixture
def library(album_home: Path) -> Library:
    """A library whose faces are clustered into Anna (4 faces) and Ben (3); Carl's two and a lone face wait."""
    # no face models here: "not this person" groups faces at the setting's distance, the constructed faces' scale
    library = Library(Paths.from_env(), Settings(allow_downloads=False, face_distance=SAME_PERSON))
    faces = library._store.face_tables(8)
    add_faces(library._store, faces, CONSTRUCTED)
    people_ops.cluster(faces, SAME_PERSON)
    return library


def faces_of(library: Library) -> FaceStore:
    return library._faces()


def state(library: Library) -> tuple[object, ...]:
    """Everything a people edit can change: people, faces' people, corrections, photos' people."""
    faces = faces_of(library)
    people = sorted((r.id, r.name, r.hidden, r.is_me) for r in faces.person_rows())
    assigned = sorted((f.id, f.person_id or "", f.assigned_by or "") for f in faces.faces_by_ids([f for f, *_ in CONSTRUCTED]))
    photos = sorted((f, photo_people(library._store, f)) for f, *_ in CONSTRUCTED)
    return people, assigned, sorted(faces.rejected()), photos


def anna_and_ben(library: Library) -> tuple[str, str]:
    anna, ben = person(faces_of(library), "anna1"), person(faces_of(library), "ben1")
    assert anna and ben and anna != ben
    return anna, ben


def check_undo_redo(library: Library, action: PeopleAction, before: tuple[object, ...]) -> None:
    """The edit just made undoes to ``before`` exactly, and redoes to what it made."""
    after = state(library)
    assert after != before
    assert library.people_undo == (action, None)
    assert library.undo_people_edit() == action
    assert state(library) == before
    assert library.people_undo[1] == action
    assert library.redo_people_edit() == action
    assert state(library) == after
    assert library.people_undo == (action, None)


def test_merge_is_undone_with_its_people_faces_photos_and_corrections(library: Library) -> None:
    anna, ben = anna_and_ben(library)
    faces_of(library).reject([("carl1", ben)])  # a correction about Ben, retargeted by the merge
    before = state(library)
    library.merge_people(anna, [ben])
    assert person(faces_of(library), "ben2") == anna and ("carl1", anna) in faces_of(library).rejected()
    check_undo_redo(library, PeopleAction.MERGE, before)
    library.undo_people_edit()
    assert [p.face_count for p in library.people() if p.id == ben] == [3]  # Ben is back, as he was
    assert photo_people(library._store, "ben2") == (ben,)


def test_naming_hiding_and_me_are_undone(library: Library) -> None:
    anna, ben = anna_and_ben(library)
    before = state(library)
    library.name_person(anna, "Anna")
    check_undo_redo(library, PeopleAction.NAME, before)
    before = state(library)
    library.hide_people([anna, ben])
    assert library.people(include_hidden=False) == []
    check_undo_redo(library, PeopleAction.HIDE, before)
    library.undo_people_edit()
    assert {p.id for p in library.people(include_hidden=False)} == {anna, ben}
    library.set_me(ben)
    before = state(library)
    library.set_me(anna)  # Ben is "me" no longer…
    check_undo_redo(library, PeopleAction.ME, before)
    library.undo_people_edit()  # …until that is undone
    assert [p.id for p in library.people() if p.is_me] == [ben]


def test_not_this_person_returns_the_faces_at_once_and_is_undone(library: Library) -> None:
    anna, ben = anna_and_ben(library)
    library.merge_people(anna, [ben])  # a wrong merge…
    before = state(library)
    library.not_this_person(["ben1", "ben2", "ben3"])  # …taken apart again in "Show Faces"
    again = person(faces_of(library), "ben1")
    assert again not in (None, anna)  # together on a new unnamed person: no index run needed
    assert {person(faces_of(library), f) for f in ("ben2", "ben3")} == {again}
    assert [(p.name, p.face_count) for p in library.people() if p.id == again] == [(None, 3)]
    assert photo_people(library._store, "ben2") == (again,)
    check_undo_redo(library, PeopleAction.NOT_THIS_PERSON, before)
    library.undo_people_edit()
    assert again not in {p.id for p in library.people()}  # the person it made is gone again
    assert not {("ben1", anna), ("ben2", anna)} & faces_of(library).rejected()


def test_naming_a_removed_face_names_its_group(library: Library) -> None:
    """The report: a face taken off a person and named in the viewer became a person of one photo."""
    anna, ben = anna_and_ben(library)
    library.merge_people(anna, [ben])
    library.not_this_person(["ben1", "ben2", "ben3"])
    keanu = library.name_face("ben2", "Keanu")
    assert [(p.name, p.face_count) for p in library.people() if p.id == keanu] == [("Keanu", 3)]


def test_naming_a_face_is_undone_with_the_person_it_made(library: Library) -> None:
    before = state(library)
    carl = library.name_face("carl1", "Carl")
    assert [p.name for p in library.people() if p.id == carl] == ["Carl"]
    check_undo_redo(library, PeopleAction.NAME_FACE, before)


def test_a_new_edit_ends_redo_and_undo_goes_back_step_by_step(library: Library) -> None:
    anna, ben = anna_and_ben(library)
    start = state(library)
    library.name_person(anna, "Anna")
    named = state(library)
    library.merge_people(anna, [ben])
    assert library.undo_people_edit() == PeopleAction.MERGE and state(library) == named
    assert library.undo_people_edit() == PeopleAction.NAME and state(library) == start
    assert library.undo_people_edit() is None and state(library) == start  # nothing more to undo
    library.name_person(ben, "Ben")
    assert library.people_undo == (PeopleAction.NAME, None)  # the undone merge cannot come back now
    assert library.redo_people_edit() is None


def test_undoing_a_person_made_then_joined_leaves_no_face_on_nobody(library: Library) -> None:
    """A person an edit made is deleted by its undo; faces that joined it since wait for a person again."""
    library.not_this_person(["anna1"])  # anna1 alone on a new unnamed person
    alone = person(faces_of(library), "anna1")
    faces_of(library).assign(["lone"], alone, "auto")  # as a later clustering pass might
    library.undo_people_edit()
    assert alone not in {p.id for p in library.people()}
    assert person(faces_of(library), "lone") is None and photo_people(library._store, "lone") == ()
