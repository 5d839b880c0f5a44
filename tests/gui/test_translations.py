"""The Chinese user interface: every string translated, compiled files current, the real window in Chinese."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from photofactory import Exif, write_photo
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QListWidget, QMenuBar, QTabWidget, QWidget
from shared_data import SHARED_MODELS

from album.gui.i18n import install_translators
from album.resources import translations_dir

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "i18n"  # the .ts files; the .qm are package data

TOOLS = Path(sys.executable).parent


def test_every_gui_string_has_a_current_chinese_translation(tmp_path: Path) -> None:
    source = SOURCES / "album_zh_CN.ts"
    ts = tmp_path / source.name
    shutil.copy(source, ts)
    gui = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "album" / "gui").glob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-no-obsolete", *gui, "-ts", str(ts)], check=True,
                   capture_output=True)  # fmt: skip
    text = ts.read_text(encoding="utf-8")
    untranslated = [line for line in text.splitlines() if 'type="unfinished"' in line]
    assert not untranslated, f"{len(untranslated)} strings need translating: run packaging/update-translations.sh"
    assert "<name></name>" not in text  # a string lupdate could not place in a context would never translate
    qm = tmp_path / "album_zh_CN.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(source), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (translations_dir() / "album_zh_CN.qm").read_bytes(), "stale .qm: run update-translations"


def test_the_window_speaks_chinese(qtbot, qapp, album_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from album.core.library import Paths
    from album.gui.main_window import MainWindow
    from album.gui.search_bar import chips_of

    before = QLocale()
    translators = install_translators(qapp, "zh_CN")
    try:
        assert len(translators) == 3  # English plurals under album's Chinese, and Qt's own dialogs
        window = MainWindow(Paths.from_env())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.library is not None, timeout=30_000)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
        assert (window.undo_action.text(), window.undo_action.isEnabled()) == ("撤销(&U)", False)  # nothing to undo yet
        assert [window.sidebar.text(k) for k in ("photos", "people")] == ["照片", "人物"]
        assert "拖到这里" in window.welcome.text()
        chips = [label for _k, _v, label in chips_of(window.library.parse("2023年夏天"))]
        assert chips == ["日期：2023/6/1 – 2023/8/31"]  # dates as the locale writes them

        for month in (3, 7):
            exif = Exif(taken=datetime(2023, month, 2), lat=30.25, lon=120.17)  # Hangzhou
            write_photo(tmp_path / "photos" / f"IMG_{month}.jpg", exif)
        window.import_paths([str(tmp_path / "photos")])
        qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)
        window.search_bar.edit.setText("2023年夏天")
        window.search_bar.edit.returnPressed.emit()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=30_000)
        tooltip = window.model.data(window.model.index(0), Qt.ItemDataRole.ToolTipRole)
        assert "IMG_7.jpg" in tooltip and "日期：2023/6/1 – 2023/8/31" in tooltip  # why it matched, in Chinese
        viewer = window.make_viewer(0)
        assert "地点: 杭州, 浙江, 中国" in viewer.info.text()  # stored in English, shown in Chinese
        viewer.back.emit()
        window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)


def test_every_message_has_a_chinese_text_and_english_plurals() -> None:
    """Not only no "unfinished" mark: no empty translation, and every plural form filled in."""
    import xml.etree.ElementTree as ET

    for name, forms in (("album_zh_CN.ts", 1), ("album_en.ts", 2)):
        root = ET.parse(SOURCES / name).getroot()
        messages = root.findall("context/message")
        assert messages
        for message in messages:
            source = message.findtext("source")
            translation = message.find("translation")
            assert translation is not None and translation.get("type") is None, source
            if message.get("numerus") == "yes":
                texts = [f.text or "" for f in translation.findall("numerusform")]
                assert len(texts) == forms and all("%Ln" in t or "%n" in t for t in texts), source
            else:
                assert name == "album_zh_CN.ts" and (translation.text or "").strip(), source


ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = re.compile(r"\S*[/\\_\d.-]\S*|\{[^}]*\}")  # paths, file and model names, numbers
MAY_STAY_ENGLISH = {"album", "English", "MIT", "LAION", "Apache", "insightface", "Unicode", "Celeb", "CLIP",
                    "OpenStreetMap"}


def english_in(texts: list[str], also: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The texts in which English words remain (names that stay English everywhere, and ``also``, aside)."""
    found = []
    for text in texts:
        words = set(ENGLISH_WORD.findall(NOT_WORDS.sub(" ", text))) - MAY_STAY_ENGLISH - also
        if words:
            found.append(f"{text!r}: {sorted(words)}")
    return found


def visible_texts(top: QWidget) -> list[str]:
    """Every text a person can see in ``top`` now: labels, buttons, tabs, lists, combo items, menus."""
    texts = []
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts += [w.text(), w.toolTip()]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QMenuBar):
            for action in w.actions():
                texts += [action.text(), *(a.text() for a in action.menu().actions())]
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
    texts.append(top.windowTitle())
    return [t for t in texts if t]


def test_no_english_is_left_in_the_chinese_window(qtbot, qapp, album_home: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  models_dir: Path) -> None:  # fmt: skip
    from album.core.library import Paths
    from album.gui.main_window import MainWindow

    faces = SHARED_MODELS / "faces"
    if (faces / "det_500m.onnx").is_file():  # a face pair: two licences joined in one line
        (models_dir / "faces").mkdir()
        for name in ("det_500m.onnx", "mobilefacenet_rgb255.onnx"):
            (models_dir / "faces" / name).symlink_to(faces / name)
    before = QLocale()
    translators = install_translators(qapp, "zh_CN")
    try:
        window = MainWindow(Paths.from_env())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.library is not None, timeout=60_000)
        leftovers = english_in(visible_texts(window))  # the first run's empty library
        write_photo(tmp_path / "photos" / "IMG_1.jpg", Exif(taken=datetime(2023, 7, 2), lat=30.25, lon=120.17))
        write_photo(tmp_path / "photos" / "scan.jpg")  # no date of its own
        window.import_paths([str(tmp_path / "photos")])
        qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)
        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=30_000)
        leftovers += english_in(visible_texts(window))  # the grid, the result line, the status line
        leftovers += english_in([window.model.data(window.model.index(i), Qt.ItemDataRole.ToolTipRole)
                                 for i in range(2)])  # fmt: skip
        # the tiny test model's tags have no Chinese names (the real vocabulary's have)
        tiny_tags = {w for hit in window.model.hits for tag in hit.photo.tags for w in ENGLISH_WORD.findall(tag)}
        for row in range(2):
            viewer = window.make_viewer(row)
            viewer.show()
            leftovers += english_in([viewer.info.text()], tiny_tags)
            viewer.back.emit()
        window.sidebar.set_current("people")
        leftovers += english_in(visible_texts(window))  # the people page
        settings = window.open_settings()
        assert settings is not None
        tabs = settings.findChild(QTabWidget)
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            leftovers += english_in(visible_texts(settings))
        settings.reject()
        window.close()
        assert not leftovers, "\n".join(leftovers)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
