"""Photos decoded at screen size in the background, ahead of need, for quick look and the slideshow.

The grid's thumbnails are too small to show a photo across the screen, and decoding a camera JPEG takes
100–300 ms: on the GUI thread that freezes the window. Here one pool thread decodes (JPEG at a reduced scale,
upright by its EXIF orientation) and the last few answers are kept, so stepping back is instant and the next
photo is usually ready before it is asked for.
"""

from __future__ import annotations

from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader


def decode_fitted(path: str, box: QSize) -> QImage:
    """The photo at ``path`` upright and scaled to fit ``box``, so that painting it is a plain copy (smooth
    scaling a decoded photo on the GUI thread took tens of ms per paint); a null image if the file does not
    open. Runs in a pool thread."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # EXIF orientation
    size, side = reader.size(), max(box.width(), box.height())
    if size.isValid() and max(size.width(), size.height()) > side:  # JPEG decodes at a reduced scale
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


class _Signals(QObject):
    decoded = Signal(str, QImage)


class PhotoDecoder(QObject):
    """Decodes photos to fit a box in one background thread, keeping the ``keep`` most recent.

    Signals:
        decoded(str, QImage): the photo at this path is ready (a null image: it did not open).
    """

    decoded = Signal(str, QImage)

    def __init__(self, keep: int = 8, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keep = keep
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._signals = _Signals()
        self._signals.decoded.connect(self._arrived)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="album-decode")

    def get(self, path: str, box: QSize) -> QImage | None:
        """The decoded photo if it is ready, else None (it is then decoded, and ``decoded`` says when)."""
        if path in self._images:
            self._images.move_to_end(path)
            return self._images[path]
        self.prefetch(path, box)
        return None

    def prefetch(self, path: str, box: QSize) -> None:
        """Decode ``path`` unless it is ready or on its way (the photos likely to be asked for next)."""
        if path not in self._images and path not in self._pending:
            self._pending.add(path)
            self._pool.submit(lambda: self._signals.decoded.emit(path, decode_fitted(path, box)))

    def _arrived(self, path: str, image: QImage) -> None:
        self._pending.discard(path)
        self._images[path] = image
        while len(self._images) > self.keep:
            self._images.popitem(last=False)
        self.decoded.emit(path, image)

    def shutdown(self) -> None:
        """Drop what is queued and wait for the decode in progress (no thread outlives the window)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
