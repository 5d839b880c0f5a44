"""Screenshots of the real app in a real (X11) window: main window, search results, viewer, people, and
what a user meets when things go wrong: an unplugged folder's photos greyed, a search that cannot run.

    xvfb-run -a -s "-screen 0 1400x900x24" python bench/screenshots.py OUTDIR [--lang zh_CN]

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
    from photofactory import Exif, scene, write_photo
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
    # the newest photos: a panorama, a tiny photo, portraits (tiles were all drawn as strips after such a first photo)
    for i, (width, height) in enumerate(((1200, 150), (40, 30), (600, 900), (90, 160))):
        exif = Exif(taken=datetime(2026, 11, 20 - i), lat=38.72, lon=-9.14)
        write_photo(photos / "shapes-mixed" / f"mixed_{i}.jpg", exif, image=scene(width, height, seed=i))
    return photos


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--lang")]
    lang = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--lang=")), "")
    out = Path(args[0] if args else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    tag = f"-{lang}" if lang else ""
    home = Path(tempfile.mkdtemp(prefix="album-shots-"))
    os.environ.update({"ALBUM_HOME": str(home), "ALBUM_CLIP_MODEL": "tiny-shapes"})
    photos = build_home(home)

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget

    from album.core.library import Paths
    from album.gui.i18n import install_translators
    from album.gui.main_window import MainWindow
    from album.runtime import configure_process

    configure_process()
    app = QApplication(sys.argv)
    install_translators(app, lang or "en")
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
    window.grab().save(str(out / f"0-welcome{tag}.png"))
    window.import_paths([str(photos)])
    wait_for(lambda: window.controller.last_report is not None)
    for person, name in zip(window.library.people(), ("Anna", "Ben"), strict=False):
        window.controller.name_person(person.id, name)  # as a user would in the people view
    wait_for(lambda: {"Anna", "Ben"} <= {p.name for p in window.people_view.people})
    window.run_search(window.search_bar.query)
    settle(1500)
    window.grab().save(str(out / f"1-main-window{tag}.png"))
    window.search_bar.edit.setText("a red circle 2026")
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    window.grab().save(str(out / f"2-search-results{tag}.png"))
    window.search_bar.edit.setText("Anna in 2019")
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    window.grab().save(str(out / f"3-search-person{tag}.png"))
    window.search_bar.edit.setText("Anna")
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    viewer = window.make_viewer(0)
    viewer.show()
    settle(1500)
    viewer.grab().save(str(out / f"4-viewer{tag}.png"))
    viewer.done(0)
    window.sidebar.setCurrentRow(1)
    settle(1500)
    window.grab().save(str(out / f"5-people{tag}.png"))
    review = window.review_faces(window.people_view.people[0].id)
    settle(1500)
    review.grab().save(str(out / f"6-face-review{tag}.png"))
    review.close()
    settings = window.open_settings()
    assert settings is not None
    settle(500)
    settings.grab().save(str(out / f"7-settings{tag}.png"))
    settings.findChild(QTabWidget).setCurrentIndex(1)
    settle(500)
    settings.grab().save(str(out / f"8-settings-models{tag}.png"))
    settings.reject()
    window.sidebar.setCurrentRow(0)
    window.search_bar.edit.clear()
    window.search_bar.edit.setFocus()
    QTest.keyClicks(window.search_bar.edit, "An")
    settle(800)
    app.primaryScreen().grabWindow(0).copy(window.geometry().adjusted(-20, -40, 20, 20)).save(
        str(out / f"9-completion{tag}.png")
    )
    window.search_bar.completer.popup().hide()

    offline = photos / "people"
    offline.rename(photos / "people-unplugged")  # the drive with these photos is unplugged
    window.search_bar.edit.clear()
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    first = next(i for i, hit in enumerate(window.model.hits) if hit.photo.path.startswith(str(offline)))
    window.grid.scrollTo(window.model.index(first), QAbstractItemView.ScrollHint.PositionAtCenter)
    settle(1500)
    window.grab().save(str(out / f"10-offline-photos{tag}.png"))
    viewer = window.make_viewer(first)
    viewer.show()
    settle(1500)
    viewer.grab().save(str(out / f"11-viewer-offline{tag}.png"))
    viewer.done(0)
    (photos / "people-unplugged").rename(offline)  # plugged in again: in colour at the next check
    window.model.check_again()
    window.search_bar.edit.setText("Anna near:Lisbon km:nan")
    window.search_bar.edit.returnPressed.emit()
    settle(800)
    window.grab().save(str(out / f"12-search-problem{tag}.png"))

    def search(text: str, name: str) -> None:
        window.search_bar.edit.setText(text)
        window.search_bar.edit.returnPressed.emit()
        settle(1500)
        window.grab().save(str(out / f"{name}{tag}.png"))

    search("", "13-grid-mixed-shapes")  # newest first: panorama, tiny, portraits, then the rest
    search("in Tokyo", "14-empty-place")
    search("photos from 1850", "15-empty-year")
    search("xqzvbnm flurb", "16-weak-match")
    search("a blue square", "17-before-similar")  # (the tiny model scores nonsense like red circles: weak)
    window.grid.setCurrentIndex(window.model.index(0))
    window.search_similar(window.model.hits[0].photo.path, window.model.hits[0].photo)
    settle(1500)
    window.grab().save(str(out / f"17-similar-chip{tag}.png"))
    search("in Tokyo", "18-before-person")
    window.people_view.open_person.emit(window.people_view.people[0].id)
    settle(1500)
    window.grab().save(str(out / f"18-person-chip{tag}.png"))
    window.search_bar.chips()[0].remove_button.click()  # back to "in Tokyo"
    settle(1500)
    window.grab().save(str(out / f"18-person-chip-removed{tag}.png"))
    search("", "19-all")
    panorama = next(i for i, hit in enumerate(window.model.hits) if hit.photo.path.endswith("mixed_0.jpg"))
    viewer = window.make_viewer(panorama)
    viewer.show()
    viewer.activateWindow()
    settle(1500)
    QTest.keyClick(QApplication.focusWidget() or viewer, Qt.Key.Key_Right)  # to the tiny photo, via the keyboard
    settle(1500)
    viewer.grab().save(str(out / f"19-viewer-right-tiny{tag}.png"))
    QTest.keyClick(QApplication.focusWidget() or viewer, Qt.Key.Key_1)  # 100 %: its real 40 × 30 pixels
    settle(500)
    viewer.grab().save(str(out / f"19-viewer-tiny-100{tag}.png"))
    viewer.done(0)
    window.close()
    app.processEvents()
    shutil.rmtree(home, ignore_errors=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
