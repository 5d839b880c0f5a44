"""The Chinese user interface: every string translated, compiled files current, the real window in Chinese."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from photofactory import Exif, write_photo
from PySide6.QtCore import QLocale, Qt

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
        assert len(translators) == 2  # album's strings and Qt's own dialogs
        window = MainWindow(Paths.from_env())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.library is not None, timeout=30_000)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["文件(&F)", "帮助(&H)"]
        assert [window.sidebar.item(i).text() for i in range(2)] == ["照片", "人物"]
        assert "拖到这里" in window.welcome.text()
        chips = [label for _k, _v, label in chips_of(window.library.parse("2023年夏天"))]
        assert chips == ["日期：2023-06-01 – 2023-08-31"]

        for month in (3, 7):
            exif = Exif(taken=datetime(2023, month, 2), lat=30.25, lon=120.17)  # Hangzhou
            write_photo(tmp_path / "photos" / f"IMG_{month}.jpg", exif)
        window.import_paths([str(tmp_path / "photos")])
        qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)
        window.search_bar.edit.setText("2023年夏天")
        window.search_bar.edit.returnPressed.emit()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=30_000)
        tooltip = window.model.data(window.model.index(0), Qt.ItemDataRole.ToolTipRole)
        assert "IMG_7.jpg" in tooltip and "日期：2023-06-01 – 2023-08-31" in tooltip  # why it matched, in Chinese
        viewer = window.make_viewer(0)
        assert "地点: 杭州, 浙江, 中国" in viewer.info.text()  # stored in English, shown in Chinese
        viewer.close()
        window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
