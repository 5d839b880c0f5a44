"""The welcome dialog: which models album can add, what each gives, its size and licence, and their download.

Shown on the first start while models are missing (and from File ▸ Download Models…). Nothing is
downloaded until the user says so. Two face packs are offered: OpenCV Zoo's licence-clean pair, ticked
by default, and insightface's more accurate ``buffalo_l``, whose non-commercial licence is a box the
user ticks themselves. A download shows bytes, speed and the file; Cancel keeps what arrived, and Resume asks the
hub for the rest (HTTP Range). Offline, the dialog names every file and the folder to put it in, with
"Open folder" and "Check again". Skipping is always possible: album browses and searches by date,
place and camera without any model.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from album.core.library import ModelOffer, still_missing
from album.gui.controller import DownloadOutcome, LibraryController, ModelCatalogue
from album.gui.language_follower import LanguageFollower, LiveTexts
from album.gui.styles import scaled_font
from album.gui.workers import Job

SPEED_WINDOW = 3.0  # seconds of progress the shown speed averages over


def human_size(size: float) -> str:
    """Bytes in decimal units, as the hub shows them."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{int(size)} B"


FILE_LINES = 4  # the offline list of files shows at least this many lines


class WelcomeDialog(QDialog):
    """First run: offer the models, download the chosen ones, or skip.

    Args:
        controller: the window's controller (the library must be open).
        open_folder: how "Open folder" shows a folder (the desktop's file manager; tests pass their own).

    Attributes:
        downloaded: a download finished in this dialog (the caller reloads the library's models).
    """

    def __init__(self, controller: LibraryController, parent: QWidget | None = None,
                 open_folder: Any = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.controller = controller
        self._open_folder = open_folder or (lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        self.catalogue: ModelCatalogue | None = None
        self.job: Job | None = None
        self.downloaded = False
        self.boxes: dict[str, QCheckBox] = {}
        self._done: dict[tuple[str, str], int] = {}
        self._total = 0
        self._samples: deque[tuple[float, int]] = deque()
        self.texts = LiveTexts()
        self.setWindowTitle(self.tr("Welcome to album"))
        self.setMinimumWidth(680)
        self._build()
        self.check_again()
        LanguageFollower(self, self.retranslate)

    def retranslate(self) -> None:
        """After a language switch: every text again in the new language, the models offered with their
        boxes as the user left them."""
        self.setWindowTitle(self.tr("Welcome to album"))
        self.texts.retranslate()
        if self.catalogue is not None:
            boxes = {name: (box.isChecked(), box.isEnabled()) for name, box in self.boxes.items()}
            self._show_offers(self.catalogue)
            for name, (checked, enabled) in boxes.items():
                self.boxes[name].setChecked(checked)
                self.boxes[name].setEnabled(enabled)

    # -- layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel()
        title.setFont(scaled_font(title, 1.6, bold=True))
        self.texts.set(title, lambda: self.tr("Welcome to album"))
        intro = QLabel(wordWrap=True)
        self.texts.set(intro, lambda: self.tr(
            "album works without downloads: you can browse your photos and search them by date, place and "
            "camera. These optional models add more. They run on this computer; no photo leaves it."))  # fmt: skip
        layout.addWidget(title)
        layout.addWidget(intro)
        self.models_box = QVBoxLayout()
        layout.addLayout(self.models_box)
        self.state = QLabel()
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.offline = QWidget()
        offline = QVBoxLayout(self.offline)
        offline.setContentsMargins(0, 0, 0, 0)
        self.offline_text = QLabel("")
        self.offline_text.setWordWrap(True)
        self.files = QPlainTextEdit()
        self.files.setReadOnly(True)
        self.files.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.files.setMinimumHeight(self.files.fontMetrics().lineSpacing() * FILE_LINES + 12)  # more: it scrolls
        row = QHBoxLayout()
        self.open_folder_button = QPushButton()
        self.texts.set(self.open_folder_button, lambda: self.tr("Open folder"))
        self.open_folder_button.clicked.connect(self._show_folder)
        self.check_button = QPushButton()
        self.texts.set(self.check_button, lambda: self.tr("Check again"))
        self.check_button.clicked.connect(self.check_again)
        row.addWidget(self.open_folder_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        offline.addWidget(self.offline_text)
        offline.addWidget(self.files)
        offline.addLayout(row)
        self.offline.hide()
        layout.addWidget(self.offline)
        buttons = QHBoxLayout()
        self.skip_button = QPushButton()
        self.texts.set(self.skip_button, lambda: self.tr("Skip for now"))
        self.skip_button.clicked.connect(self.reject)
        self.cancel_button = QPushButton()
        self.texts.set(self.cancel_button, lambda: self.tr("Cancel download"))
        self.cancel_button.clicked.connect(self.cancel_download)
        self.cancel_button.hide()
        self.download_button = QPushButton()
        self.texts.set(self.download_button, lambda: self.tr("Download"))
        self.download_button.setDefault(True)
        self.download_button.clicked.connect(self.start_download)
        self.download_button.setEnabled(False)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.download_button)
        layout.addLayout(buttons)

    def _gives(self, offer: ModelOffer) -> str:
        names = {"text search": self.tr("Search by describing a photo"), "tags": self.tr("automatic tags"),
                 "people": self.tr("People: find and group faces")}  # fmt: skip
        return " · ".join(names.get(g, g) for g in offer.gives)

    def _show_offers(self, catalogue: ModelCatalogue) -> None:
        while self.models_box.count():
            item = self.models_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes.clear()
        wanted = still_missing(catalogue.offers)  # not the other face pack once one is installed
        for offer in catalogue.offers:
            box = QCheckBox(f"{self._gives(offer)} — {offer.name}")
            size = human_size(offer.size) if offer.exact else self.tr("about {size}").format(
                size=human_size(offer.size))  # fmt: skip
            if offer.installed:
                detail = self.tr("Installed · licence: {licence}").format(licence=offer.licence)
                box.setChecked(True)
                box.setEnabled(False)
            else:
                detail = self.tr("{size} to download · licence: {licence}").format(size=size, licence=offer.licence)
                box.setChecked(not offer.opt_in and offer in wanted)
            box.toggled.connect(self._update_buttons)
            label = QLabel(detail)
            label.setWordWrap(True)
            label.setContentsMargins(24, 0, 0, 0)
            self.models_box.addWidget(box)
            self.models_box.addWidget(label)
            if offer.kind == "faces" and not offer.installed:
                self._add_note(self.tr("More accurate face models (insightface).") if offer.opt_in else self.tr(
                    "Free for any use, including a business. album reads these models exactly as OpenCV "
                    "does, but could not measure how well they recognise people."))  # fmt: skip
            if offer.opt_in and not offer.installed:
                self._add_note(self.tr(
                    "These face models are licensed for non-commercial research use only. Tick the box only "
                    "if you use album privately, not for a business."), "licence-warning")  # fmt: skip
            self.boxes[offer.name] = box

    def _add_note(self, text: str, name: str = "") -> None:
        """A line under an offer (``licence-warning``: coloured by album.gui.styles)."""
        note = QLabel(text)
        note.setWordWrap(True)
        note.setContentsMargins(24, 0, 0, 0)
        note.setObjectName(name)
        self.models_box.addWidget(note)

    # -- checking ---------------------------------------------------------------------------------------
    def check_again(self) -> None:
        """Ask the hub for the exact sizes (in a worker); offline, say which files go where."""
        self.texts.set(self.state, lambda: self.tr("Checking download sizes…"))
        self.check_button.setEnabled(False)
        self.download_button.setEnabled(False)
        self.controller.model_offers(self._checked)

    def _checked(self, catalogue: ModelCatalogue) -> None:
        self.catalogue = catalogue
        self.check_button.setEnabled(True)
        self._show_offers(catalogue)
        missing = still_missing(catalogue.offers)
        if not missing:
            self.texts.set(self.state, lambda: self.tr("Every model is installed."))
            self.offline.hide()
        elif catalogue.offline is not None:
            self.texts.set(self.state, lambda: self.tr(
                "album cannot reach the model server now, so it cannot download them."))  # fmt: skip
            self.texts.set(self.offline_text, lambda: self.tr(
                "To install them by hand, copy these files into the models folder ({folder}), then press "
                "Check again. Or connect to the internet and press Check again.").format(
                folder=catalogue.models_dir))  # fmt: skip
            self.offline_text.setToolTip(catalogue.offline)
            self.offline.show()
        else:
            self.texts.set(self.state, lambda: self.tr(
                "Choose what to download. You can also do it later in Settings."))  # fmt: skip
            self.offline.hide()
        self._update_buttons()
        QTimer.singleShot(0, self, self._fit)  # once the new rows have their fonts and sizes

    def _fit(self) -> None:
        """Grow to fit the rows just added (wrapped labels are taller than they were first measured), but
        never past the screen's bottom: on a 1280x800 or 1366x768 screen the list of files scrolls instead
        (a taller dialog had its buttons cut off)."""
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()
        fits = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        screen = self.screen().availableGeometry().height() - (self.frameGeometry().height() - self.height())
        self.resize(self.width(), min(max(fits, self.sizeHint().height()), screen))

    def _show_folder(self) -> None:
        if self.catalogue is not None:
            self.catalogue.models_dir.mkdir(parents=True, exist_ok=True)
            self._open_folder(self.catalogue.models_dir)

    def chosen(self) -> list[ModelOffer]:
        if self.catalogue is None:
            return []
        return [o for o in self.catalogue.offers if not o.installed and self.boxes[o.name].isChecked()]

    def _update_buttons(self) -> None:
        """Download is possible online with something ticked; offline, the files of what is ticked are listed."""
        online = self.catalogue is not None and self.catalogue.offline is None
        if not online:
            lines = [f"{offer.folder / f.path}" for offer in self.chosen() for f in offer.missing]
            self.files.setPlainText("\n".join(lines))
        self.download_button.setEnabled(online and self.job is None and bool(self.chosen()))

    # -- downloading ------------------------------------------------------------------------------------
    def start_download(self) -> None:
        chosen = self.chosen()
        if not chosen or self.job is not None:
            return
        self._total = sum(o.size for o in chosen)
        self._done.clear()
        self._samples.clear()
        for box in self.boxes.values():
            box.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.texts.set(self.state, lambda: self.tr("Starting the download…"))
        self.download_button.setEnabled(False)
        self.cancel_button.show()
        self.job = self.controller.download_models(chosen, self._finished, self._progress)

    def cancel_download(self) -> None:
        if self.job is not None:
            self.cancel_button.setEnabled(False)
            self.job.cancel()

    def _progress(self, value: tuple[str, str, int, int]) -> None:
        kind, name, done, _total = value
        self._done[(kind, name)] = done
        overall = sum(self._done.values())
        now = time.monotonic()
        self._samples.append((now, overall))
        while len(self._samples) > 2 and now - self._samples[0][0] > SPEED_WINDOW:
            self._samples.popleft()
        first_time, first_bytes = self._samples[0]
        speed = (overall - first_bytes) / (now - first_time) if now > first_time else 0.0
        self.progress.setValue(int(1000 * overall / self._total) if self._total else 0)
        self.texts.set(self.state, lambda: self.tr("{done} of {total} · {speed}/s · {file}").format(
            done=human_size(overall), total=human_size(self._total), speed=human_size(speed), file=name))  # fmt: skip

    def _finished(self, outcome: DownloadOutcome) -> None:
        self.job = None
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)
        if outcome.state == "done":
            self.downloaded = True
            self.progress.setValue(1000)
            self.texts.set(self.download_button, lambda: self.tr("Download"))
            self.check_again()
            self.texts.set(self.skip_button, lambda: self.tr("Start using album"))
            return
        if outcome.state == "cancelled":
            self.texts.set(self.state, lambda: self.tr(
                "Download stopped. What arrived is kept: Resume continues from there."))  # fmt: skip
            self.texts.set(self.download_button, lambda: self.tr("Resume"))
        else:
            self.texts.set(self.state, lambda: self.tr("The download failed: {message}").format(
                message=outcome.message))  # fmt: skip
            self.texts.set(self.download_button, lambda: self.tr("Try again"))
        for offer in self.catalogue.offers if self.catalogue else []:
            self.boxes[offer.name].setEnabled(not offer.installed)
        self._update_buttons()

    def done(self, result: int) -> None:
        """Closing stops a download (its bytes are kept for the next one)."""
        if self.job is not None:
            self.job.cancel()
        super().done(result)

