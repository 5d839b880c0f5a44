"""A large view of one photo with its metadata; left/right step through the current results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.core.records import Face, Photo, Reason, SearchHit
from album.gui.availability import file_opens
from album.gui.name_dialog import ask_person_name
from album.gui.search_bar import RegionNames, reason_labels
from album.gui.texts import taken_text
from album.gui.theme import VIEWER
from album.gui.workers import Job

StartJob = Callable[[Callable[[Any, Any], Any], Callable[[Any], object]], Job]
"""``start(fn, on_done)``: run ``fn(progress, cancel)`` in a worker (the controller's ``run``)."""


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


def metadata_text(photo: Photo, reasons: Sequence[Reason] = (), names: Names | None = None) -> str:
    """The viewer's side panel, in the UI's language (place and tag names too, where known)."""
    names = names or Names()
    chinese = chinese_ui()
    coords = f"{photo.lat:.5f}, {photo.lon:.5f}" if photo.lat is not None and photo.lon is not None else ""
    camera = " ".join(p for p in (photo.camera_make, photo.camera_model) if p)

    translate = QCoreApplication.translate
    rows = [
        (translate("Viewer", "File"), photo.path),
        (translate("Viewer", "Taken"), taken_text(photo)),
        (translate("Viewer", "Place"), ", ".join(names.places(photo, chinese))),
        (translate("Viewer", "Coordinates"), coords),
        (translate("Viewer", "Camera"), camera),
        (translate("Viewer", "Lens"), photo.lens or ""),
        (translate("Viewer", "Size"), f"{photo.width} × {photo.height}"),
        (translate("Viewer", "Tags"), ", ".join(names.tag(t, chinese) for t in photo.tags)),
        (translate("Viewer", "Why"), "; ".join(reason_labels(reasons, names.regions))),
    ]
    return "\n".join(f"{k}: {v}" for k, v in rows if v)


def draw_faces(image: QImage, faces: Sequence[Face]) -> None:
    """Outline each face (bbox as fractions of the upright photo) and write the person's name under it."""
    painter = QPainter(image)
    width, height = image.width(), image.height()
    pen = QPen(QColor(VIEWER.face_outline))
    pen.setWidth(max(2, width // 400))
    painter.setPen(pen)
    font = painter.font()
    font.setPixelSize(max(12, height // 40))
    painter.setFont(font)
    for face in faces:
        (x1, y1, x2, y2), name = face.bbox, face.person_name
        rect = QRectF(x1 * width, y1 * height, (x2 - x1) * width, (y2 - y1) * height)
        painter.drawRect(rect)
        painter.drawText(QRectF(rect.left(), rect.bottom() + 2, 400, font.pixelSize() * 1.6),
                         int(Qt.AlignmentFlag.AlignLeft), name or "?")  # fmt: skip
    painter.end()


def ask_name(parent: QWidget, current: str, names: Sequence[str]) -> str | None:
    """Who a clicked face is: the name dialog, pre-filled with the face's person and completing known names."""
    return ask_person_name(parent, QCoreApplication.translate("Viewer", "Who Is This?"), current, names)


def library_folder(path: str, folders: Sequence[str]) -> str:
    """The library folder ``path`` is in (the innermost), or the photo's own folder if none is: what to
    name when its file cannot be opened (an unplugged drive is a library folder, not a sub-folder)."""
    parents = {str(p) for p in Path(path).parents}
    inside = [f for f in folders if str(Path(f)) in parents]
    return max(inside, key=len) if inside else str(Path(path).parent)


VIEW_DECODE_PX = 3200  # long side the viewer decodes to: sharp at 100 % on most screens, ~40 MB at most
ZOOM_STEP = 1.25
MAX_ZOOM = 4.0


class Viewer(QDialog):
    """Shows ``hits[index]`` large with its faces outlined: fitted to the window, or zoomed (+ / − /
    Ctrl+wheel, 1 = 100 %, 0 = fit) and scrolled. Left/Right move through the hits; clicking a face
    asks who it is. A photo whose file cannot be opened shows its cached thumbnail, with a line that
    says so and names the folder that may be offline.

    Args:
        start: runs the decoding worker (the controller's ``run``, so the window joins it at exit;
            a plain :class:`Job` of the viewer's own if None).
        faces_for: ``photo_id → faces``; runs in the loading worker.
        name_face: ``(face_id, name) → None``, called when the user names a face (the caller runs it
            in a worker and then calls :meth:`show_current` to redraw).
        ask: ``(parent, current name, known names) → name or None``: asks who a face is (the name
            dialog by default; tests pass an answer).
        person_names: the names the name dialog completes (the library's people).
        names: place and tag names in the UI's language (the stored names are English).
        thumbnail: where a photo's cached thumbnail is (``Library.thumbnail``), shown when its file
            cannot be opened.
        folder_of: the folder to name when a photo's file cannot be opened (its library folder).
    """

    def __init__(
        self,
        hits: Sequence[SearchHit],
        index: int,
        parent: QWidget | None = None,
        start: StartJob | None = None,
        faces_for: Callable[[str], list[Face]] | None = None,
        name_face: Callable[[str, str], None] | None = None,
        ask: Callable[[QWidget, str, Sequence[str]], str | None] = ask_name,
        person_names: Callable[[], Sequence[str]] = lambda: (),
        names: Names | None = None,
        thumbnail: Callable[[Photo], Path | None] | None = None,
        folder_of: Callable[[str], str] = lambda path: str(Path(path).parent),
    ) -> None:
        super().__init__(parent)
        self.hits, self.index = hits, index
        self.names = names or Names()
        self.thumbnail = thumbnail
        self.folder_of = folder_of
        self.start = start
        self.faces_for = faces_for
        self.name_face = name_face
        self.ask = ask
        self.person_names = person_names
        self.faces: list[Face] = []
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image_area = QScrollArea()
        self.image_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_area.setWidget(self.image)
        self.image_area.setWidgetResizable(True)
        self.zoom: float | None = None  # None: fit to the window; else pixels shown per decoded pixel
        self.info = QLabel(wordWrap=True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setFixedWidth(300)
        self.notice = QLabel(wordWrap=True)  # the file cannot be opened: what is shown is its thumbnail
        self.notice.setObjectName("viewer-notice")
        self.notice.hide()
        left = QVBoxLayout()
        left.addWidget(self.notice)
        left.addWidget(self.image_area, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.info)
        self.resize(1100, 720)
        self._pixmap = QPixmap()
        self._jobs: list[Job] = []
        self._keys()
        self.show_current()

    def show_current(self) -> None:
        """Show the metadata now and the image when a worker has decoded it."""
        hit = self.hits[self.index]
        path = hit.photo.path
        self.setWindowTitle(f"{path} — album")
        self.info.setText(metadata_text(hit.photo, hit.reasons, self.names))
        self.image.setText(self.tr("Loading…"))
        self._pixmap = QPixmap()  # the last photo's stays out of zoom and fit until this one is decoded
        self.notice.hide()
        photo = hit.photo
        faces_for = self.faces_for
        thumbnail = self.thumbnail

        def load(_progress: object, _cancel: object) -> tuple[QImage, list[Face], bool]:
            opens = file_opens(path)  # here, not on the GUI thread: a dead mount can hang
            if opens:
                reader = QImageReader(path)
                reader.setAutoTransform(True)  # EXIF orientation
                size = reader.size()
                if size.isValid():
                    if max(size.width(), size.height()) > VIEW_DECODE_PX:  # JPEG decodes at a reduced scale
                        size.scale(VIEW_DECODE_PX, VIEW_DECODE_PX, Qt.AspectRatioMode.KeepAspectRatio)
                    reader.setScaledSize(size)
                image = reader.read()
            else:  # the cached thumbnail (upright, small) stands in for it
                thumb = thumbnail(photo) if thumbnail is not None else None
                image = QImage(str(thumb)) if thumb is not None else QImage()
            faces = faces_for(photo.id) if faces_for is not None and photo.id and not image.isNull() else []
            draw_faces(image, faces)
            return image, faces, opens

        def loaded(result: tuple[QImage, list[Face], bool], p: str = path) -> None:
            self._loaded(p, *result)

        if self.start is not None:
            self.start(load, loaded)
            return
        job = Job(load, self)
        job.finished.connect(loaded)
        self._jobs.append(job)
        job.start()

    def _loaded(self, path: str, image: QImage, faces: list[Face], opens: bool) -> None:
        if path != self.hits[self.index].photo.path:
            return  # the user moved on
        self.faces = faces
        self._pixmap = QPixmap.fromImage(image)
        if not opens:
            text = self.tr("The file is not available: {folder} may be offline. This is the thumbnail album "
                           "keeps of it.")  # fmt: skip
            self.notice.setText(text.format(folder=self.folder_of(path)))
            self.notice.show()
        if image.isNull():
            self.image.setText(self.tr("This photo cannot be shown."))
        self._fit()

    def done(self, result: int) -> None:
        for job in self._jobs:
            job.wait()
        super().done(result)

    def _fit(self) -> None:
        if self._pixmap.isNull():
            return
        if self.zoom is None:
            self.image_area.setWidgetResizable(True)
            shown = self._pixmap.scaled(self.image_area.viewport().size(), Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            self.image.setPixmap(shown)
            return
        self.image_area.setWidgetResizable(False)
        shown = self._pixmap.scaled(self._pixmap.size() * self.zoom, Qt.AspectRatioMode.KeepAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        self.image.setPixmap(shown)
        self.image.resize(shown.size())

    def fit_scale(self) -> float:
        """The zoom at which the photo fits the window."""
        if self._pixmap.isNull():
            return 1.0
        area = self.image_area.viewport().size()
        return min(area.width() / self._pixmap.width(), area.height() / self._pixmap.height())

    def set_zoom(self, zoom: float | None) -> None:
        """Zoom to ``zoom`` (1.0 = one decoded pixel per screen pixel), or fit the window with None.

        The range runs from the smaller of fit and 100 % to the larger of MAX_ZOOM and MAX_ZOOM × fit:
        a small photo is blown up to fit, so 100 % shows it smaller and + still enlarges it."""
        if zoom is not None:
            fit = self.fit_scale()
            zoom = max(min(fit, 1.0), min(max(MAX_ZOOM, MAX_ZOOM * fit), zoom))
            if abs(zoom - fit) < 1e-3:
                zoom = None
        self.zoom = zoom
        self._fit()

    def zoom_by(self, factor: float) -> None:
        self.set_zoom((self.zoom or self.fit_scale()) * factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def face_at(self, point: QPointF) -> Face | None:
        """The face under a point of the image label (the pixmap is fitted and centred in it)."""
        shown = self.image.pixmap()
        if shown is None or shown.isNull():
            return None
        left = (self.image.width() - shown.width()) / 2
        top = (self.image.height() - shown.height()) / 2
        x, y = (point.x() - left) / shown.width(), (point.y() - top) / shown.height()
        return next((f for f in self.faces if f.bbox[0] <= x <= f.bbox[2] and f.bbox[1] <= y <= f.bbox[3]), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        face = self.face_at(self.image.mapFrom(self, event.position().toPoint()).toPointF())
        if face is None or self.name_face is None:
            super().mousePressEvent(event)
            return
        name = self.ask(self, face.person_name or "", self.person_names())
        if name:
            self.name_face(face.id, name)

    def _keys(self) -> None:
        """The viewer's keys as window shortcuts, so they work whichever child has the focus: the
        scroll area takes it when the dialog opens and would eat ←/→ to scroll a zoomed photo."""
        keys = {
            "Right": lambda: self.step(1), "Left": lambda: self.step(-1),
            "+": lambda: self.zoom_by(ZOOM_STEP), "=": lambda: self.zoom_by(ZOOM_STEP),
            "-": lambda: self.zoom_by(1 / ZOOM_STEP), "0": lambda: self.set_zoom(None), "1": lambda: self.set_zoom(1.0),
        }  # fmt: skip
        for key, act in keys.items():
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(act)
        self.image_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing in the viewer types; keys are the dialog's

    def step(self, step: int) -> None:
        """Show the next (1) or previous (-1) result, fitted."""
        self.index = (self.index + step) % len(self.hits)
        self.zoom = None
        self.show_current()
