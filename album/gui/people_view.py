"""People: a grid of face clusters (named first) to name, merge and hide — the GUI of album.core.people."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QInputDialog, QListView, QListWidget, QListWidgetItem, QMenu, QWidget

from album.core.people import Person

PersonIdRole = Qt.ItemDataRole.UserRole + 1


class PeopleView(QListWidget):
    """Shows people with their cover face; edits go through ``act`` (which runs them in a worker).

    Signals:
        open_person(str): show this person's photos.
    """

    open_person = Signal(str)

    def __init__(self, act: Callable[[str, list[str], str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.act = act
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(112, 112))
        self.setGridSize(QSize(150, 160))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemDoubleClicked.connect(lambda item: self.open_person.emit(item.data(PersonIdRole)))

    def show_people(self, people: list[Person], covers: dict[str, bytes]) -> None:
        self.clear()
        for person in people:
            label = self.tr("{name}\n{count} photos").format(name=person.name or self.tr("Unnamed"),
                                                              count=person.photo_count)  # fmt: skip
            item = QListWidgetItem(label)
            image = QImage.fromData(covers.get(person.cover_face_id or "", b""))
            if not image.isNull():
                item.setIcon(QPixmap.fromImage(image))
            item.setData(PersonIdRole, person.id)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)

    def selected_ids(self) -> list[str]:
        return [item.data(PersonIdRole) for item in self.selectedItems()]

    def _menu(self, position: object) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Name…"), lambda: self._name(ids[0]))
        if len(ids) > 1:
            menu.addAction(self.tr("Merge {count} people").format(count=len(ids)), lambda: self.act("merge", ids, ""))
        menu.addAction(self.tr("This is me"), lambda: self.act("me", ids[:1], ""))
        menu.addAction(self.tr("Hide"), lambda: self.act("hide", ids, ""))
        menu.exec(self.mapToGlobal(position))  # type: ignore[arg-type]

    def _name(self, person_id: str) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Name this person"), self.tr("Name:"))
        if ok and name.strip():
            self.act("name", [person_id], name.strip())
