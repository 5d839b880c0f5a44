"""A modal dialog is destroyed on the GUI thread as soon as it has answered, even when a cycle holds it."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from album.core.records import Person
from album.gui.language_follower import LanguageFollower
from album.gui.modal import accepted, ask
from album.gui.people_view import confirm_merge


class CycleDialog(QDialog):
    """What made naming a person crash: a dialog its language follower holds in a reference cycle (the
    follower keeps a bound method of the dialog), with a timer of its own running."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        LanguageFollower(self, self.retranslate)
        self.ticks = QTimer(self, interval=5)
        self.ticks.start()

    def retranslate(self) -> None:
        self.setWindowTitle("Cycle")


def destroyed_in(dialog: QDialog, threads: list[threading.Thread]) -> None:
    """Note which thread destroys ``dialog`` (without a reference to it that would keep it alive)."""
    dialog.destroyed.connect(lambda: threads.append(threading.current_thread()))


def answer_with(qtbot, act) -> None:  # type: ignore[no-untyped-def]
    """Answer the modal dialog about to open, as a user would, once it shows."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        act(dialog)

    QTimer.singleShot(30, answer)


def collect_in_a_worker() -> None:
    """What a worker's allocation may start at any time: a collection in a thread that is not the GUI's."""
    collector = threading.Thread(target=gc.collect)
    collector.start()
    collector.join()


def test_a_dialog_in_a_reference_cycle_is_destroyed_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Without :func:`ask`, ``exec()`` leaves the dialog to the garbage collector, which destroys it in the
    collecting thread (here a worker) while its timer still runs; with it the GUI thread destroys it at once."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    threads: list[threading.Thread] = []
    for answered in (True, False):
        dialog = CycleDialog(parent)
        destroyed_in(dialog, threads)
        answer_with(qtbot, QDialog.accept if answered else QDialog.reject)
        assert ask(dialog, accepted) is answered
        del dialog
        collect_in_a_worker()
        qtbot.wait(30)  # (a timer of a dialog destroyed in that thread would fire on freed memory here)
    assert threads == [threading.main_thread()] * 2
    assert parent.findChildren(CycleDialog) == []


def test_the_merge_question_reads_its_answer_then_is_gone(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The merge question, a QMessageBox, answered with its Merge button and with Cancel: the answer is read
    before the box is destroyed, and nothing of it is left."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    nicole, other = (Person(f"p{i}", name, 3, 2, False, False, None) for i, name in enumerate(("Nicole", None)))

    def button(role: QMessageBox.ButtonRole):  # type: ignore[no-untyped-def]
        return lambda box: next(b for b in box.buttons() if box.buttonRole(b) == role).click()

    for role, merged in ((QMessageBox.ButtonRole.AcceptRole, True), (QMessageBox.ButtonRole.RejectRole, False)):
        answer_with(qtbot, button(role))
        assert confirm_merge(parent, nicole, [other]) is merged
        assert parent.findChildren(QMessageBox) == []
