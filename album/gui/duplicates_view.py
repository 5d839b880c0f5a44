"""The Duplicates page: one group of copies or a burst per row, the suggested keeper marked and explained.

Each row offers what the user can decide: keep the suggested photo (or another, picked with its radio
button) and set the others aside, say the photos are not duplicates, or move the others to the Trash
(which asks first). The page only shows and asks; :mod:`album.gui.duplicate_review` does the work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from album.core.records import DuplicateGroup, Photo
from album.gui.styles import scaled_font

TILE_WIDTH, TILE_HEIGHT = 210, 150  # a photo's box in a row, in pixels (its caption fits under it)


class _GroupRow(QFrame):
    """One group: a title saying what it is and why the first photo is suggested, its photos, its buttons.

    Signals:
        keep(object, str): keep this photo id of the group, set the others aside.
        distinct(object): the group's photos are not duplicates.
        trash(object, str): move every photo of the group but this id to the Trash.
    """

    keep = Signal(object, str)
    distinct = Signal(object)
    trash = Signal(object, str)

    def __init__(self, group: DuplicateGroup, images: Mapping[str, QImage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName("duplicate-group")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setFont(scaled_font(self.title, 1.1))
        column.addWidget(self.title)
        strip = QWidget()
        photos = QHBoxLayout(strip)
        photos.setContentsMargins(0, 0, 0, 0)
        self.choice = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        for n, photo in enumerate(group.photos):
            cell = QWidget()  # every photo in a column of one width, whatever its caption says
            cell.setFixedWidth(TILE_WIDTH)
            tile = QVBoxLayout(cell)
            tile.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            picture.setFixedSize(TILE_WIDTH, TILE_HEIGHT)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image = images.get(photo.id)
            if image is not None and not image.isNull():
                scaled = QPixmap.fromImage(image).scaled(TILE_WIDTH, TILE_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                                         Qt.TransformationMode.SmoothTransformation)
                picture.setPixmap(scaled)
            picture.setToolTip(photo.path)
            radio = QRadioButton()
            radio.setChecked(n == 0)
            radio.setToolTip(photo.path)
            self.choice.addButton(radio, n)
            self.radios.append(radio)
            name = QLabel()  # which file is which: "party.jpg" or "party (copy).jpg" look alike
            name.setText(name.fontMetrics().elidedText(PurePath(photo.path).name, Qt.TextElideMode.ElideMiddle,
                                                       TILE_WIDTH))  # fmt: skip
            name.setToolTip(photo.path)
            name.setObjectName("duplicate-file-name")
            tile.addWidget(picture)
            tile.addWidget(radio)
            tile.addWidget(name)
            photos.addWidget(cell)
        photos.addStretch(1)
        column.addWidget(_SideScroller(strip))
        buttons = QHBoxLayout()
        self.keep_button = QPushButton()
        self.distinct_button = QPushButton()
        self.trash_button = QPushButton()
        self.keep_button.clicked.connect(lambda: self.keep.emit(self.group, self.chosen.id))
        self.distinct_button.clicked.connect(lambda: self.distinct.emit(self.group))
        self.trash_button.clicked.connect(lambda: self.trash.emit(self.group, self.chosen.id))
        self.choice.idToggled.connect(lambda _id, _on: self.retranslate())
        for button in (self.keep_button, self.distinct_button, self.trash_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.retranslate()

    @property
    def chosen(self) -> Photo:
        return self.group.photos[max(0, self.choice.checkedId())]

    def retranslate(self) -> None:
        kinds = {"exact": self.tr("Exact copies"), "similar": self.tr("Similar copies"), "burst": self.tr("Burst")}
        why = {"largest": self.tr("largest"), "sharpest": self.tr("sharpest"), "gps": self.tr("has GPS"),
               "metadata": self.tr("most metadata"), "quality": self.tr("best quality"),
               "first": self.tr("first copy found")}  # fmt: skip
        reasons = ", ".join(why[r] for r in self.group.reasons)
        self.title.setText(self.tr("{kind} · %n photo(s) · suggested: the first ({reasons})", "",
                                   len(self.group.photos)).format(kind=kinds[self.group.kind], reasons=reasons))
        locale = self.locale()
        for n, (radio, photo) in enumerate(zip(self.radios, self.group.photos, strict=True)):
            size = locale.formattedDataSize(photo.size or 0)
            caption = f"{photo.width or '?'}×{photo.height or '?'} · {size}"
            radio.setText(self.tr("Keep · {caption}").format(caption=caption) if radio.isChecked() else caption)
            radio.setAccessibleName(self.tr("Photo {n} of the group: {caption}").format(n=n + 1, caption=caption))
        suggested = self.choice.checkedId() <= 0
        self.keep_button.setText(self.tr("Keep Suggested") if suggested else self.tr("Keep Selected"))
        self.distinct_button.setText(self.tr("Not Duplicates"))
        self.trash_button.setText(self.tr("Move Others to Trash…"))


class _SideScroller(QScrollArea):
    """A group's photos in a row of their own that scrolls sideways: a group of ten copies scrolls there,
    instead of widening the whole page (whose buttons and other groups would scroll out of sight with it).
    As tall as the photos with their captions, asked when laid out (captions are set after construction)."""

    def __init__(self, strip: QWidget) -> None:
        super().__init__()
        self.strip = strip
        self.setWidget(strip)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        strip = self.strip.sizeHint()
        return QSize(strip.width(), strip.height() + self.horizontalScrollBar().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())


class DuplicatesView(QWidget):
    """The duplicate groups, one per row (at most ``MAX_SHOWN``: reviewing them brings the next).

    Signals:
        keep(object, str): keep this photo id of a group, set the others aside.
        distinct(object): a group's photos are not duplicates.
        trash(object, str): move every photo of a group but this id to the Trash.
    """

    MAX_SHOWN = 50
    keep = Signal(object, str)
    distinct = Signal(object)
    trash = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.area, 1)
        self.rows: list[_GroupRow] = []
        self.groups: Sequence[DuplicateGroup] | None = None
        self.retranslate()

    def show_groups(self, groups: Sequence[DuplicateGroup], images: Mapping[str, QImage]) -> None:
        """Show ``groups`` (the first MAX_SHOWN), with the thumbnails read for them by photo id."""
        self.groups = groups
        content = QWidget()
        column = QVBoxLayout(content)
        self.rows = []
        for group in groups[: self.MAX_SHOWN]:
            row = _GroupRow(group, images)
            row.keep.connect(self.keep)
            row.distinct.connect(self.distinct)
            row.trash.connect(self.trash)
            column.addWidget(row)
            self.rows.append(row)
        column.addStretch(1)
        self.area.setWidget(content)
        self.retranslate()

    def retranslate(self) -> None:
        if self.groups is None:
            self.summary.setText(self.tr("Looking for duplicates…"))
        elif not self.groups:
            self.summary.setText(self.tr("No duplicates: every photo in the library is one of a kind."))
        else:
            text = self.tr("%n group(s) of copies or bursts. The suggested photo to keep is first; the others are "
                           "set aside (hidden from Photos, the files stay) or moved to the Trash only when you ask.",
                           "", len(self.groups))  # fmt: skip
            self.summary.setText(text)
        for row in self.rows:
            row.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
