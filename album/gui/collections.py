"""Favourites, stars and albums in the window: the actions that mark the selected photos (and the tiles'
hearts), the Albums page's work (rename, delete), an album's own order, cover and photos (drag to reorder,
Make Key Photo, Remove from Album), the albums in the sidebar that photos are dragged onto, and exports in
a worker with progress and cancel.

The window lays out; this object owns the collection work (through the :class:`LibraryController`'s
jobs, so nothing here blocks the GUI thread) and keeps its action texts in the UI's language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QImage, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QProgressDialog, QWidget

from album.core.library import ExportReport, Library, Query
from album.core.records import Album, Photo
from album.gui.albums_view import AlbumsView, ExportDialog
from album.gui.controller import LibraryController
from album.gui.icons import icon
from album.gui.modal import accepted, ask
from album.gui.photo_grid import PHOTO_IDS_MIME, HitRole, PhotoGrid
from album.gui.search_bar import SearchBar, label
from album.gui.sidebar import Sidebar
from album.gui.workers import Job


class Collections(QObject):
    """The collection actions of one window.

    Args:
        window: the main window (actions live on it, so the keys work wherever its focus is).
        controller: runs the library work.
        grid: whose selection the actions mark.
        search_bar: where an opened album shows as a chip.
        sidebar: lists the albums (photos dragged onto one are added to it).
        show_photos: brings the photos page to the front.
        say: shows a short status message.

    Signals:
        albums_loaded(list): the albums, after a load or an edit.
        exported(ExportReport): an export ended (finished or cancelled).
    """

    albums_loaded = Signal(list)
    exported = Signal(object)

    def __init__(
        self,
        window: QWidget,
        controller: LibraryController,
        grid: PhotoGrid,
        search_bar: SearchBar,
        sidebar: Sidebar,
        show_photos: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window, self.controller, self.grid, self.search_bar = window, controller, grid, search_bar
        self.sidebar = sidebar
        self.show_photos, self.say = show_photos, say
        self.view = AlbumsView()
        self.albums: list[Album] = []
        self.export_job: Job | None = None
        self.export_dialog: QProgressDialog | None = None
        self._hearts: dict[str, bool] = {}  # the favourite marks made in this window, by photo id
        self._viewer: tuple[QWidget, Callable[[], Photo]] | None = None
        self._reselect: list[tuple[int, str]] = []  # (row, photo id) to select again in refreshed results
        controller.results.connect(self._results_shown)
        controller.opened.connect(lambda _library: controller.after_first_answer(self.refresh))  # the sidebar's albums
        grid.heart_clicked.connect(lambda row: self.toggle_favourite([grid.model().index(row, 0).data(HitRole).photo]))
        grid.reordered.connect(self.move_photos)
        sidebar.accept_drops(self._takes_drop)
        sidebar.dropped.connect(self._dropped)
        sidebar.current_changed.connect(self._sidebar_album)
        self.view.rename_album.connect(lambda album: self.rename_album(album))
        self.view.delete_album.connect(lambda album: self.delete_album(album))
        self.view.open_album.connect(self.open_album)
        self.view.new_album.connect(lambda: self.new_album([]))
        self.view.new_smart_album.connect(self.new_smart_album)
        self.view.export_album.connect(self.export_album)
        self._actions()
        self.retranslate()

    # -- actions ------------------------------------------------------------------------------------
    def _actions(self) -> None:
        def add(text_icon: str, shortcuts: Sequence[str], slot: Callable[[], object], owner: QWidget) -> QAction:
            action = QAction(icon(text_icon) if text_icon else QIcon(), "", self.window)
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            contexts = Qt.ShortcutContext
            action.setShortcutContext(
                contexts.WindowShortcut if owner is self.window else contexts.WidgetWithChildrenShortcut
            )
            action.triggered.connect(slot)
            owner.addAction(action)
            return action

        self.favourite_action = add("heart", [".", "F"], lambda: self.toggle_favourite(), self.window)
        self.rating_menu = QMenu()

        def rater(stars: int) -> Callable[[], None]:
            return lambda: self.rate(stars)

        # The digits are the grid's: in the viewer page of the same window, 0 and 1 zoom.
        self.star_actions = [add("star" if n else "", [str(n)], rater(n), self.grid) for n in range(6)]
        self.rating_menu.addActions(self.star_actions)
        self.rating_action = QAction(icon("star"), "", self.window)
        self.rating_action.setMenu(self.rating_menu)
        self.album_menu = QMenu()
        self.album_menu.aboutToShow.connect(self._fill_album_menu)
        self.album_action = QAction(icon("book-image"), "", self.window)
        self.album_action.setMenu(self.album_menu)
        self.export_action = QAction(icon("download"), "", self.window)
        self.export_action.triggered.connect(lambda: self.export(self.selected()))
        self.cover_action = QAction(icon("image"), "", self.window)
        self.cover_action.triggered.connect(self.make_key_photo)
        self.remove_action = QAction(icon("minus"), "", self.window)
        self.remove_action.triggered.connect(self.remove_from_album)
        for action in (self.favourite_action, self.rating_action, self.album_action, self.export_action,
                       self.cover_action, self.remove_action):  # fmt: skip
            self.grid.addAction(action)  # the grid's context menu shows its actions
        self._show_album_actions(None)

    def retranslate(self) -> None:
        self.view.retranslate()
        self.favourite_action.setText(self.tr("Favourite"))
        self.rating_action.setText(self.tr("Rating"))
        self.star_actions[0].setText(self.tr("No Stars"))
        for n, action in enumerate(self.star_actions[1:], start=1):
            action.setText(self.tr("%n Star(s)", "", n))
        self.album_action.setText(self.tr("Add to Album"))
        self.export_action.setText(self.tr("Export…"))
        self.cover_action.setText(self.tr("Make Key Photo"))
        self.remove_action.setText(self.tr("Remove from Album"))
        self._list_in_sidebar()

    def _fill_album_menu(self) -> None:
        self.album_menu.clear()
        for album in self.albums:
            if not album.smart:
                action = self.album_menu.addAction(album.name)
                action.triggered.connect(lambda _c=False, a=album: self.add_to_album(a, self.selected()))
        if not self.album_menu.isEmpty():
            self.album_menu.addSeparator()
        new = self.album_menu.addAction(icon("plus"), self.tr("New Album…"))
        new.triggered.connect(lambda: self.new_album(self.selected()))

    def attach_viewer(self, viewer: QWidget, current: Callable[[], Photo]) -> None:
        """Let the heart's keys (. and F) work in the viewer, on the photo it shows. Its 0 and 1 zoom, so the
        stars stay the grid's."""
        viewer.addAction(self.favourite_action)
        self._viewer = (viewer, current)

    def _in_viewer(self) -> Photo | None:
        if self._viewer is not None and self._viewer[0].isVisible() and self._viewer[0].isActiveWindow():
            return self._viewer[1]()
        return None

    def _all_favourites(self, photos: Sequence[Photo]) -> bool:
        """Whether all these photos are favourites now: records shown before a mark (a viewer's, a grid not
        refreshed yet) do not know it, so this window's own marks count first."""
        return all(self._hearts.get(p.id, p.favourite) for p in photos)

    def selected(self) -> list[Photo]:
        """The photos the actions work on: the photo a viewer shows, or the grid's selection or current photo."""
        shown = self._in_viewer()
        if shown is not None:
            return [shown]
        return [i.data(HitRole).photo for i in self._selected_indexes()]

    def _selected_indexes(self) -> list[Any]:
        indexes = sorted(self.grid.selectionModel().selectedIndexes(), key=lambda i: i.row())
        if not indexes and self.grid.currentIndex().isValid():
            indexes = [self.grid.currentIndex()]
        return indexes

    # -- marking --------------------------------------------------------------------------------------
    def _change(self, change: Callable[[Library], object], said: str, albums: bool = False) -> None:
        """Run an edit in a worker, then show it: the results again (hearts, stars) and the albums."""
        library = self.controller.library
        if library is None:
            return

        def done(_result: object) -> None:
            self.say(said)
            if not albums or self.controller.query.albums:
                self._reselect = [(i.row(), i.data(HitRole).photo.id) for i in self._selected_indexes()]
                self.controller.refresh_results()
            if albums:
                self.refresh()

        self.controller.run(lambda _p, _c: change(library), done)

    def _results_shown(self, _result: object) -> None:
        """Show the marks and album actions the results call for, and select again what was selected before
        a mark refreshed the results (once the grid shows them)."""
        self.grid.show_stars = self.controller.query.rating_min is not None
        album = self.shown_album()
        self.grid.set_reorderable(album is not None)
        self._show_album_actions(album)
        if self._reselect:
            QTimer.singleShot(0, self._select_again)

    def _select_again(self) -> None:
        """Rows still showing the photo they showed are selected again (reading only those rows: building
        every row's record of a 100k-photo grid would take seconds)."""
        wanted = self._reselect
        if self.controller.search_job is None:  # else a newer answer is on its way: select again in it too
            self._reselect = []
        model, selection = self.grid.model(), self.grid.selectionModel()
        rows = [row for row, photo_id in wanted
                if row < model.rowCount() and model.index(row, 0).data(HitRole).photo.id == photo_id]  # fmt: skip
        for row in rows:
            selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
        if rows:
            selection.setCurrentIndex(model.index(rows[-1], 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def toggle_favourite(self, photos: Sequence[Photo] | None = None) -> None:
        """Mark the selected photos (or ``photos``: a tile's heart) as favourites; if all of them already
        are, unmark them."""
        photos = self.selected() if photos is None else photos
        if not photos or not (self.grid.isVisible() or self._in_viewer()):
            return
        marked = self._all_favourites(photos)
        ids = [p.id for p in photos]
        self._hearts.update(dict.fromkeys(ids, not marked))
        said = self.tr("Removed %Ln photo(s) from favourites", "", len(ids)) if marked else \
            self.tr("Added %Ln photo(s) to favourites", "", len(ids))  # fmt: skip
        self._change(lambda library: library.set_favourite(ids, not marked), said)

    def rate(self, stars: int) -> None:
        photos = self.selected() if self.grid.isVisible() else []
        if photos:
            ids = [p.id for p in photos]
            said = self.tr("Rated %Ln photo(s)", "", len(ids))
            self._change(lambda library: library.rate(ids, stars), said)

    # -- albums ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the albums with their covers (in a worker: a smart album runs its search)."""
        library = self.controller.library
        if library is None:
            return

        def load(_p: Any, _c: Any) -> tuple[list[Album], dict[str, QImage]]:
            albums = library.albums()
            covers = {a.id: QImage(str(library.thumbnail(a.cover))) for a in albums if a.cover is not None}
            return albums, covers

        self.controller.run(load, self._loaded)

    def _loaded(self, loaded: tuple[list[Album], dict[str, QImage]]) -> None:
        self.albums, covers = loaded
        self.view.show_albums(self.albums, covers)
        self._list_in_sidebar()
        self._show_album_actions(self.shown_album())
        self.albums_loaded.emit(self.albums)

    def _list_in_sidebar(self) -> None:
        """The albums as sidebar entries under My Albums (keys ``album:<id>``), in name order; no section
        while there are none."""
        entries = [(f"album:{a.id}", "sparkles" if a.smart else "book-image", a.name,
                    None if a.smart else a.photo_count) for a in self.albums]  # fmt: skip
        self.sidebar.set_entries("albums", self.tr("My Albums"), entries)

    def _album(self, key: str) -> Album | None:
        return next((a for a in self.albums if key == f"album:{a.id}"), None)

    def _sidebar_album(self, key: str) -> None:
        album = self._album(key)
        if album is not None:
            self.open_album(album, show=False)  # the window shows the photos page for an album's entry

    def _takes_drop(self, key: str, data: QMimeData) -> bool:
        album = self._album(key)
        return album is not None and not album.smart and data.hasFormat(PHOTO_IDS_MIME)

    def _dropped(self, key: str, data: QMimeData) -> None:
        """Photos dragged from the grid onto an album in the sidebar: added to it."""
        album = self._album(key)
        ids = [i for i in bytes(data.data(PHOTO_IDS_MIME).data()).decode().split("\n") if i]
        if album is not None and ids:
            said = self.tr("Added %Ln photo(s) to “{name}”", "", len(ids)).format(name=album.name)
            self._change(lambda library: library.add_to_album(album.id, ids), said, albums=True)

    def shown_album(self) -> Album | None:
        """The manual album the grid shows in its own order (the search is that album and nothing else)."""
        query = self.controller.query
        if len(query.albums) != 1 or dataclasses.replace(query, albums=(), album_ids=()) != Query():
            return None
        name = query.albums[0].casefold()
        return next((a for a in self.albums if a.name.casefold() == name and not a.smart), None)

    def _show_album_actions(self, album: Album | None) -> None:
        for action in (self.cover_action, self.remove_action):
            action.setVisible(album is not None)

    def rename_album(self, album: Album, ask: Callable[[str], str | None] | None = None) -> None:
        """Ask for a new name (``ask`` replaces the dialog in tests) and rename the album."""
        name = (ask or (lambda title: self._ask_name(title, album.name)))(self.tr("Rename Album"))
        if name is None or name == album.name or (name.casefold() != album.name.casefold() and self._taken(name)):
            return
        said = self.tr("Renamed the album to “{name}”").format(name=name)
        self._change(lambda library: library.rename_album(album.id, name), said, albums=True)

    def delete_album(self, album: Album, confirm: Callable[[str], bool] | None = None) -> None:
        """Delete the album after asking (``confirm`` replaces the dialog in tests); its photos stay."""
        question = self.tr("Delete the album “{name}”? Its photos stay in your library.").format(name=album.name)
        ask = confirm or (lambda text: QMessageBox.question(self.window, self.tr("Delete Album"), text)
                          == QMessageBox.StandardButton.Yes)  # fmt: skip
        if ask(question):
            said = self.tr("Deleted the album “{name}”").format(name=album.name)
            self._change(lambda library: library.delete_album(album.id), said, albums=True)

    def make_key_photo(self) -> None:
        """The current photo becomes the shown album's cover."""
        album, photos = self.shown_album(), self.selected()
        if album is not None and photos:
            photo_id = photos[-1].id if not self.grid.currentIndex().isValid() else \
                self.grid.currentIndex().data(HitRole).photo.id  # fmt: skip
            said = self.tr("Made the key photo of “{name}”").format(name=album.name)
            self._change(lambda library: library.set_album_cover(album.id, photo_id), said, albums=True)

    def remove_from_album(self) -> None:
        """Take the selected photos out of the shown album (they stay in the library)."""
        album, photos = self.shown_album(), self.selected()
        if album is not None and photos:
            ids = [p.id for p in photos]
            said = self.tr("Removed %Ln photo(s) from “{name}”", "", len(ids)).format(name=album.name)
            self._change(lambda library: library.remove_from_album(album.id, ids), said, albums=True)

    def move_photos(self, ids: list[str], before: int) -> None:
        """Photos dropped before row ``before`` of the shown album: the album's order changes so."""
        album = self.shown_album()
        if album is None or not ids:
            return
        order = [self.grid.model().index(r, 0).data(HitRole).photo.id for r in range(self.grid.model().rowCount())]
        moved = set(ids)
        head = [i for i in order[:before] if i not in moved]
        tail = [i for i in order[before:] if i not in moved]
        new_order = [*head, *[i for i in order if i in moved], *tail]
        if new_order != order:
            said = self.tr("Changed the order of “{name}”").format(name=album.name)
            self._change(lambda library: library.reorder_album(album.id, new_order), said, albums=True)

    def _ask_name(self, title: str, current: str = "") -> str | None:
        name, ok = QInputDialog.getText(self.window, title, self.tr("Album name:"), QLineEdit.EchoMode.Normal,
                                        current)  # fmt: skip
        return name.strip() if ok and name.strip() else None

    def _taken(self, name: str) -> bool:
        if any(a.name.casefold() == name.casefold() for a in self.albums):
            QMessageBox.information(self.window, self.tr("Album"), self.tr("There is already an album called “{name}”.")
                                    .format(name=name))  # fmt: skip
            return True
        return False

    def new_album(self, photos: Sequence[Photo], ask: Callable[[str], str | None] | None = None) -> None:
        """Ask for a name and make a manual album (holding ``photos``); ``ask`` replaces the dialog (tests)."""
        name = (ask or self._ask_name)(self.tr("New Album"))
        if name is None or self._taken(name):
            return
        ids = [p.id for p in photos]

        def create(library: Library) -> None:
            album = library.create_album(name)
            library.add_to_album(album.id, ids)

        self._change(create, self.tr("Made the album “{name}”").format(name=name), albums=True)

    def new_smart_album(self) -> None:
        """Ask for a name and a search (the current one to start with) and save it as a smart album."""
        name = self._ask_name(self.tr("New Smart Album"))
        if name is None or self._taken(name):
            return
        current = self.controller.to_syntax(self.controller.query)
        text, ok = QInputDialog.getText(self.window, self.tr("New Smart Album"),
                                        self.tr("Photos that match this search:"), QLineEdit.EchoMode.Normal,
                                        current)  # fmt: skip
        if ok and text.strip():
            search = text.strip()
            self._change(lambda library: library.create_album(name, search),
                         self.tr("Made the album “{name}”").format(name=name), albums=True)  # fmt: skip

    def add_to_album(self, album: Album, photos: Sequence[Photo]) -> None:
        ids = [p.id for p in photos]
        if ids:
            said = self.tr("Added %Ln photo(s) to “{name}”", "", len(ids)).format(name=album.name)
            self._change(lambda library: library.add_to_album(album.id, ids), said, albums=True)

    def open_album(self, album: Album, show: bool = True) -> None:
        """Show the album's photos in the grid, with a chip naming it (``show``: bring the photos page to the
        front; an album's sidebar entry does that itself, staying current)."""
        self.search_bar.show_context("album", label("album", album.name))
        if show:
            self.show_photos()
        self.controller.search(Query(albums=(album.name,)))

    # -- export ---------------------------------------------------------------------------------------
    def export_album(self, album: Album) -> None:
        library = self.controller.library
        if library is not None:
            self.controller.run(lambda _p, _c: list(library.album_photos(album)), self.export)

    def export(self, photos: Sequence[Photo], show: Callable[[ExportDialog], object] | None = None) -> Job | None:
        """Ask where and how, then export ``photos`` in a worker with a progress dialog that can cancel.
        ``show`` replaces showing the dialog (tests fill it in and accept it)."""
        library = self.controller.library
        if library is None or not photos:
            return None
        chosen = ask(ExportDialog(len(photos), self.window),
                     lambda d: (d.options(), d.destination()) if accepted(d) else None, show)  # fmt: skip
        if chosen is None:
            return None
        (options, dest), items = chosen, list(photos)
        progress = QProgressDialog(self.tr("Exporting photos…"), self.tr("Cancel"), 0, len(items), self.window)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def run(report: Callable[[Any], None], cancel: Any) -> ExportReport:
            return library.export(items, dest, options, lambda done, total: report((done, total)), cancel)

        job = self.controller.run(run, lambda report: self._exported(report, dest), self._export_progress)
        progress.canceled.connect(job.cancel)
        self.export_job, self.export_dialog = job, progress
        return job

    def _export_progress(self, done_total: tuple[int, int]) -> None:
        if self.export_dialog is not None:
            self.export_dialog.setValue(done_total[0])

    def _exported(self, report: ExportReport, dest: Path) -> None:
        if self.export_dialog is not None:
            self.export_dialog.reset()
            self.export_dialog = None
        self.export_job = None
        written = len(report.written)
        said = self.tr("Export cancelled after %Ln photo(s)", "", written) if report.cancelled else \
            self.tr("Exported %Ln photo(s) to {folder}", "", written).format(folder=dest)  # fmt: skip
        if report.failed:
            said += " " + self.tr("(%Ln could not be read)", "", len(report.failed))
        self.say(said)
        self.exported.emit(report)
