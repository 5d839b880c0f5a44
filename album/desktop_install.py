"""``album install-desktop``: a launcher, icons and AppStream metadata in this user's XDG folders.

The .deb puts these under /usr/share; people who installed album with pip (or unpacked the tarball) get the
same entries under ``$XDG_DATA_HOME`` (``~/.local/share``), with the launcher pointing at the album they ran,
so a venv that is not on the desktop session's PATH still starts from the menu.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from album import resources

log = logging.getLogger(__name__)

_EXEC_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')  # desktop-entry spec: an argument with these must be quoted


@dataclass(frozen=True)
class DesktopTargets:
    """Where this user's desktop looks for launchers, icons, software-centre metadata and commands."""

    data_home: Path
    bin_home: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> DesktopTargets:
        home = Path(env.get("HOME") or Path.home())
        return cls(
            data_home=Path(env.get("XDG_DATA_HOME") or home / ".local" / "share"),
            bin_home=Path(env.get("XDG_BIN_HOME") or home / ".local" / "bin"),  # the systemd file-hierarchy one
        )

    @property
    def desktop_file(self) -> Path:
        return self.data_home / "applications" / resources.desktop_file().name

    @property
    def metainfo_file(self) -> Path:
        return self.data_home / "metainfo" / resources.metainfo_file().name

    @property
    def command(self) -> Path:
        return self.bin_home / "album"

    def icons(self) -> dict[Path, Path]:
        """Each packaged icon and where it goes in the user's hicolor theme."""
        theme = resources.icon_theme_dir()
        return {
            source: self.data_home / "icons" / "hicolor" / source.relative_to(theme)
            for source in sorted(theme.glob(f"*/apps/{resources.ICON_NAME}.*"))
        }


def launcher_command() -> list[str]:
    """The command that starts this album: the frozen app itself, the ``album`` script installed next to this
    Python (a venv's bin), the one on PATH, or this Python with ``-m album``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    beside = Path(sys.executable).with_name("album")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    on_path = shutil.which("album")
    return [on_path] if on_path else [sys.executable, "-m", "album"]


def exec_line(command: list[str]) -> str:
    """``Exec=`` value for ``command`` with the files to open appended, quoted as the desktop-entry spec asks
    (and with backslashes doubled once more, since Exec is itself a string value)."""

    def quote(arg: str) -> str:
        if not set(arg) & _EXEC_RESERVED:
            return arg
        return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'

    return " ".join(quote(arg) for arg in command).replace("\\", "\\\\") + " %F"


def install(targets: DesktopTargets, command: list[str], link_command: bool = False) -> list[Path]:
    """Write the launcher (its ``Exec`` running ``command``), the icons and the metadata; returns the files.

    Args:
        link_command: also put ``album`` on the PATH (``~/.local/bin/album``) as a link to ``command[0]``;
            for the tarball, whose album lives wherever it was unpacked.
    """
    written = []
    lines = resources.desktop_file().read_text(encoding="utf-8").splitlines()
    lines = [f"Exec={exec_line(command)}" if line.startswith("Exec=") else line for line in lines]
    written.append(_write(targets.desktop_file, ("\n".join(lines) + "\n").encode()))
    written.append(_write(targets.metainfo_file, resources.metainfo_file().read_bytes()))
    for source, target in targets.icons().items():
        written.append(_write(target, source.read_bytes()))
    if link_command:
        targets.command.parent.mkdir(parents=True, exist_ok=True)
        targets.command.unlink(missing_ok=True)
        targets.command.symlink_to(Path(command[0]).resolve())
        written.append(targets.command)
    _refresh_caches(targets)
    return written


def uninstall(targets: DesktopTargets) -> list[Path]:
    """Remove what :func:`install` wrote (the command link only if it is a link to an album); returns them."""
    candidates = [targets.desktop_file, targets.metainfo_file, *targets.icons().values()]
    if targets.command.is_symlink() and targets.command.resolve().name == "album":
        candidates.append(targets.command)
    removed = []
    for path in candidates:
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    _refresh_caches(targets)
    return removed


def _write(path: Path, data: bytes) -> Path:
    """Write a file readable by all, as desktop files and icons are (album's processes otherwise create files for
    this user only: :func:`album.runtime.configure_process`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o644)
    return path


def _refresh_caches(targets: DesktopTargets) -> None:
    """Tell menus and the icon theme about the change where the desktop keeps caches; harmless where it
    does not (desktops also rescan on their own, later)."""
    theme = targets.data_home / "icons" / "hicolor"
    for tool, args in (
        ("update-desktop-database", ["-q", str(targets.desktop_file.parent)]),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(theme)]),
    ):
        path = shutil.which(tool)
        if path and Path(args[-1]).is_dir():
            result = subprocess.run([path, *args], capture_output=True, text=True, check=False)
            if result.returncode:
                log.info("%s failed: %s", tool, result.stderr.strip())
