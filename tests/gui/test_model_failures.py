"""A model that is installed but fails says so, with the core's sentence, in the settings' models panel
(issue: trust, item 2), instead of "installed"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTabWidget

from album.gui import theme
from album.gui.styles import use_theme


def test_a_damaged_clip_model_shows_its_failure_in_the_models_panel(qtbot, qapp, models_dir: Path, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Photos"
    for i in range(3):
        write_photo(folder / f"p{i}.jpg", Exif(taken=datetime(2022, 3, 1 + i)), image=scene(seed=i))
    before = window.open_settings()
    assert before.clip_choice.currentText() == "tiny-shapes"
    assert before.clip_status.text().startswith("installed —")  # nothing has failed yet
    before.reject()

    weights = models_dir / "clip" / "tiny-shapes" / "visual" / "model.onnx"
    weights.write_bytes(b"\x8a" * 1024)  # a damaged file where the weights were
    window.controller.last_report = None
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    report = window.controller.last_report
    assert report.added == 3  # the photos are indexed without it
    clip_line = next(u for u in report.unavailable if u.startswith("clip: "))

    dialog = window.open_settings()
    dialog.findChild(QTabWidget).setCurrentIndex(1)
    status = dialog.clip_status.text()
    assert status.startswith("installed, but it failed: ") and clip_line.removeprefix("clip: ") in status
    assert "tiny-shapes" in status and dialog.clip_status.property("failed") is True
    use_theme(qapp, "light")  # the style sheet shows a failure in the theme's error colour
    dialog.clip_status.ensurePolished()
    assert dialog.clip_status.palette().color(QPalette.ColorRole.WindowText) == QColor(theme.LIGHT.error_text)
    assert dialog.download_clip.isHidden()  # its files are there: downloading is not the answer
    assert "failed" not in dialog.face_status.text()  # no face models here: "not downloaded yet", not a failure
    dialog.reject()
