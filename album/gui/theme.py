"""Every colour the window draws with, for the light and the dark theme, in one place.

Widgets never spell a colour: they take it from :func:`colours` (or from the application's ``QPalette``, which
:func:`apply_theme` fills from the same table), so switching the theme changes every view at once and a
new colour is decided here, next to its counterpart in the other theme. The viewer is always dark, as in
every photo app: photos look best on a dark surround whatever the window's theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

ThemeChoice = Literal["system", "light", "dark"]


@dataclass(frozen=True)
class Colours:
    """One theme's colours, by the job they do (CSS colour strings: ``#rrggbb`` or ``rgba(…)``)."""

    name: str
    window: str  # the main background: grid, lists
    surface: str  # sidebar and toolbar, a step apart from the window
    text: str
    muted_text: str  # secondary lines: counts, dates, hints
    border: str
    accent: str  # selection, focus, links, the current sidebar entry
    accent_text: str  # text drawn on the accent
    selection_tint: str  # laid over a selected photo
    hover: str  # a row or tile under the mouse
    placeholder: str  # a tile whose thumbnail is not loaded yet and whose colour is unknown
    chip_background: str
    chip_border: str
    warning_background: str
    warning_text: str
    warning_border: str
    error_text: str
    overlay_background: str  # labels drawn over photos (the month while scrolling)
    overlay_text: str
    badge: str  # the "!" on a photo whose file cannot be opened
    badge_text: str
    face_outline: str  # the boxes the viewer draws around faces, with the person's name
    map_water: str  # the Places map: sea, land, coastlines and borders
    map_land: str
    map_coast: str
    map_border: str


LIGHT = Colours(
    name="light",
    window="#ffffff",
    surface="#f3f3f5",
    text="#1d1d1f",
    muted_text="#6e6e73",
    border="#d2d2d7",
    accent="#0a64d6",
    accent_text="#ffffff",
    selection_tint="rgba(10, 100, 214, 0.28)",
    hover="#e8e8ed",
    placeholder="#e3e3e6",
    chip_background="#eef4fb",
    chip_border="#9ab6d6",
    warning_background="#fff3e0",
    warning_text="#8a3b00",
    warning_border="#ffb74d",
    error_text="#c62828",
    overlay_background="rgba(30, 30, 30, 0.67)",
    overlay_text="#ffffff",
    badge="#e65100",
    badge_text="#ffffff",
    face_outline="#ffd54a",
    map_water="#cadced",
    map_land="#f6f4ee",
    map_coast="#9fb4c8",
    map_border="#c9bfb0",
)

DARK = Colours(
    name="dark",
    window="#1c1c1e",
    surface="#2a2a2d",
    text="#f2f2f7",
    muted_text="#a1a1a6",
    border="#3d3d41",
    accent="#4c9dff",
    accent_text="#0b0b0c",
    selection_tint="rgba(76, 157, 255, 0.32)",
    hover="#36363a",
    placeholder="#303034",
    chip_background="#24364d",
    chip_border="#4a6f99",
    warning_background="#3d2a10",
    warning_text="#ffcc80",
    warning_border="#8a5a1c",
    error_text="#ff8a80",
    overlay_background="rgba(0, 0, 0, 0.6)",
    overlay_text="#ffffff",
    badge="#ff8a3d",
    badge_text="#0b0b0c",
    face_outline="#ffd54a",
    map_water="#17212b",
    map_land="#2c2c30",
    map_coast="#44576a",
    map_border="#4d4a46",
)

VIEWER = DARK  # the viewer's surround, whatever the window's theme

_current: Colours = LIGHT


def colours() -> Colours:
    """The colours of the theme in use."""
    return _current


def qcolor(css: str) -> QColor:
    """A theme colour as a ``QColor``: ``#rrggbb`` or CSS ``rgba(r, g, b, alpha)``, which QColor cannot read."""
    if css.startswith("rgba("):
        red, green, blue, alpha = (part.strip() for part in css[5:-1].split(","))
        return QColor(int(red), int(green), int(blue), round(float(alpha) * 255))
    return QColor(css)


def system_prefers_dark() -> bool:
    """Whether the desktop asks for dark applications (Qt reads GNOME's, KDE's, Windows' and macOS's setting)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: ThemeChoice) -> Colours:
    """The colours a setting means: ``system`` follows the desktop."""
    if choice == "system":
        return DARK if system_prefers_dark() else LIGHT
    return DARK if choice == "dark" else LIGHT


def palette_for(theme: Colours) -> QPalette:
    """A ``QPalette`` holding the theme's colours, so Qt's own widgets (menus, dialogs, scroll bars) match."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.surface,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.window,
        QPalette.ColorRole.AlternateBase: theme.surface,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted_text,
        QPalette.ColorRole.Button: theme.surface,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.accent_text,
        QPalette.ColorRole.ToolTipBase: theme.surface,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.Link: theme.accent,
        QPalette.ColorRole.Mid: theme.border,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    muted = QColor(theme.muted_text)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


def apply_theme(choice: ThemeChoice) -> Colours:
    """Make ``choice`` the application's theme: its palette for Qt's widgets, its colours for album's own."""
    global _current
    _current = resolve(choice)
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        QGuiApplication.setPalette(palette_for(_current))
    return _current
