"""Photos whose files cannot be opened (an unplugged drive) are greyed in the grid, and the viewer says
why and shows the thumbnail album keeps (issue: trust, item 1)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage

from album.gui.availability import file_opens
from album.gui.photo_grid import OpensRole
from album.gui.viewer import library_folder


def icon_image(icon: QIcon) -> QImage:
    return icon.pixmap(icon.availableSizes()[0]).toImage()


def saturation(image: QImage) -> int:
    """The most saturated pixel of the image's middle (where no badge is drawn)."""
    w, h = image.width(), image.height()
    pixels = (image.pixelColor(x, y) for x in range(w // 4, w // 2, 4) for y in range(h // 4, 3 * h // 4, 4))
    return max(c.hsvSaturation() for c in pixels)


def test_an_unplugged_folder_greys_its_photos_and_the_viewer_shows_the_thumbnail(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "USB"
    for i in range(3):
        write_photo(folder / f"p{i}.jpg", Exif(taken=datetime(2022, 5, 1 + i)), image=scene(seed=i))
    window.controller.last_report = None
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    model = window.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=30_000)
    rows = [model.index(i) for i in range(3)]

    def opens() -> list[bool | None]:
        return [row.data(OpensRole) for row in rows]

    def icons() -> list[QImage]:
        return [icon_image(row.data(Qt.ItemDataRole.DecorationRole)) for row in rows]

    qtbot.waitUntil(lambda: opens() == [True] * 3, timeout=10_000)
    qtbot.waitUntil(lambda: all(h.photo.content_hash in model._icons for h in model.hits), timeout=10_000)
    assert all(saturation(image) > 60 for image in icons())  # the photos in colour

    folder.rename(tmp_path / "unplugged")  # the drive is gone; its photos stay in the library
    window.controller.refresh_results()
    qtbot.waitUntil(lambda: opens() == [False] * 3, timeout=10_000)
    for image in icons():
        assert saturation(image) < 10  # grey
        w, h = image.width(), image.height()
        corner = [image.pixelColor(x, y) for x in range(w * 3 // 4, w) for y in range(h * 3 // 4, h)]
        assert any(c.red() > 200 and c.blue() < 80 for c in corner)  # the orange "!" badge
    assert "not available" in model.data(rows[0], Qt.ItemDataRole.ToolTipRole)

    viewer = window.make_viewer(0)
    qtbot.waitUntil(lambda: not viewer.notice.isHidden(), timeout=10_000)
    said = f"The file is not available: {folder} may be offline. This is the thumbnail album keeps of it."
    assert viewer.notice.text() == said
    thumb = QImage(str(window.controller.thumbnail(model.hits[0].photo)))
    assert not viewer._pixmap.isNull() and viewer._pixmap.size() == thumb.size()  # the thumbnail, not an error
    assert "cannot be shown" not in viewer.image.text()
    viewer.back.emit()

    (tmp_path / "unplugged").rename(folder)  # plugged in again
    model.check_again()  # what the model's timer does every RECHECK_MS, without a new search
    qtbot.waitUntil(lambda: opens() == [True] * 3, timeout=10_000)
    assert all(saturation(image) > 60 for image in icons())
    viewer = window.make_viewer(0)
    qtbot.waitUntil(lambda: not viewer._pixmap.isNull(), timeout=10_000)
    assert viewer.notice.isHidden() and viewer._pixmap.width() > thumb.width()  # the photo itself
    viewer.back.emit()


def test_a_file_opens_unless_it_is_missing_or_not_a_file(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"x")
    assert file_opens(str(photo))
    assert not file_opens(str(tmp_path / "gone.jpg"))
    assert not file_opens(str(tmp_path))  # a folder where the photo was


def test_the_folder_named_is_the_library_folder() -> None:
    folders = ["/media/usb", "/media/usb/Trips", "/home/me/Pictures"]
    assert library_folder("/media/usb/Trips/2019/a.jpg", folders) == "/media/usb/Trips"
    assert library_folder("/media/usb/b.jpg", folders) == "/media/usb"
    assert library_folder("/media/usb2/c.jpg", folders) == "/media/usb2"  # not in the library's folders
