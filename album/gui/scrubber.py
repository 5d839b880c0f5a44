"""The timeline scrubber beside the photo grid: the years and months of the photos along its height, where
they are in the grid, and a click or drag that jumps the grid to a month at once (as in Google Photos,
Apple Photos and Immich).

It only draws and answers the pointer and the keyboard: the grid (:class:`album.gui.photo_grid.PhotoGrid`)
tells it the months (:class:`MonthMark`) and where the view is, and scrolls when it asks (``jumped``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QLabel, QWidget

from album.gui.styles import scaled_font
from album.gui.theme import colours, qcolor

WIDTH = 72  # pixels: room for "Sep 2023" and "2023年9月" in the small bold font
MARGIN = 10  # above the first month and below the last, so both can be pointed at


@dataclass(frozen=True)
class MonthMark:
    """A month of the photos: when (None for the undated photos), where its header is in the grid (content
    pixels from the top), and how many photos it has."""

    when: date | None
    top: int
    count: int


def month_text(when: date | None, short: bool = False) -> str:
    """ "March 2023" / "2023年三月" (or "Mar 2023" / "2023年3月" short); photos without a date say so."""
    if when is None:
        return QCoreApplication.translate("Scrubber", "Undated")
    locale = QLocale()
    if short:
        return locale.toString(QDate(when.year, when.month, 1), QCoreApplication.translate("Scrubber", "MMM yyyy"))
    month = locale.standaloneMonthName(when.month)
    return QCoreApplication.translate("Scrubber", "{month} {year}").format(month=month, year=when.year)


class Scrubber(QWidget):
    """Months as ticks and years as labels along the widget's height, in proportion to where they start in
    the grid; a marker and the month of the view's top; the month under the pointer in a bubble
    ("March 2023 · 412 photos"). Up/Down step a month, Page Up/Down a year, Home/End the ends.

    Signals:
        jumped(int): the user chose a month; the grid puts its header at the top (content pixels).
    """

    jumped = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click jumps the grid and leaves the keyboard with it
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.months: list[MonthMark] = []
        self._tops = np.zeros(0, dtype=np.int64)
        self._content_height = 1
        self._position = 0  # content y of the view's top
        self._hovered: int | None = None
        self.bubble = QLabel(parent)  # over the grid, left of the scrubber, only while the pointer is here
        self.bubble.setObjectName("timeline-bubble")
        self.bubble.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Timeline"))
        self._describe()

    def set_months(self, months: Sequence[MonthMark], content_height: int) -> None:
        self.months = list(months)
        self._tops = np.array([month.top for month in self.months], dtype=np.int64)
        self._content_height = max(1, content_height)
        self._describe()
        self.update()

    def set_position(self, top: int) -> None:
        """Where the view's top is (content pixels): the marker follows the scrolling."""
        if top != self._position:
            self._position = top
            self._describe()
            self.update()

    def current(self) -> int | None:
        """The month at the view's top."""
        if not self.months:
            return None
        return max(0, int(np.searchsorted(self._tops, self._position + MARGIN, side="right")) - 1)

    def y_of(self, top: int) -> int:
        """Where content pixel ``top`` of the grid is on the scrubber."""
        return MARGIN + round(top / self._content_height * max(1, self.height() - 2 * MARGIN))

    def month_at(self, y: int) -> int | None:
        """The month whose stretch of the scrubber holds ``y`` (clamped to the first and last)."""
        if not self.months:
            return None
        top = (y - MARGIN) / max(1, self.height() - 2 * MARGIN) * self._content_height
        return min(max(0, int(np.searchsorted(self._tops, top, side="right")) - 1), len(self.months) - 1)

    def jump(self, month: int | None) -> None:
        if month is not None and self.months:
            self.jumped.emit(self.months[min(max(0, month), len(self.months) - 1)].top)

    def _describe(self) -> None:
        """The current month for screen readers."""
        current = self.current()
        when = "" if current is None else month_text(self.months[current].when)
        self.setAccessibleDescription(self.tr("Jump to a month: Up and Down, Page Up and Down for years. Now: {month}")
                                      .format(month=when))  # fmt: skip

    # -- painting -----------------------------------------------------------------------------------------
    def paintEvent(self, event: Any) -> None:
        palette = colours()
        painter = QPainter(self)
        painter.fillRect(self.rect(), qcolor(palette.window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = scaled_font(self, 0.85)
        painter.setFont(font)
        line = painter.fontMetrics().height()
        right = self.width() - 6
        current = self.current()
        marker = self.y_of(self._position)
        box = QRect(0, min(max(0, marker + 2), self.height() - line), self.width() - 2, line)  # the current month
        painter.setPen(QPen(qcolor(palette.muted_text), 1))
        labelled_until = -line  # a year label is drawn only where the one above leaves room
        year: int | None = -1
        for month in self.months:
            y = self.y_of(month.top)
            painter.drawLine(right - 4, y, right, y)
            this_year = month.when.year if month.when is not None else None
            label = QRect(2, y - line // 2, right - 8, line)
            clear = current is None or not label.intersects(box.adjusted(0, -4, 0, 0))  # not under the marker
            if this_year != year and y >= labelled_until and clear:
                text = str(this_year) if this_year is not None else "–"
                painter.drawText(label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
                labelled_until = y + line
            year = this_year
        if current is not None:
            painter.setPen(QPen(qcolor(palette.accent), 2))
            painter.drawLine(0, marker, self.width(), marker)
            font.setBold(True)
            painter.setFont(font)
            painter.fillRect(box, qcolor(palette.window))
            painter.setPen(qcolor(palette.text))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             month_text(self.months[current].when, short=True))  # fmt: skip
        if self.hasFocus():
            painter.setPen(QPen(qcolor(palette.accent), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()

    # -- pointer and keyboard -----------------------------------------------------------------------------
    def mousePressEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.jump(self.month_at(event.position().toPoint().y()))

    def mouseMoveEvent(self, event: Any) -> None:
        y = event.position().toPoint().y()
        month = self.month_at(y)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.jump(month)
        self._show_bubble(month, y)

    def leaveEvent(self, event: Any) -> None:
        self.bubble.hide()
        self._hovered = None
        super().leaveEvent(event)

    def _show_bubble(self, month: int | None, y: int) -> None:
        if month is None:
            self.bubble.hide()
            return
        if month != self._hovered:
            self._hovered = month
            mark = self.months[month]
            photos = self.tr("%Ln photo(s)", "", mark.count)
            self.bubble.setText(f"{month_text(mark.when)} · {photos}")
            self.bubble.adjustSize()
        beside = QPoint(-self.bubble.width() - 6, y - self.bubble.height() // 2)
        at = self.mapTo(self.bubble.parentWidget() or self, beside)
        self.bubble.move(at)
        self.bubble.show()
        self.bubble.raise_()

    def keyPressEvent(self, event: Any) -> None:
        current = self.current()
        if current is None:
            super().keyPressEvent(event)
            return
        key = event.key()
        year = self._year(current)
        if key == Qt.Key.Key_Up:
            self.jump(current - 1)
        elif key == Qt.Key.Key_Down:
            self.jump(current + 1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            step = -1 if key == Qt.Key.Key_PageUp else 1
            month = current
            while 0 <= month + step < len(self.months) and self._year(month) == year:
                month += step
            self.jump(month)
        elif key == Qt.Key.Key_Home:
            self.jump(0)
        elif key == Qt.Key.Key_End:
            self.jump(len(self.months) - 1)
        else:
            super().keyPressEvent(event)

    def _year(self, month: int) -> int | None:
        when = self.months[month].when
        return when.year if when is not None else None
