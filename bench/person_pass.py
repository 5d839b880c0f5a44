"""Issue 15's real-window pass: the window as a person meets it, driven with key presses and clicks.

    xvfb-run -a -s "-screen 0 1400x900x24" python bench/person_pass.py OUTDIR [--lang=zh_CN] [--theme=dark]
        [--library=DIR]

Builds (once, in ``--library``, default ``/tmp/album-person-pass``) a realistic library with the screenshot
script's helpers: real faces of four people, the tiny CLIP's shapes, a scan without EXIF, a real camera's
photo, a panorama, a tiny photo and portraits, photos from eleven cities (Porto and Lisbon among them), a
video and a one-photo folder; indexes it with the CLI (``python -m album index``), as a user who tried the
command line first would. Each run copies the indexed library (never the photos) to a temporary home, opens
the window and goes through issue 15's ten problems in order, saving a PNG for each state and printing what
it checked (``ok`` or ``WRONG``) for the states a picture alone cannot prove.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import ROOT, build_home, settle, wait_for, write_travels


def build_library(library: Path) -> None:
    """The photos and their index, made once: ``library/Pictures`` and the indexed ``library/home``."""
    from videofactory import write_video

    home = library / "home"
    env = {**os.environ, "ALBUM_HOME": str(home), "ALBUM_CLIP_MODEL": "tiny-shapes", "PYTHONPATH": str(ROOT)}
    photos = build_home(home)
    write_travels(photos)
    (photos / "videos").mkdir()
    write_video(photos / "videos" / "harbour.mp4", [("blue", "square", 3.0), ("red", "circle", 3.0)],
                size=(320, 180), metadata={"creation_time": "2024-08-15T18:00:00Z"})  # fmt: skip
    shutil.move(str(photos), str(library / "Pictures"))  # the photos live beside the home each run copies
    subprocess.run([sys.executable, "-m", "album", "index", str(library / "Pictures")], env=env, check=True)


def later_photo(library: Path) -> Path:
    """A folder of one photo, imported through the window: its "Done" line counts one photo."""
    from photofactory import Exif, scene, write_photo

    folder = library / "Later"
    if not folder.exists():
        write_photo(folder / "one.jpg", Exif(taken=datetime(2025, 3, 1, 12), lat=41.15, lon=-8.61),
                    image=scene(400, 300, seed=77))  # fmt: skip
    return folder


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text``: key presses for ASCII, an input method's commit for the rest (as a Chinese IME does)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        QTest.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class Person:
    """What a person does at the window: clicks, keys and typing, and the pictures of what they see."""

    def __init__(self, app, window, out: Path, tag: str) -> None:  # type: ignore[no-untyped-def]
        self.app, self.window, self.out, self.tag = app, window, out, tag

    def shoot(self, name: str, screen: bool = False) -> None:
        """The window (``screen``: the screen's pixels around it, with its popups and tooltips)."""
        path = str(self.out / f"{name}{self.tag}.png")
        if screen:
            self.app.primaryScreen().grabWindow(0).copy(self.window.geometry().adjusted(-20, -40, 20, 20)).save(path)
        else:
            self.window.grab().save(path)

    def check(self, what: str, holds: bool) -> None:
        print(f"{'ok   ' if holds else 'WRONG'} {what}")

    def click(self, widget, point=None, double: bool = False, modifier=None) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        modifier = modifier or Qt.KeyboardModifier.NoModifier
        point = point if point is not None else widget.rect().center()
        if double:  # (QTest's double click sends no first click: a person's does)
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, modifier, QPoint(point))
        (QTest.mouseDClick if double else QTest.mouseClick)(widget, Qt.MouseButton.LeftButton, modifier, QPoint(point))

    def key(self, key, modifier=None, widget=None) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        if QApplication.activeWindow() is None:  # a dialog closed: a window manager gives its window the keys back
            self.window.activateWindow()
            settle(200)
        target = widget or QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)

    def go(self, page: str) -> None:
        """Click ``page``'s entry in the sidebar."""
        sidebar = self.window.sidebar.list
        row = next(r for r in range(sidebar.count()) if sidebar.item(r).data(0x0100) == page)
        self.click(sidebar.viewport(), sidebar.visualItemRect(sidebar.item(row)).center())
        settle(1200)

    def type_in_search(self, text: str, enter: bool = True, ms: int = 1500) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        edit = self.window.search_bar.edit
        self.click(edit)
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(edit, Qt.Key.Key_Delete)
        type_text(edit, text)
        if enter:
            QTest.keyClick(edit, Qt.Key.Key_Return)
        settle(ms)

    def answer_dialog(self, name: str, answer: Callable[[object], None], delay: int = 700) -> None:
        """When the next modal dialog opens: shoot it, then ``answer(dialog)``."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def act() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                print(f"WRONG no dialog for {name}")
                return
            dialog.grab().save(str(self.out / f"{name}{self.tag}.png"))
            answer(dialog)

        QTimer.singleShot(delay, act)

    def tile(self, row: int):  # type: ignore[no-untyped-def]
        grid = self.window.grid
        grid.scrollTo(self.window.model.index(row))
        settle(300)
        return grid.visualRect(self.window.model.index(row)).center()

    def row_of(self, ending: str) -> int:
        return next(i for i, hit in enumerate(self.window.model.hits) if hit.photo.path.endswith(ending))


def merge_button(box):  # type: ignore[no-untyped-def]
    """The question's "Merge" button (its accepting one), which a person clicks."""
    from PySide6.QtWidgets import QMessageBox

    return next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)


