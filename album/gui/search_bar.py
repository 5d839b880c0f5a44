"""The search box: typed text is understood as you type and shown as removable chips."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from album.core.places import Gazetteer
from album.core.query import KnownPerson, Query, parse_query, to_syntax

PARSE_DELAY_MS = 250  # debounce: parse when typing pauses
SEARCH_DELAY_MS = 600


def chips_of(query: Query) -> list[tuple[str, str, str]]:
    """(kind, value, label) for every understood part of a query, in the order the bar shows them."""

    def label(kind: str, value: str) -> str:
        names = {
            "person": QCoreApplication.translate("SearchBar", "Person: {}"),
            "date": QCoreApplication.translate("SearchBar", "Date: {}"),
            "place": QCoreApplication.translate("SearchBar", "Place: {}"),
            "camera": QCoreApplication.translate("SearchBar", "Camera: {}"),
            "tag": QCoreApplication.translate("SearchBar", "Tag: {}"),
            "exclude": QCoreApplication.translate("SearchBar", "Not: {}"),
        }
        return names[kind].format(value)

    chips = [("person", p) for p in query.people]
    if query.date_from or query.date_to:
        chips.append(("date", f"{query.date_from or '…'} – {query.date_to or '…'}"))
    if query.place is not None:
        name = query.place.name or query.place.country or f"{query.place.lat:.3f}, {query.place.lon:.3f}"
        radius = f" ({query.place.radius_km:g} km)" if query.place.radius_km and not query.place.country else ""
        chips.append(("place", f"{name}{radius}"))
    if query.camera:
        chips.append(("camera", query.camera))
    chips += [("tag", t) for t in query.tags]
    chips += [("exclude", x) for x in query.exclude]
    return [(kind, value, label(kind, value)) for kind, value in chips]


class SearchBar(QWidget):
    """A line edit plus a row of chips.

    Signals:
        search(Query): the user pressed Enter or paused typing.
    """

    search = Signal(object)

    def __init__(self, gazetteer: Gazetteer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gazetteer = gazetteer
        self.places_ready = False
        self.known_people: list[KnownPerson] = []
        self.library_center: tuple[float, float] | None = None
        self.query = Query()
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            self.tr("Search: “Anna at the beach in summer 2023”, “有小狗的照片”, or drop a photo here")
        )
        self.edit.setClearButtonEnabled(True)
        self.chip_row = QHBoxLayout()
        self.chip_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addLayout(self.chip_row)
        self._parse_timer = QTimer(self, singleShot=True, interval=PARSE_DELAY_MS)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._parse_timer.timeout.connect(self.parse_now)
        self._search_timer.timeout.connect(self._emit_search)
        self.edit.textEdited.connect(self._typed)
        self.edit.returnPressed.connect(self._enter)

    def _typed(self) -> None:
        self._parse_timer.start()
        self._search_timer.start()

    def _enter(self) -> None:
        self._search_timer.stop()
        self.parse_now()
        self._emit_search()

    def parse_now(self) -> Query:
        """Parse the text (fast: well under a millisecond) and redraw the chips."""
        self.query = parse_query(self.edit.text(), self.known_people,
                                 gazetteer=self.gazetteer if self.places_ready else None,
                                 library_center=self.library_center)  # fmt: skip
        self._show_chips()
        return self.query

    def _emit_search(self) -> None:
        self.search.emit(self.query)

    def chips(self) -> list[QPushButton]:
        items = (self.chip_row.itemAt(i) for i in range(self.chip_row.count() - 1))  # the last is the stretch
        return [w for item in items if item is not None and isinstance(w := item.widget(), QPushButton)]

    def _show_chips(self) -> None:
        for chip in self.chips():
            chip.deleteLater()
            self.chip_row.removeWidget(chip)
        for kind, value, label in chips_of(self.query):
            chip = QPushButton(f"{label}  ✕", self)
            chip.setObjectName(f"chip-{kind}")
            chip.setFlat(True)
            chip.setStyleSheet("QPushButton { border: 1px solid #9ab; border-radius: 10px; padding: 2px 8px; "
                               "background: #eef4fb; }")  # fmt: skip
            chip.setToolTip(self.tr("Remove this filter"))
            chip.clicked.connect(lambda _checked=False, k=kind, v=value: self._remove(k, v))
            self.chip_row.insertWidget(self.chip_row.count() - 1, chip)

    def _remove(self, kind: str, name: str) -> None:
        """Drop one chip: rewrite the text in explicit syntax without that part."""
        q = self.query
        if kind == "person":
            keep = [i for i, p in enumerate(q.people) if p != name]
            q = dataclasses.replace(q, people=tuple(q.people[i] for i in keep),
                                    person_ids=tuple(p for i, p in enumerate(q.person_ids) if i in keep))  # fmt: skip
        elif kind == "date":
            q = dataclasses.replace(q, date_from=None, date_to=None)
        elif kind == "place":
            q = dataclasses.replace(q, place=None)
        elif kind == "camera":
            q = dataclasses.replace(q, camera=None)
        elif kind == "tag":
            q = dataclasses.replace(q, tags=tuple(t for t in q.tags if t != name))
        elif kind == "exclude":
            q = dataclasses.replace(q, exclude=tuple(x for x in q.exclude if x != name), exclude_tags=(),
                                    exclude_person_ids=())  # fmt: skip
        self.edit.setText(to_syntax(q))
        self.parse_now()
        self._emit_search()
