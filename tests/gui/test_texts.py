"""What the window says, in English and Chinese: plural counts, dates as the locale writes them, a time
left that makes sense, a status line that clears, a file date that says it is one, Pictures first."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import pytest
from photofactory import Exif, write_photo
from PySide6.QtCore import QDir, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from album.core.library import IndexProgress, Paths
from album.gui.main_window import MainWindow
from album.gui.texts import date_text, model_note, pictures_folder, time_left_text

WORDS = {
    "en": {"done": "Done: {n}", "photos": "{n}", "file date": "the file's date", "almost": "almost done",
           "left": "about 2 min left"},
    "zh_CN": {"done": "完成：{n}", "photos": "{n}", "file date": "文件日期", "almost": "即将完成",
              "left": "约剩 2 分钟"},
}  # fmt: skip
COUNTS = {"en": {1: "1 photo", 2: "2 photos"}, "zh_CN": {1: "1 张照片", 2: "2 张照片"}}


@pytest.fixture
def open_window(qtbot, album_home: Path, language: str):  # type: ignore[no-untyped-def]
    window = MainWindow(Paths.from_env())  # made after the language is installed
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library is not None, timeout=60_000)
    yield window
    window.close()
    assert not window.controller.jobs


def import_and_wait(qtbot, window: MainWindow, folder: Path) -> None:  # type: ignore[no-untyped-def]
    window.controller.last_report = None
    window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: window.controller.last_report is not None, timeout=60_000)


def test_counts_dates_and_a_status_line_that_clears(qtbot, open_window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   language: str) -> None:  # fmt: skip
    window, words, counts = open_window, WORDS[language], COUNTS[language]
    window.status_timer.setInterval(300)  # 8 s in the app
    folder = tmp_path / "photos"
    write_photo(folder / "IMG_1.jpg", Exif(taken=datetime(2023, 7, 2, 14, 5)))
    import_and_wait(qtbot, window, folder)
    assert window.status.text().startswith(words["done"].format(n=counts[1]) + " ·")
    qtbot.waitUntil(lambda: window.result_label.text() == counts[1], timeout=10_000)  # not "1 photos"
    qtbot.waitUntil(lambda: window.status.text() == "", timeout=5_000)  # "Done: …" does not stay for ever

    tooltip = window.model.data(window.model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert date_text(date(2023, 7, 2)) in tooltip and "2023-07-02" not in tooltip  # no raw ISO timestamps
    assert {"en": "7/2/2023", "zh_CN": "2023/7/2"}[language] in tooltip
    viewer = window.make_viewer(0)
    assert words["file date"] not in viewer.info.text()
    viewer.back.emit()

    write_photo(folder / "scan.jpg")  # no EXIF: dated by the file
    import_and_wait(qtbot, window, folder)
    assert window.status.text().startswith(words["done"].format(n=counts[2]))
    qtbot.waitUntil(lambda: window.result_label.text() == counts[2], timeout=10_000)
    row = next(i for i, hit in enumerate(window.model.hits) if hit.photo.path.endswith("scan.jpg"))
    viewer = window.make_viewer(row)
    assert words["file date"] in viewer.info.text()  # the "Taken" line says it is only the file's date
    viewer.back.emit()
    tooltip = window.model.data(window.model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert words["file date"] in tooltip


def test_the_time_left_is_said_only_when_it_means_something(qtbot, open_window: MainWindow,  # type: ignore[no-untyped-def]
                                                            language: str) -> None:  # fmt: skip
    window, words = open_window, WORDS[language]
    window._index_started = time.monotonic() - 10
    window._show_progress(IndexProgress("indexing", 2, 1000))  # two photos in: an estimate would be noise
    assert "·" in window.status.text() and words["left"][:2] not in window.status.text()
    window._show_progress(IndexProgress("indexing", 10, 1000))  # 1 photo/s, 990 to go: 16.5 min
    assert window.status.text().endswith(words["left"].replace("2 min", "17 min").replace("2 分钟", "17 分钟"))
    window._show_progress(IndexProgress("indexing", 999, 1000))  # never "about 0 s left"
    assert window.status.text().endswith(words["almost"])
    assert time_left_text(None) == "" and time_left_text(0.4) == words["almost"]
    assert time_left_text(125) == words["left"]
    assert {"en": "Indexing 999 of 1,000 photos", "zh_CN": "正在索引第 999 / 1,000 张照片"}[language] in window.status.text()


def test_models_are_described_in_the_ui_language(language: str) -> None:
    translated = model_note("added by hand")
    assert translated == {"en": "added by hand", "zh_CN": "手动添加"}[language]
    pair = "code Apache-2.0; trained on MS-Celeb-1M (research terms); insightface model zoo: non-commercial research use only"
    said = {"en": pair, "zh_CN": "代码为 Apache-2.0；用 MS-Celeb-1M 训练（研究用途条款）; insightface 模型库：仅限非商业研究用途"}
    assert model_note(pair) == said[language]  # a face pair's licences, joined by the core with "; "
    assert model_note("MIT (LAION); something new") == "MIT (LAION); something new"  # unknown: as written
    assert model_note("something new") == "something new"


def test_folder_dialogs_open_in_pictures(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs: ~/Pictures
    monkeypatch.chdir(tmp_path)  # the working folder is not where photos are
    assert Path(pictures_folder()) == home / "Pictures"
    opened: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        opened.append(QDir(dialog.directory()).absolutePath())
        dialog.reject()

    QTimer.singleShot(20, answer)
    window.welcome.import_button.click()  # the empty library's button: the same dialog as File ▸ Import Folder…
    settings = window.open_settings()
    assert settings is not None
    QTimer.singleShot(20, answer)
    settings._add_folder()
    settings.reject()
    assert opened == [str(home / "Pictures")] * 2
