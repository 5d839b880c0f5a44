"""Settings: library folders, models (which, where, download, licences), thresholds and language.

The dialog edits a copy of :class:`~album.core.config.Settings`; the controller applies the result
(saving it, forgetting removed folders and re-opening the library in the background), so nothing
slow runs here except model downloads, which run in the controller's workers.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from album.core.library import ModelStatus, Paths, Settings
from album.gui.language_follower import LanguageFollower
from album.gui.styles import set_failed
from album.gui.texts import model_note, pictures_folder
from album.gui.workers import Job

LANGUAGES = (("", QT_TRANSLATE_NOOP("SettingsDialog", "System language")), ("en", "English"), ("zh_CN", "中文（简体）"))
"""Each language named in itself (a user who cannot read the current language still finds theirs)."""
THEMES = (("system", QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system")),
          ("light", QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
          ("dark", QT_TRANSLATE_NOOP("SettingsDialog", "Dark")))  # fmt: skip

Download = Callable[[str, str | None], Job | None]
"""``download(kind, name)``: fetch a model in a worker whose progress is ``(file, done, total)``."""


class SettingsDialog(QDialog):
    """Edit the user's settings; ``result_settings`` holds the accepted values.

    Args:
        models: the models and whether they are installed (``Library.models``).
        download: starts a model download (``LibraryController.download_model``).
    """

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        models: Callable[[], list[ModelStatus]],
        download: Download,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.resize(680, 460)
        self.paths = paths
        self.result_settings = copy.deepcopy(settings)
        self._models = models
        self._download_model = download
        self.tabs = self._tabs()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        LanguageFollower(self, self.retranslate)

    def _tabs(self) -> QTabWidget:
        """The tabs, showing ``result_settings``, in the current language."""
        self.setWindowTitle(self.tr("Settings"))
        tabs = QTabWidget()
        tabs.addTab(self._library_tab(), self.tr("Library"))
        tabs.addTab(self._models_tab(), self.tr("Models"))
        tabs.addTab(self._search_tab(), self.tr("Search && people"))
        tabs.addTab(self._language_tab(), self.tr("Appearance"))
        return tabs

    def retranslate(self) -> None:
        """After a language switch: the tabs again in the new language, with the user's edits so far and
        on the same tab (built afresh: their texts are many, and some are made from the models' states)."""
        self._collect()
        current = self.tabs.currentIndex()
        fresh = self._tabs()
        fresh.setCurrentIndex(current)
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(self.tabs, fresh)
        self.tabs.deleteLater()
        self.tabs = fresh

    # -- tabs -----------------------------------------------------------------------------------------
    def _library_tab(self) -> QWidget:
        page = QWidget()
        self.folders = QListWidget()
        self.folders.addItems(self.result_settings.library_folders)
        self.folders.setAccessibleName(self.tr("Library folders"))
        add = QPushButton(self.tr("Add Folder…"))
        add.clicked.connect(self._add_folder)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_folders)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        note = QLabel(self.tr("album watches these folders and never changes them. Removing a folder takes its "
                              "photos out of album; the files stay where they are."))  # fmt: skip
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.folders)
        layout.addLayout(buttons)
        layout.addWidget(note)
        return page

    def _models_tab(self) -> QWidget:
        page = QWidget()
        self.clip_choice = QComboBox()
        for status in self._models():
            if status.kind == "clip":
                self.clip_choice.addItem(status.name, status)
        index = self.clip_choice.findText(self.result_settings.clip_model)
        self.clip_choice.setCurrentIndex(max(index, 0))
        self.clip_choice.currentIndexChanged.connect(self._show_clip_status)
        self.clip_status = QLabel()
        self.clip_status.setWordWrap(True)
        self.face_status = QLabel()
        self.face_status.setWordWrap(True)
        self.download_clip = QPushButton(self.tr("Download"))
        self.download_clip.clicked.connect(self._download_clip)
        self.download_faces = QPushButton(self.tr("Download"))
        self.download_faces.clicked.connect(self._download_faces)
        open_folder = QPushButton(self.tr("Open Models Folder"))
        open_folder.clicked.connect(self._open_models_folder)
        self.allow_downloads = QCheckBox(self.tr("Download missing models when they are first needed"))
        self.allow_downloads.setChecked(self.result_settings.allow_downloads)
        self.download_progress = QProgressBar()
        self.download_progress.hide()
        clip_row = QHBoxLayout()
        clip_row.addWidget(self.clip_choice, 1)
        clip_row.addWidget(self.download_clip)
        face_row = QHBoxLayout()  # the status on a row of its own: a wrapped label beside a button gets clipped
        face_row.addWidget(self.download_faces)
        face_row.addStretch(1)
        form = QFormLayout(page)
        form.addRow(self.tr("Semantic search:"), clip_row)
        form.addRow("", self.clip_status)
        form.addRow(self.tr("Faces:"), self.face_status)
        form.addRow("", face_row)
        form.addRow("", self.allow_downloads)
        form.addRow("", self.download_progress)
        form.addRow("", open_folder)
        self._show_clip_status()
        self._show_face_status()
        return page

    def _search_tab(self) -> QWidget:
        page = QWidget()
        self.tag_probability = QDoubleSpinBox(decimals=2, minimum=0.05, maximum=0.95, singleStep=0.05)
        self.tag_probability.setValue(self.result_settings.min_tag_probability)
        self.tag_probability.setToolTip(self.tr("Higher: fewer automatic tags, more of them right."))
        self.face_distance = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=1.5, singleStep=0.05)
        self.face_distance.setSpecialValueText(self.tr("the face model's own"))
        self.face_distance.setValue(self.result_settings.face_distance)
        self.face_distance.setToolTip(self.tr("Lower: people are split more readily; higher: merged more readily."))
        form = QFormLayout(page)
        form.addRow(self.tr("Automatic tags from probability:"), self.tag_probability)
        form.addRow(self.tr("Same person up to face distance:"), self.face_distance)
        note = QLabel(self.tr("Changes apply to photos indexed from now on; faces are regrouped after the next "
                              "import."))  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _language_tab(self) -> QWidget:
        page = QWidget()
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(QCoreApplication.translate("SettingsDialog", str(name)), code)
        self.language.setCurrentIndex(max(self.language.findData(self.result_settings.language), 0))
        self.theme = QComboBox()
        for code, name in THEMES:
            self.theme.addItem(QCoreApplication.translate("SettingsDialog", str(name)), code)
        self.theme.setCurrentIndex(max(self.theme.findData(self.result_settings.theme), 0))
        self.slideshow_seconds = QDoubleSpinBox(decimals=1, minimum=1.0, maximum=60.0, singleStep=0.5, suffix=" s")
        self.slideshow_seconds.setValue(self.result_settings.slideshow_seconds)
        form = QFormLayout(page)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow(self.tr("Slideshow, each photo for:"), self.slideshow_seconds)
        form.addRow(QLabel(self.tr("The new language and theme apply as soon as you press OK.")))
        self.online_map = QCheckBox(self.tr("Detailed map from OpenStreetMap on the Places page (online)"))
        self.online_map.setToolTip(self.tr("The part of the world the map shows is sent to openstreetmap.org; tiles "
                                           "are kept in album's cache. Off: the map uses no network."))  # fmt: skip
        self.online_map.setChecked(self.result_settings.online_map)
        form.addRow(self.online_map)
        return page

    # -- models ---------------------------------------------------------------------------------------
    def _show_clip_status(self) -> None:
        status: ModelStatus | None = self.clip_choice.currentData()
        if status is None:
            return
        self.clip_status.setText(self._describe(status))
        set_failed(self.clip_status, bool(status.failure))
        self.download_clip.setVisible(not status.installed)

    def _refresh_clip_statuses(self) -> None:
        """After a download: the same choices, with what is installed now."""
        fresh = {s.name: s for s in self._models() if s.kind == "clip"}
        for i in range(self.clip_choice.count()):
            status = fresh.get(self.clip_choice.itemText(i))
            if status is not None:
                self.clip_choice.setItemData(i, status)
        self._show_clip_status()

    def _show_face_status(self) -> None:
        status = next((s for s in self._models() if s.kind == "faces"), None)
        if status is None:
            return
        self.face_status.setText(self._describe(status, with_name=True))
        set_failed(self.face_status, bool(status.failure))
        self.download_faces.setVisible(not status.installed)

    def _describe(self, status: ModelStatus, with_name: bool = False) -> str:
        """What the models tab says about a model; one that failed says why, in place of "installed"."""
        if status.failure:
            state = self.tr("installed, but it failed: {failure}").format(failure=status.failure)
        else:
            state = self.tr("installed") if status.installed else self.tr("not downloaded yet")
        name = f"{status.name}: " if with_name else ""
        text = self.tr("{name}{state} — {note}\nFolder: {folder}\nLicence: {licence}")
        note, licence = model_note(status.note), model_note(status.licence)  # the core's English, translated
        return text.format(name=name, state=state, note=note, folder=status.folder, licence=licence)

    def _download_clip(self) -> None:
        self._download("clip", self.clip_choice.currentText())

    def _download_faces(self) -> None:
        """The face models' licence is asked first, as in the welcome dialog: nothing comes unless agreed."""
        question = self.tr("The face models (insightface buffalo_l) are licensed for non-commercial research "
                           "use only. Download them for private, non-commercial use?")  # fmt: skip
        if self.ask_licence(question):
            self._download("faces", None)

    def ask_licence(self, question: str) -> bool:
        """Yes or no from the user (tests replace this)."""
        answer = QMessageBox.question(self, self.tr("Face models licence"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _download(self, kind: str, name: str | None) -> None:
        job = self._download_model(kind, name)
        if job is None:
            return
        self.download_clip.setEnabled(False)
        self.download_faces.setEnabled(False)
        self.download_progress.setRange(0, 0)
        self.download_progress.show()
        job.progress.connect(self._download_progressed)
        job.finished.connect(self._downloaded)
        job.failed.connect(self._downloaded)

    def _download_progressed(self, value: tuple[str, int, int]) -> None:
        name, done, total = value
        self.download_progress.setRange(0, max(total, 1))
        self.download_progress.setValue(done)
        self.download_progress.setFormat(f"{name}: {done / 1e6:.0f} / {total / 1e6:.0f} MB")

    def _downloaded(self, error: str) -> None:
        self.download_progress.hide()
        self.download_clip.setEnabled(True)
        self.download_faces.setEnabled(True)
        self._refresh_clip_statuses()
        self._show_face_status()
        if error:
            failed = self.tr("Download failed: {error}").format(error=error)
            self.clip_status.setText(f"{self.clip_status.text()}\n{failed}")

    def _open_models_folder(self) -> None:
        self.paths.models_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.models_dir)))

    # -- result ---------------------------------------------------------------------------------------
    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of photos"), pictures_folder())
        if folder and not self.folders.findItems(folder, Qt.MatchFlag.MatchExactly):
            self.folders.addItem(folder)

    def _remove_folders(self) -> None:
        for item in self.folders.selectedItems():
            self.folders.takeItem(self.folders.row(item))

    def accept(self) -> None:
        self._collect()
        super().accept()

    def _collect(self) -> None:
        """What the tabs show, into ``result_settings``."""
        chosen = self.result_settings
        chosen.library_folders = [self.folders.item(i).text() for i in range(self.folders.count())]
        chosen.clip_model = self.clip_choice.currentText() or chosen.clip_model
        chosen.allow_downloads = self.allow_downloads.isChecked()
        chosen.min_tag_probability = round(self.tag_probability.value(), 2)
        chosen.face_distance = round(self.face_distance.value(), 2)
        chosen.language = self.language.currentData()
        chosen.theme = self.theme.currentData()
        chosen.slideshow_seconds = round(self.slideshow_seconds.value(), 1)
        chosen.online_map = self.online_map.isChecked()
