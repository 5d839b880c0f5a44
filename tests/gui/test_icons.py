"""Interface icons: every shipped SVG draws, in the colour asked for."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from album import resources
from album.gui import theme
from album.gui.icons import icon

NAMES = sorted(p.stem for p in resources.ui_icons_dir().glob("*.svg"))


def drawn_colours(name: str, colour: str | None = None) -> set[str]:
    image = icon(name, colour).pixmap(48).toImage()
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                found.add(pixel.name())
    return found


@pytest.mark.parametrize("name", NAMES)
def test_every_icon_draws_in_the_colour_asked_for(qapp, name: str) -> None:
    assert drawn_colours(name, "#ff0000") == {QColor("#ff0000").name()}


def test_icons_follow_the_theme_and_the_licence_ships(qapp) -> None:
    assert len(NAMES) >= 40
    assert "ISC License" in (resources.ui_icons_dir() / "LICENSE").read_text()
    theme.apply_theme("dark")
    try:
        assert drawn_colours("heart") == {QColor(theme.DARK.text).name()}
        theme.apply_theme("light")
        assert drawn_colours("heart") == {QColor(theme.LIGHT.text).name()}
    finally:
        theme.apply_theme("light")


def test_an_unknown_icon_is_a_clear_error(qapp) -> None:
    with pytest.raises(KeyError, match="no interface icon named 'nonexistent'"):
        icon("nonexistent")
