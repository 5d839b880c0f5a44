"""A large view of one photo with its metadata; left/right step through the current results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QInputDialog, QLabel, QSizePolicy, QWidget

from album.core.people import FaceLabel
from album.gui.workers import Job


def metadata_text(record: dict[str, Any]) -> str:
    place = ", ".join(p for p in (record.get("place"), record.get("region"), record.get("country")) if p)
    coords = f"{record['lat']:.5f}, {record['lon']:.5f}" if record.get("lat") is not None else ""
    camera = " ".join(p for p in (record.get("camera_make"), record.get("camera_model")) if p)

    translate = QCoreApplication.translate
    rows = [
        (translate("Viewer", "File"), record["path"]),
        (translate("Viewer", "Taken"), record.get("taken_at") or translate("Viewer", "unknown")),
        (translate("Viewer", "Place"), place),
        (translate("Viewer", "Coordinates"), coords),
        (translate("Viewer", "Camera"), camera),
        (translate("Viewer", "Lens"), record.get("lens") or ""),
        (translate("Viewer", "Size"), f"{record.get('width')} × {record.get('height')}"),
        (translate("Viewer", "Tags"), ", ".join(record.get("tags") or [])),
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


class Viewer(QDialog):
    """Shows ``records[index]`` large (fit to window) with its faces outlined; Left/Right move through
    the records; clicking a face asks who it is.

    Args:
        faces_for: ``photo_id → faces``; runs in the loading worker.
        name_face: ``(face_id, name) → None``, called when the user names a face (the caller runs it
            in a worker and then calls :meth:`show_current` to redraw).
        ask: asks the user for a name (a dialog by default; tests pass an answer).
    """

    def __init__(
        self,
        records: list[dict[str, Any]],
        index: int,
        parent: QWidget | None = None,
        faces_for: Callable[[str], list[FaceLabel]] | None = None,
        name_face: Callable[[str, str], None] | None = None,
        ask: Callable[[QWidget], str | None] = ask_name,
    ) -> None:
        super().__init__(parent)
        self.records, self.index = records, index
        self.faces_for = faces_for
        self.name_face = name_face
        self.ask = ask
        self.faces: list[FaceLabel] = []
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.info = QLabel(wordWrap=True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setFixedWidth(300)
        layout = QHBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.info)
        self.resize(1100, 720)
        self._pixmap = QPixmap()
        self._jobs: list[Job] = []
        self.show_current()

    def show_current(self) -> None:
        """Show the metadata now and the image when a worker has decoded it."""
        record = self.records[self.index]
        self.setWindowTitle(f"{record['path']} — album")
        self.info.setText(metadata_text(record))
        self.image.setText(self.tr("Loading…"))
        path = record["path"]

        photo_id = record.get("id")
        faces_for = self.faces_for

        def load(_progress: object, _cancel: object) -> tuple[QImage, list[FaceLabel]]:
            reader = QImageReader(path)
            reader.setAutoTransform(True)  # EXIF orientation
            size = reader.size()
            if size.isValid():
                size.scale(1600, 1600, Qt.AspectRatioMode.KeepAspectRatio)  # JPEG decodes at reduced scale
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
        if not self._pixmap.isNull():
            self.image.setPixmap(self._pixmap.scaled(self.image.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation))  # fmt: skip

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
            self.show_current()
            return
        super().keyPressEvent(event)
