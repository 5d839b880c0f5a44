"""A large view of one photo with its metadata; left/right step through the current results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QDialog, QHBoxLayout, QInputDialog, QLabel, QScrollArea, QSizePolicy, QWidget

from album.core.geo import Gazetteer
from album.core.models.tags import display_name
from album.core.people import FaceLabel
from album.gui.workers import Job


def taken_text(taken_at: str | None) -> str:
    """The camera's wall-clock time in the UI's language ("10 February 2023 14:30 +02:00" / "2023年2月10日 14:30")."""
    if not taken_at:
        return QCoreApplication.translate("Viewer", "unknown")
    moment = datetime.fromisoformat(taken_at)
    day = QLocale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.LongFormat)
    delta = moment.utcoffset()
    offset = ""
    if delta is not None:
        minutes = int(delta.total_seconds()) // 60
        offset = f" {'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{day} {moment:%H:%M}{offset}"


def metadata_text(record: dict[str, Any], gazetteer: Gazetteer | None = None) -> str:
    """The viewer's side panel. Place names are in Chinese for a Chinese UI once ``gazetteer`` has loaded."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    parts = (record.get("place"), record.get("region"), record.get("country"))
    if gazetteer is not None and gazetteer.loaded:
        place = ", ".join(gazetteer.display_names(*parts, chinese=chinese))
    else:
        place = ", ".join(p for p in parts if p)
    coords = f"{record['lat']:.5f}, {record['lon']:.5f}" if record.get("lat") is not None else ""
    camera = " ".join(p for p in (record.get("camera_make"), record.get("camera_model")) if p)

    translate = QCoreApplication.translate
    rows = [
        (translate("Viewer", "File"), record["path"]),
        (translate("Viewer", "Taken"), taken_text(record.get("taken_at"))),
        (translate("Viewer", "Place"), place),
        (translate("Viewer", "Coordinates"), coords),
        (translate("Viewer", "Camera"), camera),
        (translate("Viewer", "Lens"), record.get("lens") or ""),
        (translate("Viewer", "Size"), f"{record.get('width')} × {record.get('height')}"),
        (translate("Viewer", "Tags"), ", ".join(display_name(t, chinese) for t in record.get("tags") or [])),
        (translate("Viewer", "Why"), "; ".join(record.get("why") or [])),
    ]
    return "\n".join(f"{k}: {v}" for k, v in rows if v)


