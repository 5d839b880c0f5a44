"""Asking the user through a modal dialog, and deleting the dialog on the GUI thread once it has answered.

PySide6's ``QDialog.exec()`` takes the dialog from its parent's keeping and hands it to Python (so a dialog
run once does not stay behind as a hidden child). A dialog that is part of a reference cycle — a language
follower, a lambda connected to its own signal — is then freed by the garbage collector whenever it next
runs, in whichever thread allocated then: a worker's. Qt then destroys the dialog outside the GUI thread
while its timers still fire, and the window crashes (naming a person, about one time in three, in the
person pass of issue 15). :func:`ask` deletes every dialog it ran at once, on the GUI thread, after reading
its answer — as C++ does with a dialog on the stack — so no dialog of album's is ever left to the collector.
(``deleteLater()`` is not enough: a worker's collection can still come first, between the answer and the
event loop's next turn, as when the answer starts a job. A dialog shown with ``open()`` stays its parent's.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog
from shiboken6 import Shiboken

DialogT = TypeVar("DialogT", bound=QDialog)
Answer = TypeVar("Answer")


def ask(
    dialog: DialogT, answer: Callable[[DialogT], Answer], show: Callable[[DialogT], object] | None = None
) -> Answer:
    """Run ``dialog`` modally and return ``answer(dialog)``, read once it has closed; the dialog is then
    deleted here, by the GUI thread, never by the garbage collector (its wrapper is invalid afterwards).

    ``show`` replaces ``dialog.exec()`` (tests fill the dialog in and call ``accept()`` without showing it).
    """
    try:
        if show is None:
            dialog.exec()
        else:
            show(dialog)
        return answer(dialog)
    finally:
        Shiboken.delete(dialog)


def accepted(dialog: QDialog) -> bool:
    """Whether the user closed ``dialog`` by accepting it (OK, Enter), for :func:`ask`'s ``answer``."""
    return dialog.result() == QDialog.DialogCode.Accepted
