"""The one dialog that asks who a person or a face is: pre-filled, completing the names the library knows.

Used by the people view (Name…) and the viewer (a click on a face), so both complete the same names and
a typo does not start a second "Keanu".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from album.gui.language_follower import LanguageFollower
from album.gui.modal import accepted, ask

MIN_WIDTH = 380  # wide enough for the title in English and Chinese (a narrow one was cut to "Name … erson")


class NameDialog(QDialog):
    """Asks for a person's name; ``edit`` starts with ``current`` selected and completes ``names``.

    ``title``: the window title, or a function giving it in the current language (then it follows a
    language switch while the dialog is open, as its other texts do)."""

    def __init__(
        self, title: str | Callable[[], str], current: str = "", names: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._title = title
        self.setMinimumWidth(MIN_WIDTH)
        self.edit = QLineEdit(current)
        self.edit.selectAll()
        self.completer = QCompleter(sorted(set(names), key=str.casefold), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "kid" finds "Nicole Kidman"
        self.edit.setCompleter(self.completer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(current.strip()))
        self.label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.retranslate()
        LanguageFollower(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the current language (the buttons' are Qt's own: they follow by themselves)."""
        self.setWindowTitle(self._title if isinstance(self._title, str) else self._title())
        self.edit.setPlaceholderText(self.tr("Name"))
        self.label.setText(self.tr("Name:"))

    def name(self) -> str:
        return self.edit.text().strip()


def ask_person_name(
    parent: QWidget, title: str | Callable[[], str], current: str = "", names: Sequence[str] = ()
) -> str | None:
    """The name the user typed, or None if they cancelled (or left it as it was)."""
    typed = ask(NameDialog(title, current, names, parent), lambda d: d.name() if accepted(d) else "")
    return typed if typed and typed != current.strip() else None
