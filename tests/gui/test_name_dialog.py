"""The name dialog is gone, on the GUI thread, once it has answered."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from album.gui.name_dialog import NameDialog, ask_person_name


def test_an_answered_name_dialog_is_deleted_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Naming a person crashed the window about one time in three: the answered dialog was left to Python's
    garbage collector, which freed it from a worker thread; Qt then fired a timer of the destroyed dialog."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NameDialog)
        qtbot.keyClicks(dialog.edit, "Nicole")  # the completer's popup opens (timers of its own)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    for _ in range(2):
        QTimer.singleShot(50, answer)
        assert ask_person_name(parent, "Name Person", "", ["Nicole Kidman", "Hugo"]) == "Nicole"
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert parent.findChildren(NameDialog) == []  # deleted now, here: nothing left for the collector
        collector = threading.Thread(target=gc.collect)  # what a worker's allocation may start at any time
        collector.start()
        collector.join()
        qtbot.wait(50)  # (a timer of a dialog destroyed in that thread would fire on freed memory here)
