"""The People page: the people grid, and a line under it that says how to name someone and see their photos.

Nothing on the page said that naming is in the context menu or that a double-click opens a person's photos
(the person pass of issue 15). The line shows while someone is still unnamed — the moment it is needed —
and each face's tooltip says the same where the pointer is.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from album.core.records import Person
from album.gui.people_view import PeopleView


class PeoplePage(QWidget):
    """``view`` (the grid, with the page's signals) above ``hint``, shown while someone is unnamed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PeopleView()
        self.hint = QLabel()
        self.hint.setObjectName("people-hint")  # muted, as secondary text: album.gui.styles
        self.hint.setWordWrap(True)
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.view)  # the page, chosen in the sidebar, gives the keys to the grid
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("To name someone, right-click their face and choose Name…; double-click a "
                                  "face to see that person's photos."))  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_people(self, people: Sequence[Person]) -> None:
        """Show ``people`` in the grid (see :meth:`PeopleView.show_people`); the hint while any is unnamed."""
        self.view.show_people(list(people))
        self.hint.setVisible(any(p.name is None for p in people))
