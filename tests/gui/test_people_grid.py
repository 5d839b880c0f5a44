"""The people grid as a person uses it: a stable order that keeps the selection and the scroll position,
actions that apply to what is selected, a merge that asks first, the name dialog, and counts in words,
in English and in Chinese."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from album.core.people import people_order
from album.core.records import Person
from album.gui.i18n import install_translators
from album.gui.name_dialog import NameDialog
from album.gui.people_view import PeopleView, merge_question


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The UI in English (its plural forms) and in Chinese."""
    before = QLocale()
    translators = install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def crowd(count: int = 60) -> list[Person]:
    """``count`` unnamed people of different sizes (the sixth named "Nicole" if there is one), in the core's order."""
    people = [Person(f"p{i:02d}", None, 100 - i, 100 - i, False, False, None) for i in range(count)]
    if count > 5:
        people[5] = dataclasses.replace(people[5], name="Nicole")
    return sorted(people, key=people_order)


def view(qtbot, people: list[Person]) -> PeopleView:  # type: ignore[no-untyped-def]
    grid = PeopleView()
    qtbot.addWidget(grid)
    grid.resize(480, 340)
    grid.show()
    grid.show_people(people)
    return grid


def test_a_refresh_keeps_the_selection_and_the_scroll_position(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The report: after naming someone the grid re-sorted and the next click named the wrong person."""
    people = crowd()
    grid = view(qtbot, people)
    chosen = people[40].id
    grid.setCurrentRow(40)
    grid.scrollToItem(grid.item(40))
    scroll = grid.verticalScrollBar().value()
    assert scroll > 0 and grid.selected_ids() == [chosen]
    # Someone else is named (they move to the top) and another person grows: the grid is rebuilt.
    renamed = [dataclasses.replace(p, name="Anna") if p.id == people[50].id else p for p in people]
    renamed = sorted([dataclasses.replace(p, face_count=p.face_count + 30) if p.id == "p55" else p for p in renamed],
                     key=people_order)  # fmt: skip
    grid.show_people(renamed)
    assert [p.id for p in grid.people][:2] == [people[50].id, "p05"]  # Anna, Nicole, then the unnamed by size
    assert grid.selected_ids() == [chosen] and grid.currentItem().data(0x0101) == chosen
    assert grid.verticalScrollBar().value() == scroll
    grid.show_people(renamed)  # the same people again: nothing moves at all
    assert [grid.item(i).data(0x0101) for i in range(grid.count())] == [p.id for p in renamed]


def test_people_order_is_by_name_then_size_with_the_unnamed_last() -> None:
    people = [Person("a", None, 3, 3, False, False, None), Person("b", "bea", 1, 1, False, False, None),
              Person("c", "Anna", 2, 2, False, False, None), Person("d", None, 9, 9, False, False, None),
              Person("e", "anna", 5, 5, False, False, None)]  # fmt: skip
    assert [p.id for p in sorted(people, key=people_order)] == ["e", "c", "b", "d", "a"]


def test_actions_apply_only_to_what_is_selected(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    people = crowd(4)
    grid = view(qtbot, people)
    one = {a.text(): a.isEnabled() for a in grid.context_menu([people[0].id]).actions()}
    two = {a.text(): a.isEnabled() for a in grid.context_menu([people[0].id, people[1].id]).actions()}
    if language == "en":
        assert one == {"Name…": True, "Show Faces…": True, "Merge 1 Person…": False, "This Is Me": True, "Hide": True}
        assert two == {"Name…": False, "Show Faces…": False, "Merge 2 People…": True, "This Is Me": False,
                       "Hide": True}  # fmt: skip
    else:
        assert two == {"命名…": False, "查看人脸…": False, "合并 2 个人…": True, "这是我": False, "隐藏": True}
    assert grid.context_menu([]) is None


def test_a_merge_asks_first_and_keeps_the_named_person(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    people = crowd(4)
    people = [dataclasses.replace(people[2], name="Nicole"), *people[:2], people[3]]  # Nicole and three unnamed
    grid = view(qtbot, people)
    asked: list[tuple[str, list[str]]] = []
    answer = False
    grid.confirm = lambda _parent, target, others: asked.append((target.id, [o.id for o in others])) or answer
    merges: list[tuple[str, list[str]]] = []
    grid.merge_people.connect(lambda target, sources: merges.append((target, sources)))
    ids = [people[1].id, people[0].id]  # the unnamed one selected first: the named one is still kept
    merge = next(a for a in grid.context_menu(ids).actions() if "2" in a.text())
    merge.trigger()
    assert asked == [(people[0].id, [people[1].id])] and merges == []  # asked, and "Cancel" does nothing
    answer = True
    merge.trigger()
    assert merges == [(people[0].id, [people[1].id])]
    box = merge_question(grid, people[0], [dataclasses.replace(people[1], name="Keanu")])
    if language == "en":
        assert box.text() == "Merge 2 people into “Nicole”?" and box.windowTitle() == "Merge People"
        assert "Keanu" in box.informativeText() and "Edit ▸ Undo" in box.informativeText()
        assert [b.text() for b in box.buttons()] == ["Merge", "Cancel"]
    else:
        assert box.text() == "将 2 个人合并为“Nicole”？" and box.windowTitle() == "合并人物"
        assert "Keanu" in box.informativeText() and "编辑 ▸ 撤销" in box.informativeText()
        assert {b.text() for b in box.buttons()} >= {"合并"}


def test_naming_asks_with_a_title_the_current_name_and_the_known_names(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    people = crowd(8)
    people = [dataclasses.replace(people[1], name="Nicole Kidman"), dataclasses.replace(people[2], name="Keanu"),
              *people[3:]]  # fmt: skip
    grid = view(qtbot, people)
    asked: list[tuple[str, str, list[str]]] = []
    grid.ask_name = lambda _parent, title, current, names: asked.append((title, current, sorted(names))) or "Nic"
    named: list[tuple[str, str]] = []
    grid.name_person.connect(lambda person_id, name: named.append((person_id, name)))
    grid.context_menu([people[0].id]).actions()[0].trigger()
    grid.context_menu([people[3].id]).actions()[0].trigger()
    rename, name = ("Rename Person", "Name Person") if language == "en" else ("重命名人物", "命名人物")
    assert asked == [(rename, "Nicole Kidman", ["Keanu", "Nicole Kidman"]), (name, "", ["Keanu", "Nicole Kidman"])]
    assert named == [(people[0].id, "Nic"), (people[3].id, "Nic")]

    dialog = NameDialog(rename, "Nicole Kidman", ["Nicole Kidman", "Keanu"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == rename and dialog.edit.text() == "Nicole Kidman" and dialog.edit.selectedText()
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance(rename) + 200  # never "Name … erson"
    dialog.completer.setCompletionPrefix("kid")  # any part of a name, any case
    assert dialog.completer.currentCompletion() == "Nicole Kidman"
    dialog.edit.clear()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # an empty name is no answer


def test_counts_read_as_words(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    people = [Person("a", "Nicole", 1, 1, False, False, None), Person("b", None, 2, 2, False, False, None)]
    grid = view(qtbot, people)
    labels = [grid.item(i).text() for i in range(2)]
    expected = ["Nicole\n1 photo", "Unnamed\n2 photos"] if language == "en" else ["Nicole\n1 张照片", "未命名\n2 张照片"]
    assert labels == expected


def test_captions_sit_on_one_line_below_a_top_margin_named_or_not(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    """An unnamed person's caption (Chinese "未命名", a taller fallback font) sat 2 px below "Anna"'s; the first
    row of covers touched the page's top edge."""
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QColor, QImage

    cover = QImage(112, 112, QImage.Format.Format_RGB32)
    cover.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    cover.save(buffer, "PNG")
    png = bytes(data.data())
    people = [Person("a", "Anna", 3, 3, False, False, None, cover_thumb=png),
              Person("b", None, 2, 2, False, False, None, cover_thumb=png)]  # fmt: skip
    grid = view(qtbot, people)
    image = grid.viewport().grab().toImage()
    background = image.pixelColor(image.width() - 2, image.height() - 2)

    def ink_rows(item: int) -> tuple[int, int, int]:
        """The first pixel row of the cover, and the first and last of the caption of ``item``, in the page."""
        rect = grid.visualItemRect(grid.item(item))
        columns = range(rect.left(), rect.right())
        cover_top = next(y for y in range(rect.top(), rect.bottom()) if any(image.pixelColor(x, y) == QColor("red")
                                                                            for x in columns))  # fmt: skip
        text = [y for y in range(cover_top + 112, rect.bottom() + 1)
                if any(image.pixelColor(x, y) not in (background, QColor("red")) for x in columns)]  # fmt: skip
        return cover_top, text[0], text[-1]

    (anna_cover, anna_text, anna_end), (unnamed_cover, _text, unnamed_end) = ink_rows(0), ink_rows(1)
    assert anna_cover == unnamed_cover >= 8  # a margin above the first row
    assert unnamed_end == anna_end  # the second lines ("3 photos", "2 photos") on one baseline
    assert anna_end - anna_text > 1.5 * grid.fontMetrics().height()  # two lines: the name, then the photos


def test_the_page_says_how_to_name_someone_and_open_their_photos(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    """A line under the grid while someone is unnamed, and each face's tooltip, say what the menu and a
    double-click do; the line goes once everyone has a name."""
    from album.gui.people_page import PeoplePage

    page = PeoplePage()
    qtbot.addWidget(page)
    page.resize(480, 400)
    page.show()
    people = crowd(8)
    page.show_people(people)
    hint, tips = page.hint.text(), {page.view.item(i).toolTip() for i in range(page.view.count())}
    assert page.hint.isVisible() and page.hint.geometry().top() >= page.view.geometry().bottom()
    if language == "en":
        assert "right-click" in hint and "Name…" in hint and "double-click" in hint
        assert tips == {"Double-click to see this person's photos",
                        "Double-click to see this person's photos; right-click ▸ Name… to name them"}  # fmt: skip
    else:
        assert "右键" in hint and "命名…" in hint and "双击" in hint
        assert len(tips) == 2 and all("双击" in tip for tip in tips)
    page.show_people([dataclasses.replace(p, name=p.name or f"Person {p.id}") for p in people])
    assert page.hint.isHidden()
