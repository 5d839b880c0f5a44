"""The viewer's side panel shows what the user wrote in other apps: title, caption, keywords, stars, label,
and the people other apps named on the photo whose face album did not find (an exiftool-written photo)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from photofactory import scene, write_photo
from PySide6.QtCore import Qt

from album.gui.viewer_info import rating_text


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="needs exiftool (packaging/debian-deps.sh)")
def test_the_side_panel_shows_the_users_own_metadata(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photo = write_photo(tmp_path / "Garden" / "IMG_7.jpg", image=scene(640, 480))
    subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-XMP-dc:Title=Grandma's garden",
                    "-XMP-dc:Description=The roses she planted", "-XMP-dc:Subject=roses", "-XMP-dc:Subject=family",
                    "-XMP-xmp:Rating=4", "-XMP-xmp:Label=Green",
                    "-XMP-mwg-rs:RegionInfo={RegionList=[{Name=Grandma,Type=Face,Area={X=0.5,Y=0.5,W=0.2,H=0.2,"
                    "Unit=normalized}}]}", str(photo)], check=True)  # fmt: skip
    window.import_paths([str(photo.parent)])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.controller.index_job is None, timeout=60_000)
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.model.index(0))
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)
    viewer = window.viewer
    qtbot.waitUntil(lambda: "Named in other apps: Grandma" in viewer.info.text(), timeout=10_000)
    text = viewer.info.text()
    for line in ("Grandma's garden", "The roses she planted", "Keywords: roses; family", "Rating: ★★★★☆; Green"):
        assert line in text.splitlines()
    window.close_viewer()


def test_rating_text() -> None:
    assert [rating_text(r) for r in (None, 0, 5)] == ["", "☆☆☆☆☆", "★★★★★"]
    assert rating_text(-1) == "rejected"
