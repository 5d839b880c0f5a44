"""Screenshots of the real app in a real (X11) window: main window, search results, viewer, people, and
what a user meets when things go wrong: an unplugged folder's photos greyed, a search that cannot run,
a place name that several places share (the chip's menu of the others); and the first run without
models: the welcome dialog online (a hub on 127.0.0.1), a download in progress, stopped (Resume), and
offline (the files and the folder).

    xvfb-run -a -s "-screen 0 1400x900x24" python bench/screenshots.py OUTDIR [--lang=zh_CN] [--theme=dark|light]
        [--first-run-only] [--grid-only] [--albums-only] [--polish-only] [--browse-only] [--duplicates-only]
        [--map-only] [--explore-only [--umap]] [--video-only]
    xvfb-run -a -s "-screen 0 1400x900x24" python bench/screenshots.py --readme

``--polish-only`` shoots the people page, the places tree and the dialogs (welcome offline, settings, name),
and prints each dialog's size against the screen's: run it under a 1280x800 and a 1366x768 screen.

``--video-only`` shoots a video playing in the viewer (opened as a search hit at its 8th second, marked on
the seek bar), a Live Photo's clip playing over its still and the still after it, the grid's badges, and
the video's tile after text searches for its later scenes (the matched frame, not the poster).

``--readme`` takes the pictures README.md shows, in both themes and both languages, and writes exactly
those files to resources/screenshots/ (run it again after a change to the window to keep them current).

Builds a sample library in a temporary ALBUM_HOME from ../shared/faces (real faces, recognised with the
real face models) and generated shapes (ranked by the tiny CLIP model the tests train), imports it
through the window like a user would, and saves PNGs to OUTDIR.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SHARED = ROOT.parent / "shared"


def build_home(home: Path, clip: bool = True) -> Path:
    """The sample library's photos (returned) and models (``clip``: the tiny CLIP model too, trained on
    first use, minutes on a busy machine; the faces are recognised either way)."""
    import tinyclip
    from photofactory import Exif, scene, write_photo
    from PIL import Image

    models = home / "models"
    if clip:
        tinyclip.install(models, "tiny-shapes")
    (models / "faces").mkdir(parents=True)
    for name in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
        os.symlink(SHARED / "models" / "faces" / name, models / "faces" / name)
    photos = home / "Pictures"
    tinyclip.write_photos(photos / "shapes", per_class=3)
    write_photo(photos / "scans" / "scan.jpg")  # no EXIF: dated by its file
    (photos / "camera").mkdir(parents=True)
    shutil.copy(SHARED / "faces" / "misc" / "kite.jpg", photos / "camera")  # a Canon's EXIF: lens and exposure
    for i, person in enumerate(("Nicole_Kidman", "Hugo_Chavez", "Vladimir_Putin", "Gerry_Adams")):
        for j, src in enumerate(sorted((SHARED / "faces" / "people" / person).iterdir())[:6]):
            exif = Exif(taken=datetime(2023, 6, 10 + j // 3, 9 + i, j), lat=38.72 + i, lon=-9.14 - j)  # two days
            write_photo(photos / "people" / f"{person}_{j}.jpg", exif, image=Image.open(src).convert("RGB"))
    # what other apps wrote: title, caption, keywords, stars, label, a named face region and a name without a face
    if shutil.which("exiftool"):
        other = photos / "from-lightroom" / "two_people.jpg"
        write_photo(other, Exif(taken=datetime(2018, 6, 2, 15, 0)), image=Image.open(SHARED / "faces" / "group" /
                                                                                       "two_people.jpg").convert("RGB"))
        subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", "-XMP-dc:Title=Two friends",
                        "-XMP-dc:Description=The day the exhibition opened", "-XMP-dc:Subject=friends",
                        "-XMP-lr:HierarchicalSubject=Events|Exhibition", "-XMP-xmp:Rating=4", "-XMP-xmp:Label=Red",
                        "-XMP-mwg-rs:RegionInfo={RegionList=[{Name=Ana Lima,Type=Face,Area={X=0.25,Y=0.5,W=0.5,H=1,"
                        "Unit=normalized}},{Name=Grandma,Type=Face,Area={X=0.05,Y=0.05,W=0.05,H=0.05,"
                        "Unit=normalized}}]}", str(other)], check=True)  # fmt: skip
    # the newest photos: a panorama, a tiny photo, portraits (tiles were all drawn as strips after such a first photo)
    for i, (width, height) in enumerate(((1200, 150), (40, 30), (600, 900), (90, 160))):
        exif = Exif(taken=datetime(2026, 11, 20 - i), lat=38.72, lon=-9.14, make="NIKON CORPORATION", model="NIKON Z 6")
        write_photo(photos / "shapes-mixed" / f"mixed_{i}.jpg", exif, image=scene(width, height, seed=i))
    return photos


def build_plain_home(home: Path) -> Path:
    """Real photos only, no models (the browsing shots need no search): quick to build on a busy machine."""
    from photofactory import Exif, write_photo
    from PIL import Image

    from album.core.config import Paths, Settings

    Settings(allow_downloads=False).save(Paths.from_env())
    photos = home / "Pictures"
    sources = sorted((SHARED / "faces" / "people").rglob("*.jpg"))[::12][:24]
    for i, src in enumerate(sources):
        exif = Exif(taken=datetime(2024, 5, 4 + i // 6 * 3, 9 + i % 6), lat=38.72, lon=-9.14)  # days of six photos
        write_photo(photos / f"photo_{i:02}.jpg", exif, image=Image.open(src).convert("RGB"))
    return photos


def video_home(home: Path) -> Path:
    """A few real photos, a 12 s video and a Live Photo (a still and its clip, written together); the tiny CLIP."""
    import tinyclip
    from photofactory import Exif, write_photo
    from PIL import Image
    from videofactory import write_video

    photos = build_plain_home(home)
    tinyclip.install(home / "models", "tiny-shapes")  # a text search ranks the video by its later scenes
    scenes = [("red", "circle", 4.0), ("blue", "square", 4.0), ("yellow", "triangle", 4.0)]
    write_video(photos / "birthday.mp4", scenes, size=(640, 360), metadata={"creation_time": "2024-12-30T18:00:00Z"})
    still = photos / "IMG_0001.jpg"
    source = sorted((SHARED / "faces" / "people").rglob("*.jpg"))[1]
    write_photo(still, Exif(taken=datetime(2024, 12, 31)), image=Image.open(source).convert("RGB"))
    write_video(photos / "IMG_0001.mov", [("green", "circle", 1.5)], size=(250, 250))
    os.utime(photos / "IMG_0001.mov", ns=(still.stat().st_mtime_ns,) * 2)
    return photos


def video_shots(window, out: Path, tag: str, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """The grid's badges, a video playing from a search hit's second, and a Live Photo's clip, then its still."""
    from album.core.records import SearchHit

    settle(1500)
    window.grab().save(str(out / f"20-grid-video-live{tag}.png"))
    rows = {hit.photo.kind: row for row, hit in enumerate(window.model.hits)}
    video = window.model.hits[rows["video"]]
    viewer = window.make_viewer(0, hits=[SearchHit(video.photo, 0.31, video.reasons, time=8.0)])
    wait_for(lambda: viewer.player.playing(), 30)
    settle(1200)
    # the screen's pixels: the video is drawn by its own native window, which the widget's grab() leaves black
    window.screen().grabWindow(window.winId()).save(str(out / f"21-viewer-video-playing{tag}.png"))
    print(f"video: opened at 8.0 s, shot at {viewer.player.player.position() / 1000:.1f} s")
    window.close_viewer()
    viewer = window.make_viewer(rows["live"])
    wait_for(lambda: not viewer.live_button.isHidden(), 30)
    viewer.live_button.click()
    wait_for(lambda: viewer.player.playing(), 30)
    settle(500)
    window.screen().grabWindow(window.winId()).save(str(out / f"22-viewer-live-playing{tag}.png"))
    wait_for(lambda: viewer.player.isHidden(), 30)
    settle(300)
    window.grab().save(str(out / f"22b-viewer-live-still{tag}.png"))
    window.close_viewer()
    for text in ("a yellow triangle", "a blue square"):  # later scenes than the poster's red circle
        type_search(window, text, settle, 2500)  # the tile shows the matched frame once it is decoded
        found = [(row, hit.time) for row, hit in enumerate(window.model.hits) if hit.photo.kind == "video"]
        print(f"video: {text!r} ranks it {found} (row, matched second); the status says {window.result_label.text()!r}")
        window.grab().save(str(out / f"23-grid-video-frame-{text.split()[1]}{tag}.png"))


