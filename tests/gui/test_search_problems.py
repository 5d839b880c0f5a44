"""A search that cannot mean anything gets a sentence under the search bar, in the UI's language, and is
not searched for (issue: trust, item 5); the CLI keeps the core's English sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from album.core.library import InvalidQuery, Library, Paths, PlaceFilter, Query, QueryProblem
from album.gui.search_bar import problem_text


def refusal(call) -> InvalidQuery:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidQuery) as caught:
        call()
    return caught.value


def every_refusal(library: Library) -> list[InvalidQuery]:
    """Each kind of query the library refuses, provoked for real through the library door."""
    near = PlaceFilter("x", 38.7, -9.1, 25.0)
    return [
        refusal(lambda: library.search(Query(place=PlaceFilter("Lisbon", 38.7, -9.1, float("nan"))))),
        refusal(lambda: library.search(Query(place=PlaceFilter("x", 91.0, 0.0, 5.0)))),
        refusal(lambda: library.check(Query(place=PlaceFilter("x", 0.0, 181.0, 5.0)))),
        refusal(lambda: library.search(Query(date_from=date(1700, 1, 1), place=near))),
        refusal(lambda: library.parse("x" * 100_000)),
        refusal(lambda: library.search(Query(people=("",)))),
        refusal(lambda: library.parse("caf\udce9")),  # a Latin-1 argument, as Python decodes it
        refusal(lambda: library.search(Query(), limit=0)),
        refusal(lambda: library.search(Query(rating_min=6))),
    ]


def test_every_refusal_has_a_reason_and_a_chinese_sentence(chinese, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    refusals = every_refusal(Library(Paths.from_env()))
    assert [r.problem for r in refusals] == list(QueryProblem)  # every reason the core gives, provoked
    english = [str(r) for r in refusals]
    assert english[0] == "a distance must be a number of km between 0 and 20,040"  # what the CLI prints
    assert english[3] == "dates must be between 1826 and 2200, not 1700"
    chinese_text = [problem_text(r) for r in refusals]
    assert chinese_text[0] == "距离必须是 0 到 20,040 之间的公里数。"
    assert chinese_text[3] == "日期必须在 1826 年到 2200 年之间，而不是 1700 年。"
    assert chinese_text[4] == "搜索内容最多 2,000 个字符。"
    for text in chinese_text:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text  # translated, not the English fallback


def test_the_search_bar_says_what_is_wrong_in_chinese(qtbot, chinese, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    from album.gui.main_window import MainWindow

    window = MainWindow(Paths.from_env())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library is not None and window.controller.search_job is None, timeout=30_000)
    bar = window.search_bar
    assert bar.problem_label.isHidden()
    searched: list[Query] = []
    bar.search.connect(searched.append)

    bar.edit.setText("near:Lisbon km:nan")
    bar.edit.returnPressed.emit()
    assert not bar.problem_label.isHidden()
    assert bar.problem_label.text() == "距离必须是 0 到 20,040 之间的公里数。"
    assert [c.objectName() for c in bar.chips()] == ["chip-place"]  # the wrong part stays, to edit or remove
    assert searched == [] and window.controller.search_job is None  # nothing searched, nothing failed
    assert "出错" not in window.status.text()

    bar.edit.setText('person:""')
    bar.edit.returnPressed.emit()
    assert bar.problem_label.text() == "人名不能为空。" and searched == []

    bar.edit.setText("near:Lisbon km:5")
    bar.edit.returnPressed.emit()
    assert bar.problem_label.isHidden() and len(searched) == 1
    assert searched[0].place is not None and searched[0].place.radius_km == 5
    window.close()
