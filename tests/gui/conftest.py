"""GUI test fixtures: offscreen Qt, an isolated library, and a check that no QThread is left running."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def window(qtbot, album_home: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The real main window on an empty library, closed (and its threads joined) after the test."""
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    win = MainWindow(Paths.from_env())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.library is not None, timeout=30_000)
    yield win
    win.close()
    assert not win.controller.jobs, "a background job outlived the window"
    for child in win.findChildren(object):
        if child.__class__.__name__ == "QThread":
            assert not child.isRunning(), "a QThread is still running after close"


@contextmanager
def ui_language(qapp, language: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """album's translators and the default locale of ``language``, restored afterwards."""
    from PySide6.QtCore import QLocale

    from album.gui.i18n import install_translators

    before = QLocale()
    translators = install_translators(qapp, language)
    try:
        yield language
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Run the test in English and in Chinese."""
    with ui_language(qapp, request.param) as language:
        yield language


@pytest.fixture
def chinese(qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Run the test in Chinese only."""
    with ui_language(qapp, "zh_CN") as language:
        yield language


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp) -> None:  # type: ignore[no-untyped-def]
    """What the app installs at start (``album.gui.app.main``): album's English plural forms ("1 photo",
    "5 photos" for the source's "%Ln photo(s)"); the tests' locale stays as it was."""
    from PySide6.QtCore import QLocale

    from album.gui.i18n import install_translators

    before = QLocale()
    install_translators(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture(scope="session", autouse=True)
def collector_on_the_gui_thread(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """What the app installs at start (``album.gui.app.main``): cycles are collected on the GUI thread only.
    Without it, a worker's allocation could free an earlier test's window in that worker."""
    from album.gui.collector import GuiCollector

    collector = GuiCollector(qapp)
    yield
    collector.stop()


@pytest.fixture
def english_after() -> Iterator[None]:
    """For a test that switches the language: the app is in English again afterwards (translators and
    the default locale are process-wide)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from album.gui.i18n import switch_language

    before = QLocale()
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        switch_language(app, "en")
    QLocale.setDefault(before)
