"""A full disk in the middle of `album index`, and a read-only data folder, end to end through the CLI.

The full disk is real: album's home on a small tmpfs (as root) that fills up mid-run, and, where no
tmpfs can be mounted, a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so writes fail with EFBIG
instead of killing the process) that the first big thumbnail exceeds.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from libstate import library_state
from photofactory import Exif, scene, write_photo
from PIL import Image

PLAIN, NOISY = 100, 100  # plain photos make ~6 kB thumbnails, noisy ones ~50 kB; a batch is 64 photos
FILE_LIMIT = 40_000  # above a plain thumbnail and a batch's database file (~19 kB), below a noisy thumbnail
FULL = re.compile(
    r"album: the disk is full: album stopped after (\d+) photos?; everything indexed so far is kept; "
    r"free some space on (\S+) and run the same command again\n"
)
SETPRIV = shutil.which("setpriv")


def make_photos(folder: Path) -> None:
    """Plain photos first (folder a), then noisy ones (folder b): the scan and the decode go in that order."""
    for i in range(PLAIN + NOISY):
        if i < PLAIN:
            where, image = folder / "a" / f"p{i:03d}.jpg", scene(320, 240, seed=i)
        else:
            pixels = np.random.default_rng(i).integers(0, 256, (240, 320, 3), dtype=np.uint8)
            where, image = folder / "b" / f"n{i:03d}.jpg", Image.fromarray(pixels)
        write_photo(where, Exif(taken=datetime(2016 + i % 7, 1 + i % 12, 1 + i % 28), make="Canon"), image=image)


def album(
    home: Path, *args: str, preexec: Callable[[], None] | None = None, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    prefix = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search"] if unprivileged and os.geteuid() == 0 else []
    cmd = [*prefix, sys.executable, "-m", "album", *args]
    env = {**os.environ, "ALBUM_HOME": str(home)}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        cmd, capture_output=True, text=True, env=env, timeout=120, preexec_fn=preexec
    )


def disk_usage(folder: Path) -> int:
    return sum(p.stat().st_blocks * 512 for p in folder.rglob("*"))


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def small_disk(folder: Path, size: int) -> Iterator[None]:
    """A tmpfs of ``size`` bytes at ``folder``, unmounted afterwards."""
    folder.mkdir()
    if os.geteuid() != 0 or not mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here (needs root with mount rights); the file-size limit case runs")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def file_size_limit() -> None:
    """Runs in the child before exec: writes above FILE_LIMIT bytes fail with EFBIG (not SIGXFSZ)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def check_stopped_cleanly(home: Path, result: subprocess.CompletedProcess[str]) -> int:
    """One sentence and status 1; the library opens, holds what was saved, and every thumbnail is whole."""
    assert result.returncode == 1, result.stderr
    match = FULL.fullmatch(result.stderr)
    assert match, result.stderr  # one sentence: no traceback, no log lines
    saved = int(match.group(1))
    assert 0 < saved < PLAIN + NOISY, result.stderr  # stopped mid-run, after some batches
    photos, _errors, _faces = library_state(home)  # opens; no duplicate or half-written row
    assert len(photos) == saved
    stats = json.loads(album(home, "stats", "--json").stdout)  # reading works on the full disk
    assert stats["photos"] == saved
    assert len(album(home, "search", "--json").stdout.splitlines()) == saved
    assert not list(home.rglob("*.tmp")), "a temp file was left behind"
    for thumb in (home / "cache" / "thumbs").rglob("*.jpg"):
        with Image.open(thumb) as image:
            image.load()  # a half-written JPEG fails here
    return saved


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photos")
    make_photos(folder)
    return folder


@pytest.fixture(scope="module")
def clean_run(photos: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The library one uninterrupted run makes, and its state."""
    home = tmp_path_factory.mktemp("reference")
    assert album(home, "index", str(photos), "--json").returncode == 0
    return home, library_state(home)


def test_disk_fills_up_mid_run_then_resume(photos: Path, clean_run: tuple[Path, object], tmp_path: Path) -> None:
    """album's home on a tmpfs half the size a full index needs: the run stops, the library is intact
    and readable on the full disk, and once the disk is bigger, a re-run ends as a clean run does."""
    reference_home, reference = clean_run
    disk = tmp_path / "disk"
    with small_disk(disk, disk_usage(reference_home) // 2):
        home = disk / "home"
        saved = check_stopped_cleanly(home, album(home, "index", str(photos)))
        assert shutil.disk_usage(disk).free < 64 * 1024  # it really was the disk that filled up
        assert mount("-o", "remount,size=64m", str(disk))  # "free some space"
        resumed = album(home, "index", str(photos), "--json")
        assert resumed.returncode == 0, resumed.stderr
        assert json.loads(resumed.stdout)["added"] == PLAIN + NOISY - saved
        assert library_state(home) == reference


def test_file_size_limit_mid_run_then_resume(photos: Path, clean_run: tuple[Path, object], tmp_path: Path) -> None:
    """The same without mount rights: the first noisy photo's thumbnail is over the file-size limit."""
    _reference_home, reference = clean_run
    home = tmp_path / "home"
    result = album(home, "index", str(photos), preexec=file_size_limit)
    saved = check_stopped_cleanly(home, result)
    assert saved <= PLAIN and FULL.fullmatch(result.stderr).group(2) == str(home / "cache" / "thumbs")  # type: ignore[union-attr]
    resumed = album(home, "index", str(photos))
    assert resumed.returncode == 0, resumed.stderr
    assert library_state(home) == reference


@pytest.mark.parametrize("how", ["permissions", "read-only mount"])
def test_read_only_data_folder(photos: Path, tmp_path: Path, how: str) -> None:
    """`album index` says at once where it cannot write and what to do; searching still works."""
    home = tmp_path / "home"
    plain = photos / "a"
    assert album(home, "index", str(plain)).returncode == 0
    data = home / "data"
    if how == "permissions":
        if os.geteuid() == 0 and SETPRIV is None:
            pytest.skip("as root, needs util-linux setpriv to drop the capability that ignores permissions")
        for path in [data, *data.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        reason = "permission denied"
    else:
        if os.geteuid() != 0 or not mount("--bind", str(data), str(data)):
            pytest.skip("cannot bind-mount here (needs root with mount rights)")
        if not mount("-o", "remount,bind,ro", str(data)):
            subprocess.run(["umount", str(data)], check=True)
            pytest.skip("cannot make a bind mount read-only here")
        reason = "a read-only file system"
    try:
        result = album(home, "index", str(photos), unprivileged=True)
        assert result.returncode == 1
        assert result.stderr == (
            f"album: cannot write to {data} ({reason}): searching works, but to index or make changes, "
            "make that folder writable or point ALBUM_HOME at a writable folder\n"
        )
        found = album(home, "search", "--json", unprivileged=True)
        assert found.returncode == 0, found.stderr
        assert len(found.stdout.splitlines()) == PLAIN
    finally:
        if how == "permissions":
            for path in [data, *data.rglob("*")]:
                path.chmod(path.stat().st_mode | 0o200)
        else:
            subprocess.run(["umount", str(data)], check=True)
    assert album(home, "index", str(plain)).returncode == 0  # writable again: indexing works
