"""The viewer's info panel: when, where, with what camera and exposure, who, which tags, and why it matched.

What the library stores (date, place, camera, tags, the search's reasons) shows at once; what needs the
file or the faces table (the exposure, the people's face thumbnails) arrives from the viewer's loading
worker through :meth:`InfoPanel.show_details`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from album.core.records import Exposure, Face, NamedArea, Photo, Reason
from album.gui.flow_layout import FlowLayout
from album.gui.icons import icon
from album.gui.search_bar import RegionNames, reason_labels
from album.gui.texts import taken_text
from album.gui.theme import VIEWER

translate = QCoreApplication.translate  # lupdate finds translate("Viewer", ...) calls by this name
PANEL_EM = 34  # the panel's width in the font's average character widths: it grows with the system font
MARGIN = 16


def chinese_ui() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


class Names:
    """How the viewer names things in the UI's language: the library's lookups, or the stored names.

    Args:
        places: ``(photo, chinese) → [place, region, country]`` (``Library.place_names``).
        tag: ``(key, chinese) → name`` (``Library.tag_name``).
        regions: ``(region, country) → names``, for why a photo matched "in Zhejiang".
    """

    def __init__(
        self,
        places: Callable[[Photo, bool], Sequence[str]] | None = None,
        tag: Callable[[str, bool], str] | None = None,
        regions: RegionNames | None = None,
    ) -> None:
        self.places = places or (lambda photo, _chinese: [n for n in (photo.place, photo.region, photo.country) if n])
        self.tag = tag or (lambda key, _chinese: key)
        self.regions = regions


NBSP = "\u00a0"  # keeps "ISO 800" and "1/640 s" on one line when the exposure line wraps


def rating_text(rating: int | None) -> str:
    """Stars as photo apps show them (★★★★☆), or that the photo was rejected."""
    if rating is None:
        return ""
    if rating < 0:
        return translate("Viewer", "rejected")
    return "★" * rating + "☆" * (5 - rating)


def shutter_text(seconds: float) -> str:
    """A shutter time as photographers write it: "1/640 s" below a quarter second, else "0.5 s", "2 s"."""
    if seconds < 0.25:
        return f"1/{round(1 / seconds)}{NBSP}s"
    return f"{round(seconds, 1):g}{NBSP}s"


def exposure_text(exposure: Exposure) -> str:
    """ "28 mm · ƒ/13 · 1/640 s · ISO 800", with the 35 mm equivalent focal length when the camera wrote it."""
    parts = []
    if exposure.focal_mm is not None:
        focal = f"{round(exposure.focal_mm, 1):g}{NBSP}mm"
        if exposure.focal_35mm_mm is not None and exposure.focal_35mm_mm != round(exposure.focal_mm):
            focal = translate("Viewer", "{focal} ({equivalent} mm in 35 mm terms)").format(
                focal=focal, equivalent=exposure.focal_35mm_mm
            )
        parts.append(focal)
    if exposure.f_number is not None:
        parts.append(f"ƒ/{round(exposure.f_number, 1):g}")
    if exposure.exposure_s is not None:
        parts.append(shutter_text(exposure.exposure_s))
    if exposure.iso is not None:
        parts.append(f"ISO{NBSP}{exposure.iso}")
    return " · ".join(parts)


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """The widget's font (the system's) scaled: sizes stay relative when the user enlarges the system font."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def _chip_style() -> str:
    return (f"#chip {{ background: {VIEWER.chip_background}; color: {VIEWER.text}; border: 1px solid "
            f"{VIEWER.chip_border}; border-radius: 10px; padding: 2px 8px; }} "
            f"#chip:focus {{ border: 2px solid {VIEWER.accent}; }} "
            f"#chip:hover {{ background: {VIEWER.hover}; }}")  # fmt: skip


