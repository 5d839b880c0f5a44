"""GUI test fixtures: offscreen Qt, an isolated library, and a check that no QThread is left running."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
