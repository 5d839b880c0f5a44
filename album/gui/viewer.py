"""A large view of one photo with its metadata; left/right step through the current results."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSizePolicy, QWidget

from album.gui.workers import Job


def metadata_text(record: dict[str, Any]) -> str:
    place = ", ".join(p for p in (record.get("place"), record.get("country")) if p)
    coords = f"{record['lat']:.5f}, {record['lon']:.5f}" if record.get("lat") is not None else ""
    camera = " ".join(p for p in (record.get("camera_make"), record.get("camera_model")) if p)
    rows = [
        ("File", record["path"]), ("Taken", record.get("taken_at") or "unknown"), ("Place", place),
        ("Coordinates", coords), ("Camera", camera), ("Lens", record.get("lens") or ""),
        ("Size", f"{record.get('width')} × {record.get('height')}"), ("Tags", ", ".join(record.get("tags") or [])),
        ("Why", "; ".join(record.get("why") or [])),
    ]  # fmt: skip
    return "\n".join(f"{k}: {v}" for k, v in rows if v)


class Viewer(QDialog):
    """Shows ``records[index]`` large (fit to window); Left/Right move through the records."""

    def __init__(self, records: list[dict[str, Any]], index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records, self.index = records, index
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
        self.image.setText("Loading…")
        path = record["path"]

        def load(_progress: object, _cancel: object) -> QImage:
            reader = QImageReader(path)
            reader.setAutoTransform(True)  # EXIF orientation
            size = reader.size()
            if size.isValid():
                size.scale(1600, 1600, Qt.AspectRatioMode.KeepAspectRatio)  # JPEG decodes at reduced scale
                reader.setScaledSize(size)
            return reader.read()

        job = Job(load, self)
        job.finished.connect(lambda image, p=path: self._loaded(p, image))
        self._jobs.append(job)
        job.start()

    def _loaded(self, path: str, image: QImage) -> None:
        if path != self.records[self.index]["path"]:
            return  # the user moved on
        self._pixmap = QPixmap.fromImage(image)
        if image.isNull():
            self.image.setText("This photo cannot be shown.")
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            self.index = (self.index + step) % len(self.records)
            self.show_current()
            return
        super().keyPressEvent(event)