def duplicates_home(home: Path) -> Path:
    """A library for the Duplicates page alone (no models: nothing to train or download): a few people's
    photos, and copies and a burst: an exact copy, a resize and a re-encode of one photo, and two frames of
    one camera two seconds apart (the second shaken)."""
    from photofactory import Exif, write_photo
    from PIL import Image, ImageFilter

    from album.core.config import Paths, Settings

    paths = Paths.from_env()
    paths.ensure()
    Settings(allow_downloads=False).save(paths)
    photos = home / "Pictures"
    for person in ("Nicole_Kidman", "Hugo_Chavez"):
        for src in sorted((SHARED / "faces" / "people" / person).iterdir())[:4]:
            (photos / "people").mkdir(parents=True, exist_ok=True)
            shutil.copy(src, photos / "people" / src.name)
    copies = photos / "copies"
    copies.mkdir(parents=True)
    original = SHARED / "faces" / "group" / "t1.jpg"
    shutil.copy(original, copies / "party.jpg")
    shutil.copy(original, copies / "party (copy).jpg")
    image = Image.open(original).convert("RGB")
    image.resize((640, 443)).save(copies / "party-small.jpg", quality=85)
    image.save(copies / "party-whatsapp.jpg", quality=40)
    two = Image.open(SHARED / "faces" / "group" / "two_people.jpg").convert("RGB")
    for n, frame in enumerate((two, two.filter(ImageFilter.GaussianBlur(3)))):
        exif = Exif(taken=datetime(2024, 7, 6, 14, 30, 2 * n), make="Canon", model="EOS R6", lat=48.85, lon=2.35)
        write_photo(copies / f"IMG_{4410 + n}.jpg", exif, image=frame)
    return photos


