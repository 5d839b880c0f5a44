"""The window's frame: the sidebar (sections, icons, counts, keyboard, collapsing), the toolbar (search in the
centre, thumbnail size, view options), themes on every view, and what keyboard and screen-reader users need."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from photofactory import Exif, scene, write_photo
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor, QKeySequence, QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QScrollBar,
    QTabBar,
    QWidget,
)  # fmt: skip

from album.gui import theme
from album.gui.sidebar import COLLAPSED_WIDTH, Sidebar
from album.gui.styles import use_theme
from album.gui.toolbar import set_layout_mode, supports_layout_modes
from album.gui.welcome import Welcome


def photos_in(folder: Path, placed: int, unplaced: int) -> None:
    for i in range(placed + unplaced):
        gps = {"lat": 38.72, "lon": -9.14} if i < placed else {}
        write_photo(folder / f"IMG_{i:03d}.jpg", Exif(taken=datetime(2022, 1 + i, 3), **gps), image=scene(320, 240, seed=i))


def test_sidebar_counts_places_and_keyboard(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photos_in(tmp_path / "photos", placed=3, unplaced=2)
    window.import_paths([str(tmp_path / "photos")])
    qtbot.waitUntil(lambda: window.sidebar.count("photos") == 5, timeout=120_000)
    assert window.sidebar.count("places") == 1  # the three placed photos are all in Lisbon
    assert window.sidebar.entry_keys() == ["photos", "people", "places", "explore", "albums", "duplicates"]
    item = window.sidebar.list.currentItem()
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Photos, 5"  # what a screen reader says

    window.sidebar.list.setFocus()
    QTest.keyClick(window.sidebar.list, Qt.Key.Key_Up)  # the section title above cannot be current
    assert window.sidebar.current_key() == "photos"
    QTest.keyClick(window.sidebar.list, Qt.Key.Key_Down)
    QTest.keyClick(window.sidebar.list, Qt.Key.Key_Down)
    assert window.sidebar.current_key() == "places" and window.pages.currentWidget() is window.places_page  # Map | List
    window.places_page.setCurrentWidget(window.places_view)
    qtbot.waitUntil(lambda: window.places_view.model.index(0, 0).data() == "Portugal", timeout=30_000)
    window.places_view.setFocus()
    QTest.keyClick(window.places_view.tree, Qt.Key.Key_Return)  # the country's photos, with its chip
    assert window.sidebar.current_key() == "photos"
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=30_000)
    assert any(chip.objectName() == "chip-place" for chip in window.search_bar.chips())


def test_sidebar_entries_sections_and_collapsing(qtbot) -> None:  # type: ignore[no-untyped-def]
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.add_entry("library", "photos", "image", "Photos", 12)
    sidebar.add_entry("browse", "albums", "book-image", "Albums")
    sidebar.add_entry("library", "people", "users", "People", 3)  # joins its section, above "browse"
    assert sidebar.entry_keys() == ["photos", "people", "albums"]
    changed: list[str] = []
    sidebar.current_changed.connect(changed.append)
    sidebar.set_current("albums")
    assert changed == ["albums"]
    sidebar.set_collapsed(True)
    assert sidebar.width() == COLLAPSED_WIDTH
    item = sidebar.list.item(sidebar.list.count() - 1)
    assert item.text() == "" and item.toolTip() == "Albums" and not item.icon().isNull()
    assert sidebar.toggle.accessibleName() == "Expand sidebar"
    sidebar.toggle.click()
    assert not sidebar.collapsed and item.text() == "Albums" and sidebar.text("people") == "People"


def test_toolbar_thumbnail_size_and_layout(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    toolbar = window.toolbar
    assert toolbar.search is window.search_bar and toolbar.isAncestorOf(window.search_bar)
    window.grid.set_thumb_size(180)
    toolbar.show_thumb_size(180)
    window.activateWindow()
    window.grid.setFocus()
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomIn))
    assert window.grid.thumb_size == 200 and toolbar.slider.value() == 200
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomOut))
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.ZoomOut))
    assert window.grid.thumb_size == 160
    toolbar.slider.setValue(300)
    assert window.grid.thumb_size == 300
    # the grid of this branch has square tiles only: "Justified" is offered once the grid can lay it out
    justified = toolbar.layout_actions["justified"]
    assert justified.isEnabled() == supports_layout_modes(window.grid)
    assert window.layout_mode == ("justified" if supports_layout_modes(window.grid) else "square")


def test_layout_mode_adapter() -> None:
    class JustifyingGrid:
        mode = "square"

        def set_layout_mode(self, mode: str) -> None:
            self.mode = mode

    grid = JustifyingGrid()
    assert set_layout_mode(grid, "justified") and grid.mode == "justified"
    assert not set_layout_mode(grid, "circles") and grid.mode == "justified"
    assert not set_layout_mode(object(), "justified")


def views_of(window) -> dict[str, QWidget]:  # type: ignore[no-untyped-def]
    return {"photos grid": window.grid, "people": window.people_view, "places": window.places_view,
            "search": window.search_bar.edit, "welcome": window.welcome}  # fmt: skip


def test_theme_switch_changes_every_view(qtbot, window, qapp) -> None:  # type: ignore[no-untyped-def]
    settings_dialog = window.open_settings()
    dialogs = {"settings": settings_dialog}
    try:
        for choice, colours in (("dark", theme.DARK), ("light", theme.LIGHT), ("dark", theme.DARK)):
            chosen = window.controller.settings
            chosen_copy = type(chosen)(**{**chosen.__dict__, "theme": choice})
            window.apply_settings(chosen_copy)
            window.controller.settings.theme = choice  # as the controller saves it
            for name, view in {**views_of(window), **dialogs}.items():
                palette = view.palette()
                assert palette.color(QPalette.ColorRole.Base) == QColor(colours.window), name
                assert palette.color(QPalette.ColorRole.Text) == QColor(colours.text), name
                assert palette.color(QPalette.ColorRole.Window) == QColor(colours.surface), name
            window.sidebar.resize(window.sidebar.width(), 400)
            image = window.sidebar.grab().toImage()  # the style sheet paints the sidebar in the theme's surface
            assert image.pixelColor(image.width() // 2, image.height() - 5) == QColor(colours.surface)
            toggle = window.sidebar.toggle.icon().pixmap(20).toImage()
            drawn = {toggle.pixelColor(x, y).name() for x in range(20) for y in range(20) if toggle.pixelColor(x, y).alpha() == 255}
            assert drawn == {colours.muted_text}  # the icons were drawn again in the new theme's colour
    finally:
        settings_dialog.reject()
        use_theme(qapp, "light")


def test_system_theme_follows_the_desktop_live(qapp) -> None:  # type: ignore[no-untyped-def]
    hints = qapp.styleHints()
    try:
        use_theme(qapp, "system")
        for scheme, colours in ((Qt.ColorScheme.Dark, theme.DARK), (Qt.ColorScheme.Light, theme.LIGHT)):
            hints.colorSchemeChanged.emit(scheme)  # what Qt says when the desktop's setting changes
            assert qapp.palette().color(QPalette.ColorRole.Base) == QColor(colours.window)
            assert theme.colours() is colours
        use_theme(qapp, "light")
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert qapp.palette().color(QPalette.ColorRole.Base) == QColor(theme.LIGHT.window)  # a choice stays
    finally:
        use_theme(qapp, "light")


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider, QAbstractSpinBox, QAbstractItemView, QTabBar)


def unreachable(root: QWidget) -> list[str]:
    """Interactive widgets under ``root`` that a screen reader cannot name or the keyboard cannot reach."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue  # a scroll bar belongs to its view, which the keyboard scrolls
        if isinstance(widget, QHeaderView) and widget.isHidden():
            continue  # a list's hidden header (the places tree's) is no control
        if widget.window() is not root.window() or widget.objectName().startswith("qt_"):
            continue  # a popup (completer, menu) is named where it opens; Qt's own parts (a menu bar's »)
        accessible = QAccessible.queryAccessibleInterface(widget)
        name = accessible.text(QAccessible.Text.Name) if accessible is not None else ""
        where = f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
        if not name.strip():
            problems.append(f"{where}: no accessible name")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(widget.parent(), QLineEdit):  # its ✕
            problems.append(f"{where}: not reachable by keyboard")
    return problems


