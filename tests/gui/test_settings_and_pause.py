"""Settings dialog and pausing an import, driven through the real window."""

from __future__ import annotations

from pathlib import Path

from test_main_window import make_photos

from album.core.library import Settings


def import_and_wait(qtbot, window, folder: Path) -> None:  # type: ignore[no-untyped-def]
    controller = window.controller
    controller.last_report = None
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: controller.last_report is not None and controller.index_job is None, timeout=120_000)


def test_settings_remove_and_add_folders_and_save_choices(qtbot, window, tmp_path: Path, english_after) -> None:  # type: ignore[no-untyped-def]
    trip, garden = tmp_path / "Trip", tmp_path / "Garden"
    make_photos(trip, 5)
    make_photos(garden, 3)
    import_and_wait(qtbot, window, trip)
    qtbot.waitUntil(lambda: window.model.rowCount() == 5, timeout=10_000)

    dialog = window.open_settings()
    assert [dialog.folders.item(i).text() for i in range(dialog.folders.count())] == [str(trip)]
    assert "not downloaded yet" in dialog.clip_status.text() and "Folder:" in dialog.clip_status.text()
    assert dialog.download_clip.isHidden() == dialog.clip_choice.currentData().installed  # a Download button
    assert "Licence:" in dialog.face_status.text()
    dialog.folders.item(0).setSelected(True)
    dialog._remove_folders()
    dialog.folders.addItem(str(garden))  # what "Add Folder…" does after its file dialog
    dialog.tag_probability.setValue(0.5)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    window.controller.last_report = None
    dialog.accept()

    qtbot.waitUntil(lambda: window.controller.last_report is not None and window.library is not None, timeout=120_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=30_000)  # Trip's photos left, Garden's came
    assert {Path(hit.photo.path).parent for hit in window.model.hits} == {garden}
    assert trip.is_dir() and len(list(trip.iterdir())) == 5  # the files themselves are untouched
    saved = Settings.load(window.paths)
    assert (saved.library_folders, saved.min_tag_probability, saved.language) == ([str(garden)], 0.5, "zh_CN")
    assert window.sidebar.text("photos") == "照片"  # the new language applied at once


def test_pause_and_resume_an_import(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Big"
    make_photos(folder, 200, size=(800, 600))  # more than the ~70 photos the pipeline keeps in flight
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.progress.maximum() > 0 and window.progress.value() >= 5, timeout=60_000)
    window.pause_button.click()
    assert window.pause_button.text() == "Resume"
    qtbot.waitUntil(lambda: window.status.text().startswith("Paused after"), timeout=60_000)
    saved = window.library.stats().photos
    qtbot.wait(500)
    assert window.library.stats().photos == saved < 200  # nothing moves while paused
    assert window.controller.last_report is None
    # the grid already shows the committed photos: live results follow the import's committed batches
    qtbot.waitUntil(lambda: window.model.rowCount() == saved, timeout=10_000)
    window.pause_button.click()
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    assert (window.controller.last_report.added, window.controller.last_report.cancelled) == (200, False)
