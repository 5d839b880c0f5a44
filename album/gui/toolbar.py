"""The toolbar above the pages: the search box in the centre, the thumbnail size, and the view options.

The thumbnail size follows the slider, Ctrl + and Ctrl − (and the grid's own Ctrl + wheel, which the
slider then shows). The grid's layout ("justified" rows or "square" tiles) is set through
:func:`set_layout_mode`, which asks the grid only for what it can do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QSlider, QToolButton, QWidget

from album.gui.icons import icon
from album.gui.theme import colours

LAYOUT_MODES = ("justified", "square")
THUMB_MIN, THUMB_MAX, THUMB_STEP = 64, 400, 20  # the grid's own bounds (PhotoGrid.set_thumb_size) and wheel step


def supports_layout_modes(grid: object) -> bool:
    """Whether the grid can lay photos out in more than square tiles."""
    return callable(getattr(grid, "set_layout_mode", None))


def set_layout_mode(grid: object, mode: str) -> bool:
    """Lay the grid out as ``mode`` if it can; returns whether it did (a grid of square tiles only cannot)."""
    if mode not in LAYOUT_MODES or not supports_layout_modes(grid):
        return False
    grid.set_layout_mode(mode)  # type: ignore[attr-defined]
    return True


class Toolbar(QWidget):
    """Search in the centre; at the right the thumbnail size and the view menu.

    Signals:
        thumb_size_changed(int): the user chose a thumbnail size (pixels).
        layout_mode_changed(str): the user chose "justified" or "square".
    """

    thumb_size_changed = Signal(int)
    layout_mode_changed = Signal(str)

    def __init__(self, search: QWidget, justified_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolbar")
        self.search = search
        self.smaller = _tool_button("zoom-out")
        self.larger = _tool_button("zoom-in")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("thumb-size")
        self.slider.setRange(THUMB_MIN, THUMB_MAX)
        self.slider.setSingleStep(THUMB_STEP)
        self.slider.setPageStep(2 * THUMB_STEP)
        self.slider.setFixedWidth(self.fontMetrics().averageCharWidth() * 16)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.valueChanged.connect(self.thumb_size_changed)
        self.zoom_in = QAction(self)
        self.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_in.triggered.connect(lambda: self.step_size(1))
        self.zoom_out = QAction(self)
        self.zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out.triggered.connect(lambda: self.step_size(-1))
        for action in (self.zoom_in, self.zoom_out):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.larger.clicked.connect(self.zoom_in.trigger)
        self.smaller.clicked.connect(self.zoom_out.trigger)

        self.view_menu = QMenu(self)
        self.layout_group = QActionGroup(self)
        self.layout_actions: dict[str, QAction] = {}
        for mode in LAYOUT_MODES:
            action = QAction(self.layout_group, checkable=True)
            action.setData(mode)
            action.setEnabled(mode == "square" or justified_available)
            action.triggered.connect(lambda _checked=False, m=mode: self.layout_mode_changed.emit(m))
            self.view_menu.addAction(action)
            self.layout_actions[mode] = action
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.zoom_in, self.zoom_out])
        self.view_button = _tool_button("layout-grid")
        self.view_button.setMenu(self.view_menu)
        self.view_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addStretch(1)
        layout.addWidget(search, 6)
        layout.addStretch(1)
        layout.addWidget(self.smaller)
        layout.addWidget(self.slider)
        layout.addWidget(self.larger)
        layout.addSpacing(6)
        layout.addWidget(self.view_button)
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            self.smaller: self.tr("Smaller thumbnails"),
            self.larger: self.tr("Larger thumbnails"),
            self.slider: self.tr("Thumbnail size"),
            self.view_button: self.tr("View options"),
        }
        for widget, text in names.items():
            widget.setAccessibleName(text)
            widget.setToolTip(text)
        self.zoom_in.setText(self.tr("Larger Thumbnails"))
        self.zoom_out.setText(self.tr("Smaller Thumbnails"))
        self.layout_actions["justified"].setText(self.tr("Justified"))
        self.layout_actions["square"].setText(self.tr("Square Tiles"))

    def refresh_icons(self) -> None:
        """Draw the icons in the theme's colours again (after a theme switch)."""
        for button, name in ((self.smaller, "zoom-out"), (self.larger, "zoom-in"), (self.view_button, "layout-grid")):
            button.setIcon(icon(name, colours().muted_text))

    def show_thumb_size(self, size: int) -> None:
        """Move the slider to ``size`` without asking for it again (the grid changed it itself)."""
        self.slider.blockSignals(True)
        self.slider.setValue(size)
        self.slider.blockSignals(False)

    def show_layout_mode(self, mode: str) -> None:
        action = self.layout_actions.get(mode)
        if action is not None:
            action.setChecked(True)

    def step_size(self, steps: int) -> None:
        """One step larger (1) or smaller (-1), as Ctrl + and Ctrl − do."""
        self.slider.setValue(self.slider.value() + steps * THUMB_STEP)


def _tool_button(icon_name: str) -> QToolButton:
    button = QToolButton()
    button.setAutoRaise(True)
    button.setIcon(icon(icon_name, colours().muted_text))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button