def test_every_control_has_a_name_and_takes_focus(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photos_in(tmp_path / "photos", placed=1, unplaced=1)
    window.import_paths([str(tmp_path / "photos")])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=120_000)
    window.search_bar.edit.setText("Lisbon 2022")
    window.search_bar.parse_now()  # chips, with their buttons
    assert window.search_bar.chips()
    assert unreachable(window) == []
    dialog = window.open_settings()
    try:
        assert unreachable(dialog) == []
    finally:
        dialog.reject()


def test_focus_is_visible_on_the_sidebar(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The current entry looks different when the keyboard is in the sidebar (a ring), so focus is seen."""
    use_theme(QApplication.instance(), "light")
    window.activateWindow()
    window.grid.setFocus()
    unfocused = window.sidebar.list.grab().toImage()
    window.sidebar.list.setFocus()
    qtbot.waitUntil(lambda: window.sidebar.list.hasFocus())
    focused = window.sidebar.list.grab().toImage()
    assert focused != unfocused


def test_text_sizes_follow_the_system_font(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    font = qapp.font()
    try:
        for size in (10.0, 16.0):
            bigger = qapp.font()
            bigger.setPointSizeF(size)
            qapp.setFont(bigger)
            welcome = Welcome()
            qtbot.addWidget(welcome)
            assert welcome.title.font().pointSizeF() == size * 1.6
            assert welcome.hint.font().pointSizeF() == size * 1.15
    finally:
        qapp.setFont(font)


def test_the_window_wheel_zoom_moves_the_slider(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.grid.set_thumb_size(180)
    window.grid.wheelEvent(QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                                       Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False))  # fmt: skip
    assert window.grid.thumb_size == 200 and window.toolbar.slider.value() == 200


EXIT_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from album.gui import app as album_app
QTimer.singleShot(3000, lambda: [w.close() for w in app.topLevelWidgets()])
sys.exit(album_app.main())
"""


def test_album_quits_without_a_crash(album_home: Path) -> None:
    """Python objects that Qt still calls while it tears the window down (an event filter did) crash the exit."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ALBUM_HOME": str(album_home)}
    done = subprocess.run([sys.executable, "-c", EXIT_SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_theme_chosen_in_settings_applies_at_once_and_is_kept(qtbot, window, qapp) -> None:  # type: ignore[no-untyped-def]
    from album.core.library import Paths, Settings

    dialog = window.open_settings()
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.accept()
        assert qapp.palette().color(QPalette.ColorRole.Base) == QColor(theme.DARK.window)  # at once, like the language
        qtbot.waitUntil(lambda: Settings.load(Paths.from_env()).theme == "dark", timeout=30_000)
    finally:
        use_theme(qapp, "light")
