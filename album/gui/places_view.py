"""Places: the library's countries ▸ states or provinces ▸ towns, each with its photo count, commonest first;
a click (or Enter) on any of them shows its photos, searched as the search bar would with its place chip.

A self-contained widget (a tree view on a model, the tree read in a worker by the window) so it can sit in
a tab next to another view of the same places.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from album.core.records import PlaceNode
from album.gui.icons import icon

SearchRole = Qt.ItemDataRole.UserRole + 1  # a row's explicit search syntax: in:"Zhejiang, China"
_ICONS = {"country": "globe", "region": "map", "town": "map-pin"}


class PlacesView(QWidget):
    """The place tree, names in the UI's language.

    Signals:
        open_place(str): the explicit search syntax that finds a place's photos (``in:"Portugal"``).
    """

    open_place = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("places")
        self.model = QStandardItemModel(0, 2, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("places-tree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(20, 20))
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(False)  # a click opens the place; the arrow (or → ←) folds it
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self._open)
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.setFocusProxy(self.tree)

    def show_places(self, tree: Sequence[PlaceNode]) -> None:
        """Show ``tree`` (from :meth:`Library.place_tree`), countries unfolded one level; the first current."""
        self.model.removeRows(0, self.model.rowCount())
        locale = QLocale()
        for node in tree:
            self._add(self.model.invisibleRootItem(), node, locale)
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))
        if self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def _add(self, parent: QStandardItem, node: PlaceNode, locale: QLocale) -> None:
        name = QStandardItem(icon(_ICONS[node.kind]), node.shown)
        name.setData(node.search, SearchRole)
        name.setData(node.kind, Qt.ItemDataRole.UserRole)
        name.setToolTip(node.name if node.shown != node.name else "")
        count = QStandardItem(locale.toString(node.photos))
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        count.setData(node.search, SearchRole)
        parent.appendRow([name, count])
        for child in node.children:
            self._add(name, child, locale)

    def _open(self, index: QModelIndex) -> None:
        search = index.data(SearchRole)
        if search:
            self.open_place.emit(search)

    def eventFilter(self, watched: object, event: object) -> bool:
        """Enter opens the current place, as a click does (a tree view only expands on it)."""
        if watched is self.tree and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # fmt: skip
            self._open(self.tree.currentIndex())
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def refresh_icons(self) -> None:
        """Draw the icons in the theme's colours again (after a theme switch)."""
        self._refresh_icons(self.model.invisibleRootItem())

    def _refresh_icons(self, parent: QStandardItem) -> None:
        for row in range(parent.rowCount()):
            item = parent.child(row, 0)
            item.setIcon(icon(_ICONS[item.data(Qt.ItemDataRole.UserRole)]))
            self._refresh_icons(item)
