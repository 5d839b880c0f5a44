"""How one tile of the photo grid is drawn: the photo (or its colour while it loads), the selection, the
keyboard focus, the hover caption, and the user's marks: a heart on a favourite (always; a hovered tile
shows an empty one to click) and the stars (on hover, or always while the results are filtered by rating).

Kept apart from the view so the look can change without touching layout, scrolling or selection. Every
colour comes from the theme (:func:`album.gui.theme.colours`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QLinearGradient, QPainter, QPen, QPixmap

from album.gui.icons import icon
from album.gui.theme import colours, qcolor

CAPTION_MIN_HEIGHT = 90  # a smaller tile has no room for a caption: the tooltip says the same


@dataclass(frozen=True)
class TileState:
    """What a tile shows besides its photo."""

    selected: bool = False
    focused: bool = False  # the keyboard's current photo, while the grid has focus
    hovered: bool = False
    caption: tuple[str, ...] = ()  # date and place, shown while hovered
    cropped: bool = False  # fill the tile, cutting the photo's edges (square tiles), instead of showing it whole
    favourite: bool = False
    stars: int = 0  # the stars album shows (the user's, else the file's); a rejected photo shows none
    show_stars: bool = False  # the stars even when not hovered (the results are filtered by rating)
    badge: str = ""  # e.g. a video's length ("0:42"), in the bottom-right corner


def fitted(size: QSize, box: QRect) -> QRect:
    """The largest rect of ``size``'s aspect ratio inside ``box``, centred (small photos are enlarged)."""
    if size.isEmpty():
        return QRect(box)
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = box.left() + (box.width() - scaled.width()) // 2
    top = box.top() + (box.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


def covering(size: QSize, box: QSize) -> QRect:
    """The centred part of an image of ``size`` that has ``box``'s shape: what a square tile shows of a photo."""
    scaled = box.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    return QRect((size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2, scaled.width(),
                 scaled.height())  # fmt: skip


def selected_inset(cell: QRect) -> int:
    """How far a selected photo shrinks inside its tile, so the selection reads at a glance (as in Google
    Photos), whatever the photo's own colours."""
    return max(3, min(12, min(cell.width(), cell.height()) // 12))


def paint_tile(painter: QPainter, cell: QRect, thumb: QIcon | None, placeholder: QColor, state: TileState) -> QRect:
    """Draw one tile; returns where the photo (or its placeholder) was drawn.

    ``thumb`` is None while the thumbnail loads: the tile is then filled with ``placeholder``, the photo's
    own mean colour, so a fast scroll shows the library's colours instead of grey boxes.
    """
    theme = colours()
    box = QRect(cell)
    if state.selected:
        painter.fillRect(cell, qcolor(theme.selection_tint))
        inset = selected_inset(cell)
        box = cell.adjusted(inset, inset, -inset, -inset)
    if thumb is None:
        painter.fillRect(box, placeholder)
        drawn = box
    elif state.cropped:
        sizes = thumb.availableSizes()
        whole = thumb.pixmap(sizes[0] if sizes else box.size())
        painter.drawPixmap(box, whole, covering(whole.size(), box.size()))
        drawn = box
    else:
        sizes = thumb.availableSizes()
        drawn = fitted(sizes[0] if sizes else box.size(), box)
        painter.drawPixmap(drawn, thumb.pixmap(drawn.size()))  # cached by the icon; never larger than the file
    badge = badge_rect(painter, drawn, state.badge) if state.badge else None
    if state.hovered and state.caption and cell.height() >= CAPTION_MIN_HEIGHT:
        stop = drawn.right() - badge.left() + 6 if badge is not None else 0  # the caption ends left of the badge
        _caption(painter, drawn, state.caption, indent=heart_rect(cell).right() - drawn.left(), right=stop)
    if badge is not None:
        _badge(painter, badge, state.badge)
    if state.favourite or state.hovered:
        _heart(painter, cell, state.favourite)
    if state.stars > 0 and (state.hovered or state.show_stars):
        _stars(painter, cell, state.stars)
    if state.selected or state.hovered:
        _check_mark(painter, cell, state.selected)
    if state.focused:
        _focus_ring(painter, cell)
    return drawn


def _caption(painter: QPainter, photo: QRect, lines: tuple[str, ...], indent: int, right: int = 0) -> None:
    """Date and place over the bottom of the photo, on a shade that keeps them legible on any photo, right
    of the heart (``indent`` pixels from the photo's left edge) and ``right`` pixels clear of its right edge
    (a video's length is there)."""
    theme = colours()
    painter.save()
    metrics = painter.fontMetrics()
    height = metrics.height() * len(lines) + 10
    band = QRect(photo.left(), photo.bottom() - height * 3 // 2, photo.width(), height * 3 // 2 + 1)
    shade = QLinearGradient(band.left(), band.top(), band.left(), band.bottom())
    dark = qcolor(theme.overlay_background)
    clear = QColor(dark)
    clear.setAlpha(0)
    shade.setColorAt(0.0, clear)
    shade.setColorAt(1.0, dark)
    painter.fillRect(band, shade)
    painter.setPen(qcolor(theme.overlay_text))
    text = photo.adjusted(max(8, indent + 6), 0, -max(8, right), -5)
    for i, line in enumerate(reversed(lines)):
        row = QRect(text.left(), text.bottom() - (i + 1) * metrics.height(), text.width(), metrics.height())
        elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, row.width())
        painter.drawText(row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
    painter.restore()


def duration_text(seconds: float) -> str:
    """A video's length as players show it: "0:42", "12:05", "1:02:03"."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def badge_rect(painter: QPainter, photo: QRect, text: str) -> QRect:
    """Where a badge of ``text`` goes: the photo's bottom-right corner."""
    metrics = painter.fontMetrics()
    width, height = metrics.horizontalAdvance(text) + 10, metrics.height() + 4
    return QRect(photo.right() - width - 5, photo.bottom() - height - 5, width, height)


def _badge(painter: QPainter, label: QRect, text: str) -> None:
    """A small rounded label (at ``label``, see :func:`badge_rect`), legible on any photo."""
    theme = colours()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(qcolor(theme.overlay_background))
    painter.drawRoundedRect(QRectF(label), 4, 4)
    painter.setPen(qcolor(theme.overlay_text))
    painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


def check_circle(cell: QRect) -> QRect:
    """Where a tile's selection circle is (its top-left corner)."""
    side = max(18, min(28, min(cell.width(), cell.height()) // 6))
    return QRect(cell.left() + 6, cell.top() + 6, side, side)


def _check_mark(painter: QPainter, cell: QRect, selected: bool) -> None:
    """A filled circle with a check on a selected photo; an empty ring on a hovered one (it can be picked)."""
    theme = colours()
    circle = check_circle(cell)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if selected:
        painter.setPen(QPen(qcolor(theme.overlay_text), 1.5))
        painter.setBrush(qcolor(theme.accent))
        painter.drawEllipse(QRectF(circle))
        mark = circle.adjusted(circle.width() // 5, circle.height() // 5, -circle.width() // 5, -circle.height() // 5)
        icon("check", theme.accent_text).paint(painter, mark)
    else:
        painter.setPen(QPen(qcolor(theme.overlay_background), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(circle))
        painter.setPen(QPen(qcolor(theme.overlay_text), 1.5))
        painter.drawEllipse(QRectF(circle))
    painter.restore()


def mark_side(cell: QRect) -> int:
    """How big a tile's heart and stars are: readable on a large tile, not covering a small one."""
    return max(14, min(22, min(cell.width(), cell.height()) // 7))


def heart_rect(cell: QRect) -> QRect:
    """Where a tile's heart is (its bottom-left corner): also where a click toggles the favourite."""
    side = mark_side(cell)
    return QRect(cell.left() + 7, cell.bottom() - 6 - side, side, side)


def _shadowed(painter: QPainter, name: str, box: QRect) -> None:
    """An icon in the overlay's text colour on a soft dark halo, legible on light and dark photos alike."""
    theme = colours()
    ratio = painter.device().devicePixelRatioF()
    painter.drawPixmap(box.left() - 1, box.top() - 1, _mark(name, box.width(), ratio, theme.overlay_background,
                                                            theme.overlay_text))  # fmt: skip


@functools.cache
def _mark(name: str, side: int, ratio: float, halo: str, colour: str) -> QPixmap:
    """A heart or star with its halo, drawn once per size and theme: a screen of tiles draws hundreds."""
    pixmap = QPixmap(QSize(side + 2, side + 3) * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    icon(name, halo).paint(painter, QRect(0, 0, side + 2, side + 3))
    icon(name, colour).paint(painter, QRect(1, 1, side, side))
    painter.end()
    return pixmap


def _heart(painter: QPainter, cell: QRect, favourite: bool) -> None:
    """A filled heart on a favourite; an outlined one on a hovered photo that is not (a click marks it)."""
    _shadowed(painter, "heart-filled" if favourite else "heart", heart_rect(cell))


def _stars(painter: QPainter, cell: QRect, stars: int) -> None:
    """The photo's stars in a row at the tile's top-right corner (the top-left is the selection circle)."""
    side = mark_side(cell) * 3 // 4
    right, top = cell.right() - 6, cell.top() + 7
    for n in range(stars):
        _shadowed(painter, "star-filled", QRect(right - (n + 1) * (side + 1), top, side, side))


def _focus_ring(painter: QPainter, cell: QRect) -> None:
    """The keyboard's place: an accent frame with a thin inner line in the window's colour, visible on
    light and dark photos alike."""
    theme = colours()
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(qcolor(theme.accent), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap,
                        Qt.PenJoinStyle.MiterJoin))  # fmt: skip
    painter.drawRect(QRectF(cell).adjusted(1.5, 1.5, -1.5, -1.5))
    painter.setPen(QPen(qcolor(theme.window), 1))
    painter.drawRect(QRectF(cell).adjusted(3.5, 3.5, -3.5, -3.5))
    painter.restore()