def draw_faces(image: QImage, faces: list[FaceLabel]) -> None:
    """Outline each face (bbox as fractions of the upright photo) and write the person's name under it."""
    painter = QPainter(image)
    width, height = image.width(), image.height()
    pen = QPen(QColor("#ffd54a"))
    pen.setWidth(max(2, width // 400))
    painter.setPen(pen)
    font = painter.font()
    font.setPixelSize(max(12, height // 40))
    painter.setFont(font)
    for face in faces:
        (x1, y1, x2, y2), name = face.bbox, face.name
        rect = QRectF(x1 * width, y1 * height, (x2 - x1) * width, (y2 - y1) * height)
        painter.drawRect(rect)
        painter.drawText(QRectF(rect.left(), rect.bottom() + 2, 400, font.pixelSize() * 1.6),
                         int(Qt.AlignmentFlag.AlignLeft), name or "?")  # fmt: skip
    painter.end()


def ask_name(parent: QWidget) -> str | None:
    title = QCoreApplication.translate("Viewer", "Who is this?")
    name, ok = QInputDialog.getText(parent, title, QCoreApplication.translate("Viewer", "Name:"))
    return name.strip() if ok and name.strip() else None


VIEW_DECODE_PX = 3200  # long side the viewer decodes to: sharp at 100 % on most screens, ~40 MB at most
ZOOM_STEP = 1.25
MAX_ZOOM = 4.0


class Viewer(QDialog):
    """Shows ``records[index]`` large with its faces outlined: fitted to the window, or zoomed (+ / − /
    Ctrl+wheel, 1 = 100 %, 0 = fit) and scrolled. Left/Right move through the records; clicking a face
    asks who it is.

    Args:
        faces_for: ``photo_id → faces``; runs in the loading worker.
        name_face: ``(face_id, name) → None``, called when the user names a face (the caller runs it
            in a worker and then calls :meth:`show_current` to redraw).
        ask: asks the user for a name (a dialog by default; tests pass an answer).
        gazetteer: names places in the UI's language (the stored names are English).
    """

    def __init__(
        self,
        records: list[dict[str, Any]],
        index: int,
        parent: QWidget | None = None,
        faces_for: Callable[[str], list[FaceLabel]] | None = None,
        name_face: Callable[[str, str], None] | None = None,
        ask: Callable[[QWidget], str | None] = ask_name,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        super().__init__(parent)
        self.records, self.index = records, index
        self.gazetteer = gazetteer
        self.faces_for = faces_for
        self.name_face = name_face
        self.ask = ask
        self.faces: list[FaceLabel] = []
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
        layout = QHBoxLayout(self)
        layout.addWidget(self.image_area, 1)
        layout.addWidget(self.info)
        self.resize(1100, 720)
        self._pixmap = QPixmap()
        self._jobs: list[Job] = []
        self.show_current()

    def show_current(self) -> None:
        """Show the metadata now and the image when a worker has decoded it."""
        record = self.records[self.index]
        self.setWindowTitle(f"{record['path']} — album")
        self.info.setText(metadata_text(record, self.gazetteer))
        self.image.setText(self.tr("Loading…"))
        path = record["path"]

        photo_id = record.get("id")
        faces_for = self.faces_for

        def load(_progress: object, _cancel: object) -> tuple[QImage, list[FaceLabel]]:
            reader = QImageReader(path)
            reader.setAutoTransform(True)  # EXIF orientation
            size = reader.size()
            if size.isValid():
                if max(size.width(), size.height()) > VIEW_DECODE_PX:  # JPEG decodes at a reduced scale
                    size.scale(VIEW_DECODE_PX, VIEW_DECODE_PX, Qt.AspectRatioMode.KeepAspectRatio)
                reader.setScaledSize(size)
            image = reader.read()
            faces = faces_for(photo_id) if faces_for is not None and photo_id and not image.isNull() else []
            draw_faces(image, faces)
            return image, faces

        job = Job(load, self)
        job.finished.connect(lambda result, p=path: self._loaded(p, *result))
        self._jobs.append(job)
        job.start()

    def _loaded(self, path: str, image: QImage, faces: list[FaceLabel]) -> None:
        if path != self.records[self.index]["path"]:
            return  # the user moved on
        self.faces = faces
        self._pixmap = QPixmap.fromImage(image)
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
        """Zoom to ``zoom`` (1.0 = one decoded pixel per screen pixel), or fit the window with None."""
        if zoom is not None:
            zoom = max(self.fit_scale(), min(MAX_ZOOM, zoom))
            if abs(zoom - self.fit_scale()) < 1e-3:
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

    def face_at(self, point: QPointF) -> FaceLabel | None:
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
        name = self.ask(self)
        if name:
            self.name_face(face.face_id, name)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            self.index = (self.index + step) % len(self.records)
            self.zoom = None
            self.show_current()
            return
        zooms = {Qt.Key.Key_Plus: lambda: self.zoom_by(ZOOM_STEP), Qt.Key.Key_Equal: lambda: self.zoom_by(ZOOM_STEP),
                 Qt.Key.Key_Minus: lambda: self.zoom_by(1 / ZOOM_STEP), Qt.Key.Key_0: lambda: self.set_zoom(None),
                 Qt.Key.Key_1: lambda: self.set_zoom(1.0)}  # fmt: skip
        if event.key() in zooms:
            zooms[Qt.Key(event.key())]()
            return
        super().keyPressEvent(event)