def walk(person: Person, library: Path) -> None:
    """Issue 15's ten problems, in its order, as a person meets them."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QToolTip

    from album.gui.theme import VIEWER

    window, shoot, check = person.window, person.shoot, person.check
    grid, model = window.grid, window.model

    # 8. start-up (shot by main() before this), then the whole library
    shoot("08b-opened")
    path_of = {hit.photo.id: hit.photo.path for hit in model.hits}

    # 1. places: Porto's and Lisbon's photos, a Chinese place name
    person.type_in_search("in Porto")
    shoot("01-in-porto")
    porto = [hit.photo.path for hit in model.hits]
    check(f"'in Porto' finds the 4 Porto photos (found {len(porto)})",
          sorted(Path(p).name for p in porto) == [f"Porto_{i}.jpg" for i in range(4)])  # fmt: skip
    person.type_in_search("photos in Lisbon")
    shoot("01b-in-lisbon")
    person.type_in_search("在波尔图的照片")
    shoot("01c-porto-zh")
    person.type_in_search("in Valencia")
    shoot("01d-ambiguous-valencia")

    # 2. tiles: the mixed sizes first, then searches that once drew strips
    person.type_in_search("")
    shoot("02-all-photos")
    rects = [grid.visualRect(model.index(r)) for r in range(min(model.rowCount(), 40))]
    check(f"no tile thinner than 60 px among the first {len(rects)}", all(r.height() >= 60 for r in rects))
    person.type_in_search("sunset")
    shoot("02b-sunset")
    person.type_in_search("photos from 1850")
    shoot("02c-1850")

    # 3. the viewer's keys: double-click the panorama, → to the tiny photo, + and 1 there, Esc
    person.type_in_search("")
    panorama = person.row_of("mixed_0.jpg")
    person.click(grid.viewport(), person.tile(panorama), double=True)
    settle(1500)
    viewer = window.viewer
    check("a double-click opened the viewer", viewer.isVisible())
    first = viewer.index
    print(f"      the focus in the viewer: {type(QApplication.focusWidget()).__name__}")
    person.key(Qt.Key.Key_Right)
    settle(1200)
    shoot("03-viewer-right")
    bar = window.statusBar()
    band = bar.grab().toImage().pixelColor(2, bar.height() // 2).name()
    check(f"the status bar takes the viewer's dark surround ({band})", band == VIEWER.window)
    second = viewer.index
    check("→ moved to the next photo", first != second)
    person.key(Qt.Key.Key_Plus)
    settle(600)
    shoot("03b-viewer-plus")
    person.key(Qt.Key.Key_1)
    settle(600)
    shoot("03c-viewer-100")
    person.key(Qt.Key.Key_Left)
    settle(1000)
    check("← went back", viewer.index == first)
    person.key(Qt.Key.Key_Escape)
    settle(800)
    check("Esc closed the viewer", not viewer.isVisible())
    check("the grid has the focus back", QApplication.focusWidget() is grid)

    # 4. people: name two through the menu and the dialog, the order stays, two selected, a merge asked and undone
    person.go("people")
    people = window.people_view
    shoot("04-people")
    check("a line under the people says how to name someone and see their photos", window.people_page.hint.isVisible())
    order = [p.id for p in people.people]

    def who(person_id: str) -> str:
        """The person's first name, from the file names of the photos their faces are in (Nicole_Kidman_3.jpg)."""
        faces = window.library.faces_for_review(person_id)
        paths = [path_of.get(f.photo_id, "") for f, _d in faces]
        return max(set(paths), key=paths.count).rsplit("/", 1)[-1].split("_")[0] if paths else ""

    def name_through_dialog(name: str) -> None:
        """Click the unnamed person whose photos are ``name``'s, then Name… in their menu, type, Enter."""
        row = next(r for r, p in enumerate(people.people) if not p.name and who(p.id) == name)
        person.click(people.viewport(), people.visualItemRect(people.item(row)).center())
        person.answer_dialog(
            f"04-name-dialog-{name}",
            lambda d: (
                type_text(d.edit, name),  # type: ignore
                QTest.keyClick(d.edit, Qt.Key.Key_Return),
            ),
        )
        people.context_menu(people.selected_ids()).actions()[0].trigger()
        wait_for(lambda: any(p.name == name for p in people.people), 60)
        settle(800)

    name_through_dialog("Nicole")
    shoot("04b-named-one")
    check("naming kept the clicked person selected",
          people.selected_ids() == [next(p.id for p in people.people if p.name == "Nicole")])  # fmt: skip
    after = [p.id for p in people.people]
    print(f"      order before {[p[:4] for p in order]} after {[p[:4] for p in after]}")
    name_through_dialog("Hugo")
    rows = (0, people.count() - 1)
    person.click(people.viewport(), people.visualItemRect(people.item(rows[0])).center())
    person.click(people.viewport(), people.visualItemRect(people.item(rows[1])).center(),
                 modifier=Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    menu = people.context_menu(people.selected_ids())
    menu.popup(people.mapToGlobal(people.visualItemRect(people.item(rows[0])).center() + QPoint(30, 30)))
    settle(600)
    shoot("04c-two-selected-menu", screen=True)
    enabled = {a.text(): a.isEnabled() for a in menu.actions()}
    check(f"two selected: only Merge and Hide enabled ({enabled})", sum(enabled.values()) == 2)
    menu.close()
    before = len(people.people)
    person.answer_dialog("04d-merge-question", lambda d: person.click(merge_button(d)))
    people.context_menu(people.selected_ids()).actions()[2].trigger()
    wait_for(lambda: len(people.people) == before - 1, 60)
    settle(800)
    shoot("04e-merged")
    check(f"the merge asked, then merged ({before} → {len(people.people)} people)", len(people.people) == before - 1)
    person.click(people.viewport(), QPoint(5, people.viewport().height() - 5))  # (empty space: the focus here)
    person.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, people)
    wait_for(lambda: len(people.people) == before, 60)
    settle(800)
    shoot("04f-merge-undone")
    check(f"Ctrl+Z undid the merge ({len(people.people)} people, {before} before)", len(people.people) == before)

    # 5. not this person: two of Nicole's faces are someone else's; they come back unnamed
    nicole = next(p for p in people.people if p.name == "Nicole")
    unnamed_before = sum(p.photo_count for p in people.people if not p.name)
    review = window.review_faces(nicole.id)
    wait_for(lambda: review.faces.count() > 0, 60)
    settle(800)
    faces = review.faces
    person.click(faces.viewport(), faces.visualItemRect(faces.item(0)).center())
    person.click(faces.viewport(), faces.visualItemRect(faces.item(1)).center(),
                 modifier=Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    settle(300)
    review.grab().save(str(person.out / f"05-face-review-two-chosen{person.tag}.png"))
    count = faces.count()
    person.click(review.reject_button)
    wait_for(lambda: faces.count() == count - 2, 60)
    settle(1500)
    review.grab().save(str(person.out / f"05b-face-review-after{person.tag}.png"))
    review.close()
    settle(1500)
    shoot("05c-people-after-not-this-person")
    unnamed_after = sum(p.photo_count for p in people.people if not p.name)
    check(f"the two faces came back unnamed ({unnamed_before} → {unnamed_after} unnamed photos)",
          unnamed_after >= unnamed_before + 1)  # fmt: skip

    # 6. a person opened after a place search: the bar shows the person; Find Similar: a chip
    person.go("photos")
    person.type_in_search("in Tokyo")
    person.go("people")
    nicole_row = next(r for r, p in enumerate(people.people) if p.name == "Nicole")
    person.click(people.viewport(), people.visualItemRect(people.item(nicole_row)).center(), double=True)
    settle(1500)
    shoot("06-person-opened-after-tokyo")
    with_face = window.toolbar.height()
    chips = [c.objectName() for c in window.search_bar.chips()]
    check(f"the bar shows the person, not Tokyo (chips {chips}, text {window.search_bar.edit.text()!r})",
          "tokyo" not in window.search_bar.edit.text().lower())  # fmt: skip
    window.search_bar.chips()[0].remove_button.click()
    settle(1500)
    shoot("06b-person-chip-removed")
    with_place = window.toolbar.height()
    check(f"the toolbar as tall with the person's chip as with a place's ({with_face}, {with_place} px)",
          with_face == with_place)  # fmt: skip
    person.type_in_search("a red circle")
    grid.setFocus()
    grid.setCurrentIndex(model.index(0))
    settle(300)
    popup = window.search_bar.completer.popup()
    print(
        f"      before Ctrl+Shift+S: focus {type(QApplication.focusWidget()).__name__}, active window "
        f"{type(QApplication.activeWindow()).__name__}, completion shown {popup.isVisible()}"
    )
    person.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, grid)
    settle(1500)
    shoot("06c-find-similar")

    # 7. empty and weak states
    person.type_in_search("in Berlin")
    shoot("07-empty-place")
    person.type_in_search("xqzvbnm flurb")
    shoot("07b-weak")
    person.type_in_search("Nicole in Tokyo")
    shoot("07c-person-wrong-place")

    # 9. typing does not search; a chip's removal keeps the words
    person.type_in_search("")
    shown = model.rowCount()
    person.type_in_search("Ni", enter=False, ms=2000)
    shoot("09-typing-ni", screen=True)
    check(f"typing 'Ni' left the grid as it was ({shown} → {model.rowCount()})", model.rowCount() == shown)
    window.search_bar.completer.popup().hide()
    person.type_in_search("Nicole in Lisbon 2023")
    shoot("09b-three-chips")
    place = next((c for c in window.search_bar.chips() if c.objectName() == "chip-place"), None)
    if place is not None:
        place.remove_button.click()
        settle(1500)
    shoot("09c-place-chip-removed")
    print(f"      after removing the place chip the box says {window.search_bar.edit.text()!r}")

    # 10. rough edges: one photo imported ("Done"), a photo without EXIF, a tooltip, the Chinese UI
    window.import_paths([str(later_photo(library))])
    wait_for(lambda: window.controller.last_report is not None, 120)
    settle(300)
    shoot("10-done-one-photo")
    settle(9000)
    shoot("10b-done-cleared")
    person.type_in_search("")
    scan = person.row_of("scan.jpg")
    person.click(grid.viewport(), person.tile(scan), double=True)
    settle(1500)
    shoot("10c-viewer-no-exif")
    person.key(Qt.Key.Key_Escape)
    settle(600)
    point = person.tile(0)
    QToolTip.showText(grid.viewport().mapToGlobal(point), model.data(model.index(0), Qt.ItemDataRole.ToolTipRole),
                      grid)  # fmt: skip
    settle(800)
    shoot("10d-tooltip", screen=True)
    QToolTip.hideText()

    # the newer pages, on first contact
    for page in ("places", "duplicates", "explore", "albums", "favourites"):
        if page in {window.sidebar.list.item(r).data(0x0100) for r in range(window.sidebar.list.count())}:
            person.go(page)
            settle(1500)
            shoot(f"11-page-{page}")
    person.go("photos")
    person.type_in_search("")
    grid.setFocus()
    grid.setCurrentIndex(model.index(1))
    person.key(Qt.Key.Key_Space, widget=grid)
    settle(1500)
    shoot("12-quick-look")
    print(
        f"      in quick look: focus {type(QApplication.focusWidget()).__name__}, active window "
        f"{type(QApplication.activeWindow()).__name__}"
    )
    person.key(Qt.Key.Key_Escape)
    settle(500)
    print(f"      after Esc: focus {type(QApplication.focusWidget()).__name__}")
    check("quick look closed with Esc and gave the grid its focus", QApplication.focusWidget() is grid)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    option = {a.split("=", 1)[0]: a.split("=", 1)[1] for a in sys.argv[1:] if "=" in a}
    lang, theme = option.get("--lang", "en"), option.get("--theme", "light")
    library = Path(option.get("--library", "/tmp/album-person-pass")).resolve()
    out = Path(args[0] if args else "person-pass").resolve()
    out.mkdir(parents=True, exist_ok=True)
    crash_log = (out / "crash.txt").open("w")
    faulthandler.enable(crash_log, all_threads=False)  # the crashing thread's stack, written where a crash leaves it
    if not (library / "Pictures").exists():
        build_library(library)
    home = Path(tempfile.mkdtemp(prefix="album-person-pass-"))
    shutil.copytree(library / "home", home, symlinks=True, dirs_exist_ok=True)
    os.environ.update({"ALBUM_HOME": str(home), "ALBUM_CLIP_MODEL": "tiny-shapes"})

    from PySide6.QtWidgets import QApplication

    from album.core.library import Paths
    from album.gui.i18n import install_translators
    from album.gui.main_window import MainWindow
    from album.gui.styles import use_theme
    from album.runtime import configure_process

    configure_process()
    app = QApplication(sys.argv)
    install_translators(app, lang)
    use_theme(app, theme)
    tag = (f"-{lang}" if lang != "en" else "") + (f"-{theme}" if theme != "light" else "")
    window = MainWindow(Paths.from_env())
    window.resize(1300, 850)
    window.show()
    window.activateWindow()  # (what a window manager does for a window that opens; Xvfb has none)
    app.processEvents()
    window.grab().save(str(out / f"08-returning-first-frame{tag}.png"))  # the CLI made the library: a return
    wait_for(lambda: window.model.rowCount() > 0, 120)
    settle(1500)
    try:
        walk(Person(app, window, out, tag), library)
    finally:
        window.close()
        app.processEvents()
        shutil.rmtree(home, ignore_errors=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
