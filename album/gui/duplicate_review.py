"""Duplicates and the Trash in the window: the review page's work, and the one Move to Trash dialog.

Finding the groups and reading their thumbnails runs in a worker (seconds on a big library); every
decision is written in a worker too. Moving files to the Trash is only ever the user's explicit choice,
after :class:`TrashDialog` said how many photos and how much space; the Delete key in the photo grid and
the review page's "Move Others to Trash…" both ask through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from album.core.library import Library
from album.core.records import DuplicateGroup, Photo, TrashReport
from album.gui.controller import LibraryController
from album.gui.duplicates_view import DuplicatesView
from album.gui.icons import icon
from album.gui.modal import ask
from album.gui.photo_grid import PhotoGrid
from album.gui.sidebar import Sidebar
from album.gui.workers import Job


class TrashDialog(QMessageBox):
    """"Move 12 photos (48 MB) to the Trash?": the only way to album's deleting anything."""

    def __init__(self, photos: Sequence[Photo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        count, size = len(photos), sum(p.size or 0 for p in photos)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Move to Trash"))
        self.setText(self.tr("Move %n photo(s) ({size}) to the Trash?", "", count)
                     .format(size=self.locale().formattedDataSize(size)))  # fmt: skip
        self.setInformativeText(self.tr("You can put them back from the Trash; album forgets them until then."))
        self.move_button = self.addButton(self.tr("Move to Trash"), QMessageBox.ButtonRole.DestructiveRole)
        self.setDefaultButton(self.addButton(QMessageBox.StandardButton.Cancel))

    def confirmed(self) -> bool:
        """Whether the user chose to move the photos (once the dialog has closed)."""
        return self.clickedButton() is self.move_button


class DuplicateReview(QObject):
    """The Duplicates page and the Move to Trash action of one window.

    Args:
        window: the main window (parent of the dialog).
        controller: runs the library work in its workers.
        grid: the photo grid, whose Delete key and context menu move the selection to the Trash.
        sidebar: where the Duplicates entry shows how many groups there are.
        selected: the photos the grid's action works on (the selection, or the current photo).
        say: shows a short status message.

    Signals:
        photos_changed(): photos were set aside, shown again or moved to the Trash (other views of the
            library, like the Explore map, are out of date).
    """

    photos_changed = Signal()

    def __init__(
        self,
        window: QWidget,
        controller: LibraryController,
        grid: PhotoGrid,
        sidebar: Sidebar,
        selected: Callable[[], list[Photo]],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window, self.controller, self.sidebar, self.selected, self.say = window, controller, sidebar, selected, say
        self.view = DuplicatesView()
        self.view.keep.connect(lambda group, keep_id: self._decide(lambda lib: lib.keep_duplicate(group, keep_id)))
        self.view.distinct.connect(lambda group: self._decide(lambda lib: lib.not_duplicates(group)))
        self.view.trash.connect(lambda group, keep_id: self.trash([p for p in group.photos if p.id != keep_id]))
        self.trash_action = QAction(icon("trash-2"), "", window)
        self.trash_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.trash_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.trash_action.triggered.connect(lambda: self.trash(self.selected()))
        grid.addAction(self.trash_action)  # the Delete key on the grid, and its context menu
        self._finding: Job | None = None  # the search for groups in flight
        self._again = False  # the library changed while it ran: search again when it ends
        self.stale = True  # photos came or went since the groups were found
        self.retranslate()

    def retranslate(self) -> None:
        self.sidebar.set_text("duplicates", self.tr("Duplicates"))
        self.view.setAccessibleName(self.tr("Duplicates"))
        self.trash_action.setText(self.tr("Move to Trash…"))

    def library_changed(self) -> None:
        """Photos came or went: the groups are found again when the page is next shown (at once if it is on
        screen). Not before: on a 100k-photo library finding them reads every vector (~4 s of CPU, ~400 MB),
        too much to pay on every start and after every import for a count in the sidebar."""
        self.stale = True
        if self.view.isVisible():
            self.refresh()

    def show_page(self) -> None:
        """The page is being shown: its groups, found again if the library changed since."""
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Find the groups again and show them (in a worker; one at a time)."""
        library = self.controller.library
        if library is None:
            return
        self.stale = False
        if self._finding is not None and self._finding in self.controller.jobs:  # (a failed one is forgotten)
            self._again = True
            return
        self._again = False
        self._finding = self.controller.run(
            lambda _p, _c: _groups_with_thumbnails(library, self.view.MAX_SHOWN), self._show
        )

    def _show(self, found: tuple[list[DuplicateGroup], dict[str, QImage]]) -> None:
        self._finding = None
        groups, images = found
        self.sidebar.set_count("duplicates", len(groups))
        self.view.show_groups(groups, images)
        if self._again:
            self.refresh()

    def _decide(self, decision: Callable[[Library], object]) -> None:
        """Write a review decision in a worker, then show the photos and the groups as they now are."""
        library = self.controller.library
        if library is not None:
            self.controller.run(lambda _p, _c: decision(library), lambda _r: self._changed())

    def _changed(self) -> None:
        self.controller.refresh_results()
        self.refresh()
        self.photos_changed.emit()

    def trash(self, photos: Sequence[Photo]) -> None:
        """Ask, then move ``photos`` to the system Trash in a worker, and say what happened."""
        library = self.controller.library
        if library is None or not photos or not ask(TrashDialog(photos, self.window), TrashDialog.confirmed):
            return
        chosen = list(photos)
        self.controller.run(lambda _p, _c: library.trash(chosen), self._trashed)

    def _trashed(self, report: TrashReport) -> None:
        text = self.tr("Moved %n photo(s) to the Trash.", "", len(report.trashed))
        if report.failed:
            path, why = report.failed[0]
            text += " " + self.tr("%n could not be moved: {path}: {why}", "", len(report.failed)).format(
                path=path, why=why)  # fmt: skip
        self.say(text)
        self._changed()


def _groups_with_thumbnails(library: Library, shown: int) -> tuple[list[DuplicateGroup], dict[str, QImage]]:
    """The library's groups and the thumbnails of the first ``shown`` groups' photos (QImage: off the GUI thread)."""
    groups = library.duplicates()
    images = {}
    for group in groups[:shown]:
        for photo in group.photos:
            images[photo.id] = QImage(str(library.thumbnail(photo)))
    return groups, images
