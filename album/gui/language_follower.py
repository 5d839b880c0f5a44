"""Open dialogs follow a language switch at once, not only when they are opened again.

A switch (:func:`album.gui.i18n.switch_language`) removes and installs several translators, and Qt sends
every widget one ``LanguageChange`` event for each; a dialog's texts are set again once, after the last.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


class LanguageFollower(QObject):
    """Calls ``retranslate`` once after a language switch reaches ``widget`` (an event filter on it)."""

    def __init__(self, widget: QWidget, retranslate: Callable[[], None]) -> None:
        super().__init__(widget)
        self._retranslate = retranslate
        self._pending = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        self._pending = False
        self._retranslate()


class LiveTexts:
    """The texts of a dialog's lasting labels and buttons, each kept as the function that says it in the
    current language (``lambda: self.tr("…")``, which lupdate still finds), to be said again after a switch."""

    def __init__(self) -> None:
        self._texts: dict[QLabel | QAbstractButton, Callable[[], str]] = {}

    def set(self, widget: QLabel | QAbstractButton, text: Callable[[], str]) -> None:
        self._texts[widget] = text
        widget.setText(text())

    def retranslate(self) -> None:
        for widget, text in self._texts.items():
            widget.setText(text())
