"""The window with a big library: time to paint, time from paint to the first text search's answer, and
the resident memory of the idle window.

The library has ``--photos`` rows (default 100,000) written straight through album's store (a real
index of that many camera files takes hours here): dates over ten years, GPS around four cities,
cameras, and a CLIP vector per photo from the random-weight ViT-B-32 that ``random_clip.py`` installs
in album's model layout, so a text search ranks every photo with the real model and the real query path.
There are no thumbnail files: the grid paints placeholders, as it does while thumbnails load.

The app is started as ``album`` starts it, once per run; as soon as its window has painted, the
bench types a query into the search box and presses Enter, the way a person would, and waits for the
result count to change. Then it leaves the window alone for ``--idle`` seconds and reads the process's
resident memory (VmRSS) and its peak (VmHWM) from /proc.

Run it under a real X server: ``xvfb-run -a -s "-screen 0 1400x900x24" python bench/gui_library.py``

Usage: python bench/gui_library.py [--photos 100000] [--runs 3] [--idle 20] [--home DIR] [--without-pandas]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
QUERY = "a red circle on the beach"
CITIES = [(38.72, -9.14, "Lisbon", "Portugal"), (41.15, -8.61, "Porto", "Portugal"),
          (48.86, 2.35, "Paris", "France"), (35.68, 139.69, "Tokyo", "Japan")]  # fmt: skip

# --without-pandas: the app as installed, where pandas is absent (this venv has it for the place table's build,
# and pyarrow imports it with its datasets when it can: ~0.15 s of opening a library).
NO_PANDAS = """
import sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NoPandas())
"""

CHILD = """
import os, sys, time
from album.gui import app as gui_app
from album.core.library import Paths, Settings
from album.runtime import configure_process
from PySide6.QtCore import QEvent, QObject, QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from album.gui.main_window import MainWindow

QUERY, IDLE = sys.argv[1], float(sys.argv[2])

def say(what):
    print(what, time.time(), flush=True)

def memory():
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    say(f"rss {int(status['VmRSS'].split()[0]) / 1024:.0f}")
    say(f"peak {int(status['VmHWM'].split()[0]) / 1024:.0f}")
    app.quit()

def answered():
    say("answered")
    QTimer.singleShot(int(IDLE * 1000), memory)

def ask():
    box = window.findChild(QLineEdit)
    window.controller.results.connect(lambda *_: answered())
    QTest.keyClicks(box, QUERY)
    QTest.keyClick(box, Qt.Key.Key_Return)
    say("asked")

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            QTimer.singleShot(0, lambda: (say("painted"), ask()))
        return False

