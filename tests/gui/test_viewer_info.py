"""The viewer's info panel on real files: a real camera's exposure read from its EXIF, the place line, tags and
why a photo matched; and the panel's formatting of shutter times and focal lengths."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif, write_photo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget
from shared_data import SHARED_FACES

from album.core.records import Exposure, Photo, Tagged
from album.gui.viewer_info import NBSP, InfoPanel, exposure_text, shutter_text

KITE = SHARED_FACES / "misc" / "kite.jpg"  # a Canon EOS REBEL T1i's JPEG: 28 mm, f/13, 1/640 s, ISO 800
needs_camera_file = pytest.mark.skipif(not KITE.is_file(), reason="needs ../shared/faces")


@needs_camera_file
def test_the_info_panel_shows_the_exposure_read_from_a_real_camera_file(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Camera"
    folder.mkdir()
    shutil.copy(KITE, folder)
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.controller.index_job is None, timeout=120_000)
    viewer = window.make_viewer(0)
    panel = viewer.info
    qtbot.waitUntil(lambda: "ISO" in panel.camera.text(), timeout=10_000)  # read from the file in a worker
    assert panel.isVisible() and not panel.camera.isHidden()
    lines = [label.text().replace(NBSP, " ") for label in panel.camera.lines]
    assert lines == ["Canon EOS REBEL T1i", "Tamron SP AF 28-75mm f/2.8 XR Di LD Aspherical [IF] Macro",
                     "28 mm · ƒ/13 · 1/640 s · ISO 800"]  # fmt: skip
    assert panel.name.text() == "kite.jpg"
    assert f"ISO{NBSP}800" in panel.accessibleDescription()
    interactive = [w for w in viewer.findChildren(QWidget) if isinstance(w, (QAbstractButton, QAbstractItemView))]
    assert len(interactive) >= 6  # back, zoom out, zoom in, info, full screen, the filmstrip
    for widget in interactive:
        assert widget.accessibleName(), f"{widget!r} has no accessible name"
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{widget!r} cannot be reached with Tab"
    window.close_viewer()


def test_sections_say_what_the_library_knows(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_photo(tmp_path / "IMG_1.jpg", Exif(taken=datetime(2023, 2, 2, 9, 30), offset="+05:30"))
    photo = Photo(id="p", path=str(path), taken_at=datetime(2023, 2, 2, 9, 30), tz_offset_min=330,
                  place="Lisbon", country="Portugal", lat=38.72, lon=-9.14, tags=("dog", "beach"),
                  width=640, height=480, size=path.stat().st_size)  # fmt: skip
    panel = InfoPanel()
    qtbot.addWidget(panel)
    panel.show_photo(photo, (Tagged(("dog",)),))
    assert "+05:30" in panel.taken.text() and "2023" in panel.taken.text()  # the time zone, when known
    assert [label.text() for label in panel.place.lines] == ["Lisbon, Portugal", "38.72000, -9.14000"]
    assert panel.tags.chip_texts() == ["dog", "beach"]
    assert panel.why.chip_texts() == ["Tag: dog"]
    assert panel.camera.isHidden() and panel.people.isHidden()  # nothing to say: no empty headings
    assert "640 × 480" in panel.folder.text()
    panel.show_photo(Photo(id="q", path=str(path)))
    assert panel.why.isHidden() and panel.tags.isHidden() and panel.place.isHidden()


def test_exposure_as_photographers_write_it() -> None:
    shutters = [shutter_text(s).replace(NBSP, " ") for s in (1 / 640, 1 / 25, 0.3, 2.0, 1.5)]
    assert shutters == ["1/640 s", "1/25 s", "0.3 s", "2 s", "1.5 s"]
    phone = Exposure(focal_mm=4.25, focal_35mm_mm=26, f_number=1.8, exposure_s=1 / 120, iso=50)
    assert exposure_text(phone) == f"4.2{NBSP}mm (26 mm in 35 mm terms) · ƒ/1.8 · 1/120{NBSP}s · ISO{NBSP}50"
    assert exposure_text(Exposure(focal_mm=50.0, focal_35mm_mm=50)) == f"50{NBSP}mm"  # full frame: no more to say
    assert exposure_text(Exposure()) == ""
