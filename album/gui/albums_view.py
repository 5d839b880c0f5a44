"""The Albums page (covers, names, counts) and the export dialog: widgets only, the work is in collections.py."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from album.core.library import ExportOptions
from album.core.records import Album
from album.gui.icons import icon
from album.gui.item_counts import items_text
from album.gui.texts import pictures_folder

COVER = 160
AlbumRole = Qt.ItemDataRole.UserRole + 1


class AlbumsView(QWidget):
    """Every album as a cover with its name and count; a double click opens it.

    Signals:
        open_album(Album): show the album's photos.
        new_album(): the user wants a new manual album.
        new_smart_album(): the user wants a smart album (a saved search).
        export_album(Album): the user wants the album's photos copied to a folder.
        rename_album(Album): the user wants to rename the album.
        delete_album(Album): the user wants the album deleted (its photos stay in the library).
    """

    open_album = Signal(object)
    new_album = Signal()
    new_smart_album = Signal()
    export_album = Signal(object)
    rename_album = Signal(object)
    delete_album = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.albums: list[Album] = []
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(COVER, COVER))
        self.list.setGridSize(QSize(COVER + 40, COVER + 56))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda item: self.open_album.emit(item.data(AlbumRole)))
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.new_button = QPushButton(icon("plus"), "")
        self.new_button.clicked.connect(self.new_album)
        self.smart_button = QPushButton(icon("sparkles"), "")
        self.smart_button.clicked.connect(self.new_smart_album)
        self.export_button = QPushButton(icon("download"), "")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self._emit_selected(self.export_album))
        self.rename_button = QPushButton("")
        self.rename_button.clicked.connect(lambda: self._emit_selected(self.rename_album))
        self.delete_button = QPushButton(icon("trash-2"), "")
        self.delete_button.clicked.connect(lambda: self._emit_selected(self.delete_album))
        self.empty = QLabel(wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.smart_button, self.export_button, self.rename_button,
                       self.delete_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.list, 1)
        self.retranslate()
        self.show_albums([], {})

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Albums"))
        self.new_button.setText(self.tr("New Album…"))
        self.smart_button.setText(self.tr("New Smart Album…"))
        self.export_button.setText(self.tr("Export…"))
        self.rename_button.setText(self.tr("Rename…"))
        self.delete_button.setText(self.tr("Delete Album…"))
        self.empty.setText(self.tr("No albums yet. Select photos and choose Add to Album, or make a new album here."))
        for row, album in enumerate(self.albums):
            self.list.item(row).setText(self._caption(album))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _caption(self, album: Album) -> str:
        return f"{album.name}\n{items_text(album.photo_count, album.video_count)}"

    def show_albums(self, albums: Sequence[Album], covers: dict[str, QImage]) -> None:
        """Show ``albums`` with their cover pictures (by album id; an album without one shows its kind's icon)."""
        self.albums = list(albums)
        self.list.clear()
        for album in self.albums:
            cover = covers.get(album.id)
            picture = icon("sparkles" if album.smart else "book-image").pixmap(64, 64)
            if cover is not None and not cover.isNull():
                picture = QPixmap.fromImage(cover).scaled(COVER, COVER, Qt.AspectRatioMode.KeepAspectRatio,
                                                          Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            item = QListWidgetItem(QIcon(picture), self._caption(album))
            item.setData(AlbumRole, album)
            item.setToolTip(album.query or album.name)
            self.list.addItem(item)
        self.empty.setVisible(not self.albums)
        self.list.setVisible(bool(self.albums))
        self._selection_changed()

    def selected(self) -> Album | None:
        items = self.list.selectedItems()
        return items[0].data(AlbumRole) if items else None

    def _selection_changed(self) -> None:
        for button in (self.export_button, self.rename_button, self.delete_button):
            button.setEnabled(self.selected() is not None)

    def _emit_selected(self, signal: SignalInstance) -> None:
        album = self.selected()
        if album is not None:
            signal.emit(album)


class ExportDialog(QDialog):
    """Where to export and how: the original files, or JPEGs of a chosen size with or without metadata."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export %Ln Photo(s)", "", count))
        self.folder = QLineEdit(str(Path(pictures_folder()) / "album export"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.originals = QRadioButton(self.tr("Original files, unchanged"))
        self.resized = QRadioButton(self.tr("JPEG pictures at most this many pixels across:"))
        self.originals.setChecked(True)
        self.long_edge = QSpinBox(minimum=200, maximum=10_000, singleStep=100, value=2048, suffix=" px")
        self.keep_metadata = QCheckBox(self.tr("Keep the date, place and camera in the pictures"))
        self.keep_metadata.setChecked(True)
        for widget in (self.long_edge, self.keep_metadata):
            widget.setEnabled(False)
            self.resized.toggled.connect(widget.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Folder:"), where)
        form.addRow(self.originals)
        resized = QHBoxLayout()
        resized.addWidget(self.resized)
        resized.addWidget(self.long_edge)
        form.addRow(resized)
        form.addRow(self.keep_metadata)
        form.addRow(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def options(self) -> ExportOptions:
        if self.originals.isChecked():
            return ExportOptions()
        return ExportOptions(long_edge=self.long_edge.value(), strip_metadata=not self.keep_metadata.isChecked())

    def destination(self) -> Path:
        return Path(self.folder.text()).expanduser()
