"""The one worker shape: a job's failure is logged with its traceback, a cancelled job's way out is not."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from album.gui.workers import Job


class Stopped(Exception):
    """What a core function raises when it sees its cancel event (``explore.Cancelled``, ``DownloadCancelled``)."""


def run(qtbot, cancel_first: bool) -> list[str]:  # type: ignore[no-untyped-def]
    started = threading.Event()

    def fn(_progress: Any, cancel: threading.Event) -> None:
        started.set()
        cancel.wait(5 if cancel_first else 0)
        raise Stopped("stopped") if cancel.is_set() else RuntimeError("disk on fire")

    job = Job(fn)
    messages: list[str] = []
    job.failed.connect(messages.append)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        job.start()
        assert started.wait(5)
        if cancel_first:
            job.cancel()
    job.wait()
    return messages


@pytest.mark.parametrize("cancel_first", [False, True])
def test_only_a_real_failure_is_logged_as_an_error(qtbot, caplog, cancel_first: bool) -> None:  # type: ignore[no-untyped-def]
    """Quitting while the Explore map was being laid out wrote "background job failed" and a traceback."""
    with caplog.at_level(logging.DEBUG, logger="album.gui.workers"):
        messages = run(qtbot, cancel_first)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert messages == (["stopped"] if cancel_first else ["disk on fire"])  # the job's own slots still hear of it
    assert len(errors) == (0 if cancel_first else 1)
