"""The photos page says what it shows (issue 15, items 6, 7, 9), in English and Chinese: searches run on
Enter or on a pause only for a query that says something; a chip's ✕ takes out only its words; an
empty result says what was looked for and what the library holds; a weak match says so; a person or a
"similar to" search shows as a chip that goes back when removed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import tinyclip
from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextDocumentFragment
from shared_data import SHARED_FACES, SHARED_MODELS, needs_face_data

from album.gui.i18n import install_translators

# Lisbon ×3, Porto ×2, Coimbra; four photos of 2019, two of 2020
SPOTS = [(38.7223, -9.1393)] * 3 + [(41.1579, -8.6291)] * 2 + [(40.2033, -8.4103)]


@pytest.fixture(params=["en", "zh_CN"])
def lang(request: pytest.FixtureRequest, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    before = QLocale()
    translators = install_translators(qapp, request.param) if request.param != "en" else []
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def trips(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Trips"
    for i, (lat, lon) in enumerate(SPOTS):
        exif = Exif(taken=datetime(2019 if i < 4 else 2020, 5, 1 + i), lat=lat, lon=lon)
        write_photo(folder / f"IMG_{i}.jpg", exif, image=scene(320, 240, seed=i))
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 6 and window.controller.index_job is None, timeout=60_000)
    qtbot.waitUntil(lambda: window.library.places_loaded and window.controller.search_job is None, timeout=30_000)


def search(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    bar = window.search_bar
    bar.edit.setFocus()
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, text)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.search_job is None, timeout=30_000)


def chip_kinds(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [chip.objectName() for chip in window.search_bar.chips()]


def test_nothing_in_tokyo_says_where_the_photos_are(qtbot, window, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    trips(qtbot, window, tmp_path)
    search(qtbot, window, "in Tokyo")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    assert window.empty_state.isVisible() and not window.grid.isVisible()
    text = window.empty_state.text()
    assert text.index('href="place:Lisbon"') < text.index('href="place:Porto"') < text.index('href="place:Coimbra"')
    assert cjk(text) == (lang == "zh_CN")  # the sentences are in the UI's language
    shown = QTextDocumentFragment.fromHtml(text).toPlainText()  # what the user reads, without the links' targets
    porto = "波图"  # GeoNames' Chinese name, as the chips and the viewer say it
    if lang == "zh_CN":  # every place named in Chinese, as the chip names it: no "没有在Tokyo拍的照片"
        assert "东京" in shown and "里斯本" in shown and porto in shown and "科英布拉" in shown, shown
        assert not any(name in shown for name in ("Tokyo", "Lisbon", "Porto", "Coimbra")), shown
    else:
        assert "Tokyo" in shown and "Lisbon, Porto, Coimbra" in shown, shown
    window.empty_state.linkActivated.emit("place:Porto")  # the user clicks "Porto"
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    assert window.search_bar.edit.text() == (f"在{porto}" if lang == "zh_CN" else "in Porto")
    assert not window.empty_state.isVisible()


def test_the_search_box_completes_place_names_in_both_languages(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    trips(qtbot, window, tmp_path)
    window.controller.refresh_people()  # what the window does after an import: reloads what the box completes
    qtbot.waitUntil(lambda: "里斯本" in window.search_bar.suggestions.stringList(), timeout=10_000)
    assert {"Lisbon", "Porto", "Portugal", "波图", "葡萄牙"} <= set(window.search_bar.suggestions.stringList())


def test_a_year_before_1900_is_a_date_and_the_years_are_suggested(qtbot, window, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    trips(qtbot, window, tmp_path)
    search(qtbot, window, "photos from 1850")
    assert chip_kinds(window) == ["chip-date"]
    qtbot.waitUntil(lambda: window.empty_state.isVisible(), timeout=10_000)
    text = window.empty_state.text()
    assert "1850" in text and text.index('href="year:2019"') < text.index('href="year:2020"')
    assert cjk(text) == (lang == "zh_CN")
    window.empty_state.linkActivated.emit("year:2019")
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=10_000)
    assert window.search_bar.edit.text() == ("photos 2019年" if lang == "zh_CN" else "photos from 2019")


def test_typing_searches_only_what_says_something(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    trips(qtbot, window, tmp_path)
    bar = window.search_bar
    searched: list[object] = []
    bar.search.connect(searched.append)
    bar.edit.setFocus()
    qtbot.keyClicks(bar.edit, "Ni")
    qtbot.wait(1500)  # well past the pause that searches
    assert searched == [] and window.model.rowCount() == 6  # the grid still shows every photo
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "from 2019")  # a whole date phrase: searched on the pause, no Enter
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5_000)
    assert len(searched) == 1


def test_removing_a_chip_keeps_the_users_other_words(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    trips(qtbot, window, tmp_path)
    search(qtbot, window, "in Porto 2019")
    assert chip_kinds(window) == ["chip-date", "chip-place"]
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.search_bar.chips()[0].remove_button.click()  # the date
    assert window.search_bar.edit.text() == "in Porto"  # not "near:Porto"
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)


def test_weak_matches_and_similar_photos_say_so(qtbot, models_dir: Path, window, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    tinyclip.write_photos(tmp_path / "shapes", per_class=2)
    window.import_paths([str(tmp_path / "shapes")])
    qtbot.waitUntil(lambda: window.model.rowCount() == 24 and window.controller.index_job is None, timeout=120_000)
    search(qtbot, window, "xqzvbnm flurb")
    assert window.weak_notice.isVisible() and "xqzvbnm flurb" in window.weak_notice.text()
    assert cjk(window.weak_notice.text()) == (lang == "zh_CN")
    search(qtbot, window, "red circle")
    qtbot.waitUntil(lambda: not window.weak_notice.isVisible(), timeout=10_000)
    shown = window.model.rowCount()

    window.grid.setCurrentIndex(window.model.index(0))
    photo = window.model.hits[0].photo
    next(a for a in window.grid.actions() if a.shortcut().toString() == "Ctrl+Shift+S").trigger()
    (chip,) = window.search_bar.chips()
    assert chip.objectName() == "chip-similar" and Path(photo.path).name in chip.text_button.text()
    assert not chip.text_button.icon().isNull()  # the photo's thumbnail
    assert window.search_bar.edit.text() == ""
    qtbot.waitUntil(lambda: window.controller.search_job is None and window.model.hits[0].photo.path == photo.path,
                    timeout=10_000)  # fmt: skip
    chip.remove_button.click()  # back to what was searched before
    assert window.search_bar.edit.text() == "red circle" and chip_kinds(window) == []
    qtbot.waitUntil(lambda: window.controller.search_job is None and window.model.rowCount() == shown, timeout=10_000)


@needs_face_data
def test_opening_a_person_shows_their_chip_not_the_last_query(qtbot, tmp_path: Path, album_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ALBUM_MODELS_DIR", str(SHARED_MODELS))
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    folder = tmp_path / "Photos"
    folder.mkdir()
    for photo in sorted((SHARED_FACES / "people" / "Nicole_Kidman").iterdir())[:6]:
        shutil.copy(photo, folder / photo.name)
    win = MainWindow(Paths.from_env())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.library is not None, timeout=30_000)
    win.import_paths([str(folder)])
    qtbot.waitUntil(lambda: win.controller.last_report is not None, timeout=180_000)
    qtbot.waitUntil(lambda: len(win.people_view.people) > 0, timeout=10_000)
    person = max(win.people_view.people, key=lambda p: p.photo_count)
    win.controller.name_person(person.id, "Nicole")  # as from People's "Name…"
    qtbot.waitUntil(lambda: any(p.name == "Nicole" for p in win.people_view.people), timeout=10_000)
    search(qtbot, win, "in Tokyo")
    assert chip_kinds(win) == ["chip-place"]
    win.people_view.open_person.emit(person.id)  # double-click in People
    assert chip_kinds(win) == ["chip-person"] and "Nicole" in win.search_bar.chips()[0].text_button.text()
    assert win.search_bar.edit.text() == ""  # not "in Tokyo" over Nicole's photos
    qtbot.waitUntil(lambda: win.model.rowCount() == person.photo_count, timeout=10_000)
    win.search_bar.chips()[0].remove_button.click()
    assert win.search_bar.edit.text() == "in Tokyo" and chip_kinds(win) == ["chip-place"]
    qtbot.waitUntil(lambda: win.model.rowCount() == 0 and win.empty_state.isVisible(), timeout=10_000)
    win.close()


def test_an_empty_result_lists_what_the_library_holds_without_a_false_ellipsis(lang: str) -> None:
    """ "Your photos were taken in: 2024, 2026, 2023, 2018, 2010…" listed every year and still said there
    were more; the Chinese lines had a space after their colon ("年份：  2024")."""
    from datetime import date

    from album.core.library import Query
    from album.core.records import LibraryOverview
    from album.gui.search_states import empty_html

    def shown(years: tuple[int, ...], people: tuple[str, ...]) -> str:
        query = Query(people=("Keanu",), date_from=date(1850, 1, 1), date_to=date(1850, 12, 31))
        overview = LibraryOverview(years=years, people=people, photos=100)
        return QTextDocumentFragment.fromHtml(empty_html(query, overview)).toPlainText()

    comma = "、" if lang == "zh_CN" else ", "
    few = shown((2024, 2023), ("Hugo", "Nicole"))
    assert f"2024{comma}2023\n" in few + "\n" and f"Hugo{comma}Nicole\n" in few + "\n"  # all of them: no "…"
    many = shown(tuple(range(2020, 2020 - LibraryOverview.LIMIT, -1)), tuple("ABCDEF"))
    assert f"{2021 - LibraryOverview.LIMIT}…" in many and "F…" in many  # the library may hold more
    assert ("： " in few) is False and ("：2024" in few) == (lang == "zh_CN")
