"""The Places page: the map of the photos' places, and the list of their names, as two tabs."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from album.gui.map_view import MapView
from album.gui.places_view import PlacesView


class PlacesPage(QTabWidget):
    """Map | List. The map is shown first: where photos were taken is what a map says at a glance."""

    def __init__(self, map_view: MapView, list_view: PlacesView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("places-page")
        self.setDocumentMode(True)
        self.map_view, self.list_view = map_view, list_view
        self.addTab(map_view, "")
        self.addTab(list_view, "")
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(self.indexOf(self.map_view), self.tr("Map"))
        self.setTabText(self.indexOf(self.list_view), self.tr("List"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
