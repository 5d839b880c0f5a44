"""Watching the library folders: a photo added, changed or deleted shows in the grid without the user asking.

QFileSystemWatcher rather than watchdog: it is already here (Qt), needs no thread of its own, and uses
each system's own notification (inotify on Linux, FSEvents/kqueue on macOS, ReadDirectoryChangesW on
Windows); watchdog would add a dependency for the same events. It watches directories, not trees, so
every subfolder is added (listed in a worker, as a big tree takes a while) and a new subfolder is
picked up on the next listing. Changes are debounced — a camera import or a copy of 500 files is one
re-index, started after the folder has been quiet for :data:`DEBOUNCE_MS` — and the re-index is the
ordinary incremental one (unchanged photos cost a ``stat``), run by the controller's indexing worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 1500
MAX_FOLDERS = 20_000  # inotify's per-user limit is often 8,192–65,536 watches: leave room for other programs


def folder_tree(roots: Iterable[str]) -> list[str]:
    """Every folder under ``roots`` (hidden ones left out, as the indexer skips them), roots first."""
    found: list[str] = []
    for root in roots:
        if not os.path.isdir(root):
            continue
        for folder, subfolders, _files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            found.append(folder)
            if len(found) >= MAX_FOLDERS:
                return found
    return found


class FolderWatcher(QObject):
    """Tells which library folders changed, once they have been quiet for ``debounce_ms``.

    Signals:
        changed(list): the library folders (roots) in which something was added, changed or removed.
    """

    changed = Signal(list)

    def __init__(self, debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._touched)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._settled)
        self.roots: list[str] = []
        self._touched_roots: set[str] = set()

    def watch(self, roots: list[str], folders: list[str]) -> None:
        """Watch exactly ``folders`` (from :func:`folder_tree` of ``roots``)."""
        self.roots = list(roots)
        current = set(self._watcher.directories())
        wanted = set(folders)
        if stale := sorted(current - wanted):
            self._watcher.removePaths(stale)
        if new := sorted(wanted - current):
            self._watcher.addPaths(new)

    @property
    def folders(self) -> list[str]:
        return list(self._watcher.directories())

    def stop(self) -> None:
        self._timer.stop()
        if folders := self._watcher.directories():
            self._watcher.removePaths(folders)

    def _touched(self, folder: str) -> None:
        for root in self.roots:
            if folder == root or folder.startswith(root.rstrip(os.sep) + os.sep):
                self._touched_roots.add(root)
        self._timer.start()  # restarted by every change: fires once things are quiet

    def _settled(self) -> None:
        roots, self._touched_roots = sorted(self._touched_roots), set()
        if roots:
            self.changed.emit(roots)
