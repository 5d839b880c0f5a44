"""The sidebar: the window's places to go, in sections, each with an icon and a count.

Entries are added by key (``add_entry("library", "photos", "image", "Photos")``), so later pages
(albums, favourites, videos, explore) add themselves without knowing each other's rows. Section titles are
rows that cannot be selected: the arrow keys step over them. Collapsed, the sidebar shows icons only, and
each entry says its name in its tooltip and to screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QDropEvent, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.gui.icons import icon
from album.gui.theme import colours

KeyRole = Qt.ItemDataRole.UserRole  # an entry's key ("photos"), or a section's ("section:library")
CountRole = Qt.ItemDataRole.UserRole + 1  # the number drawn at the right (None: no number)
IconRole = Qt.ItemDataRole.UserRole + 2  # the Lucide icon's name, redrawn when the theme changes
TextRole = Qt.ItemDataRole.UserRole + 3  # the entry's name, kept while collapsed hides it
SaidRole = Qt.ItemDataRole.UserRole + 4  # the count in words ("10 photos, 1 video"), its tooltip; "": none

EXPANDED_WIDTH = 190
COLLAPSED_WIDTH = 56


class _CountDelegate(QStyledItemDelegate):
    """Draws an entry as Qt does, and its count right-aligned in the muted text colour."""

    def __init__(self, sidebar: Sidebar) -> None:
        super().__init__(sidebar)
        self.sidebar = sidebar

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        count = index.data(CountRole)
        if count is None or self.sidebar.collapsed:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(option.palette.highlightedText().color() if selected  # type: ignore[attr-defined]
                       else option.palette.placeholderText().color())  # type: ignore[attr-defined]  # fmt: skip
        rect = option.rect.adjusted(0, 0, -10, 0)  # type: ignore[attr-defined]
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         self.sidebar.locale().toString(int(count)))  # fmt: skip
        painter.restore()


class Sidebar(QWidget):
    """Sections of entries; one entry is current.

    Signals:
        current_changed(str): the key of the entry now current.
        dropped(str, QMimeData): something was dropped on this entry (see :meth:`accept_drops`).
    """

    current_changed = Signal(str)
    dropped = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.collapsed = False
        self.toggle = QToolButton()
        self.toggle.setObjectName("sidebar-toggle")
        self.toggle.setAutoRaise(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        self.list = QListWidget()
        self.list.setObjectName("sidebar-list")
        self.list.setFrameShape(QListWidget.Shape.NoFrame)
        self.list.setIconSize(QSize(20, 20))
        self.list.setItemDelegate(_CountDelegate(self))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._current_item_changed)
        self._sections: list[str] = []
        self._accepts: Callable[[str, QMimeData], bool] | None = None
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        top.addWidget(self.toggle)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.setFixedWidth(EXPANDED_WIDTH)
        self.set_toggle_texts("Collapse sidebar", "Expand sidebar")

    # -- building ------------------------------------------------------------------------------------
    def add_section(self, section: str, title: str = "") -> None:
        """A section (its title row); entries added to it go below the entries it has."""
        if section in self._sections:
            return
        self._sections.append(section)
        item = QListWidgetItem(title)
        item.setData(KeyRole, f"section:{section}")
        item.setData(TextRole, title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable, not current: the arrow keys skip it
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setHidden(self.collapsed)
        self.list.addItem(item)

    def add_entry(self, section: str, key: str, icon_name: str, text: str, count: int | None = None) -> None:
        """An entry ``key`` at the end of ``section`` (made if new), with a Lucide icon and an optional count."""
        self.add_section(section)
        following = self._sections[self._sections.index(section) + 1 :]
        row = next((r for r in range(self.list.count()) if self.list.item(r).data(KeyRole) in
                    {f"section:{s}" for s in following}), self.list.count())  # fmt: skip
        item = QListWidgetItem()
        item.setData(KeyRole, key)
        item.setData(IconRole, icon_name)
        item.setIcon(icon(icon_name))
        self.list.insertItem(row, item)
        self.set_text(key, text)
        self.set_count(key, count)
        if self.list.currentItem() is None:
            self.list.setCurrentItem(item)

    def set_entries(self, section: str, title: str, entries: Sequence[tuple[str, str, str, int | None]]) -> None:
        """Replace ``section``'s entries with ``entries`` (key, icon, text, count); no section while there are
        none. The current entry stays current without a signal if it is still listed; if it is gone, the
        entry Qt makes current instead is announced."""
        current = self.current_key()
        self.list.blockSignals(True)
        try:
            if section in self._sections:
                row = self.list.row(self._item(f"section:{section}"))
                while row + 1 < self.list.count() and not self._is_section(self.list.item(row + 1)):
                    self.list.takeItem(row + 1)
                self.list.takeItem(row)
                self._sections.remove(section)
            if entries:
                self.add_section(section, title)
            for key, icon_name, text, count in entries:
                self.add_entry(section, key, icon_name, text, count)
            if current in self.entry_keys():
                self.set_current(current)
        finally:
            self.list.blockSignals(False)
        if self.current_key() != current:
            self.current_changed.emit(self.current_key())

    def accept_drops(self, accepts: Callable[[str, QMimeData], bool]) -> None:
        """Let entries take drops: ``accepts(key, data)`` says whether this entry takes that data; a drop it
        takes is announced by ``dropped``."""
        self._accepts = accepts
        self.list.viewport().setAcceptDrops(True)
        self.list.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if watched is not self.list.viewport() or event.type() not in kinds or self._accepts is None:
            return False
        assert isinstance(event, QDropEvent)  # (a QDragEnterEvent and a QDragMoveEvent are QDropEvents)
        item = self.list.itemAt(event.position().toPoint())
        key = str(item.data(KeyRole)) if item is not None else ""
        if not key or not self._accepts(key, event.mimeData()):
            event.ignore()
            return True
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.dropped.emit(key, event.mimeData())
        return True

    # -- what entries say ------------------------------------------------------------------------------
    def set_text(self, key: str, text: str) -> None:
        """Name an entry (or a section: ``section:<name>``) in the current language."""
        item = self._item(key)
        item.setData(TextRole, text)
        self._show_text(item)

    def set_count(self, key: str, count: int | None, said: str = "") -> None:
        """The number beside an entry (photos, people); None shows none. ``said``: the count in words where
        the number alone hides something ("10 photos, 1 video"), shown as the entry's tooltip."""
        item = self._item(key)
        item.setData(CountRole, count)
        item.setData(SaidRole, said)
        self._show_text(item)

    def text(self, key: str) -> str:
        return str(self._item(key).data(TextRole))

    def count(self, key: str) -> int | None:
        value = self._item(key).data(CountRole)
        return None if value is None else int(value)

    def entry_keys(self) -> list[str]:
        """The entries' keys, top to bottom (sections left out)."""
        items = (self.list.item(r) for r in range(self.list.count()))
        return [str(k) for k in (i.data(KeyRole) for i in items) if not str(k).startswith("section:")]

    def _show_text(self, item: QListWidgetItem) -> None:
        text = str(item.data(TextRole) or "")
        count = item.data(CountRole)
        item.setText("" if self.collapsed and not self._is_section(item) else text)
        said = str(item.data(SaidRole) or "")
        item.setToolTip("\n".join(t for t in (text if self.collapsed else "", said) if t))
        spoken = text if count is None else f"{text}, {said or self.locale().toString(int(count))}"
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)

    # -- the current entry ---------------------------------------------------------------------------
    def current_key(self) -> str:
        item = self.list.currentItem()
        return str(item.data(KeyRole)) if item is not None else ""

    def set_current(self, key: str) -> None:
        self.list.setCurrentItem(self._item(key))

    def _current_item_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.current_changed.emit(str(item.data(KeyRole)))

    # -- collapsing and the theme ------------------------------------------------------------------------
    def set_toggle_texts(self, collapse: str, expand: str) -> None:
        """The toggle's tooltip and accessible name in the current language ("Collapse sidebar" …)."""
        self._toggle_texts = (collapse, expand)
        self._show_toggle()

    def set_collapsed(self, collapsed: bool) -> None:
        """Icons only (``collapsed``), or icons, names and counts."""
        self.collapsed = collapsed
        self.setFixedWidth(COLLAPSED_WIDTH if collapsed else EXPANDED_WIDTH)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if self._is_section(item):
                item.setHidden(collapsed)
            self._show_text(item)
        self._show_toggle()

    def refresh_icons(self) -> None:
        """Draw the icons in the theme's colours again (after a theme switch)."""
        self._show_toggle()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(IconRole):
                item.setIcon(icon(str(item.data(IconRole))))

    def _show_toggle(self) -> None:
        text = self._toggle_texts[1 if self.collapsed else 0]
        self.toggle.setIcon(icon("panel-left", colours().muted_text))
        self.toggle.setToolTip(text)
        self.toggle.setAccessibleName(text)

    def _item(self, key: str) -> QListWidgetItem:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KeyRole) == key:
                return item
        raise KeyError(f"no sidebar entry {key!r}")

    @staticmethod
    def _is_section(item: QListWidgetItem) -> bool:
        return str(item.data(KeyRole)).startswith("section:")
