"""Switching the language in Settings applies at once: the window's texts change without a restart."""

from __future__ import annotations

import dataclasses
from typing import Any


def test_the_language_switch_applies_without_a_restart(window: Any, qtbot: Any, english_after: None) -> None:
    settings = window.controller.settings
    assert window.sidebar.text("photos") == "Photos" and window.file_menu.title() == "&File"
    window.apply_settings(dataclasses.replace(settings, language="zh_CN"))
    qtbot.waitUntil(lambda: window.sidebar.text("photos") == "照片", timeout=5_000)
    assert window.sidebar.text("people") == "人物"
    assert window.file_menu.title() == "文件(&F)" and window.models_action.text() == "下载模型(&D)…"
    assert window.photo_actions[1].text() == "查找相似照片"
    assert "有小狗的照片" in window.search_bar.edit.placeholderText()
    assert window.search_bar.edit.placeholderText().startswith("搜索")
    assert window.controller.settings.language == "zh_CN"  # saved: the next start is in Chinese too
    viewer = window.viewer  # a page not shown yet follows too
    assert viewer.back_button.accessibleName() == "返回照片 (Esc)" and viewer.info.why.heading.text() == "匹配原因"

    window.apply_settings(dataclasses.replace(window.controller.settings, language="en"))
    qtbot.waitUntil(lambda: window.sidebar.text("photos") == "Photos", timeout=5_000)
    assert window.file_menu.title() == "&File" and window.search_bar.edit.placeholderText().startswith("Search")
    assert window.viewer.back_button.toolTip() == "Back to the photos (Esc)"


def test_dialogs_open_during_a_switch_follow_it_and_keep_what_the_user_did(
    window: Any, qtbot: Any, english_after: None, monkeypatch: Any
) -> None:
    from fakehub import FakeHub, serving
    from PySide6.QtCore import QCoreApplication

    from album.gui.name_dialog import NameDialog

    with serving(FakeHub()) as stopped:
        pass  # offline: the welcome dialog lists the files to put in place by hand
    monkeypatch.setenv("HF_ENDPOINT", stopped.url)
    window.offer_models()
    welcome = window.welcome_dialog
    qtbot.waitUntil(lambda: welcome.catalogue is not None, timeout=30_000)
    welcome.boxes["buffalo_l"].setChecked(True)
    settings = window.open_settings()
    settings.allow_downloads.setChecked(not settings.allow_downloads.isChecked())
    settings.tabs.setCurrentIndex(1)
    asked = NameDialog(lambda: QCoreApplication.translate("Viewer", "Who Is This?"), "Ann", (), window)
    asked.show()
    edited = settings.allow_downloads.isChecked()

    window.apply_settings(dataclasses.replace(window.controller.settings, language="zh_CN"))
    qtbot.waitUntil(lambda: settings.windowTitle() == "设置", timeout=5_000)
    assert settings.tabs.currentIndex() == 1 and settings.allow_downloads.isChecked() == edited
    assert settings.allow_downloads.text() == "首次需要时自动下载缺少的模型"
    qtbot.waitUntil(lambda: welcome.skip_button.text() == "暂时跳过", timeout=5_000)
    assert welcome.windowTitle() == "欢迎使用 album" and welcome.check_button.text() == "重新检查"
    assert welcome.state.text() == "album 现在无法连接模型服务器，因此无法下载。"
    assert welcome.boxes["buffalo_l"].isChecked()  # the user's choice survives the new words
    assert asked.windowTitle() == "这是谁？" and asked.label.text() == "姓名：" and asked.name() == "Ann"
    settings.reject()
    welcome.reject()
    asked.reject()
