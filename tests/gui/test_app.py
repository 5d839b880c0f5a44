"""The app's process set-up: failures on any thread reach the crash log."""

from __future__ import annotations

import sys
import threading

from album.core.library import Paths


def test_an_exception_on_a_background_thread_reaches_the_crash_log(paths: Paths) -> None:
    from album.gui.app import install_crash_handler

    saved, saved_sys = threading.excepthook, sys.excepthook
    try:
        install_crash_handler(paths, show_dialog=False)

        def fail() -> None:
            raise RuntimeError("boom in a worker")

        worker = threading.Thread(target=fail, name="album-test-worker")
        worker.start()
        worker.join()
    finally:
        threading.excepthook, sys.excepthook = saved, saved_sys
    crash_log = (paths.log_dir / "crash.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom in a worker" in crash_log
