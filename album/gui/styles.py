"""How album's own widgets look in the current theme: one application style sheet, and fonts that scale.

Widgets name themselves (``setObjectName("weak-notice")``) and never carry a style sheet of their own: the
rules live here, filled from :mod:`album.gui.theme`, so a theme switch restyles every window and dialog at
once. Sizes of text are relative to the system font (``scaled_font``) so they follow the desktop's text
size; the style sheet sets no font sizes. ``use_theme`` applies a theme choice and, for "system", keeps
following the desktop's colour scheme while album runs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from album.gui.theme import VIEWER, Colours, ThemeChoice, apply_theme


def style_sheet(c: Colours) -> str:
    """The rules for album's named widgets in the colours ``c``.

    A border radius stays at most half of the smallest height its widget can have: Qt draws square corners
    where it is more (the month label was square in English, with its shorter line, and round in Chinese).
    """
    notice = (f"background: {c.warning_background}; color: {c.warning_text}; border: 1px solid {c.warning_border}; "
              "border-radius: 4px; padding: 6px 10px;")  # fmt: skip
    return f"""
#sidebar, #toolbar {{ background: {c.surface}; }}
#sidebar-list {{ background: {c.surface}; color: {c.text}; }}
#sidebar-list::item {{ padding: 5px 6px; margin: 1px 6px; border-radius: 6px; }}
#sidebar-list::item:disabled {{ color: {c.muted_text}; padding-top: 10px; }}
#sidebar-list::item:hover {{ background: {c.hover}; }}
#sidebar-list::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
#sidebar-list::item:focus {{ border: 2px solid {c.text}; }}
#sidebar QToolButton:focus, #toolbar QToolButton:focus {{ border: 2px solid {c.accent}; border-radius: 4px; }}
#weak-notice, #viewer-notice {{ {notice} }}
#empty-state {{ color: {c.text}; padding: 30px 40px; }}
#welcome-title {{ color: {c.text}; }}
#welcome-hint {{ color: {c.muted_text}; }}
#people-hint {{ color: {c.muted_text}; padding: 6px 12px; }}
#welcome-import {{ padding: 6px 18px; }}
#busy-title {{ color: {c.text}; }}
#busy-hint {{ color: {c.muted_text}; }}
#timeline-bubble, #map-empty {{ background: {c.overlay_background}; color: {c.overlay_text}; border-radius: 9px;
               padding: 4px 12px; }}
#map-empty {{ padding: 10px 16px; }}
*[chip="true"] {{ border: 1px solid {c.chip_border}; border-radius: 10px; background: {c.chip_background}; }}
*[chip="true"] QPushButton {{ border: none; padding: 2px 4px; color: {c.text}; }}
*[chip="true"] QPushButton:focus {{ border: 1px solid {c.accent}; border-radius: 6px; }}
#search-problem {{ color: {c.error_text}; padding: 0 4px; }}
*[failed="true"] {{ color: {c.error_text}; }}
#licence-warning {{ color: {c.warning_text}; }}
#face-review-faces::item {{ border: 3px solid transparent; border-radius: 6px; }}
#face-review-faces::item:selected {{ border-color: {c.accent}; background: {c.accent}; }}
QStatusBar[viewer="true"] {{ background: {VIEWER.window}; }}
QStatusBar[viewer="true"] QLabel, QStatusBar[viewer="true"] QPushButton[flat="true"] {{ color: {VIEWER.text}; }}
"""


def scaled_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> QFont:
    """``widget``'s font ``factor`` times the system's text size: big titles that grow with the desktop's font."""
    font = QFont(widget.font())
    size = QApplication.font().pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def set_failed(widget: QWidget, failed: bool) -> None:
    """Show a label's text as a failure (the theme's error colour), or as usual."""
    widget.setProperty("failed", failed)
    _restyle(widget)


def set_under_viewer(status_bar: QWidget, under: bool) -> None:
    """The status bar in the viewer's dark surround while the viewer shows (``under``), in the window's
    theme otherwise: a light theme's bar was a light band under the dark viewer. It stays, not hidden,
    because an import's progress, pause and cancel live there."""
    status_bar.setProperty("viewer", under)
    for widget in (status_bar, *status_bar.findChildren(QWidget)):  # its labels' colour follows the bar's
        _restyle(widget)


def _restyle(widget: QWidget) -> None:
    """Apply the style sheet again to ``widget`` after a property its rules select on has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class _ThemeFollower(QObject):
    """Keeps the application in the theme chosen, and in step with the desktop when that is "system"."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("album-theme-follower")
        self.app = app
        self.choice: ThemeChoice = "system"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def use(self, choice: ThemeChoice, scheme: Qt.ColorScheme | None = None) -> Colours:
        """Apply ``choice``; for "system", ``scheme`` is the desktop's new scheme when it just changed."""
        self.choice = choice
        desktop: ThemeChoice = "dark" if scheme == Qt.ColorScheme.Dark else "light"
        colours = apply_theme(desktop if choice == "system" and scheme is not None else choice)
        if isinstance(self.app, QApplication):  # (a core-only application has no widgets to style)
            self.app.setStyleSheet(style_sheet(colours))
        return colours

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == "system":
            self.use("system", scheme)


def use_theme(app: QCoreApplication, choice: str) -> Colours:
    """Apply ``choice`` ("system", "light" or "dark"; anything else is light) to every window at once:
    the palette, the style sheet, and (windows listen for the palette change) icons drawn in its colours."""
    follower = app.findChild(_ThemeFollower, "album-theme-follower") or _ThemeFollower(app)
    valid: ThemeChoice = choice if choice in ("system", "light", "dark") else "light"  # type: ignore[assignment]
    return follower.use(valid)
