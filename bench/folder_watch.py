"""How long a photo copied into a watched library folder takes to show in the grid, with no user action.

    QT_QPA_PLATFORM=offscreen python bench/folder_watch.py [--photos N] [--folders N]

Imports a folder (with N subfolders, so the watcher has a tree to list), then copies photos in, one at a
time and then as a batch, and prints the time from the copy to the grid showing them: the watcher's
1.5 s debounce plus an incremental re-index of the library folder (no models: metadata and thumbnails).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200, help="photos in the library before the copies")
    parser.add_argument("--folders", type=int, default=50, help="subfolders the watcher watches")
    parser.add_argument("--batch", type=int, default=20, help="photos copied at once in the last step")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="album-watch-"))
    os.environ["ALBUM_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from photofactory import scene, write_photo
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    photos = home / "Pictures"
    for i in range(args.photos):
        write_photo(photos / f"f{i % args.folders:03d}" / f"p{i:05d}.jpg", image=scene(320, 240, seed=i))
    staged = [write_photo(home / "staging" / f"new{i}.jpg", image=scene(320, 240, seed=10_000 + i))
              for i in range(args.batch + 1)]  # fmt: skip
    app = QApplication(sys.argv)
    window = MainWindow(Paths.from_env())
    window.show()

    def wait_for(condition, seconds: float = 300) -> float:  # type: ignore[no-untyped-def]
        start = time.monotonic()
        loop = QEventLoop()
        timer = QTimer(interval=20)
        timer.timeout.connect(lambda: loop.quit() if condition() else None)
        timer.start()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        timer.stop()
        return time.monotonic() - start

    wait_for(lambda: window.library is not None)
    window.import_paths([str(photos)])
    took = wait_for(lambda: window.model.rowCount() == args.photos and window.controller.index_job is None)
    print(f"import of {args.photos} photos in {args.folders} folders: {took:.1f} s")
    watched = wait_for(lambda: len(window.controller.watcher.folders) == args.folders + 1)
    print(f"watching {len(window.controller.watcher.folders)} folders {watched:.2f} s after the import ended")
    shutil.copy(staged[0], photos / "f000" / "one.jpg")
    took = wait_for(lambda: window.model.rowCount() == args.photos + 1)
    print(f"one photo copied in: in the grid after {took:.2f} s (debounce {1.5:.1f} s included)")
    wait_for(lambda: window.controller.index_job is None)
    start = time.monotonic()
    for i, path in enumerate(staged[1:]):
        shutil.copy(path, photos / f"f{i % args.folders:03d}" / f"batch{i}.jpg")
    wait_for(lambda: window.model.rowCount() == args.photos + 1 + args.batch)
    print(f"{args.batch} photos copied in: all in the grid {time.monotonic() - start:.2f} s after the first copy")
    window.close()
    app.processEvents()
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
