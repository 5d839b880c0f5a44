"""Video playback in the viewer (Qt Multimedia, its FFmpeg backend): a video with play/pause, a seek bar that
marks the moments a search matched, the time, and volume; and a Live Photo's clip played once, muted, over its
still. Qt Multimedia ships in PySide6-Addons and needs the system's PulseAudio client library: the viewer imports
this module inside a ``try`` and falls back to the system's video player when it cannot."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.gui.grid_tiles import duration_text
from album.gui.icons import icon
from album.gui.theme import VIEWER, palette_for


def clock(ms: int) -> str:
    """A position as players show it ("0:42"), to the second below (the length rounds, the position does not
    run ahead of it)."""
    return duration_text(max(0, ms) // 1000)


class SeekBar(QSlider):
    """A slider over a video's length in milliseconds that marks the matched moments (light ticks with a dark edge
    across the groove) and jumps to where it is clicked, as players' seek bars do (a plain slider pages towards it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.marks: tuple[float, ...] = ()  # seconds
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys are the viewer's: ←/→ step through the results

    def set_marks(self, seconds: Sequence[float]) -> None:
        self.marks = tuple(seconds)
        self.update()

    def _groove(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                           QStyle.SubControl.SC_SliderGroove, self)  # fmt: skip

    def x_of(self, second: float) -> int:
        """Where ``second`` is on the bar (the centre of the handle when the video is there)."""
        handle = self.style().pixelMetric(QStyle.PixelMetric.PM_SliderLength, None, self)
        groove = self._groove()
        span = max(1, groove.width() - handle)
        offset = QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), round(second * 1000), span)
        return groove.left() + handle // 2 + offset

    def value_at(self, x: int) -> int:
        handle = self.style().pixelMetric(QStyle.PixelMetric.PM_SliderLength, None, self)
        groove = self._groove()
        return QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x - groove.left() - handle // 2,
                                              max(1, groove.width() - handle))  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks or self.maximum() <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(VIEWER.window))  # a dark edge: the light mark shows on any groove and on the accent
        painter.setBrush(QColor(VIEWER.text))
        middle = self._groove().center().y()
        for second in self.marks:
            x = self.x_of(second)
            painter.drawRoundedRect(x - 3, middle - 9, 6, 18, 2, 2)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setValue(self.value_at(event.position().toPoint().x()))
            self.sliderMoved.emit(self.value())
        super().mousePressEvent(event)


class VideoPlayer(QWidget):
    """Plays one video with its controls (:meth:`open`), or a Live Photo's clip once, muted and bare
    (:meth:`play_once`). A click on the picture plays or pauses.

    Signals:
        failed(str): the backend cannot play the file: one sentence saying so.
        clip_ended(): a clip started by :meth:`play_once` played to its end (the viewer shows the still again).
    """

    failed = Signal(str)
    clip_ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video = QVideoWidget()
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.video.installEventFilter(self)
        self.player.setVideoOutput(self.video)
        self._start_ms: int | None = None  # where to go once the file is loaded (a search hit's second)
        self._once = False  # playing a Live Photo's clip
        self._failed = False
        self.play_button = self._button("play", self.toggle)
        self.seek = SeekBar()
        self.seek.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel()
        self.mute_button = self._button("volume-2", lambda: self.audio.setMuted(not self.audio.isMuted()))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setFixedWidth(90)
        self.volume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volume.valueChanged.connect(lambda value: self.audio.setVolume(value / 100))
        self.audio.mutedChanged.connect(self._show_muted)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(self._state)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(lambda _error, reason: self._fail(reason))
        self.controls = QWidget()
        self.controls.setObjectName("viewer-bar")
        self.controls.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.controls.setPalette(palette_for(VIEWER))  # dark sliders under the video, whatever the window's theme
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.play_button)
        row.addWidget(self.seek, 1)
        row.addWidget(self.time)
        row.addWidget(self.mute_button)
        row.addWidget(self.volume)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.controls)
        self.retranslate()

    def _button(self, icon_name: str, act: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name, VIEWER.text))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Space stays play/pause: the viewer's shortcut wins
        button.clicked.connect(act)
        return button

    def retranslate(self) -> None:
        for button, text in (
            (self.play_button, self.tr("Play or pause (Space)")),
            (self.mute_button, self.tr("Mute")),
            (self.seek, self.tr("Position in the video")),
            (self.volume, self.tr("Volume")),
        ):
            button.setToolTip(text)
            button.setAccessibleName(text)

    def open(self, path: str, start: float | None = None, marks: Sequence[float] = ()) -> None:
        """Play the video ``path`` from ``start`` seconds (its beginning if None), its ``marks`` on the seek bar."""
        self._load(path, once=False)
        self._start_ms = round(start * 1000) if start else None
        self.seek.set_marks(marks)
        self.audio.setMuted(False)
        self.player.play()

    def play_once(self, path: str) -> None:
        """Play a Live Photo's clip ``path`` once from its start, muted, without controls; then ``clip_ended``."""
        self._load(path, once=True)
        self._start_ms = None
        self.seek.set_marks(())
        self.audio.setMuted(True)
        self.player.play()

    def _load(self, path: str, once: bool) -> None:
        self._once = once
        self._failed = False
        self.controls.setVisible(not once)
        self.player.setSource(QUrl.fromLocalFile(path))

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def stop(self) -> None:
        """Stop and let go of the file (leaving the photo, or the viewer)."""
        self.player.stop()
        self.player.setSource(QUrl())
        self._once = False

    def playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.video and event.type() == QEvent.Type.MouseButtonPress and not self._once:
            self.toggle()
            return True
        return super().eventFilter(watched, event)

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._start_ms is not None:
            self.player.setPosition(self._start_ms)  # the backend ignores a position before the file is loaded
            self._start_ms = None
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(self.player.errorString())
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and self._once:
            self._once = False
            self.clip_ended.emit()

    def _fail(self, reason: str) -> None:
        if self._failed or self.player.source().isEmpty():
            return
        self._failed = True
        reason = reason.rstrip(".") or self.tr("the format is not supported")
        self.failed.emit(self.tr("This video cannot be played here ({reason}); open it in your video player.")
                         .format(reason=reason))  # fmt: skip

    def _duration(self, ms: int) -> None:
        self.seek.setRange(0, ms)
        self._position(self.player.position())

    def _position(self, ms: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.time.setText(f"{clock(ms)} / {duration_text(self.player.duration() / 1000)}")

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setIcon(icon("pause" if playing else "play", VIEWER.text))

    def _show_muted(self, muted: bool) -> None:
        self.mute_button.setIcon(icon("volume-x" if muted else "volume-2", VIEWER.text))
        self.mute_button.setToolTip(self.tr("Unmute") if muted else self.tr("Mute"))
