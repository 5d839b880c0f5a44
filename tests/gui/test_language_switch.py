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
