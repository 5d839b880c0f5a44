"""The GUI goes through the one door: same parse as the CLI, only Library and records from the core."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from photofactory import Exif, write_photo
from PySide6.QtCore import Qt

GUI = Path(__file__).resolve().parents[2] / "album" / "gui"
DOOR = {"album.core.library", "album.core.records"}


def test_the_gui_imports_only_the_library_and_its_records_from_the_core() -> None:
    wrong = []
    for module in sorted(GUI.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            wrong += [f"{module.name}: {n}" for n in names if n.startswith("album.core") and n not in DOOR]
            if isinstance(node, ast.ImportFrom) and node.module == "album.core":
                wrong.append(f"{module.name}: from album.core import ...")
    assert not wrong


def photos_around_sydney(folder: Path) -> None:
    """A southern-hemisphere library: its summer is December to February."""
    for i, day in enumerate((datetime(2023, 12, 24), datetime(2024, 1, 5), datetime(2024, 2, 10))):
        write_photo(folder / f"IMG_{i}.jpg", Exif(taken=day, lat=-33.87 + i * 0.01, lon=151.21 - i * 0.01))


def typed_query(qtbot, window, text: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Type ``text`` into the window's search bar as a person does and press Enter; the Query it searched."""
    bar = window.search_bar
    bar.edit.clear()
    bar.edit.setFocus()
    qtbot.keyClicks(bar.edit, text)
    bar.completer.popup().hide()
    with qtbot.waitSignal(bar.search, timeout=5_000) as searched:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    return searched.args[0].to_json()  # type: ignore[no-any-return]


def cli_query(text: str) -> dict[str, object]:
    """``album parse --json TEXT`` in a subprocess, on the same library (ALBUM_HOME)."""
    done = subprocess.run([sys.executable, "-m", "album", "parse", "--json", text], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_gui_and_the_cli_understand_the_same_text_the_same_way(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Sydney"
    photos_around_sydney(folder)
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    assert window.controller.last_report.added == 3

    summer = cli_query("summer 2023")
    assert (summer["date_from"], summer["date_to"]) == ("2023-12-01", "2024-02-29")  # the library is in the south
    liverpool = cli_query("beach near Liverpool")
    place = liverpool["place"]
    assert isinstance(place, dict) and place["lat"] < 0  # Liverpool, New South Wales, near the photos: not England
    assert typed_query(qtbot, window, "summer 2023") == summer
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=30_000)  # and it finds the summer's photos
    assert typed_query(qtbot, window, "beach near Liverpool") == liverpool
    assert typed_query(qtbot, window, "Liverpool 2024") == cli_query("Liverpool 2024")


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_the_status_bar_says_who_is_writing_the_library(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Waiting"
    photos_around_sydney(folder)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from album.core.store.lock import "
         "WriterLock; WriterLock(Path(sys.argv[1]), 'album index /mnt/photos').acquire(); print('held', "
         "flush=True); time.sleep(120)", str(window.paths.db_dir)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        window.import_paths([str(folder)])
        expected = "Waiting for album index /mnt/photos to finish changing the library…"
        qtbot.waitUntil(lambda: window.status.text() == expected, timeout=30_000)
        assert str(holder.pid) in window.status.toolTip()
    finally:
        holder.kill()
        holder.wait()
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)  # then it goes on
    assert window.controller.last_report.added == 3


def test_the_settings_dialog_downloads_through_the_library(qtbot, models_dir: Path, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    """The Download button goes through Library.download_model: here the model is already there, so it is
    done at once (no network); an unknown kind of model is a plain error."""
    from album.core.library import Library, Paths
    from album.gui.controller import LibraryController
    from album.gui.settings_dialog import SettingsDialog

    controller = LibraryController(Paths.from_env())
    with qtbot.waitSignal(controller.opened, timeout=30_000):
        controller.open()
    try:
        assert controller.settings is not None
        dialog = SettingsDialog(controller.paths, controller.settings, controller.models, controller.download_model)
        qtbot.addWidget(dialog)
        assert dialog.clip_choice.currentText() == "tiny-shapes" and dialog.download_clip.isHidden()
        dialog._download_clip()
        qtbot.waitUntil(
            lambda: dialog.download_progress.isHidden() and dialog.download_clip.isEnabled(), timeout=10_000
        )
        assert "installed" in dialog.clip_status.text() and "failed" not in dialog.clip_status.text()
        with pytest.raises(ValueError, match="unknown kind"):
            Library(controller.paths).download_model("speech")
    finally:
        controller.shutdown()


def test_the_clip_model_is_loaded_in_the_background_after_opening(qtbot, models_dir: Path, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    """Opening answers first (library, place names); the CLIP model loads in a worker afterwards, so the
    first text search neither waits for it nor loads it on the GUI thread."""
    from album.core.library import Paths
    from album.gui.controller import LibraryController

    controller = LibraryController(Paths.from_env())
    with qtbot.waitSignal(controller.opened, timeout=30_000):
        controller.open()
    try:
        library = controller.library
        assert library is not None
        with qtbot.waitSignal(controller.search_prepared, timeout=60_000) as prepared:
            pass
        assert prepared.args == [True] and library.search_ready
    finally:
        controller.shutdown()


def test_no_installed_model_means_nothing_to_prepare_and_no_download(qtbot, album_home: Path) -> None:  # type: ignore[no-untyped-def]
    from album.core.library import Paths
    from album.gui.controller import LibraryController

    controller = LibraryController(Paths.from_env())
    with qtbot.waitSignal(controller.search_prepared, timeout=60_000) as prepared:
        controller.open()
    try:
        assert prepared.args == [False]
        assert controller.library is not None and not controller.library.search_ready
        assert not (controller.paths.models_dir / "clip").exists()  # nothing was fetched at start-up
    finally:
        controller.shutdown()
