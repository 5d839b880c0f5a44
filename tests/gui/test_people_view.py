"""People in the real window, on real face photos: merge two people, then take the wrong faces out again."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data


def largest_face_person(library, photo: Path) -> str | None:  # type: ignore[no-untyped-def]
    faces = library.faces_in_photo(library.photo(str(photo)).id)
    return max(faces, key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1])).person_id


@needs_face_data
def test_merge_then_remove_the_faces_that_are_not_them(qtbot, tmp_path: Path, album_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ALBUM_MODELS_DIR", str(SHARED_MODELS))
    from album.core.library import Paths
    from album.gui.main_window import MainWindow
    from album.gui.people_view import PersonIdRole

    folder = tmp_path / "Photos"
    shutil.copytree(SHARED_FACES / "people" / "Nicole_Kidman", folder / "Nicole")
    chavez = sorted((SHARED_FACES / "people" / "Hugo_Chavez").iterdir())[:3]
    for photo in chavez:
        shutil.copy(photo, folder / photo.name)
    win = MainWindow(Paths.from_env())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.library is not None, timeout=30_000)
    win.import_paths([str(folder)])
    qtbot.waitUntil(lambda: win.controller.last_report is not None, timeout=180_000)
    library = win.library
    nicole = largest_face_person(library, folder / "Nicole" / "Nicole_Kidman_0001.jpg")
    hugo = largest_face_person(library, folder / chavez[0].name)
    assert nicole and hugo and nicole != hugo
    qtbot.waitUntil(lambda: {nicole, hugo} <= {p.id for p in win.people_view.people}, timeout=10_000)

    # naming Nicole keeps her selected, wherever the new order puts her
    people = win.people_view
    people.ask_name = lambda _parent, _title, _current, _names: "Nicole"
    people.setCurrentRow([p.id for p in people.people].index(nicole))
    people.context_menu([nicole]).actions()[0].trigger()
    qtbot.waitUntil(lambda: any(p.name == "Nicole" for p in people.people), timeout=10_000)
    assert people.selected_ids() == [nicole]

    # merge, as from the People view's context menu on the two selected people: asked first, then undone
    asked = []
    people.confirm = lambda _parent, target, others: asked.append((target.id, [o.id for o in others])) or True
    menu = people.context_menu([hugo, nicole])
    next(a for a in menu.actions() if a.text().startswith("Merge 2")).trigger()
    qtbot.waitUntil(lambda: hugo not in {p.id for p in people.people}, timeout=10_000)
    assert asked == [(nicole, [hugo])]  # the named person is kept
    assert {largest_face_person(library, folder / p.name) for p in chavez} == {nicole}
    assert win.undo_action.isEnabled() and win.undo_action.text() == "&Undo Merge People"
    win.activateWindow()
    people.setFocus()
    qtbot.keyClick(people, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z, from the people grid
    qtbot.waitUntil(lambda: hugo in {p.id for p in people.people}, timeout=10_000)
    assert {largest_face_person(library, folder / p.name) for p in chavez} == {hugo}
    assert win.redo_action.text() == "&Redo Merge People" and win.undo_action.text() == "&Undo Name Person"
    win.redo_action.trigger()
    qtbot.waitUntil(lambda: hugo not in {p.id for p in people.people}, timeout=10_000)

    # "Show Faces…": Chavez's three faces look least like the rest and come first
    next(a for a in people.context_menu([nicole]).actions() if a.text() == "Show Faces…").trigger()
    review = win.face_review
    merged_faces = next(p.face_count for p in library.people() if p.id == nicole)
    qtbot.waitUntil(lambda: review.faces.count() == merged_faces, timeout=10_000)
    hugo_photos = {library.photo(str(folder / p.name)).id for p in chavez}
    first = [review.faces.item(i) for i in range(3)]
    faces = {f.id: f.photo_id for p in library.people(with_faces=True) for f in p.faces}
    assert {faces[item.data(PersonIdRole)] for item in first} == hugo_photos
    for item in first:
        item.setSelected(True)
    review.reject_button.click()
    qtbot.waitUntil(lambda: review.faces.count() == merged_faces - 3, timeout=10_000)
    # the faces are back in People at once, together, as someone to name: no index run in between
    again = {largest_face_person(library, folder / p.name) for p in chavez}
    assert len(again) == 1 and None not in again and nicole not in again
    (back,) = again
    qtbot.waitUntil(lambda: back in {p.id for p in people.people}, timeout=10_000)
    assert [(p.name, p.photo_count) for p in people.people if p.id == back] == [(None, 3)]
    assert win.undo_action.text() == "&Undo Not This Person"
    review.close()
    win.close()


def test_chosen_faces_are_framed_in_the_accent_colour(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """In "Show Faces…" a chosen face was marked only by a 2 px line under it, so "Not This Person" acted on
    faces a person could barely tell were chosen; now each is framed in the theme's accent, in both themes."""
    from io import BytesIO

    from PIL import Image

    from album.core.records import Face
    from album.gui.people_view import FaceReview
    from album.gui.styles import use_theme

    buffer = BytesIO()
    Image.new("RGB", (112, 112), (128, 128, 128)).save(buffer, "JPEG")
    faces = [(Face(f"f{i}", "photo", (0.0, 0.0, 1.0, 1.0), 0.9, thumb=buffer.getvalue()), 0.1 * i) for i in range(3)]
    review = FaceReview("Faces of Anna", "anna", lambda _ids: None)
    qtbot.addWidget(review)
    review.show_faces(faces)
    review.show()
    qtbot.waitExposed(review)
    review.faces.item(1).setSelected(True)
    def frame(row: int) -> str:
        """The colour just inside the left edge of face ``row``'s cell, as the screen shows it."""
        image = review.faces.viewport().grab().toImage()
        ratio = review.faces.viewport().devicePixelRatioF()
        rect = review.faces.visualItemRect(review.faces.item(row))
        return image.pixelColor(int((rect.left() + 1) * ratio), int(rect.center().y() * ratio)).name()

    try:
        for theme in ("light", "dark"):
            accent = use_theme(qapp, theme).accent.lower()
            assert frame(1) == accent
            assert frame(0) != accent and frame(2) != accent
    finally:
        use_theme(qapp, "light")
