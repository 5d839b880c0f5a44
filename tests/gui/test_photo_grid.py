"""The grid's tiles as painted: every photo whole and in its own shape, whatever shapes come first in
the results — after a search, and while an import adds photos batch by batch."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QRect, QTimer

from album.gui.grid_layout import MAX_RATIO, MIN_RATIO

# A panorama first (newest), then portrait, landscape, tiny and square photos: Qt's own icon delegate sized
# every tile from the first one and drew them all as thin strips.
SHAPES = [(1200, 150), (600, 900), (800, 600), (40, 30), (500, 500), (90, 160)]


def write_mixed(folder: Path, count: int, year: int = 2023) -> None:
    for i in range(count):
        width, height = SHAPES[i % len(SHAPES)]
        taken = datetime(year, 12 - i // 168 % 12, 28 - i // 6 % 28, 12, 59 - i % 6)  # newest first = this order
        write_photo(folder / f"IMG_{i:04d}.jpg", Exif(taken=taken), image=scene(width, height, seed=i))


def check_tiles(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Paint the grid now and say what is wrong with any visible tile (nothing: an empty list)."""
    grid, model = window.grid, window.model
    grid.painted.clear()
    grid.viewport().repaint()
    problems = []
    side = grid.thumb_size
    visible = grid.viewport().rect()
    for row in range(model.rowCount()):
        cell = grid.visualRect(model.index(row))
        if not cell.intersects(visible):
            continue
        painted: QRect | None = grid.painted.get(row)
        if painted is None:
            problems.append(f"row {row}: not painted")
            continue
        photo = model.hits[row].photo
        loaded = (photo.content_hash or "") in model._icons
        ratio = photo.width / photo.height
        if not loaded:  # the placeholder fills its tile, whose shape is the photo's within limits
            ratio = min(max(ratio, MIN_RATIO), MAX_RATIO)
        if not side // 2 <= cell.height() <= side * 2:
            problems.append(f"row {row}: tile {cell.width()}×{cell.height()} for a target height of {side}")
        if not cell.contains(painted):
            problems.append(f"row {row}: photo drawn outside its tile")
        if painted.width() < cell.width() - 2 and painted.height() < cell.height() - 2:
            problems.append(f"row {row}: photo drawn {painted.width()}×{painted.height()}, not fitted to {cell}")
        if abs(painted.width() / painted.height() - ratio) > 0.05 * ratio + 2 / painted.height():
            problems.append(f"row {row}: drawn {painted.width()}×{painted.height()} for a {photo.width}×{photo.height} photo")
    return problems


def test_a_search_mixing_shapes_draws_every_photo_whole(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Shapes"
    write_mixed(folder, 12)
    write_mixed(tmp_path / "Older", 6, year=2019)
    window.import_paths([str(folder), str(tmp_path / "Older")])
    qtbot.waitUntil(lambda: window.model.rowCount() == 18 and window.controller.index_job is None, timeout=60_000)
    window.search_bar.edit.setText("photos from 2023")
    window.search_bar.edit.returnPressed.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() == 12, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.model._icons) >= 12, timeout=10_000)  # every thumbnail loaded
    assert check_tiles(window) == []
    assert {window.model.hits[0].photo.width, window.model.hits[3].photo.width} == {1200, 40}
    painted = window.grid.painted
    assert painted[0].width() > 7 * painted[0].height()  # the panorama, whole
    assert painted[1].width() < painted[1].height()  # the portrait stays upright and whole
    window.grid.set_thumb_size(260)  # Ctrl+wheel: every tile follows
    qtbot.wait(50)
    assert check_tiles(window) == []
    window.grid.set_layout_mode("square")  # even tiles, each filled with its photo's centre
    window.grid.viewport().repaint()
    cells = [window.grid.visualRect(window.model.index(row)) for row in range(6)]
    assert all(cell.width() == cell.height() >= 260 and painted[row] == cell for row, cell in enumerate(cells))


def test_tiles_stay_whole_while_an_import_adds_photos(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Big"
    write_mixed(folder, 150)  # three batches of 64: the grid refreshes while the import runs
    problems: list[str] = []
    checks = []

    def check() -> None:
        if window.model.rowCount():
            checks.append(window.model.rowCount())
            problems.extend(check_tiles(window))

    window.model.modelReset.connect(lambda: QTimer.singleShot(0, check))  # once the window has shown them
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None and window.model.rowCount() == 150,
                    timeout=120_000)  # fmt: skip
    qtbot.waitUntil(lambda: len(window.model._icons) >= 10 and not window.model._pending, timeout=10_000)
    check()
    assert len(checks) >= 2, checks  # looked during the import, not only at its end
    assert problems == []
