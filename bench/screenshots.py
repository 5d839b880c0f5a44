"""Screenshots of the real app in a real (X11) window: main window, search results, viewer, people.

    xvfb-run -a -s "-screen 0 1400x900x24" python bench/screenshots.py OUTDIR

Builds a sample library in a temporary ALBUM_HOME from ../shared/faces (real faces, recognised with the
real face models) and generated shapes (ranked by the tiny CLIP model the tests train), imports it
through the window like a user would, and saves PNGs to OUTDIR.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SHARED = ROOT.parent / "shared"


def build_home(home: Path) -> Path:
    import tinyclip
    from photofactory import Exif, write_photo
    from PIL import Image

    models = home / "models"
    tinyclip.install(models, "tiny-shapes")
    (models / "faces").mkdir(parents=True)
    for name in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
        os.symlink(SHARED / "models" / "faces" / name, models / "faces" / name)
    photos = home / "Pictures"
    tinyclip.write_photos(photos / "shapes", per_class=3)
    for i, person in enumerate(("Nicole_Kidman", "Hugo_Chavez", "Vladimir_Putin", "Gerry_Adams")):
        for j, src in enumerate(sorted((SHARED / "faces" / "people" / person).iterdir())[:6]):
            exif = Exif(taken=datetime(2019 + j % 5, 1 + (i * 3 + j) % 12, 10), lat=38.72 + i, lon=-9.14 - j)
            write_photo(photos / "people" / f"{person}_{j}.jpg", exif, image=Image.open(src).convert("RGB"))
    return photos


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="album-shots-"))
    os.environ.update({"ALBUM_HOME": str(home), "ALBUM_CLIP_MODEL": "tiny-shapes"})
    photos = build_home(home)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from album.core import people as people_ops
    from album.core.config import Paths
    from album.gui.main_window import MainWindow

    app = QApplication(sys.argv)
    window = MainWindow(Paths.from_env())
    window.resize(1300, 850)
    window.show()

    def wait_for(condition, seconds: float = 180) -> None:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        timer = QTimer(interval=100)
        timer.timeout.connect(lambda: loop.quit() if condition() else None)
        timer.start()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        timer.stop()

    def settle(ms: int = 800) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    wait_for(lambda: window.library is not None)
    settle()
    window.grab().save(str(out / "0-welcome.png"))
    window.import_paths([str(photos)])
    wait_for(lambda: window.last_report is not None)
    faces = window.library.faces()  # name two people, as a user would in the people view
    for person, name in zip(people_ops.list_people(faces), ("Anna", "Ben"), strict=False):
        people_ops.name_person(faces, person.id, name)
    window.run_search(window.search_bar.query)
    settle(1500)
    window.grab().save(str(out / "1-main-window.png"))
    window.search_bar.edit.setText("a red circle 2026")
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    window.grab().save(str(out / "2-search-results.png"))
    window.search_bar.edit.setText("Anna in 2019")
    window.refresh_people()
    settle(800)
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    window.grab().save(str(out / "3-search-person.png"))
    window.search_bar.edit.setText("Anna")
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    viewer = window.make_viewer(0)
    viewer.show()
    settle(1500)
    viewer.grab().save(str(out / "4-viewer.png"))
    viewer.done(0)
    window.sidebar.setCurrentRow(1)
    settle(1500)
    window.grab().save(str(out / "5-people.png"))
    window.close()
    app.processEvents()
    shutil.rmtree(home, ignore_errors=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
