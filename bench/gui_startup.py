"""Desktop app start-up: seconds from launching the process to the window's first paint, to the library
being open, and to the CLIP model being ready for the first text search (loaded in the background).

Run it under a real X server, e.g. ``xvfb-run -a -s "-screen 0 1400x900x24" python bench/gui_startup.py``.
Each run is a fresh process started the way ``album`` starts the app (``album.gui.app`` and its imports);
the library is the one ``bench/startup.py`` generates (``--home``), and ``ALBUM_MODELS_DIR`` may point at
a folder of models for the last figure.

Usage: python bench/gui_startup.py [--runs 3] [--home DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import os, sys, time
from album.gui import app as gui_app
from album.core.library import Paths, Settings
from album.runtime import configure_process
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from album.gui.main_window import MainWindow

def say(what):
    print(what, time.time(), flush=True)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            QTimer.singleShot(0, lambda: say("painted"))  # after the paint event itself is handled
        return False

paths = Paths.from_env()
configure_process()
app = QApplication(sys.argv)
gui_app.install_translators(app, Settings.load(paths).language)
window = MainWindow(paths)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.controller.opened.connect(lambda _library: say("opened"))
prepared = getattr(window.controller, "search_prepared", None)  # None: an album from before the warm-up
if prepared is None:
    window.controller.opened.connect(lambda _library: app.quit())
else:
    prepared.connect(lambda ready: (say("model ready" if ready else "no model"), app.quit()))
QTimer.singleShot(120_000, app.quit)
window.show()
app.exec()
window.close()  # stops the jobs (a re-scan may be running: it resumes next time)
sys.stdout.flush()
os._exit(0)  # the figures are out; Qt's teardown of a half-finished start is not what is measured
"""


def one_run(home: Path) -> dict[str, float]:
    env = {**os.environ, "ALBUM_HOME": str(home)}
    started = time.time()
    result = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise SystemExit(f"the app failed:\n{result.stderr}")
    marks = {}
    for line in result.stdout.splitlines():
        what, _, when = line.rpartition(" ")
        marks[what] = float(when) - started
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "album-bench-startup")
    opts = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise SystemExit("needs a display: run under xvfb-run -a -s '-screen 0 1400x900x24'")
    runs = [one_run(opts.home) for _ in range(opts.runs)]
    for mark in ("painted", "opened", "model ready", "no model"):
        times = [r[mark] for r in runs if mark in r]
        if times:
            median, fastest = statistics.median(times), min(times)
            print(f"{mark:<12} {median:6.2f} s after launch  (min {fastest:.2f}, {len(times)} runs)")


if __name__ == "__main__":
    main()