def duplicate_shots(window, out: Path, tag: str, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """The Duplicates page with its groups, the Move to Trash dialog it asks with, the page once every group
    is answered "Not Duplicates", and the Explore page of a library without CLIP vectors."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window.sidebar.set_current("duplicates")
    wait_for(lambda: bool(window.duplicates.view.rows))
    settle(1000)
    window.grab().save(str(out / f"duplicates{tag}.png"))

    def shoot_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.grab().save(str(out / f"duplicates-trash-dialog{tag}.png"))
            dialog.reject()

    QTimer.singleShot(500, shoot_dialog)
    window.duplicates.view.rows[0].trash_button.click()  # asks; the dialog is shot, then cancelled
    while window.duplicates.view.rows:  # answered one by one: the page then says there are none
        before = window.duplicates.view.rows
        before[0].distinct_button.click()
        wait_for(lambda: window.duplicates.view.rows is not before)  # noqa: B023 (waited for within the loop)
    settle(500)
    window.grab().save(str(out / f"duplicates-0-none{tag}.png"))
    window.sidebar.set_current("explore")  # this library has no CLIP model: the map says why it is empty
    wait_for(lambda: window.explore_view.map is not None and window.explore_view.job is None)
    settle(500)
    window.grab().save(str(out / f"explore-0-no-clip{tag}.png"))


def type_search(window, text: str, settle, ms: int = 1500) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` in the search box and press Enter, as a person would, then let the results arrive."""
    window.search_bar.edit.setText(text)
    window.search_bar.edit.returnPressed.emit()
    settle(ms)


def offline_welcome(window, wait_for):  # type: ignore[no-untyped-def]
    """The welcome dialog as it is offline: the hub's address is a port nobody listens on any more."""
    from fakehub import FakeHub, serving

    with serving(FakeHub()) as stopped:
        pass
    os.environ["HF_ENDPOINT"] = stopped.url
    window.offer_models()
    dialog = window.welcome_dialog
    wait_for(lambda: dialog.catalogue is not None)
    return dialog


def wait_for(condition, seconds: float = 180) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until ``condition()`` holds (or ``seconds`` pass)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer(interval=100)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()


def settle(ms: int = 800) -> None:
    """Run the event loop for ``ms``: thumbnails arrive, layouts settle."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


README_SHOTS = (  # (file in resources/screenshots, language, theme, what it shows)
    ("grid-light-en.png", "en", "light", "grid"),
    ("search-dark-en.png", "en", "dark", "search"),
    ("people-light-zh_CN.png", "zh_CN", "light", "people"),
    ("grid-dark-zh_CN.png", "zh_CN", "dark", "grid"),
    ("search-light-zh_CN.png", "zh_CN", "light", "search"),
    ("viewer-dark-en.png", "en", "dark", "viewer"),
    ("timeline-light-en.png", "en", "light", "timeline"),
    ("map-dark-zh_CN.png", "zh_CN", "dark", "map"),
)


def point_at_month(scrubber, month, click: bool = True) -> None:  # type: ignore[no-untyped-def]
    """The pointer on ``month`` of the timeline scrubber (its bubble shows), clicked to jump there."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    at = QPointF(30, scrubber.y_of(month.top) + 1)
    kinds = (QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
    for kind in kinds if click else kinds[:1]:
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        QApplication.sendEvent(scrubber, QMouseEvent(kind, at, scrubber.mapToGlobal(at), button, button,
                                                     Qt.KeyboardModifier.NoModifier))  # fmt: skip


def readme_shots() -> None:
    """The README's pictures: one library, imported once; the language and theme switched live as a user would."""
    out = ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="album-readme-shots-"))
    os.environ.update({"ALBUM_HOME": str(home), "ALBUM_CLIP_MODEL": "tiny-shapes"})
    photos = build_home(home)
    write_travels(photos)  # the map's markers round the world

    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtWidgets import QApplication

    from album.core.library import Paths
    from album.gui.i18n import install_translators, switch_language
    from album.gui.main_window import MainWindow
    from album.gui.styles import use_theme
    from album.runtime import configure_process

    configure_process()
    app = QApplication(sys.argv)
    install_translators(app, "en")
    use_theme(app, "light")
    window = MainWindow(Paths.from_env())
    window.resize(1200, 760)
    window.show()
    wait_for(lambda: window.library is not None)
    window.import_paths([str(photos)])
    wait_for(lambda: window.controller.last_report is not None)
    unnamed = [p for p in window.library.people() if not p.name]  # "Ana Lima" was named by another app
    for person, name in zip(unnamed, ("Anna", "Ben"), strict=False):
        window.controller.name_person(person.id, name)
    wait_for(lambda: {"Anna", "Ben"} <= {p.name for p in window.people_view.people})
    window.status_timer.timeout.emit()  # the passing "Done: …" line would date the picture
    for name, lang, theme, state in README_SHOTS:
        switch_language(app, lang)
        use_theme(app, theme)
        window.search_bar.edit.setText({"search": "Anna", "viewer": "Anna"}.get(state, ""))
        window.search_bar.edit.returnPressed.emit()  # (a search shows the photos page)
        window.sidebar.set_current({"people": "people", "map": "places"}.get(state, "photos"))
        settle(2000)
        if state == "grid":  # the people's photos under their days' headers (the shapes above are undated)
            people = next(i for i, hit in enumerate(window.model.hits) if "/people/" in hit.photo.path)
            window.grid.scrollTo(window.model.index(people), window.grid.ScrollHint.PositionAtTop)
            settle(1000)
            window.grab().save(str(out / name))
        elif state == "timeline":  # the pointer on the scrubber: the month's bubble, the grid at its photos
            scrubber = window.grid.scrubber
            trips = [month for month in scrubber.months if month.when is not None and month.when.year == 2024]
            point_at_month(scrubber, max(trips, key=lambda month: month.count))  # the trips' busiest month
            settle(800)
            window.grab().save(str(out / name))
            scrubber.leaveEvent(QEvent(QEvent.Type.Leave))
        elif state == "map":
            window.map_view.zoom, window.map_view.centre = 2.0, QPointF(0.5, 0.4)  # the world, edge to edge
            window.map_view.update()  # (set directly: painted, and its markers' pictures asked for, on the next frame)
            settle(1000)
            wait_for(lambda: not window.map_view._pending, 30)  # every marker's thumbnail drawn
            settle(500)
            window.grab().save(str(out / name))
        elif state == "viewer":
            window.make_viewer(0)  # a page of the window, with its info panel
            settle(2500)
            window.grab().save(str(out / name))
            window.close_viewer()
        else:
            window.grab().save(str(out / name))
    window.close()
    app.processEvents()
    shutil.rmtree(home, ignore_errors=True)
    print(f"{len(README_SHOTS)} screenshots in {out}")


