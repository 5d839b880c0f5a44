"""album's package data: the app and interface icons, translations, the desktop entry and the AppStream metadata.

They live inside the package so a wheel, a frozen bundle and a source checkout all find them the same way, through
``importlib.resources``. Qt and the desktop-entry installer need real file paths, so each helper returns a
:class:`~pathlib.Path`; album is never imported from a zip file (wheels unpack, PyInstaller copies data files out).
The editable sources these are made from (the ``.ts`` translations and the icon drawing) stay in the repository's
top-level ``resources/`` folder, which no install ever sees.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

APP_ID = "io.github.album.Album"  # reverse-DNS, as AppStream asks: the desktop and metainfo files' names
ICON_NAME = "album"  # the icon theme name (hicolor/*/apps/album.png)


def resource_dir() -> Path:
    """This folder on disk."""
    folder = Path(str(files(__name__)))
    if not folder.is_dir():  # a zip import would hand back a path Qt cannot open
        raise RuntimeError(f"album's data files are not on disk (imported from {folder})")
    return folder


def icon_theme_dir() -> Path:
    """The freedesktop ``hicolor`` tree: ``SIZExSIZE/apps/album.png`` and ``scalable/apps/album.svg``."""
    return resource_dir() / "icons" / "hicolor"


def ui_icons_dir() -> Path:
    """The interface icons, ``NAME.svg`` drawn in ``currentColor`` (Lucide, ISC licence: ``LICENSE`` beside them)."""
    return resource_dir() / "icons" / "ui"


def translations_dir() -> Path:
    """Compiled translations, ``album_<lang>.qm``."""
    return resource_dir() / "i18n"


def desktop_file() -> Path:
    """The desktop entry (menus, launchers, "Open with")."""
    return resource_dir() / f"{APP_ID}.desktop"


def metainfo_file() -> Path:
    """The AppStream metadata software centres show."""
    return resource_dir() / f"{APP_ID}.metainfo.xml"