paths = Paths.from_env()
configure_process()
app = QApplication(sys.argv[:1])
gui_app.install_translators(app, Settings.load(paths).language)
window = MainWindow(paths)
window.installEventFilter(FirstPaint(window))
QTimer.singleShot(300_000, app.quit)
window.show()
app.exec()
sys.stdout.flush()
os._exit(0)
"""


def build_library(home: Path, count: int) -> None:
    """``count`` photos with metadata and CLIP vectors, written through the store (once per home)."""
    import random_clip

    from album.core.library import Paths
    from album.core.models.clip import ClipEncoder
    from album.core.pipeline.exif import PhotoMeta
    from album.core.pipeline.results import ClipResult, PhotoFacts, PhotoUpdate, PlaceNames
    from album.core.pipeline.scan import FileEntry
    from album.core.store.db import Store

    done = home / f"built-{count}"
    if done.exists():
        return
    models = home / "models"
    if not (models / "clip" / "vitb32").is_dir():
        random_clip.install(models, "vitb32", "ViT-B-32")
    paths = Paths(data_dir=home / "album" / "data", cache_dir=home / "album" / "cache", models_dir=models)
    paths.ensure()
    encoder = ClipEncoder(models, "vitb32", cache_dir=paths.cache_dir / "clip")
    encoder.prepare_text_tower()  # the text tower's int8 verdict, as the indexing of a real library leaves it
    store = Store(paths.db_dir)
    store.ensure_vector_column(encoder.dim)
    rng = np.random.default_rng(0)
    start = datetime(2015, 1, 1)
    for first in range(0, count, 5000):
        updates = []
        for i in range(first, min(count, first + 5000)):
            lat, lon, city, country = CITIES[i % len(CITIES)]
            taken = start + timedelta(minutes=int(rng.integers(0, 10 * 365 * 24 * 60)))
            meta = PhotoMeta(taken_at=taken, date_source="exif", lat=lat + rng.normal(0, 0.05),
                             lon=lon + rng.normal(0, 0.05), camera_make="Canon",
                             camera_model=f"EOS {i % 7}D")  # fmt: skip
            vector = rng.normal(size=encoder.dim).astype(np.float32)
            vector /= np.linalg.norm(vector)
            entry = FileEntry(f"/photos/{taken:%Y/%m}/IMG_{i:06d}.jpg", 4_000_000 + i, int(taken.timestamp() * 1e9))
            updates.append(PhotoUpdate(
                id=Store.new_photo_id(entry.path_bytes),
                entry=entry,
                facts=PhotoFacts(f"{i:032x}", "JPEG", 4000, 3000, meta, datetime.now()),
                places=PlaceNames(city, country, ""),
                results=(ClipResult(encoder.model_id, vector.tolist(), [], []),),
            ))  # fmt: skip
        store.insert_photos(updates)
        print(f"  {min(count, first + 5000):,} photos written", flush=True)
    store.ensure_indexes()
    store.optimize()
    done.touch()


def one_run(home: Path, idle: float, without_pandas: bool) -> dict[str, float]:
    env = {**os.environ, "ALBUM_HOME": str(home / "album"), "ALBUM_MODELS_DIR": str(home / "models"),
           "ALBUM_CLIP_MODEL": "vitb32", "PYTHONPATH": str(ROOT)}  # fmt: skip
    started = time.time()
    code = NO_PANDAS + CHILD if without_pandas else CHILD
    result = subprocess.run([sys.executable, "-c", code, QUERY, str(idle)], env=env, capture_output=True,
                            text=True, timeout=600)  # fmt: skip
    if result.returncode:
        raise SystemExit(f"the app failed:\n{result.stderr}")
    marks: dict[str, float] = {}
    for line in result.stdout.splitlines():
        what, _, when = line.rpartition(" ")
        if what.startswith(("rss ", "peak ")):
            name, value = what.split()
            marks[name] = float(value)
        else:
            marks[what] = float(when) - started
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=20.0)
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "album-bench-gui-library")
    parser.add_argument("--without-pandas", action="store_true", help="hide pandas, as the app is installed")
    opts = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise SystemExit("needs a display: run under xvfb-run -a -s '-screen 0 1400x900x24'")
    print(f"library: {opts.photos:,} photos in {opts.home}")
    build_library(opts.home, opts.photos)
    load_before = os.getloadavg()
    runs = [one_run(opts.home, opts.idle, opts.without_pandas) for _ in range(opts.runs)]
    painted = [r["painted"] for r in runs]
    answer = [r["answered"] - r["painted"] for r in runs if "answered" in r]
    print(f"window painted        {statistics.median(painted):6.2f} s after launch (min {min(painted):.2f})")
    if answer:
        print(f"first search answered {statistics.median(answer):6.2f} s after the paint (min {min(answer):.2f}), "
              f"query {QUERY!r}; each run: {', '.join(f'{a:.2f}' for a in answer)}")  # fmt: skip
    print(f"idle window RSS       {max(r['rss'] for r in runs):6.0f} MB after {opts.idle:.0f} s idle "
          f"(peak during the run {max(r['peak'] for r in runs):.0f} MB)")  # fmt: skip
    during = " → ".join(f"{load[0]:.2f}" for load in (load_before, os.getloadavg()))
    print(f"load average (1 min)  {during} over the runs (2 cores: above ~1, other work shares them)")


if __name__ == "__main__":
    main()
