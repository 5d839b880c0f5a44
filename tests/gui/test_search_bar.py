"""The search bar on its own: completion of the library's names while typing, editing a chip in place."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from album.core.library import KnownPerson, Library, Paths, Query
from album.gui.search_bar import SEARCH_DELAY_MS, SearchBar, chips_of, completion_prefix
from album.gui.texts import date_text

NAMES = ["Anna Schmidt", "Lisbon", "Zhejiang", "小明", "dog", "小狗", "beach", "海滩"]


@pytest.fixture(autouse=True)
def no_parse_after_the_test(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A bar's pending parse (typing starts one) must not run in the next test, on a library whose
    folder is gone: what the window's close does for its own bar."""
    yield
    for widget in QApplication.allWidgets():
        if isinstance(widget, SearchBar):
            widget.shutdown()


def test_completion_prefix_in_english_and_chinese() -> None:
    assert completion_prefix("photos of An", NAMES) == "An"
    assert completion_prefix("我和小", NAMES) == "小"  # no spaces in Chinese: the tail that starts a name
    assert completion_prefix("在海", NAMES) == "海"
    assert completion_prefix("我和", NAMES) == ""  # nothing to complete


def typed(qtbot, bar: SearchBar, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a person does: keys for ASCII, an input method's commit for Chinese (as with Pinyin)."""
    bar.edit.setFocus()
    bar.edit.clear()
    if text.isascii():
        qtbot.keyClicks(bar.edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(bar.edit, event)


def test_typing_offers_the_librarys_names_and_inserts_the_choice(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    bar = SearchBar(lambda text: library.parse(text, known=[], places=False), library.to_syntax)
    qtbot.addWidget(bar)
    bar.show()
    bar.set_suggestions(NAMES)
    typed(qtbot, bar, "photos of An")
    assert bar.completer.completionPrefix() == "An" and bar.completer.currentCompletion() == "Anna Schmidt"
    bar.insert_completion("Anna Schmidt")
    assert bar.edit.text() == "photos of Anna Schmidt "
    typed(qtbot, bar, "我和小")
    options = [bar.completer.completionModel().index(i, 0).data() for i in range(bar.completer.completionCount())]
    assert sorted(options) == ["小明", "小狗"]


def test_clicking_a_chip_selects_its_words_for_editing(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    bar = SearchBar(lambda text: library.parse(text, known=[KnownPerson("a", "Anna")], places=False), library.to_syntax)
    qtbot.addWidget(bar)
    bar.show()
    bar.edit.setText("Anna at the beach summer 2023")
    bar.parse_now()
    date_chip = next(chip for chip in bar.chips() if chip.objectName() == "chip-date")
    date_chip.text_button.click()
    assert bar.edit.text() == "Anna at the beach summer 2023"  # the user's words, not rewritten
    assert bar.edit.selectedText() == "summer 2023"
    qtbot.keyClicks(bar.edit, "2021")  # type over it
    bar.parse_now()
    assert bar.edit.text() == "Anna at the beach 2021"
    assert (str(bar.query.date_from), str(bar.query.date_to), bar.query.people) == (
        "2021-01-01",
        "2021-12-31",
        ("Anna",),
    )


def place_bar(qtbot, text: str) -> SearchBar:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    library.load_place_names()
    bar = SearchBar(lambda t: library.parse(t, known=[]), library.to_syntax)
    qtbot.addWidget(bar)
    bar.show()
    bar.edit.setText(text)
    bar.parse_now()
    return bar


def test_an_ambiguous_place_chip_names_its_country_and_offers_the_others(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    bar = place_bar(qtbot, "photos in Valencia")
    chip = next(chip for chip in bar.chips() if chip.objectName() == "chip-place")
    assert chip.text_button.text() == "Place: Valencia, Spain (25 km)"
    chip.text_button.click()
    assert bar.place_menu is not None and bar.place_menu.isVisible()
    actions = [a.text() for a in bar.place_menu.actions() if not a.isSeparator()]
    assert "Valencia, Venezuela" in actions and actions[-1] == "Edit this filter"
    with qtbot.waitSignal(bar.search) as searched:
        next(a for a in bar.place_menu.actions() if a.text() == "Valencia, Venezuela").trigger()
    place = searched.args[0].place
    assert place.name == "Valencia, Venezuela" and place.lat == pytest.approx(10.16, abs=0.01)
    assert "Valencia, Spain" in [p.name for p in place.alternatives]
    chip = next(chip for chip in bar.chips() if chip.objectName() == "chip-place")
    assert chip.text_button.text() == "Place: Valencia, Venezuela (25 km)"


def test_a_place_with_one_meaning_is_edited_on_click(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    bar = place_bar(qtbot, "photos in Lisbon")
    chip = next(chip for chip in bar.chips() if chip.objectName() == "chip-place")
    assert chip.text_button.text() == "Place: Lisbon (25 km)"
    chip.text_button.click()
    assert bar.place_menu is None and bar.edit.selectedText() == "in Lisbon"  # its own words, to type over


def test_place_chips_are_in_chinese_for_a_chinese_ui(qtbot, album_home: Path, chinese) -> None:  # type: ignore[no-untyped-def]
    bar = place_bar(qtbot, "在里斯本的照片")
    assert [c.text_button.text() for c in bar.chips()] == ["地点：里斯本 (25 km)"]
    bar = place_bar(qtbot, "photos in Valencia")
    assert [c.text_button.text() for c in bar.chips()] == ["地点：瓦伦西亚, 西班牙 (25 km)"]
    chip = bar.chips()[0]
    chip.text_button.click()
    assert bar.place_menu is not None
    assert "巴伦西亚, 委内瑞拉" in [a.text() for a in bar.place_menu.actions()]


def test_a_query_not_typed_is_edited_in_the_explicit_syntax(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    bar = SearchBar(lambda text: library.parse(text, known=[KnownPerson("a", "Anna")], places=False), library.to_syntax)
    qtbot.addWidget(bar)
    bar.show()
    bar.edit.setText("Anna at the beach summer 2023")
    bar.parse_now()
    bar.query = Query(people=("Anna",), date_from=date(2023, 6, 1), date_to=date(2023, 8, 31), text="beach")
    bar.edit_chip("date", "2023-06-01 – 2023-08-31")  # no words to select: the syntax, with its part selected
    assert bar.edit.text() == "person:Anna after:2023-06-01 before:2023-08-31 beach"
    assert bar.edit.selectedText() == "after:2023-06-01 before:2023-08-31"


def test_a_pause_searches_only_a_query_that_says_something(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    bar = SearchBar(lambda text: library.parse(text, known=[KnownPerson("n", "Nicole")], places=False),
                    library.to_syntax)  # fmt: skip
    qtbot.addWidget(bar)
    bar.show()
    bar.set_suggestions(["Nicole"])
    searched: list[Query] = []
    bar.search.connect(searched.append)
    for text, runs in [("Ni", False), ("Nicole", True), ("dog", False), ("dogs", True), ("2019", True),
                       ("Nicole be", False), ("Nicole beach", True), ("海", False), ("海滩", True)]:  # fmt: skip
        searched.clear()
        typed(qtbot, bar, text)
        bar._typed()  # the input method's commit does not count as an edit
        qtbot.wait(SEARCH_DELAY_MS + 300)
        assert bool(searched) == runs, text
    searched.clear()
    typed(qtbot, bar, "dog")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # Enter always searches
    assert [q.text for q in searched] == ["dog"]


def test_each_of_two_people_chips_removes_only_its_own_name(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    known = [KnownPerson("n", "Nicole"), KnownPerson("b", "Ben"), KnownPerson("x", "小明"), KnownPerson("y", "小红")]
    bar = SearchBar(lambda text: library.parse(text, known=known, places=False), library.to_syntax)
    qtbot.addWidget(bar)
    bar.show()
    for text, remove, left in [("Nicole and Ben at the beach 2019", "Ben", "Nicole at the beach 2019"),
                               ("Nicole and Ben at the beach 2019", "Nicole", "Ben at the beach 2019"),
                               ("小明和小红的照片", "小红", "小明的照片"), ("小明和小红的照片", "小明", "小红的照片")]:  # fmt: skip
        bar.edit.setText(text)
        bar.parse_now()
        chip = next(c for c in bar.chips() if c.text_button.text().endswith(remove))
        with qtbot.waitSignal(bar.search):
            chip.remove_button.click()
        assert bar.edit.text() == left
        assert remove not in bar.query.people and len(bar.query.people) == 1


def test_stars_labels_and_eves_make_chips_that_remove_their_own_words(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    bar = SearchBar(lambda text: library.parse(text, known=[], places=False), library.to_syntax)
    qtbot.addWidget(bar)
    bar.show()
    bar.edit.setText("my best photos red label sunset Christmas Eve 2021")
    bar.parse_now()
    chips = {c.objectName(): c.text_button.text() for c in bar.chips()}
    eve = f"Date: {date_text(date(2021, 12, 24))} 17:00 – {date_text(date(2021, 12, 25))} 04:00"
    assert chips == {"chip-rating": "Rating: ★★★★ or more", "chip-label": "Label: Red", "chip-date": eve}
    for kind, left in (("rating", "red label sunset Christmas Eve 2021"), ("label", "sunset Christmas Eve 2021")):
        chip = next(c for c in bar.chips() if c.objectName() == f"chip-{kind}")
        with qtbot.waitSignal(bar.search):
            chip.remove_button.click()
        assert bar.edit.text() == left
    assert (bar.query.rating_min, bar.query.label, bar.query.from_hour) == (None, None, 17)
    bar.edit.setText("rejected keyword:Café")
    bar.parse_now()
    assert [c.text_button.text() for c in bar.chips()] == ["Your tag: Café", "Rating: Rejected"]


def test_rating_and_label_chips_in_chinese(qtbot, album_home: Path, chinese) -> None:  # type: ignore[no-untyped-def]
    library = Library(Paths.from_env())
    bar = SearchBar(lambda text: library.parse(text, known=[], places=False), library.to_syntax)
    qtbot.addWidget(bar)
    bar.edit.setText("4星以上 红色标签的照片")
    bar.parse_now()
    assert [c.text_button.text() for c in bar.chips()] == ["评分：★★★★ 及以上", "色标：红色"]


def test_a_whole_year_month_or_day_is_named_as_people_say_it(language: str) -> None:
    """ "photos from 1850" said "Date: 1/1/1850 – 12/31/1850" on its chip and in its empty state."""

    def chip(start: date, end: date) -> str:
        ((_kind, _value, text),) = chips_of(Query(date_from=start, date_to=end))
        return text

    zh = language == "zh_CN"
    assert chip(date(1850, 1, 1), date(1850, 12, 31)) == ("日期：1850年" if zh else "Date: 1850")
    assert chip(date(2023, 6, 1), date(2023, 6, 30)) == ("日期：2023年6月" if zh else "Date: June 2023")
    assert chip(date(2024, 2, 1), date(2024, 2, 29)) == ("日期：2024年2月" if zh else "Date: February 2024")
    day = date_text(date(2023, 6, 10))
    assert chip(date(2023, 6, 10), date(2023, 6, 10)) == ("日期：" if zh else "Date: ") + day
    summer = f"{date_text(date(2023, 6, 1))} – {date_text(date(2023, 8, 31))}"  # a season stays its two ends
    assert chip(date(2023, 6, 1), date(2023, 8, 31)) == ("日期：" if zh else "Date: ") + summer
    assert chip(date(2023, 1, 1), date(2024, 12, 31)).endswith(f"{date_text(date(2024, 12, 31))}")  # two years


def test_a_chip_with_a_face_keeps_the_toolbar_as_tall_as_a_chip_of_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A person's chip with their face (or a similar photo's) grew the toolbar by 14 px and pushed the grid
    down; its picture is now as tall as the chip's text."""
    from PySide6.QtGui import QColor, QPixmap

    from album.gui.styles import style_sheet
    from album.gui.theme import LIGHT
    from album.gui.toolbar import Toolbar

    bar = SearchBar(lambda _text: Query(), lambda _query: "")
    toolbar = Toolbar(bar, justified_available=True)
    toolbar.setStyleSheet(style_sheet(LIGHT))  # the chips' look, as the application's style sheet gives it
    qtbot.addWidget(toolbar)
    toolbar.show()
    face = QPixmap(64, 64)
    face.fill(QColor("peru"))
    heights = {}
    for kind, picture in (("place", None), ("person", face), ("similar", face)):
        bar.show_context(kind, f"{kind.title()}: Nicole", picture)
        qtbot.waitUntil(lambda: all(chip.isVisible() for chip in bar.chips()))  # (a layout shows them queued)
        heights[kind] = toolbar.sizeHint().height()  # what the window's layout gives it
    assert not bar.chips()[0].text_button.icon().isNull()  # the face is shown, only smaller
    assert heights["person"] == heights["similar"] == heights["place"]
