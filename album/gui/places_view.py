"""Places: the towns the library's photos were taken in, commonest first; Enter or a double click shows their photos."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from album.gui.icons import icon

PLACES_SHOWN = 200  # the commonest places; a search finds the others


class PlacesView(QListWidget):
    """A list of place names, shown in the UI's language; Enter or a double click opens one.

    Signals:
        open_place(str): a place's stored (English) name, to search for its photos.
    """

    open_place = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("places")
        self.setIconSize(QSize(20, 20))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.itemActivated.connect(lambda item: self.open_place.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.places: list[str] = []

    def show_places(self, places: Sequence[tuple[str, str]]) -> None:
        """``places``: (stored name, name in the UI's language), commonest first."""
        self.clear()
        self.places = [stored for stored, _shown in places]
        for stored, shown in places:
            item = QListWidgetItem(icon("map-pin"), shown)
            item.setData(Qt.ItemDataRole.UserRole, stored)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def refresh_icons(self) -> None:
        """Draw the icons in the theme's colours again (after a theme switch)."""
        for row in range(self.count()):
            self.item(row).setIcon(icon("map-pin"))
