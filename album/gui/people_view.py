"""People: a grid of face clusters (named first) to name, merge and hide — the GUI of album.core.people."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QSize,  # fmt: skip
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.core.library import PeopleAction
from album.core.records import Face, Person
from album.gui.modal import ask
from album.gui.name_dialog import ask_person_name

PersonIdRole = Qt.ItemDataRole.UserRole + 1  # a person's id, or a face's id in FaceReview


def edit_name(action: PeopleAction) -> str:
    """A people edit as Edit ▸ Undo names it ("Undo Merge People")."""
    translate = QCoreApplication.translate
    names = {
        PeopleAction.NAME: translate("PeopleView", "Name Person"),
        PeopleAction.NAME_FACE: translate("PeopleView", "Name Face"),
        PeopleAction.MERGE: translate("PeopleView", "Merge People"),
        PeopleAction.HIDE: translate("PeopleView", "Hide"),
        PeopleAction.NOT_THIS_PERSON: translate("PeopleView", "Not This Person"),
        PeopleAction.ME: translate("PeopleView", "This Is Me"),
        PeopleAction.MOVE: translate("PeopleView", "Move Faces"),
    }
    return names[action]


def merge_target(people: Sequence[Person]) -> Person:
    """Whom a merge keeps: a named person before an unnamed one, then the one with the most faces."""
    return min(people, key=lambda p: (p.name is None, -p.face_count))


def merge_question(parent: QWidget, target: Person, others: Sequence[Person]) -> QMessageBox:
    """The "Merge … people?" question (a function of its own so screenshots can show it unanswered)."""
    translate = QCoreApplication.translate
    unnamed = translate("PeopleView", "Unnamed")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("PeopleView", "Merge People"))
    # a merge is always of two or more, so no plural forms are needed (lupdate reads none from translate())
    question = translate("PeopleView", "Merge {count} people into “{name}”?")
    box.setText(question.format(count=len(others) + 1, name=target.name or unnamed))
    details = [translate("PeopleView", "Their faces will all be one person.")]
    dropped = sorted({p.name for p in others if p.name and p.name != target.name}, key=str.casefold)
    if dropped:
        dropped_text = translate("PeopleView", "These names will no longer be used: {names}.")
        details.append(dropped_text.format(names=", ".join(dropped)))
    details.append(translate("PeopleView", "You can undo this with Edit ▸ Undo."))
    box.setInformativeText("\n".join(details))
    # the default box is narrow enough to break short lines; only its text labels widen, not its icon
    box.setStyleSheet("#qt_msgbox_label, #qt_msgbox_informativelabel { min-width: 340px; }")
    box.addButton(translate("PeopleView", "Merge"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    return box


def confirm_merge(parent: QWidget, target: Person, others: Sequence[Person]) -> bool:
    return ask(merge_question(parent, target, others),
               lambda box: box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole)


COVER = 112  # a person's cover face, in pixels
CELL = QSize(150, 172)  # a person's place in the grid: the cover, two lines of caption, the gaps
TOP_GAP = 12  # above each cover: the first row keeps off the page's top edge


class PersonDelegate(QStyledItemDelegate):
    """Draws a person as their cover with a two-line caption (name, photo count) on fixed baselines.

    Qt's own delegate lays each caption line out at the height of the fonts in it, so a caption in a
    taller fallback font (the Chinese "未命名" of unnamed people beside a Latin "Anna") sat 2 px lower
    than its neighbours; here every caption's lines start at the same baselines."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(CELL.width() - 8, CELL.height() - 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        rect = option.rect
        icon: QIcon = option.icon  # type: ignore[attr-defined]
        if not icon.isNull():
            icon.paint(painter, rect.x() + (rect.width() - COVER) // 2, rect.y() + TOP_GAP, COVER, COVER)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))  # type: ignore[attr-defined]
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        line = metrics.boundingRect("Ag 未命名").height()  # as tall as a line in Latin or Chinese
        baseline = rect.y() + TOP_GAP + COVER + 4 + metrics.ascent()
        lines = str(option.text).replace("\u2028", "\n").split("\n")  # type: ignore[attr-defined]  # (Qt's line separator)
        for text in lines[:2]:
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 4)
            painter.drawText(QPointF(rect.x() + (rect.width() - metrics.horizontalAdvance(shown)) / 2, baseline), shown)
            baseline += line
        painter.restore()


