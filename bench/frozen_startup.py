"""The packaged app's start-up: seconds from launching ``album`` (the .deb's /usr/bin/album, the tarball's, or any
command) to its window's first paint on the screen, seen from outside the process.

A frozen app cannot run bench/gui_startup.py's in-process probe, so this watches the X screen instead: Xvfb's
empty screen is one colour, and the first grab with many colours is the painted window (grabs every ~20 ms, so
the figure is late by at most that). Run under a real X server, e.g.
``xvfb-run -a -s "-screen 0 1400x900x24" python bench/frozen_startup.py --runs 5 /opt/album/album``.

Usage: python bench/frozen_startup.py [--runs 5] [--home DIR] [COMMAND ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from PySide6.QtGui import QGuiApplication


def painted(app: QGuiApplication) -> bool:
    image = app.primaryScreen().grabWindow(0).toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)}
    return len(colours) >= 20


def one_run(app: QGuiApplication, command: list[str], home: str, timeout: float = 120) -> float:
    env = {**os.environ, "ALBUM_HOME": home, "QT_QPA_PLATFORM": "xcb"}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout:
            if painted(app):
                return time.perf_counter() - started
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {process.returncode} before painting")
            time.sleep(0.02)
        raise SystemExit(f"no window after {timeout} s")
    finally:
        process.terminate()
        process.wait(30)
        while painted(app):  # the next run starts on an empty screen
            time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", help="an ALBUM_HOME with a library (default: a new, empty one)")
    parser.add_argument("command", nargs="*", default=["/usr/bin/album"])
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as empty:
        home = args.home or empty
        one_run(app, args.command, home)  # warm the page cache: the figure is a second start, not a cold disk
        times = [one_run(app, args.command, home) for _ in range(args.runs)]
    print(f"{' '.join(args.command)}: first paint {statistics.median(times):.2f} s median "
          f"({min(times):.2f}–{max(times):.2f} s over {args.runs} runs, after one warm-up run)")  # fmt: skip


if __name__ == "__main__":
    main()
