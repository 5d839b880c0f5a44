"""People: a grid of face clusters (named first) to name, merge and hide — the GUI of album.core.people."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.core.records import Face, Person

PersonIdRole = Qt.ItemDataRole.UserRole + 1  # a person's id, or a face's id in FaceReview


class PeopleView(QListWidget):
    """Shows people with their cover face; edits are signals the controller turns into library calls.

    Signals:
        open_person(str): show this person's photos.
        review_faces(str): show this person's faces, to take out the ones that are someone else.
        name_person(str, str): the user named a person (id, name).
        merge_people(str, list): merge the people of the list into the first one (target id, other ids).
        hide_people(list): hide these people.
        set_me(str): this person is the user.
    """

    open_person = Signal(str)
    review_faces = Signal(str)
    name_person = Signal(str, str)
    merge_people = Signal(str, list)
    hide_people = Signal(list)
    set_me = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[Person] = []
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(112, 112))
        self.setGridSize(QSize(150, 160))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemDoubleClicked.connect(lambda item: self.open_person.emit(item.data(PersonIdRole)))

    def show_people(self, people: list[Person]) -> None:
        """Show ``people`` (with ``cover_thumb``: ``Library.people(with_covers=True)``)."""
        self.clear()
        self.people = people
        for person in people:
            name = person.name or self.tr("Unnamed")
            label = self.tr("{name}\n%Ln photo(s)", "", person.photo_count).format(name=name)
            item = QListWidgetItem(label)
            image = QImage.fromData(person.cover_thumb or b"")
            if not image.isNull():
                item.setIcon(QPixmap.fromImage(image))
            item.setData(PersonIdRole, person.id)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)

    def selected_ids(self) -> list[str]:
        return [item.data(PersonIdRole) for item in self.selectedItems()]

    def _menu(self, position: QPoint) -> None:
        menu = self.context_menu(self.selected_ids())
        if menu is not None:
            menu.exec(self.mapToGlobal(position))

    def context_menu(self, ids: list[str]) -> QMenu | None:
        """The actions for the selected people (``ids``), or None when nothing is selected."""
        if not ids:
            return None
        menu = QMenu(self)
        menu.addAction(self.tr("Name…"), lambda: self._name(ids[0]))
        menu.addAction(self.tr("Show Faces…"), lambda: self.review_faces.emit(ids[0]))
        if len(ids) > 1:
            merge = self.tr("Merge {count} people").format(count=len(ids))
            menu.addAction(merge, lambda: self.merge_people.emit(ids[0], ids[1:]))
        menu.addAction(self.tr("This is me"), lambda: self.set_me.emit(ids[0]))
        menu.addAction(self.tr("Hide"), lambda: self.hide_people.emit(ids))
        return menu

    def _name(self, person_id: str) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Name this person"), self.tr("Name:"))
        if ok and name.strip():
            self.name_person.emit(person_id, name.strip())


class FaceReview(QDialog):
    """One person's faces, least like the others first; select the wrong ones and say "Not this person".

    ``reject(face_ids)`` runs the correction (in a worker) and calls :meth:`show_faces` again when done.
    """

    def __init__(
        self, title: str, person_id: str, reject: Callable[[list[str]], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.person_id = person_id
        self.setWindowTitle(title)
        self.resize(760, 520)
        self.faces = QListWidget()
        self.faces.setViewMode(QListView.ViewMode.IconMode)
        self.faces.setIconSize(QSize(96, 96))
        self.faces.setGridSize(QSize(112, 112))
        self.faces.setResizeMode(QListView.ResizeMode.Adjust)
        self.faces.setMovement(QListView.Movement.Static)
        self.faces.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        hint = QLabel(self.tr("Faces that look least like the others come first. Select the ones that are "
                              "someone else."))  # fmt: skip
        hint.setWordWrap(True)
        self.reject_button = QPushButton(self.tr("Not This Person"))
        self.reject_button.setEnabled(False)
        self.reject_button.clicked.connect(lambda: reject(self.selected_ids()))
        self.faces.itemSelectionChanged.connect(lambda: self.reject_button.setEnabled(bool(self.selected_ids())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.reject_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.faces, 1)
        layout.addWidget(buttons)

    def show_faces(self, faces: Sequence[tuple[Face, float]]) -> None:
        """Show a person's faces (with ``thumb``) and their distances: ``Library.faces_for_review``."""
        self.faces.clear()
        for face, distance in faces:
            item = QListWidgetItem()
            image = QImage.fromData(face.thumb or b"")
            if not image.isNull():
                item.setIcon(QPixmap.fromImage(image))
            item.setData(PersonIdRole, face.id)
            item.setToolTip(self.tr("distance from this person's average face: {d}").format(d=f"{distance:.2f}"))
            self.faces.addItem(item)

    def selected_ids(self) -> list[str]:
        return [item.data(PersonIdRole) for item in self.faces.selectedItems()]