class _Section(QWidget):
    """An icon, a small heading and the section's lines or chips; hidden while it has nothing to say."""

    def __init__(self, icon_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        side = self.fontMetrics().height() + 2
        self.icon.setPixmap(icon(icon_name, VIEWER.muted_text).pixmap(QSize(side, side)))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(self)
        self.heading.setFont(_scaled_font(self, 0.85, bold=True))
        self.heading.setStyleSheet(f"color: {VIEWER.muted_text};")
        self.lines: list[QLabel] = []
        self.chips = QWidget(self)
        self.chip_layout = FlowLayout(self.chips)
        self.body = QVBoxLayout()
        self.body.setSpacing(2)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.chips)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(self.body, 1)

    def set_lines(self, lines: Sequence[str]) -> None:
        for old in self.lines:
            old.deleteLater()
        self.lines = []
        for text in [line for line in lines if line]:
            label = QLabel(text, self, wordWrap=True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.body.insertWidget(len(self.lines) + 1, label)
            self.lines.append(label)
        self._update_visibility()

    def set_chips(self, chips: Sequence[QWidget]) -> None:
        while (item := self.chip_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        for chip in chips:
            chip.setObjectName("chip")
            chip.setStyleSheet(_chip_style())
            self.chip_layout.addWidget(chip)
        self.chips.setVisible(bool(chips))
        self._update_visibility()

    def chip_texts(self) -> list[str]:
        items = (self.chip_layout.itemAt(i) for i in range(self.chip_layout.count()))
        widgets = [item.widget() for item in items if item is not None]
        return [w.text() for w in widgets if isinstance(w, (QLabel, QToolButton))]

    def _update_visibility(self) -> None:
        self.setVisible(bool(self.lines) or self.chip_layout.count() > 0)

    def text(self) -> str:
        """The section as one line, "Heading: value; value" (what :meth:`InfoPanel.text` joins)."""
        return f"{self.heading.text()}: " + "; ".join([label.text() for label in self.lines] + self.chip_texts())


class InfoPanel(QScrollArea):
    """The info panel beside the photo (key I), on the viewer's dark surround.

    Signals:
        person_clicked(object): a person's chip was clicked; carries the :class:`Face` the chip shows.
    """

    person_clicked = Signal(object)

    def __init__(self, names: Names | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names or Names()
        self.setObjectName("viewer-info")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * PANEL_EM + 2 * MARGIN)
        content = QWidget()
        content.setObjectName("viewer-info-content")
        content.setStyleSheet(f"#viewer-info-content {{ background: {VIEWER.surface}; color: {VIEWER.text}; }}")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(MARGIN, 14, MARGIN, 14)
        self.name = QLabel(content, wordWrap=True)
        self.name.setFont(_scaled_font(self, 1.15, bold=True))
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder = QLabel(content, wordWrap=True)
        self.folder.setStyleSheet(f"color: {VIEWER.muted_text};")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name)
        layout.addWidget(self.folder)
        self.written = QLabel(content, wordWrap=True)  # title and caption from other apps
        self.written.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.written)
        self.taken = _Section("calendar", content)
        self.place = _Section("map-pin", content)
        self.camera = _Section("camera", content)
        self.people = _Section("user", content)
        self.named_elsewhere = _Section("user", content)  # named on the photo in other apps, no face found there
        self.tags = _Section("tag", content)
        self.keywords = _Section("tag", content)
        self.marks = _Section("star", content)  # stars and colour label
        self.why = _Section("sparkles", content)
        self.sections = (
            self.taken, self.place, self.camera, self.people, self.named_elsewhere, self.tags, self.keywords,
            self.marks, self.why,
        )  # fmt: skip
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(content)
        self._photo: Photo | None = None
        self.exposure = Exposure()
        self.retranslate()

    def retranslate(self) -> None:
        headings = (
            translate("Viewer", "Taken"),
            translate("Viewer", "Place"),
            translate("Viewer", "Camera"),
            translate("Viewer", "People"),
            translate("Viewer", "Named in other apps"),
            translate("Viewer", "Tags"),
            translate("Viewer", "Keywords"),
            translate("Viewer", "Rating"),
            translate("Viewer", "Why it matched"),
        )
        for section, heading in zip(self.sections, headings, strict=True):
            section.heading.setText(heading)
        self.setAccessibleName(translate("Viewer", "Photo information"))

    def show_photo(self, photo: Photo, reasons: Sequence[Reason] = ()) -> None:
        """What the library knows of ``photo``, at once; the exposure and people follow in :meth:`show_details`."""
        self._photo, self.exposure = photo, Exposure()
        chinese = chinese_ui()
        path = Path(photo.path)
        room = self.width() - 2 * MARGIN - self.verticalScrollBar().sizeHint().width()
        self.name.setText(self.name.fontMetrics().elidedText(path.name, Qt.TextElideMode.ElideMiddle, room))
        self.name.setToolTip(path.name)
        size = f"{photo.width} × {photo.height}" if photo.width and photo.height else ""
        weight = QLocale().formattedDataSize(photo.size) if photo.size else ""
        self.folder.setText("\n".join(p for p in (str(path.parent), " · ".join(p for p in (size, weight) if p)) if p))
        self.written.setText("\n\n".join(t for t in (photo.title, photo.description) if t))
        self.written.setVisible(bool(photo.title or photo.description))
        self.taken.set_lines([taken_text(photo)] if photo.taken_at is not None else [])
        coords = f"{photo.lat:.5f}, {photo.lon:.5f}" if photo.lat is not None and photo.lon is not None else ""
        self.place.set_lines([", ".join(self.names.places(photo, chinese)), coords])
        self._show_camera()
        self.people.set_chips([])
        self.named_elsewhere.set_chips([])
        self.tags.set_chips([self._label_chip(self.names.tag(t, chinese)) for t in photo.tags])
        self.keywords.set_chips([self._label_chip(k) for k in photo.keywords])
        self.marks.set_lines([rating_text(photo.stars), photo.label or ""])
        self.why.set_chips([self._label_chip(text) for text in reason_labels(reasons, self.names.regions)])
        self.setAccessibleDescription(self.text())

    def show_details(self, faces: Sequence[Face], exposure: Exposure, named: Sequence[NamedArea] = ()) -> None:
        """The exposure read from the file and the people in the photo, once the worker has them; ``named``:
        people other apps named on the photo, listed when album found no face of theirs there."""
        self.exposure = exposure
        self._show_camera()
        people: dict[str, Face] = {}
        for face in sorted(faces, key=lambda f: f.bbox[0]):  # left to right, as they stand in the photo
            if face.person_id is not None:
                people.setdefault(face.person_id, face)
        self.people.set_chips([self._person_chip(face) for face in people.values()])
        found = {(f.person_name or "").casefold() for f in faces}
        unplaced = dict.fromkeys(a.name for a in named if a.name.casefold() not in found)
        self.named_elsewhere.set_chips([self._label_chip(name) for name in unplaced])
        self.setAccessibleDescription(self.text())

    def _show_camera(self) -> None:
        photo = self._photo
        if photo is None:
            return
        camera = " ".join(p for p in (photo.camera_make, photo.camera_model) if p)
        self.camera.set_lines([camera, photo.lens or "", exposure_text(self.exposure)])

    def _label_chip(self, text: str) -> QLabel:
        return QLabel(text, self)

    def _person_chip(self, face: Face) -> QToolButton:
        chip = QToolButton(self)
        name = face.person_name or translate("Viewer", "Unnamed")
        chip.setText(name)
        chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if face.thumb:
            picture = QPixmap()
            picture.loadFromData(face.thumb)
            chip.setIcon(QIcon(picture))
            side = self.fontMetrics().height() + 6
            chip.setIconSize(QSize(side, side))
        chip.setAccessibleName(translate("Viewer", "Photos of {name}").format(name=name))
        chip.setToolTip(chip.accessibleName())
        chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.clicked.connect(lambda: self.person_clicked.emit(face))
        return chip

    def text(self) -> str:
        """The panel as plain lines (title and caption, then "Taken: …"), for its accessible description and
        for tests."""
        written = [self.written.text()] if self.written.text() else []
        return "\n".join(written + [section.text() for section in self.sections if not section.isHidden()])
