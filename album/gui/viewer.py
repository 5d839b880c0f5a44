"""The viewer: a page of the main window that shows one photo large on a dark surround, with a filmstrip
of the current results and an info panel; ←/→ step through the results, Esc goes back to the grid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QHideEvent,
    QImage,
    QImageReader,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.core.records import Exposure, Face, NamedArea, Photo, SearchHit
from album.gui.availability import file_opens
from album.gui.filmstrip import Filmstrip
from album.gui.icons import icon
from album.gui.name_dialog import ask_person_name
from album.gui.theme import VIEWER
from album.gui.viewer_info import InfoPanel, Names
from album.gui.workers import Job

if TYPE_CHECKING:
    from album.gui.video_player import VideoPlayer

StartJob = Callable[[Callable[[Any, Any], Any], Callable[[Any], object]], Job]
"""``start(fn, on_done)``: run ``fn(progress, cancel)`` in a worker (the controller's ``run``)."""


def draw_faces(image: QImage, faces: Sequence[Face]) -> None:
    """Outline each face (bbox as fractions of the upright photo) and write the person's name under it."""
    painter = QPainter(image)
    width, height = image.width(), image.height()
    pen = QPen(QColor(VIEWER.face_outline))
    pen.setWidth(max(2, width // 400))
    painter.setPen(pen)
    font = painter.font()
    font.setPixelSize(max(12, height // 40))
    painter.setFont(font)
    for face in faces:
        (x1, y1, x2, y2), name = face.bbox, face.person_name
        rect = QRectF(x1 * width, y1 * height, (x2 - x1) * width, (y2 - y1) * height)
        painter.drawRect(rect)
        painter.drawText(QRectF(rect.left(), rect.bottom() + 2, 400, font.pixelSize() * 1.6),
                         int(Qt.AlignmentFlag.AlignLeft), name or "?")  # fmt: skip
    painter.end()


def ask_name(parent: QWidget, current: str, names: Sequence[str]) -> str | None:
    """Who a clicked face is: the name dialog, pre-filled with the face's person and completing known names."""
    return ask_person_name(parent, lambda: QCoreApplication.translate("Viewer", "Who Is This?"), current, names)


def library_folder(path: str, folders: Sequence[str]) -> str:
    """The library folder ``path`` is in (the innermost), or the photo's own folder if none is: what to
    name when its file cannot be opened (an unplugged drive is a library folder, not a sub-folder)."""
    parents = {str(p) for p in Path(path).parents}
    inside = [f for f in folders if str(Path(f)) in parents]
    return max(inside, key=len) if inside else str(Path(path).parent)


VIEW_DECODE_PX = 3200  # long side the viewer decodes to: sharp at 100 % on most screens, ~40 MB at most
ZOOM_STEP = 1.25
MAX_ZOOM = 4.0

_STYLE = (
    f"#viewer {{ background: {VIEWER.window}; color: {VIEWER.text}; }} "
    f"#viewer QLabel {{ color: {VIEWER.text}; }} "
    f"#viewer-bar {{ background: {VIEWER.surface}; }} "
    f"#viewer QToolButton {{ border: none; border-radius: 6px; padding: 4px; color: {VIEWER.text}; }} "
    f"#viewer QToolButton:hover, #viewer QToolButton:checked {{ background: {VIEWER.hover}; }} "
    f"#viewer QToolButton:focus {{ border: 2px solid {VIEWER.accent}; }} "
    f"#viewer-notice {{ background: {VIEWER.warning_background}; color: {VIEWER.warning_text}; "
    f"border: 1px solid {VIEWER.warning_border}; border-radius: 4px; padding: 6px 10px; }} "
    f"#viewer QScrollBar {{ background: {VIEWER.window}; width: 8px; height: 8px; }} "
    f"#viewer QScrollBar::handle {{ background: {VIEWER.border}; border-radius: 4px; min-width: 24px; "
    "min-height: 24px; } "
    "#viewer QScrollBar::add-line, #viewer QScrollBar::sub-line { width: 0; height: 0; }"
)

Loaded = tuple[QImage, QImage, list[Face], bool, Exposure, list[NamedArea], str | None]
"""What the loading worker hands back: the decoded photo (faces drawn), the same fitted to the page, its faces,
whether its file opened, the exposure its EXIF records, the people other apps named on it, and a Live Photo's
motion clip (None if it is not one, or its clip is gone)."""


def load_photo(
    photo: Photo,
    faces_for: Callable[[str], list[Face]] | None,
    exposure_for: Callable[[Photo], Exposure] | None,
    thumbnail: Callable[[Photo], Path | None] | None,
    fit: QSize,
    named_for: Callable[[Photo], list[NamedArea]] | None = None,
    clip_for: Callable[[Photo], str | None] | None = None,
) -> Loaded:
    """Decode ``photo`` for the viewer (reduced to ``VIEW_DECODE_PX``, upright), outline its faces, scale it to
    ``fit`` (smooth scaling of a camera-sized photo took 200 ms on the GUI thread) and read its exposure; a file
    that does not open gives its cached thumbnail. Runs in a worker."""
    path = photo.path
    opens = file_opens(path)  # here, not on the GUI thread: a dead mount can hang
    if opens and photo.kind != "video":  # a video shows its poster, the thumbnail the pipeline made
        reader = QImageReader(path)
        reader.setAutoTransform(True)  # EXIF orientation
        size = reader.size()
        if size.isValid():
            if max(size.width(), size.height()) > VIEW_DECODE_PX:  # JPEG decodes at a reduced scale
                size.scale(VIEW_DECODE_PX, VIEW_DECODE_PX, Qt.AspectRatioMode.KeepAspectRatio)
            reader.setScaledSize(size)
        image = reader.read()
    else:  # the cached thumbnail (upright, small) stands in for it
        thumb = thumbnail(photo) if thumbnail is not None else None
        image = QImage(str(thumb)) if thumb is not None else QImage()
    faces = faces_for(photo.id) if faces_for is not None and photo.id and not image.isNull() else []
    if not image.isNull():  # a video without its poster yet: nothing to draw on
        draw_faces(image, faces)
    fitted = (
        image.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        if not image.isNull()
        else QImage()
    )
    exposure = exposure_for(photo) if exposure_for is not None and opens else Exposure()
    named = named_for(photo) if named_for is not None and photo.id else []
    clip = clip_for(photo) if clip_for is not None and photo.kind == "live" and opens else None
    return image, fitted, faces, opens, exposure, named, clip


class Viewer(QWidget):
    """Shows ``hits[index]`` large with its faces outlined: fitted to the page, or zoomed (+ / − /
    Ctrl+wheel, 1 = 100 %, 0 = fit) and scrolled. ←/→ and the filmstrip move through the hits; I shows
    or hides the info panel; F11 or a double-click asks for full screen; Esc or Back asks to go back.
    Clicking a face asks who it is. A photo whose file cannot be opened shows its cached thumbnail, with a
    line that says so and names the folder that may be offline. The window title follows the photo's file
    name (this widget's ``windowTitle``; the main window shows it). A video plays in the page (Space plays or
    pauses), from the second a search matched, marked on its seek bar; leaving it stops it. A Live Photo has a
    "Live" button that plays its motion clip once, muted, over the still.

    Args:
        start: runs the loading worker (the controller's ``run``, so the window joins it at exit;
            a plain :class:`Job` of the viewer's own if None).
        faces_for: ``photo_id → faces``; runs in the loading worker.
        exposure_for: ``photo → exposure`` read from its file (``Library.exposure``); runs in the worker.
        name_face: ``(face_id, name) → None``, called when the user names a face (the caller runs it
            in a worker and then calls :meth:`show_current` to redraw).
        ask: ``(parent, current name, known names) → name or None``: asks who a face is (the name
            dialog by default; tests pass an answer).
        person_names: the names the name dialog completes (the library's people).
        names: place and tag names in the UI's language (the stored names are English).
        thumbnail: where a photo's cached thumbnail is (``Library.thumbnail``), shown when its file
            cannot be opened, and in the filmstrip.
        folder_of: the folder to name when a photo's file cannot be opened (its library folder).
        clip_for: ``photo → its motion clip`` for a Live Photo (``Library.motion_clip``); runs in the worker.

    Signals:
        back(): Esc or the Back button: the window shows what it showed before.
        full_screen(): F11 or a double-click on the photo: the window goes full screen, or back.
        person_clicked(object): a person's chip in the info panel (the :class:`Face`): show their photos.
    """

    back = Signal()
    full_screen = Signal()
    person_clicked = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        start: StartJob | None = None,
        faces_for: Callable[[str], list[Face]] | None = None,
        exposure_for: Callable[[Photo], Exposure] | None = None,
        name_face: Callable[[str, str], None] | None = None,
        ask: Callable[[QWidget, str, Sequence[str]], str | None] = ask_name,
        person_names: Callable[[], Sequence[str]] = lambda: (),
        names: Names | None = None,
        thumbnail: Callable[[Photo], Path | None] | None = None,
        folder_of: Callable[[str], str] = lambda path: str(Path(path).parent),
        named_for: Callable[[Photo], list[NamedArea]] | None = None,
        clip_for: Callable[[Photo], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.clip_for = clip_for
        self.hits: Sequence[SearchHit] = []
        self.index = 0
        self.thumbnail = thumbnail
        self.folder_of = folder_of
        self.start = start
        self.faces_for = faces_for
        self.named_for = named_for
        self.exposure_for = exposure_for
        self.name_face = name_face
        self.ask = ask
        self.person_names = person_names
        self.faces: list[Face] = []
        self.zoom: float | None = None  # None: fit to the page; else pixels shown per decoded pixel
        self._pixmap = QPixmap()
        self._fitted = QPixmap()  # the photo fitted to the page by the worker, while the page keeps that size
        self._jobs: list[Job] = []
        self.setObjectName("viewer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(_STYLE)
        self.image = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setStyleSheet(f"background: {VIEWER.window}; color: {VIEWER.muted_text};")
        self.image_area = QScrollArea()
        self.image_area.setObjectName("viewer-photo")
        self.image_area.setStyleSheet(f"#viewer-photo {{ background: {VIEWER.window}; border: none; }}")
        self.image_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_area.setWidget(self.image)
        self.image_area.setWidgetResizable(True)
        self.image_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys are the viewer's (shortcuts)
        self.notice = QLabel(wordWrap=True)  # the file cannot be opened: what is shown is its thumbnail
        self.notice.setObjectName("viewer-notice")
        self.notice.hide()
        self.info = InfoPanel(names)
        self.info.person_clicked.connect(self.person_clicked)
        self.filmstrip = Filmstrip(thumbnail or (lambda _photo: None))
        self.filmstrip.chosen.connect(self.go_to)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.back_button = self._button("arrow-left", self.back.emit)
        self.zoom_out_button = self._button("zoom-out", lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = self._button("zoom-in", lambda: self.zoom_by(ZOOM_STEP))
        self.info_button = self._button("info", lambda: self.set_info_visible(self.info_button.isChecked()))
        self.info_button.setCheckable(True)
        self.info_button.setChecked(True)
        self.full_screen_button = self._button("maximize", self.full_screen.emit)
        self.play_button = self._button("square-play", self._play)  # a video: the system's player plays it
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_button.hide()
        self.clip: str | None = None  # the shown Live Photo's motion clip
        self.live_button = self._button("aperture", self.play_clip)  # a Live Photo: its clip plays over the still
        self.live_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.live_button.installEventFilter(self)  # hovering it plays the clip too
        self.live_button.hide()
        self.player: VideoPlayer | None = None  # made for the first video or Live Photo shown (_video_player)
        self._layout()
        self._keys()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def _button(self, icon_name: str, act: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name, VIEWER.text))
        side = round(self.fontMetrics().height() * 1.4)
        button.setIconSize(button.iconSize().scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(act)
        return button

    def _layout(self) -> None:
        bar = QWidget()
        bar.setObjectName("viewer-bar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        top = QHBoxLayout(bar)
        top.setContentsMargins(8, 4, 8, 4)
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        buttons = (self.live_button, self.play_button, self.zoom_out_button, self.zoom_in_button, self.info_button,
                   self.full_screen_button)  # fmt: skip
        for button in buttons:
            top.addWidget(button)
        centre = QVBoxLayout()
        centre.addWidget(self.notice)
        centre.addWidget(self.image_area, 1)
        self._centre = centre  # the player goes here once made
        middle = QHBoxLayout()
        middle.setSpacing(0)
        middle.addLayout(centre, 1)
        middle.addWidget(self.info)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addLayout(middle, 1)
        layout.addWidget(self.filmstrip)

    def retranslate(self) -> None:
        """Tooltips and accessible names in the current language (and the shown photo's details)."""
        translate = QCoreApplication.translate
        for button, text in (
            (self.back_button, translate("Viewer", "Back to the photos (Esc)")),
            (self.zoom_out_button, translate("Viewer", "Zoom out (−)")),
            (self.zoom_in_button, translate("Viewer", "Zoom in (+)")),
            (self.info_button, translate("Viewer", "Show or hide the info panel (I)")),
            (self.full_screen_button, translate("Viewer", "Full screen (F11)")),
            (self.play_button, translate("Viewer", "Play the video in the system's video player")),
            (self.live_button, translate("Viewer", "A Live Photo: point at it or click to play its motion")),
        ):
            button.setToolTip(text)
            button.setAccessibleName(text)
        self.play_button.setText(translate("Viewer", "Open in video player"))
        self.live_button.setText(translate("Viewer", "Live"))
        if self.player is not None:
            self.player.retranslate()
        self.setAccessibleName(translate("Viewer", "Photo viewer"))
        self.image_area.setAccessibleName(translate("Viewer", "Photo"))
        self.filmstrip.setAccessibleName(translate("Viewer", "Filmstrip of the results"))
        self.info.retranslate()
        if self.hits:
            hit = self.hits[self.index]
            self.info.show_photo(hit.photo, hit.reasons)
            self.info.show_details(self.faces, self.info.exposure)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_hits(self, hits: Sequence[SearchHit], index: int) -> None:
        """Show ``hits[index]``, with ``hits`` in the filmstrip (kept as they are while the viewer is open:
        results that change behind it do not move the photo shown)."""
        self.hits = hits
        self.filmstrip.show_hits(hits)
        self.index = index
        self.zoom = None
        self.show_current()

    def go_to(self, index: int) -> None:
        """Show result ``index`` (a click in the filmstrip), fitted."""
        if index != self.index:
            self.index = index
            self.zoom = None
            self.show_current()

    def show_current(self) -> None:
        """Show the metadata now, and the image, faces and exposure when a worker has read them."""
        hit = self.hits[self.index]
        photo = hit.photo
        name = Path(photo.path).name
        self.setWindowTitle(name)
        self.title.setText(name)
        self.filmstrip.mark(self.index)
        self.info.show_photo(photo, hit.reasons)
        self.play_button.setVisible(photo.kind == "video")
        self.image.setText(self.tr("Loading…"))
        self._pixmap = self._fitted = QPixmap()  # the last photo's stays out of zoom and fit until this one is decoded
        self.notice.hide()
        if self.player is None or self.player.player.source() != QUrl.fromLocalFile(photo.path):
            self.clip = None  # a redraw of the same video (a face named) goes on playing
            self.live_button.hide()
            self._show_still()
            if photo.kind == "video":
                self._play_here(photo.path, hit.time)
        faces_for, exposure_for, thumbnail = self.faces_for, self.exposure_for, self.thumbnail
        named_for, clip_for = self.named_for, self.clip_for
        fit = self.image_area.viewport().size()

        def load(_progress: object, _cancel: object) -> Loaded:
            return load_photo(photo, faces_for, exposure_for, thumbnail, fit, named_for, clip_for)

        def loaded(result: Loaded, p: str = photo.path) -> None:
            self._loaded(p, *result)

        if self.start is not None:
            self.start(load, loaded)
            return
        job = Job(load, self)
        job.finished.connect(loaded)
        self._jobs.append(job)
        job.start()

    def _loaded(
        self,
        path: str,
        image: QImage,
        fitted: QImage,
        faces: list[Face],
        opens: bool,
        exposure: Exposure,
        named: list[NamedArea],
        clip: str | None,
    ) -> None:
        if not self.hits or path != self.hits[self.index].photo.path:
            return  # the user moved on
        self.clip = clip
        self.live_button.setVisible(clip is not None)
        self.faces = faces
        self.info.show_details(faces, exposure, named)
        self._pixmap = QPixmap.fromImage(image)
        self._fitted = QPixmap.fromImage(fitted)
        if not opens:
            text = self.tr("The file is not available: {folder} may be offline. This is the thumbnail album "
                           "keeps of it.")  # fmt: skip
            self.notice.setText(text.format(folder=self.folder_of(path)))
            self.notice.show()
        if image.isNull():
            self.image.setText(self.tr("This photo cannot be shown."))
        self._fit()

    def _play(self) -> None:
        """Open the shown video in the system's video player (album shows its poster, it does not play it)."""
        if self.hits:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.hits[self.index].photo.path))

    def _video_player(self) -> VideoPlayer | None:
        """The player, made when first needed: Qt Multimedia takes ~65 ms to load, which the window's start-up
        does not pay. None (and one sentence on the page) without Qt Multimedia or the system's PulseAudio."""
        if self.player is None:
            try:
                from album.gui.video_player import VideoPlayer
            except ImportError:  # pragma: no cover - the test environment has them
                self._cannot_play(self.tr("Playing videos here needs Qt Multimedia (album[video]); open it in "
                                          "your video player."))  # fmt: skip
                return None
            self.player = VideoPlayer()
            self.player.hide()
            self.player.failed.connect(self._cannot_play)
            self.player.clip_ended.connect(self._show_still)
            self._centre.addWidget(self.player, 1)
        return self.player

    def _play_here(self, path: str, start: float | None) -> None:
        """Play the video in the page from ``start`` (a search hit's best second, marked on the seek bar)."""
        player = self._video_player()
        if player is not None:
            self.image_area.hide()
            player.show()
            player.open(path, start, () if start is None else (start,))

    def play_clip(self) -> None:
        """Play the shown Live Photo's motion clip over its still, once and muted; the still comes back after."""
        clip = self.clip
        player = self._video_player() if clip is not None else None
        if clip is not None and player is not None and player.isHidden():
            self.image_area.hide()
            player.show()
            player.play_once(clip)

    def _show_still(self) -> None:
        """Stop any playing video or clip and show the photo (the still, or the video's poster)."""
        if self.player is not None:
            self.player.stop()
            self.player.hide()
        self.image_area.show()

    def _cannot_play(self, message: str) -> None:
        """The video cannot be played in the page: its poster, the sentence why, and the system's player."""
        self._show_still()
        self.notice.setText(message)
        self.notice.show()

    def toggle_playback(self) -> None:
        """Space: play or pause the shown video."""
        if self.player is not None and self.player.isVisible() and self.player.controls.isVisible():
            self.player.toggle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.live_button and event.type() == QEvent.Type.Enter:
            self.play_clip()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the viewer (Esc, Back, another page) stops the video."""
        if not event.spontaneous():  # not when the window is minimised
            self._show_still()
        super().hideEvent(event)

    def set_info_visible(self, visible: bool) -> None:
        self.info.setVisible(visible)
        self.info_button.setChecked(visible)
        self._fit()

    def set_full_screen_shown(self, full: bool) -> None:
        """The window went full screen (or back): the button offers the way back."""
        self.full_screen_button.setIcon(icon("minimize" if full else "maximize", VIEWER.text))

    def shutdown(self) -> None:
        """Wait for the viewer's own loading jobs and stop the filmstrip's file checks (at exit)."""
        for job in self._jobs:
            job.wait()
        self.filmstrip.shutdown()
        self._show_still()

    def _fit(self) -> None:
        if self._pixmap.isNull():
            return
        if self.zoom is None:
            self.image_area.setWidgetResizable(True)
            room = self.image_area.viewport().size()
            if self._fitted.size() == self._pixmap.size().scaled(room, Qt.AspectRatioMode.KeepAspectRatio):
                self.image.setPixmap(self._fitted)  # the worker's, for this size of the page
                return
            shown = self._pixmap.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            self.image.setPixmap(shown)
            return
        self.image_area.setWidgetResizable(False)
        shown = self._pixmap.scaled(self._pixmap.size() * self.zoom, Qt.AspectRatioMode.KeepAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        self.image.setPixmap(shown)
        self.image.resize(shown.size())

    def fit_scale(self) -> float:
        """The zoom at which the photo fits the page."""
        if self._pixmap.isNull():
            return 1.0
        area = self.image_area.viewport().size()
        return min(area.width() / self._pixmap.width(), area.height() / self._pixmap.height())

    def set_zoom(self, zoom: float | None) -> None:
        """Zoom to ``zoom`` (1.0 = one decoded pixel per screen pixel), or fit the page with None.

        The range runs from the smaller of fit and 100 % to the larger of MAX_ZOOM and MAX_ZOOM × fit:
        a small photo is blown up to fit, so 100 % shows it smaller and + still enlarges it."""
        if zoom is not None:
            fit = self.fit_scale()
            zoom = max(min(fit, 1.0), min(max(MAX_ZOOM, MAX_ZOOM * fit), zoom))
            if abs(zoom - fit) < 1e-3:
                zoom = None
        self.zoom = zoom
        self._fit()

    def zoom_by(self, factor: float) -> None:
        self.set_zoom((self.zoom or self.fit_scale()) * factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def face_at(self, point: QPointF) -> Face | None:
        """The face under a point of the image label (the pixmap is fitted and centred in it)."""
        shown = self.image.pixmap()
        if shown is None or shown.isNull():
            return None
        left = (self.image.width() - shown.width()) / 2
        top = (self.image.height() - shown.height()) / 2
        x, y = (point.x() - left) / shown.width(), (point.y() - top) / shown.height()
        return next((f for f in self.faces if f.bbox[0] <= x <= f.bbox[2] and f.bbox[1] <= y <= f.bbox[3]), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        face = self.face_at(self.image.mapFrom(self, event.position().toPoint()).toPointF())
        if face is None or self.name_face is None:
            super().mousePressEvent(event)
            return
        name = self.ask(self, face.person_name or "", self.person_names())
        if name:
            self.name_face(face.id, name)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.image_area.geometry().contains(event.position().toPoint()):
            self.full_screen.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _keys(self) -> None:
        """The viewer's keys as window shortcuts, so they work whichever child has the focus (the photo's
        scroll area would eat ←/→ to scroll a zoomed photo); Qt enables them only while the page is shown."""
        keys = {
            "Right": lambda: self.step(1), "Left": lambda: self.step(-1),
            "+": lambda: self.zoom_by(ZOOM_STEP), "=": lambda: self.zoom_by(ZOOM_STEP),
            "-": lambda: self.zoom_by(1 / ZOOM_STEP), "0": lambda: self.set_zoom(None), "1": lambda: self.set_zoom(1.0),
            "I": lambda: self.set_info_visible(self.info.isHidden()), "F11": self.full_screen.emit,
            "Escape": self._escape, "Space": self.toggle_playback,
        }  # fmt: skip
        for key, act in keys.items():
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(act)

    def _escape(self) -> None:
        """Esc leaves full screen first, as everywhere; then it goes back to the photos."""
        if self.window().isFullScreen():
            self.full_screen.emit()
        else:
            self.back.emit()

    def step(self, step: int) -> None:
        """Show the next (1) or previous (-1) result, fitted."""
        self.go_to((self.index + step) % len(self.hits))
