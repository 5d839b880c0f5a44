"""`album install-desktop` / `uninstall-desktop`: the launcher, icons and metadata in the user's XDG folders."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from album import resources
from album.desktop_install import exec_line

SIZES = ("16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")


def album(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "ALBUM_HOME": str(home / "album")}
    env.pop("XDG_BIN_HOME", None)
    return subprocess.run([sys.executable, "-m", "album", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=True)  # fmt: skip


def test_install_desktop_puts_a_working_launcher_and_icons_in_the_xdg_folders(tmp_path: Path) -> None:
    data = tmp_path / "data"
    neighbour = data / "applications" / "other.desktop"  # someone else's launcher: never touched
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\nType=Application\nName=other\nExec=other\n")

    written = {Path(line) for line in album(tmp_path, "install-desktop").stdout.splitlines()}

    desktop = data / "applications" / f"{resources.APP_ID}.desktop"
    metainfo = data / "metainfo" / f"{resources.APP_ID}.metainfo.xml"
    icons = {data / "icons" / "hicolor" / size / "apps" / "album.png" for size in SIZES}
    icons.add(data / "icons" / "hicolor" / "scalable" / "apps" / "album.svg")
    assert written == {desktop, metainfo, *icons}
    assert all(p.stat().st_size > 0 and p.stat().st_mode & 0o777 == 0o644 for p in written)
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True, capture_output=True)
    (exec_value,) = [line[5:] for line in desktop.read_text().splitlines() if line.startswith("Exec=")]
    command = shlex.split(exec_value)
    assert command[-1] == "%F"  # files and folders from "Open with"
    launcher = Path(command[0])  # this test's venv: the desktop session need not have it on PATH
    assert launcher.is_absolute() and os.access(launcher, os.X_OK)
    version = subprocess.run([*command[:-1], "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("album ")
    assert "MimeType=inode/directory;image/jpeg;" in desktop.read_text()

    removed = {Path(line) for line in album(tmp_path, "uninstall-desktop").stdout.splitlines()}
    assert removed == written
    assert not any(p.exists() for p in written)
    assert neighbour.exists()


def test_install_desktop_bin_links_album_onto_the_path(tmp_path: Path) -> None:
    album(tmp_path, "install-desktop", "--bin")
    link = tmp_path / ".local" / "bin" / "album"
    assert link.is_symlink()
    assert subprocess.run([str(link), "--version"], capture_output=True, text=True, check=True).stdout.startswith("album")
    album(tmp_path, "uninstall-desktop")
    assert not link.is_symlink()


def test_exec_line_quotes_as_the_desktop_entry_spec_asks(tmp_path: Path) -> None:
    assert exec_line(["/usr/bin/album"]) == "/usr/bin/album %F"
    assert exec_line(["/home/a b/venv/bin/album"]) == '"/home/a b/venv/bin/album" %F'
    assert exec_line(["/opt/$x/album"]) == '"/opt/\\\\$x/album" %F'  # \$ inside quotes, then \ as \\
    # a launcher in a folder with a space, written and validated for real
    desktop = tmp_path / "x.desktop"
    desktop.write_text(f"[Desktop Entry]\nType=Application\nName=x\nExec={exec_line(['/home/a b/album'])}\n")
    subprocess.run([shutil.which("desktop-file-validate") or "desktop-file-validate", str(desktop)], check=True)