def welcome_shots(out: Path, tag: str, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """The welcome dialog on a library without models, against a slow hub on 127.0.0.1, then offline."""
    from fakehub import FakeHub, serving

    from album.core.library import Paths
    from album.core.models.faces import OPENCV_PACK, PACK_REPO, PACKS
    from album.core.models.layout import CLIP_FILES, FACE_FILES
    from album.core.models.registry import CLIP_MODELS, DEFAULT_CLIP_MODEL
    from album.gui.main_window import MainWindow

    saved = {name: os.environ.pop(name, None) for name in ("ALBUM_HOME", "ALBUM_CLIP_MODEL", "HF_ENDPOINT")}
    home = Path(tempfile.mkdtemp(prefix="album-first-run-"))
    os.environ["ALBUM_HOME"] = str(home)
    clip = {name: f"{name}\n".encode() for name in CLIP_FILES}
    clip["textual/model.onnx"] = os.urandom(24 << 20)  # the fake hub's sizes are what the dialog shows
    clip["visual/model.onnx"] = os.urandom(12 << 20)
    faces = {name: os.urandom(3 << 20) for name in FACE_FILES}
    sizes = (232_589, 4 << 20)  # YuNet as on the hub; SFace smaller than its 38.7 MB
    pair = {s.repo: {s.path: os.urandom(size)} for s, size in zip(PACKS[OPENCV_PACK].sources, sizes, strict=True)}
    try:
        with serving(FakeHub({CLIP_MODELS[DEFAULT_CLIP_MODEL].hf_repo: clip, PACK_REPO: faces, **pair})) as hub:
            os.environ["HF_ENDPOINT"] = hub.url
            window = MainWindow(Paths.from_env())
            window.resize(1100, 750)
            window.show()
            wait_for(lambda: window.library is not None)
            window.offer_models()
            dialog = window.welcome_dialog
            wait_for(lambda: dialog.catalogue is not None)
            settle(500)
            dialog.grab().save(str(out / f"13-first-run{tag}.png"))
            hub.delay = 0.004  # ~4 MB/s: a download to watch
            dialog.download_button.click()
            wait_for(lambda: dialog.progress.value() > 300, 60)
            settle(300)
            dialog.grab().save(str(out / f"14-first-run-download{tag}.png"))
            dialog.cancel_button.click()
            wait_for(lambda: dialog.job is None, 60)
            settle(300)
            dialog.grab().save(str(out / f"15-first-run-stopped{tag}.png"))
            dialog.done(0)
            wait_for(lambda: window.library is not None)  # skipping turned downloads on first use off: reopened
        dialog = offline_welcome(window, wait_for)
        settle(500)
        dialog.grab().save(str(out / f"16-first-run-offline{tag}.png"))
        screen = dialog.screen().availableGeometry()
        print(f"welcome (offline, no models): {dialog.width()}x{dialog.height()} on {screen.width()}x{screen.height()}")
        dialog.done(0)
        window.close()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(home, ignore_errors=True)


def explore_shots(window, out: Path, tag: str, settle) -> None:  # type: ignore[no-untyped-def]
    """The Explore page (--explore-only; --umap lays it out with UMAP instead of PCA): the whole map with its
    region names, coloured by date, zoomed in, a lasso's photos highlighted, and a hovered photo's preview."""
    import numpy as np
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    view = window.explore_view
    view.method = "umap" if "--umap" in sys.argv else "pca"
    window.sidebar.set_current("explore")
    settle(50)  # the busy panel while the first layout is computed (PCA may finish before this: --umap)
    window.grab().save(str(out / f"explore-0-busy{tag}.png"))
    wait_for(lambda: view.map is not None and view.job is None)
    settle(1500)
    window.grab().save(str(out / f"explore-1-map{tag}.png"))
    view.colour_by.setCurrentIndex(1)  # by date
    settle(500)
    window.grab().save(str(out / f"explore-2-by-date{tag}.png"))
    view.colour_by.setCurrentIndex(0)
    canvas = view.canvas
    region = view.map.regions[0]
    canvas.centre = np.array([region.x, region.y])
    canvas.zoom_by(2.5)
    settle(1500)
    window.grab().save(str(out / f"explore-3-zoomed{tag}.png"))
    canvas.fit()
    members = canvas.xy[view.map.region_of == 0]
    low, high = members.min(axis=0) - 0.03, members.max(axis=0) + 0.03
    canvas.finish_lasso([low, np.array([high[0], low[1]]), high, np.array([low[0], high[1]])])
    settle(800)
    window.grab().save(str(out / f"explore-4-lasso{tag}.png"))
    canvas.finish_lasso([])  # as a click beside the photos: the choice goes
    x, y = canvas.to_screen(canvas.xy[0])
    QTest.mouseMove(canvas, QPoint(int(x), int(y)))
    settle(1200)
    window.grab().save(str(out / f"explore-5-hover{tag}.png"))


def grid_shots(window, out: Path, tag: str, settle) -> None:  # type: ignore[no-untyped-def]
    """The photo grid: justified rows and square tiles under their days' headers, the timeline scrubber with
    the month under the pointer, a selection with the keyboard's photo and a hovered tile, the tiles in their
    photos' own colours while thumbnails load, and the dark theme."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from album.gui.styles import use_theme

    grid, model = window.grid, window.model
    window.search_bar.edit.clear()
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    grid.set_layout_mode("justified")
    mixed = next(i for i, hit in enumerate(model.hits) if hit.photo.path.endswith("mixed_0.jpg"))
    grid.scrollTo(model.index(max(0, mixed - 3)), grid.ScrollHint.PositionAtTop)  # the panorama and portraits
    settle(500)
    window.grab().save(str(out / f"20-grid-justified{tag}.png"))
    scrubber = grid.scrubber  # the timeline: the pointer on a month, its bubble, a click that jumps there
    point_at_month(scrubber, scrubber.months[len(scrubber.months) // 2])
    settle(500)
    window.grab().save(str(out / f"25-timeline-scrubber{tag}.png"))
    scrubber.leaveEvent(QEvent(QEvent.Type.Leave))
    grid.activateWindow()
    grid.setFocus()
    grid.setCurrentIndex(model.index(2))
    for row in (4, 5):
        grid.selectionModel().select(model.index(row), grid.selectionModel().SelectionFlag.Select)
    hover = grid.visualRect(model.index(7)).center()
    QApplication.sendEvent(grid.viewport(), QMouseEvent(QEvent.Type.MouseMove, QPointF(hover), QPointF(hover),
                                                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                        Qt.KeyboardModifier.NoModifier))  # fmt: skip
    settle(500)
    window.grab().save(str(out / f"21-grid-selection-hover{tag}.png"))
    grid.set_layout_mode("square")
    settle(500)
    window.grab().save(str(out / f"22-grid-square{tag}.png"))
    grid.set_layout_mode("justified")
    thumbnail, kept = model.thumbnail, dict(model._icons)
    model.thumbnail = lambda photo: None  # as on a fast scroll: no thumbnail has arrived yet
    model._icons.clear()
    grid.viewport().update()
    settle(300)
    window.grab().save(str(out / f"23-grid-loading-colours{tag}.png"))
    model.thumbnail = thumbnail
    model._icons.update(kept)
    use_theme(QApplication.instance(), "dark")  # as the settings switch it: palette, style sheet and icons
    settle(800)
    window.grab().save(str(out / f"24-grid-dark{tag}.png"))
    use_theme(QApplication.instance(), "light")


def polish_shots(window, out: Path, tag: str, photos: Path, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """The people page, the places tree (photos from a trip to China added) and the dialogs, each dialog's
    size printed against the screen's available size (what must fit: 1280x800, 1366x768)."""
    from photofactory import Exif, scene, write_photo

    from album.gui.name_dialog import NameDialog

    for i, (lat, lon) in enumerate(((30.27, 120.15), (30.25, 120.17), (29.87, 121.55), (31.23, 121.47))):
        write_photo(photos / "trip" / f"china_{i}.jpg", Exif(taken=datetime(2024, 4, 1 + i), lat=lat, lon=lon),
                    image=scene(320, 240, seed=i))  # fmt: skip
    window.import_paths([str(photos / "trip")])
    wait_for(lambda: window.sidebar.count("photos") >= 4 and window.controller.index_job is None)
    window.status_timer.timeout.emit()
    screen = window.screen().availableGeometry()

    def fits(name: str, widget) -> None:  # type: ignore[no-untyped-def]
        frame = widget.frameGeometry()
        inside = frame.width() <= screen.width() and frame.height() <= screen.height()
        print(f"{name}: {frame.width()}x{frame.height()} on a {screen.width()}x{screen.height()} screen:"
              f" {'fits' if inside else 'DOES NOT FIT'}")  # fmt: skip

    window.sidebar.set_current("people")
    settle(1500)
    window.grab().save(str(out / f"p1-people{tag}.png"))
    window.sidebar.set_current("places")
    settle(1500)
    window.grab().save(str(out / f"p2-places{tag}.png"))
    window.places_page.setCurrentWidget(window.places_view)  # the List tab: country ▸ region ▸ town
    settle(800)
    window.grab().save(str(out / f"p2b-places-list{tag}.png"))
    window.places_page.setCurrentWidget(window.map_view)
    settings = window.open_settings()
    settle(500)
    fits("settings", settings)
    settings.grab().save(str(out / f"p3-settings{tag}.png"))
    settings.reject()
    asked = NameDialog("Name Person", "Ann", (), window)
    asked.show()
    settle(300)
    fits("name", asked)
    asked.reject()
    dialog = offline_welcome(window, wait_for)
    settle(800)
    fits("welcome (offline)", dialog)
    dialog.grab().save(str(out / f"p4-welcome-offline{tag}.png"))
    dialog.done(0)


def browse_shots(window, out: Path, tag: str, settle) -> None:  # type: ignore[no-untyped-def]
    """Hearts and stars on the tiles (a hovered tile's heart and stars; every tile's stars in a rating
    search), a rubber band, the albums in the sidebar, quick look, and the slideshow."""
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    grid, model, collections = window.grid, window.model, window.collections

    def mouse(kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
        button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        QApplication.sendEvent(grid.viewport(), QMouseEvent(kind, QPointF(point), QPointF(point), button, buttons,
                                                            Qt.KeyboardModifier.NoModifier))  # fmt: skip

    def marked(change) -> None:  # type: ignore[no-untyped-def]
        window.controller.run(lambda _p, _c: change(window.library), lambda _r: window.controller.refresh_results())
        settle(1500)

    photos = [model.index(r).data(Qt.ItemDataRole.UserRole + 2).photo for r in range(8)]
    marked(lambda library: library.set_favourite([p.id for p in photos[:6:2]], True))
    marked(lambda library: library.rate([photos[1].id, photos[3].id], 4))
    marked(lambda library: library.rate([photos[4].id], 2))
    for name in ("Trip to Japan", "Lisbon"):
        window.controller.run(lambda _p, _c, n=name: window.library.create_album(n), lambda _a: collections.refresh())
        settle(800)
    hover = grid.visualRect(model.index(3)).center()
    mouse(QEvent.Type.MouseMove, hover, Qt.MouseButton.NoButton)
    settle(500)
    window.grab().save(str(out / f"30-tiles-hearts-hover{tag}.png"))
    last = grid.visualRect(model.index(model.rowCount() - 1))
    start = QPoint(grid.viewport().width() - 8, min(grid.viewport().height() - 8, last.bottom() + 40))
    if grid.indexAt(start).isValid():
        start = QPoint(grid.viewport().width() - 2, 2)  # (the margin: no photo there)
    mouse(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    end = grid.visualRect(model.index(1)).center()
    mouse(QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton)
    settle(400)
    window.grab().save(str(out / f"31-rubber-band{tag}.png"))
    mouse(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    type_search(window, "rating:2", settle)
    window.grab().save(str(out / f"32-rating-search-stars{tag}.png"))
    type_search(window, "", settle)
    grid.setFocus()
    grid.setCurrentIndex(model.index(2))
    window.shows.look(2)
    settle(1500)
    window.grab().save(str(out / f"33-quick-look{tag}.png"))
    window.shows.quick_look.close_look()
    window.controller.settings.slideshow_seconds = 1.0
    window.shows.start_slideshow()
    settle(1250)  # mid-fade into the second photo
    window.shows.slideshow.grab().save(str(out / f"34-slideshow-fade{tag}.png"))
    window.shows.slideshow.set_paused(True)
    settle(800)
    window.shows.slideshow.grab().save(str(out / f"35-slideshow-paused{tag}.png"))
    window.shows.slideshow.end()
    settle(300)
TRAVELS = [("Lisbon", 38.7223, -9.1393, 9), ("Porto", 41.1579, -8.6291, 4), ("Paris", 48.8566, 2.3522, 6),
           ("Rome", 41.9028, 12.4964, 5), ("Kyoto", 35.0116, 135.7681, 7), ("Tokyo", 35.6762, 139.6503, 5),
           ("New York", 40.7128, -74.0060, 6), ("Cape Town", -33.9249, 18.4241, 3), ("Sydney", -33.8688, 151.2093, 4),
           ("Reykjavik", 64.1466, -21.9426, 2), ("Hangzhou", 30.2741, 120.1551, 5)]  # fmt: skip


def write_travels(photos: Path) -> None:
    """Photos taken round the world, a few km apart in each city, for the map's pictures."""
    from photofactory import Exif, scene, write_photo

    for c, (city, lat, lon, count) in enumerate(TRAVELS):
        for i in range(count):
            exif = Exif(taken=datetime(2024, 1 + i % 12, 3 + i), lat=lat + 0.01 * (i % 3), lon=lon + 0.012 * (i // 3))
            picture = scene(480, 360, seed=100 + 20 * c + i)  # every photo its own (no copies across cities)
            write_photo(photos / "travels" / f"{city}_{i}.jpg", exif, image=picture)


def map_shots(window, out: Path, tag: str, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """The Places map: the world with its clustered markers, Europe closer, a circle being drawn, its photos
    in the grid with the place chip, and the dark theme."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from album.core.basemap import project
    from album.gui.styles import use_theme

    view = window.map_view
    window.sidebar.set_current("places")
    wait_for(lambda: len(view.points) > 0)
    view.zoom, view.centre = 1.4, QPointF(0.5, 0.42)
    view.update()
    settle(1500)
    window.grab().save(str(out / f"30-map-world{tag}.png"))
    view.zoom, view.centre = 4.6, QPointF(*(float(v) for v in project(44.0, 2.0)))
    view.update()
    settle(1500)
    window.grab().save(str(out / f"31-map-europe{tag}.png"))
    lisbon = view.to_screen(*(float(v) for v in project(38.73, -9.13)))
    shift = Qt.KeyboardModifier.ShiftModifier
    for kind, where in ((QEvent.Type.MouseButtonPress, lisbon), (QEvent.Type.MouseMove, lisbon + QPointF(25, 10)),
                        (QEvent.Type.MouseMove, lisbon + QPointF(50, 20))):  # fmt: skip
        QApplication.sendEvent(view, QMouseEvent(kind, where, view.mapToGlobal(where), Qt.MouseButton.LeftButton,
                                                 Qt.MouseButton.LeftButton, shift))  # fmt: skip
    settle(300)
    window.grab().save(str(out / f"32-map-drawing-circle{tag}.png"))
    QApplication.sendEvent(view, QMouseEvent(QEvent.Type.MouseButtonRelease, lisbon + QPointF(50, 20),
                                             view.mapToGlobal(lisbon + QPointF(50, 20)), Qt.MouseButton.LeftButton,
                                             Qt.MouseButton.NoButton, shift))  # fmt: skip
    settle(2000)
    window.grab().save(str(out / f"33-map-circle-searched{tag}.png"))
    window.sidebar.set_current("places")
    use_theme(QApplication.instance(), "dark")  # as the settings switch it: palette, style sheet and icons
    settle(1500)
    window.grab().save(str(out / f"34-map-dark{tag}.png"))
    view.zoom, view.centre = 1.4, QPointF(0.5, 0.42)
    view.update()
    settle(1000)
    window.grab().save(str(out / f"35-map-world-dark{tag}.png"))
    use_theme(QApplication.instance(), "light")


def main() -> None:
    if "--readme" in sys.argv:
        readme_shots()
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lang = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--lang=")), "")
    theme = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--theme=")), "light")
    out = Path(args[0] if args else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    tag = (f"-{lang}" if lang else "") + (f"-{theme}" if theme != "light" else "")
    home = Path(tempfile.mkdtemp(prefix="album-shots-"))
    polish = "--polish-only" in sys.argv
    clip = not polish and not {"--first-run-only", "--map-only"} & set(sys.argv)  # these shoot no search
    os.environ.update({"ALBUM_HOME": str(home), **({"ALBUM_CLIP_MODEL": "tiny-shapes"} if clip else {})})
    if "--browse-only" in sys.argv:
        photos = build_plain_home(home)
    elif "--duplicates-only" in sys.argv:
        photos = duplicates_home(home)
    elif "--video-only" in sys.argv:
        photos = video_home(home)
    elif "--map-only" in sys.argv:  # the map needs only photos with GPS: no models to train or load
        photos = home / "Pictures"
        write_travels(photos)
    else:
        photos = build_home(home, clip=clip)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget, QToolTip

    from album.core.library import Paths
    from album.gui.i18n import install_translators
    from album.gui.main_window import MainWindow
    from album.gui.styles import use_theme
    from album.runtime import configure_process

    configure_process()
    app = QApplication(sys.argv)
    install_translators(app, lang or "en")
    use_theme(app, theme)
    window = MainWindow(Paths.from_env())
    window.resize(1300, 850)
    window.show()
    app.processEvents()
    window.grab().save(str(out / f"0a-first-run-first-frame{tag}.png"))  # before the library opened

    shoots_one = {"--grid-only", "--browse-only", "--duplicates-only", "--map-only", "--explore-only",
                  "--video-only"} & set(sys.argv)  # fmt: skip
    if not ({"--albums-only", "--polish-only"} & set(sys.argv) or shoots_one):
        welcome_shots(out, tag, wait_for, settle)
    if "--first-run-only" in sys.argv:
        return
    window = MainWindow(Paths.from_env())
    window.resize(*((1240, 720) if polish else (1300, 850)))
    window.show()
    wait_for(lambda: window.library is not None)
    settle()
    window.grab().save(str(out / f"0-welcome{tag}.png"))
    window.import_paths([str(photos)])
    wait_for(lambda: window.controller.last_report is not None)
    settle(300)
    window.grab().save(str(out / f"0b-import-done{tag}.png"))  # "Done: N photos" (it clears after 8 s)
    if shoots_one:
        if "--duplicates-only" in sys.argv:
            duplicate_shots(window, out, tag, wait_for, settle)
        elif "--explore-only" in sys.argv:
            explore_shots(window, out, tag, settle)
        elif "--map-only" in sys.argv:
            map_shots(window, out, tag, wait_for, settle)
        elif "--video-only" in sys.argv:
            video_shots(window, out, tag, wait_for, settle)
        else:
            (grid_shots if "--grid-only" in sys.argv else browse_shots)(window, out, tag, settle)
        window.close()
        app.processEvents()
        shutil.rmtree(home, ignore_errors=True)
        return
    unnamed = [p for p in window.library.people() if not p.name]  # "Ana Lima" was named by another app
    for person, name in zip(unnamed, ("Anna", "Ben"), strict=False):
        window.controller.name_person(person.id, name)  # as a user would in the people view
    wait_for(lambda: {"Anna", "Ben"} <= {p.name for p in window.people_view.people})
    if polish:
        polish_shots(window, out, tag, photos, wait_for, settle)
        window.close()
        return
    window.run_search(window.search_bar.query)
    settle(1500)
    window.grab().save(str(out / f"1-main-window{tag}.png"))
    album_states(app, window, out, tag, wait_for, settle)
    if "--albums-only" in sys.argv:
        window.close()
        return
    type_search(window, "a red circle 2026", settle)
    window.grab().save(str(out / f"2-search-results{tag}.png"))
    type_search(window, "Anna in 2023", settle)
    window.grab().save(str(out / f"3-search-person{tag}.png"))
    type_search(window, "Anna", settle)
    viewer = window.make_viewer(0)
    settle(1500)
    window.grab().save(str(out / f"4-viewer{tag}.png"))
    window.close_viewer()
    window.search_bar.edit.clear()
    window.search_bar.edit.returnPressed.emit()
    settle(1500)
    scan = next(i for i, hit in enumerate(window.model.hits) if hit.photo.path.endswith("scan.jpg"))
    viewer = window.make_viewer(scan)
    settle(1500)
    window.grab().save(str(out / f"4b-viewer-file-date{tag}.png"))
    window.close_viewer()
    kite = next(i for i, hit in enumerate(window.model.hits) if hit.photo.path.endswith("kite.jpg"))
    viewer = window.make_viewer(kite)  # a real camera's file: lens, focal length, aperture, shutter, ISO
    settle(1500)
    window.grab().save(str(out / f"4d-viewer-camera-info{tag}.png"))
    window.toggle_full_screen()
    settle(1500)
    window.grab().save(str(out / f"4e-viewer-full-screen{tag}.png"))
    viewer.set_info_visible(False)
    settle(800)
    window.grab().save(str(out / f"4f-viewer-full-screen-no-info{tag}.png"))
    viewer.set_info_visible(True)
    window.close_viewer()
    other = next((i for i, hit in enumerate(window.model.hits) if hit.photo.path.endswith("two_people.jpg")), None)
    if other is not None:  # what other apps wrote (needs exiftool to write it)
        window.make_viewer(other)
        settle(2500)
        window.grab().save(str(out / f"4c-viewer-other-apps{tag}.png"))
        window.close_viewer()
    window.grid.scrollTo(window.model.index(0), QAbstractItemView.ScrollHint.PositionAtTop)
    settle(500)
    tile = window.grid.visualRect(window.model.index(0)).center()
    tip = window.model.data(window.model.index(0), Qt.ItemDataRole.ToolTipRole)
    QToolTip.showText(window.grid.viewport().mapToGlobal(tile), tip, window.grid)
    settle(800)
    app.primaryScreen().grabWindow(0).copy(window.geometry()).save(str(out / f"4c-tooltip{tag}.png"))
    QToolTip.hideText()
    window.sidebar.set_current("people")
    settle(1500)
    window.grab().save(str(out / f"5-people{tag}.png"))
    window.sidebar.set_current("places")
    settle(1500)
    window.grab().save(str(out / f"5b-places{tag}.png"))
    window.sidebar.set_collapsed(True)
    window.sidebar.list.setFocus()  # the keyboard in the sidebar: its focus ring
    settle(500)
    window.grab().save(str(out / f"5c-sidebar-collapsed-focus{tag}.png"))
    window.sidebar.set_collapsed(False)
    window.toolbar.slider.setFocus()
    window.toolbar.view_menu.popup(
        window.toolbar.view_button.mapToGlobal(window.toolbar.view_button.rect().bottomLeft()))
    settle(600)
    app.primaryScreen().grabWindow(0).copy(window.geometry().adjusted(-20, -40, 20, 20)).save(
        str(out / f"5d-view-menu{tag}.png"))
    window.toolbar.view_menu.hide()
    window.sidebar.set_current("people")
    review = window.review_faces(window.people_view.people[0].id)
    settle(1500)
    review.grab().save(str(out / f"6-face-review{tag}.png"))
    review.close()
    people_states(app, window, out, tag, wait_for, settle)
    settings = window.open_settings()
    assert settings is not None
    settle(500)
    settings.grab().save(str(out / f"7-settings{tag}.png"))
    settings.findChild(QTabWidget).setCurrentIndex(1)
    settle(500)
    settings.grab().save(str(out / f"8-settings-models{tag}.png"))
    settings.findChild(QTabWidget).setCurrentIndex(3)
    settle(500)
    settings.grab().save(str(out / f"8b-settings-language{tag}.png"))
    settings.reject()
    window.sidebar.set_current("photos")
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
    settle(1500)
    window.grab().save(str(out / f"11-viewer-offline{tag}.png"))
    window.close_viewer()
    (photos / "people-unplugged").rename(offline)  # plugged in again: in colour at the next check
    window.model.check_again()
    type_search(window, "Anna near:Lisbon km:nan", settle, 800)
    window.grab().save(str(out / f"12-search-problem{tag}.png"))
    type_search(window, "photos in Valencia", settle, 800)  # two well-known Valencias: the chip offers the other
    next(c for c in window.search_bar.chips() if c.objectName() == "chip-place").text_button.click()
    settle(500)
    app.primaryScreen().grabWindow(0).copy(window.geometry().adjusted(-20, -40, 20, 20)).save(
        str(out / f"13-place-alternatives{tag}.png")
    )
    window.search_bar.place_menu.hide()
    type_search(window, "在里斯本的照片", settle)  # the viewer names the place in the UI's language, once
    viewer = window.make_viewer(0)
    settle(1500)
    window.grab().save(str(out / f"14-viewer-place{tag}.png"))
    window.close_viewer()

    def search(text: str, name: str) -> None:
        type_search(window, text, settle)
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
    search("Z6 photos", "20-camera-model")  # the library's own NIKON Z 6, named as people say it
    search("my best photos red label Christmas Eve 2021", "21-stars-label-eve")  # chips for what other apps gave
    search("", "19-all")
    panorama = next(i for i, hit in enumerate(window.model.hits) if hit.photo.path.endswith("mixed_0.jpg"))
    viewer = window.make_viewer(panorama)
    window.activateWindow()
    settle(1500)
    QTest.keyClick(QApplication.focusWidget() or viewer, Qt.Key.Key_Right)  # to the tiny photo, via the keyboard
    settle(1500)
    window.grab().save(str(out / f"19-viewer-right-tiny{tag}.png"))
    QTest.keyClick(QApplication.focusWidget() or viewer, Qt.Key.Key_1)  # 100 %: its real 40 × 30 pixels
    settle(500)
    window.grab().save(str(out / f"19-viewer-tiny-100{tag}.png"))
    window.close_viewer()
    grid_shots(window, out, tag, settle)
    window.close()
    app.processEvents()
    again = MainWindow(Paths.from_env())  # the next start, as a returning user
    again.resize(1300, 850)
    again.show()
    app.processEvents()
    again.grab().save(str(out / f"13-returning-first-frame{tag}.png"))  # the kept first page, library opening
    wait_for(lambda: again.model.rowCount() > 0)
    settle(1500)
    again.grab().save(str(out / f"14-returning-opened{tag}.png"))
    again.close()
    app.processEvents()
    shutil.rmtree(home, ignore_errors=True)
    print(f"screenshots in {out}")


def album_states(app, window, out: Path, tag: str, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """Favourites and albums: the grid's context menu with Add to Album, the Albums page with covers and
    counts, an album opened (its chip), the favourites search, and the export dialog."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QMenu

    collections = window.collections
    selection = window.grid.selectionModel()
    for row in (0, 1, 2):
        selection.select(window.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    collections.favourite_action.trigger()  # as the "." key does
    wait_for(lambda: not window.controller.jobs)
    settle(800)
    collections.new_album(collections.selected(), ask=lambda _title: "Trip to Japan")
    wait_for(lambda: any(a.name == "Trip to Japan" for a in collections.albums))
    window.controller.run(lambda _p, _c: window.library.create_album("Sunny days", "sun"), lambda _a: None)
    wait_for(lambda: not window.controller.jobs)
    menu = QMenu(window)
    menu.addActions(window.grid.actions())
    menu.popup(window.grid.mapToGlobal(window.grid.visualRect(window.model.index(1)).center()))
    collections.album_menu.aboutToShow.emit()
    settle(600)
    app.primaryScreen().grabWindow(0).copy(window.geometry().adjusted(-20, -40, 20, 20)).save(
        str(out / f"20-grid-menu-add-to-album{tag}.png"))
    menu.close()
    window.sidebar.set_current("albums")
    wait_for(lambda: collections.view.list.count() == 2)
    settle(1000)
    window.grab().save(str(out / f"21-albums-page{tag}.png"))
    collections.view.open_album.emit(next(a for a in collections.albums if a.name == "Trip to Japan"))
    settle(1500)
    window.grab().save(str(out / f"22-album-opened{tag}.png"))
    window.search_bar.close_context()
    type_search(window, "我收藏的照片" if tag else "my favourites", settle)
    window.grab().save(str(out / f"23-favourites-search{tag}.png"))
    from album.gui.albums_view import ExportDialog

    dialog = ExportDialog(3, window)
    dialog.resized.setChecked(True)
    dialog.show()
    settle(600)
    dialog.grab().save(str(out / f"24-export-dialog{tag}.png"))
    dialog.close()
    type_search(window, "", settle, 800)


def people_states(app, window, out: Path, tag: str, wait_for, settle) -> None:  # type: ignore[no-untyped-def]
    """The people grid with two people selected and their menu, the merge question, the Edit menu that
    offers to undo the merge, the grid after the undo, and the name dialog completing a name."""
    from PySide6.QtCore import QCoreApplication, QPoint

    from album.gui.name_dialog import NameDialog
    from album.gui.people_view import merge_question

    def screen(name: str) -> None:
        app.primaryScreen().grabWindow(0).copy(window.geometry().adjusted(-20, -40, 20, 20)).save(
            str(out / f"{name}{tag}.png"))

    grid = window.people_view
    window.sidebar.set_current("people")
    settle(1000)
    first, second = grid.people[0], grid.people[-1]
    for row in (0, grid.count() - 1):
        grid.item(row).setSelected(True)
    menu = grid.context_menu([first.id, second.id])
    menu.popup(grid.mapToGlobal(grid.visualItemRect(grid.item(0)).center() + QPoint(30, 30)))
    settle(600)
    screen("13-people-two-selected-menu")
    menu.close()
    box = merge_question(window, first, [second])
    box.show()
    settle(600)
    screen("14-merge-question")
    box.close()
    grid.confirm = lambda _parent, _target, _others: True
    next(a for a in grid.context_menu([first.id, second.id]).actions() if "2" in a.text()).trigger()
    wait_for(lambda: second.id not in {p.id for p in grid.people})
    settle(800)
    review = window.review_faces(first.id)  # the merged person's faces: one of the two people first, not mixed
    settle(1500)
    review.grab().save(str(out / f"14b-merged-face-review{tag}.png"))
    review.close()
    edit_menu = window.menuBar().actions()[1].menu()
    edit_menu.popup(window.menuBar().mapToGlobal(window.menuBar().actionGeometry(window.menuBar().actions()[1])
                                                 .bottomLeft()))  # fmt: skip
    settle(600)
    screen("15-merged-edit-menu-undo")
    edit_menu.close()
    window.undo_action.trigger()
    wait_for(lambda: second.id in {p.id for p in grid.people})
    settle(800)
    screen("16-after-undo")
    names = [p.name for p in grid.people if p.name] + ["Nicole Kidman"]
    dialog = NameDialog(QCoreApplication.translate("PeopleView", "Name Person"), "", names, window)
    dialog.show()
    dialog.edit.setText("n")
    dialog.completer.setCompletionPrefix("n")
    dialog.completer.complete()
    settle(600)
    screen("17-name-dialog-completion")
    dialog.close()
    grid.clearSelection()


if __name__ == "__main__":
    main()