class PeopleView(QListWidget):
    """Shows people with their cover face; edits are signals the controller turns into library calls.

    The order is the core's (:func:`album.core.people.people_order`: named people by name, then
    unnamed ones by size), and a refresh keeps the selection and the scroll position, so the person
    under the pointer stays there after an edit elsewhere.

    Signals:
        open_person(str): show this person's photos.
        review_faces(str): show this person's faces, to take out the ones that are someone else.
        name_person(str, str): the user named a person (id, name).
        merge_people(str, list): merge the people of the list into the first one (target id, other ids);
            asked and confirmed first.
        hide_people(list): hide these people.
        set_me(str): this person is the user.

    Attributes:
        ask_name: ``(parent, title, current, names) → name or None`` (tests pass an answer).
        confirm: ``(parent, target, others) → bool``, asked before a merge (tests pass an answer).
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
        self.ask_name: Callable[[QWidget, str, str, Sequence[str]], str | None] = ask_person_name
        self.confirm: Callable[[QWidget, Person, Sequence[Person]], bool] = confirm_merge
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(COVER, COVER))
        self.setGridSize(CELL)
        self.setItemDelegate(PersonDelegate(self))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemDoubleClicked.connect(lambda item: self.open_person.emit(item.data(PersonIdRole)))

    def show_people(self, people: list[Person]) -> None:
        """Show ``people`` (with ``cover_thumb``: ``Library.people(with_covers=True)``), keeping the
        selection, the current person and the scroll position."""
        selected = set(self.selected_ids())
        current = self.currentItem().data(PersonIdRole) if self.currentItem() is not None else None
        scroll = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        try:
            self.clear()
            self.people = people
            for person in people:
                name = person.name or self.tr("Unnamed")
                item = QListWidgetItem(self.tr("{name}\n%Ln photo(s)", "", person.photo_count).format(name=name))
                image = QImage.fromData(person.cover_thumb or b"")
                if not image.isNull():
                    item.setIcon(QPixmap.fromImage(image))
                item.setData(PersonIdRole, person.id)
                item.setToolTip(self.tr("Double-click to see this person's photos") if person.name else
                                self.tr("Double-click to see this person's photos; right-click ▸ Name… to name them"))
                item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
                self.addItem(item)
                if person.id == current:
                    self.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
                item.setSelected(person.id in selected)
            self.doItemsLayout()  # lay out now, so the scroll bar has its range back before it is restored
            self.verticalScrollBar().setValue(scroll)
        finally:
            self.setUpdatesEnabled(True)

    def selected_ids(self) -> list[str]:
        """The selected people, in the grid's order."""
        chosen = {item.data(PersonIdRole) for item in self.selectedItems()}
        return [p.id for p in self.people if p.id in chosen]

    def _menu(self, position: QPoint) -> None:
        menu = self.context_menu(self.selected_ids())
        if menu is not None:
            menu.exec(self.mapToGlobal(position))

    def context_menu(self, ids: list[str]) -> QMenu | None:
        """The actions for the selected people (``ids``), or None when nothing is selected. Each is
        enabled only where it means something: naming, faces and "me" for one person, merging for two
        or more."""
        if not ids:
            return None
        menu = QMenu(self)
        one = len(ids) == 1
        for text, act, enabled in (
            (self.tr("Name…"), lambda: self._name(ids[0]), one),
            (self.tr("Show Faces…"), lambda: self.review_faces.emit(ids[0]), one),
            (self.tr("Merge %n People…", "", len(ids)), lambda: self._merge(ids), len(ids) > 1),
            (self.tr("This Is Me"), lambda: self.set_me.emit(ids[0]), one),
            (self.tr("Hide"), lambda: self.hide_people.emit(ids), True),
        ):
            menu.addAction(text, act).setEnabled(enabled)
        return menu

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def _name(self, person_id: str) -> None:
        person = self.person(person_id)
        current = person.name or "" if person else ""
        title = self.tr("Rename Person") if current else self.tr("Name Person")
        names = [p.name for p in self.people if p.name]
        name = self.ask_name(self, title, current, names)
        if name:
            self.name_person.emit(person_id, name)

    def _merge(self, ids: list[str]) -> None:
        people = [p for p in (self.person(i) for i in ids) if p is not None]
        if len(people) < 2:
            return
        target = merge_target(people)
        others = [p for p in people if p.id != target.id]
        if self.confirm(self, target, others):
            self.merge_people.emit(target.id, [p.id for p in others])


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
        self.faces.setObjectName("face-review-faces")  # a chosen face framed in the accent (Qt's own mark: a 2 px line)
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
            item.setToolTip(self.tr("distance from this person's typical face: {d}").format(d=f"{distance:.2f}"))
            self.faces.addItem(item)

    def selected_ids(self) -> list[str]:
        return [item.data(PersonIdRole) for item in self.faces.selectedItems()]
