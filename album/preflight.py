"""Checks run before the desktop app imports its window, so a missing piece is one sentence, not a traceback.

Qt aborts the process with a page of plugin diagnostics when it cannot reach a display, and a missing Python
package or system library otherwise surfaces as an ImportError deep inside the GUI. Each check here costs
milliseconds and names the fix.
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import os
import sys
from collections.abc import Mapping

# Imported by the window as it opens (the models and the CLI's extras load later, with their own messages).
GUI_NEEDS = ("numpy", "PIL", "pyarrow", "lancedb", "onnxruntime", "tokenizers", "exifread", "platformdirs")


def missing_modules(names: tuple[str, ...] | None = None) -> list[str]:
    """The top-level packages among ``names`` (default: :data:`GUI_NEEDS`) that are not installed, found
    without importing them."""
    return [name for name in (GUI_NEEDS if names is None else names) if importlib.util.find_spec(name) is None]


def qt_problem() -> str | None:
    """Why Qt's widgets cannot load (PySide6 missing, or a system library such as libEGL), or None."""
    if importlib.util.find_spec("PySide6") is None:
        return "the desktop app needs PySide6 (pip install pyside6-essentials); the CLI works without it: album --help"
    try:
        importlib.import_module("PySide6.QtWidgets")  # loads Qt's libraries and the system ones they link
    except ImportError as exc:
        return (
            f"Qt could not load a system library ({exc}); on Debian/Ubuntu, packaging/debian-deps.sh "
            "(or installing the album .deb) brings them"
        )
    return None


def display_problem(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """Why no window can open on this session's display, or None. Only X11/Wayland systems are checked."""
    if platform in ("win32", "darwin"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith(("xcb", "wayland")):  # offscreen, vnc, eglfs...: Qt needs no desktop
        return None
    wayland, x11 = env.get("WAYLAND_DISPLAY"), env.get("DISPLAY")
    if not wayland and not x11:
        return (
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset): start album from the desktop; "
            "the CLI works here: album --help"
        )
    if x11 and (qpa.startswith("xcb") or not wayland):
        return _x11_problem(x11)
    return None


def _x11_problem(display: str) -> str | None:
    """Qt's X11 plugin needs libxcb-cursor (Qt ≥ 6.5) and a reachable X server; it aborts without either."""
    try:
        ctypes.CDLL("libxcb-cursor.so.0")
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return "Qt's X11 support needs libxcb-cursor0 (sudo apt install libxcb-cursor0)"
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        if xcb.xcb_connection_has_error(connection):
            return f"cannot connect to the X display {display!r}: is the desktop session still running?"
    finally:
        xcb.xcb_disconnect(connection)
    return None


def gui_problem() -> str | None:
    """The first reason the desktop app cannot start here, as one sentence, or None."""
    missing = missing_modules()
    if missing:
        return f"album is incompletely installed (missing {', '.join(missing)}): reinstall it"
    return display_problem() or qt_problem()  # the display first: it needs no Qt library loaded
