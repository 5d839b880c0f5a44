"""Start-up: a missing display or package is one sentence before any window code loads; paths open the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from album.preflight import display_problem, missing_modules


def start(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "album", *args], capture_output=True, text=True,
                          env={**base, **env}, cwd=cwd, timeout=60)  # fmt: skip


def test_no_display_is_one_sentence_not_a_qt_abort(tmp_path: Path) -> None:
    result = start(ALBUM_HOME=str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("album: no display found") and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_an_unreachable_x_display_is_named(tmp_path: Path) -> None:
    result = start(ALBUM_HOME=str(tmp_path), DISPLAY=":739")
    assert result.returncode == 1
    assert result.stderr == "album: cannot connect to the X display ':739': is the desktop session still running?\n"


def test_files_and_folders_on_the_command_line_start_the_window_and_commands_the_cli(tmp_path: Path) -> None:
    (tmp_path / "stats").mkdir()  # a folder named like a subcommand: the subcommand wins
    opened = start(str(tmp_path), ALBUM_HOME=str(tmp_path / "home"))
    assert opened.returncode == 1 and opened.stderr.startswith("album: no display found")  # went for the window
    cli = start("stats", "--json", cwd=tmp_path, ALBUM_HOME=str(tmp_path / "home"))
    assert cli.returncode == 0 and '"photos": 0' in cli.stdout
    missing = start(str(tmp_path / "nope"), ALBUM_HOME=str(tmp_path / "home"))
    assert missing.returncode == 2 and "invalid choice" in missing.stderr  # not a path: the CLI explains


def test_display_checks_follow_the_platform() -> None:
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "linux") is not None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None


def test_missing_packages_are_found_without_importing_them() -> None:
    assert missing_modules(("numpy", "album_no_such_package")) == ["album_no_such_package"]
    assert missing_modules() == []  # everything the window needs is installed here
